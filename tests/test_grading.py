"""`judge grade` on a folder of mixed submissions: verdicts, exit code, four report formats that
agree with one another and with `judge run`, shards, and reports that survive an interrupt."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from junitparser import JUnitXml

from judge.catalog import Catalog
from judge.grading import discover, parse_shard, shard
from judge.report import evaluate
from judge.runner import WorkerRunner
from judge.sandbox import Sandbox

from conftest import PROBLEMS, SOLUTIONS, SUBMISSIONS

ACCEPTED = ["sigmoid", "softmax", "log_softmax", "kl_divergence", "adam", "conv2d", "rnn_forward",
            "layer_norm", "batch_norm", "gan_loss", "ddpm_forward", "pooling"]  # fmt: skip
HOSTILE = ["run_time_error/sigmoid__segfault.py", "run_time_error/sigmoid__sys_exit_3.py",
           "run_time_error/sigmoid__segfault.py", "time_limit_exceeded/sigmoid__sleep_forever.py",
           "compile_error/sigmoid__syntax_error.py", "output_limit_exceeded/sigmoid__stdout_flood.py"]  # fmt: skip


def judge(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "JUDGE_HOME": str(cwd / "home"), "CI": "true", **(env or {})}
    full.pop("GITHUB_ACTIONS", None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "judge", *args], capture_output=True, text=True,
                          cwd=cwd, env=full, timeout=600, check=False)  # fmt: skip


def class_folder(root: Path, mismatch: bool) -> Path:
    """30+ submissions: references as students, known wrong answers, crashes and hostile programs."""
    folder = root / "class"
    for i, problem in enumerate(ACCEPTED):
        target = folder / "accepted" / f"student{i:02d}" / f"{problem}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOLUTIONS / f"{problem}.py", target)
    wrong = sorted((SUBMISSIONS / "wrong_answer").glob("*.py"))[::9][:12]
    for path in wrong:
        (folder / "wrong_answer").mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / "wrong_answer" / path.name)
    for name in HOSTILE:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SUBMISSIONS / name, target)
    if mismatch:  # a wrong answer claimed to be accepted
        shutil.copy(wrong[0], folder / "accepted" / wrong[0].name)
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("grade")
    folder = class_folder(root, mismatch=True)
    done = judge("grade", str(folder), "--jobs", "2", "--json", "r.json", "--junit", "r.xml",
                 "--markdown", "r.md", "--csv", "r.csv", "--reveal", cwd=root)  # fmt: skip
    return root, done


def test_mixed_class_gets_every_verdict_and_exit_1_on_a_mismatch(graded: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """Every submission is graded; one mismatch makes the exit code 1."""
    root, done = graded
    assert done.returncode == 1, done.stderr
    report = json.loads((root / "r.json").read_text(encoding="utf-8"))
    subs = report["submissions"]
    assert len(subs) >= 30 and report["ok"] is False
    assert [s["path"] for s in subs] == sorted(s["path"] for s in subs)
    assert [s for s in subs if not s["ok"]] == [s for s in subs if "accepted" in s["path"] and s["verdict"] == "WA"]
    assert {s["verdict"] for s in subs} >= {"AC", "WA", "RTE", "TLE", "CE", "OLE"}


def test_reports_agree_with_each_other(graded: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """JSON, JUnit (parsed by a JUnit parser), Markdown and CSV tell the same story."""
    root, _ = graded
    subs = json.loads((root / "r.json").read_text(encoding="utf-8"))["submissions"]
    rows = list(csv.DictReader(io.StringIO((root / "r.csv").read_text(encoding="utf-8"))))
    assert [(r["path"], r["verdict"], r["ok"]) for r in rows] == [
        (s["path"], s["verdict"], str(s["ok"]).lower()) for s in subs
    ]
    xml = JUnitXml.fromfile(str(root / "r.xml"))
    cases = [case for suite in xml for case in suite]
    assert [c.name for c in cases] == [s["path"] for s in subs]
    failed = {c.name for c in cases if not c.is_passed}
    assert failed == {s["path"] for s in subs if not s["ok"]}
    markdown = (root / "r.md").read_text(encoding="utf-8")
    ok = sum(s["ok"] for s in subs)
    assert f"**{ok}/{len(subs)}**" in markdown
    assert markdown.count("❌") == len(failed)


def test_reports_agree_with_judge_run(graded: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """Each submission's grade equals what `judge run` (same evaluate path) says of the file."""
    root, _ = graded
    subs = json.loads((root / "r.json").read_text(encoding="utf-8"))["submissions"]
    catalog = Catalog(PROBLEMS)
    runner = WorkerRunner(Sandbox(None))
    for sub in subs:
        report = evaluate(catalog.load(sub["problem"]), Path(sub["path"]), runner)
        assert (report.verdict.value, report.passed) == (sub["verdict"], sub["passed"]), sub["path"]
    for sub in subs[:3]:
        done = judge("run", sub["problem"], sub["path"], "--json", cwd=root)
        assert json.loads(done.stdout)["verdict"] == sub["verdict"]


def test_hidden_inputs_only_with_reveal(tmp_path: Path) -> None:
    """Without --reveal the JSON holds no hidden-case input."""
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "softmax.py", folder / "softmax.py")
    judge("grade", str(folder), "--json", "r.json", cwd=tmp_path)
    cases = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["submissions"][0]["cases"]
    assert cases and not any("stdin" in c for c in cases)


def test_clean_class_exits_0_and_writes_github_output(tmp_path: Path) -> None:
    """No mismatch: exit 0; under GitHub Actions the summary goes to $GITHUB_STEP_SUMMARY."""
    folder = tmp_path / "class"
    (folder / "wrong_answer").mkdir(parents=True)
    shutil.copy(SOLUTIONS / "sigmoid.py", folder / "sigmoid__alice.py")
    shutil.copy(SUBMISSIONS / "wrong_answer" / "softmax__forgot_exp.py", folder / "wrong_answer")
    summary = tmp_path / "summary.md"
    done = judge("grade", str(folder), cwd=tmp_path,
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "**2/2**" in summary.read_text(encoding="utf-8")
    assert "::error" not in done.stdout


def test_github_annotations_name_the_file(tmp_path: Path) -> None:
    """A mismatch under GitHub Actions prints an ::error annotation for that file."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(SUBMISSIONS / "wrong_answer" / "softmax__forgot_exp.py", folder / "softmax.py")
    done = judge("grade", str(folder), cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert done.returncode == 1
    assert f"::error file={folder / 'softmax.py'}".replace(":", "%3A").replace("%3A%3Aerror", "::error") in done.stdout or \
        "::error file=" in done.stdout


def test_shards_are_disjoint_and_complete(tmp_path: Path) -> None:
    """--shard 1/3, 2/3, 3/3 together give exactly the submissions of a full run."""
    folder = class_folder(tmp_path, mismatch=False)
    everything = discover([folder])
    parts = [shard(everything, k, 3) for k in (1, 2, 3)]
    assert sorted(p for part in parts for p in (s.path for s in part)) == sorted(s.path for s in everything)
    assert sum(len(p) for p in parts) == len(everything)
    assert parse_shard("2/3") == (2, 3)
    small = tmp_path / "small"
    for problem in ACCEPTED[:5]:
        (small / problem).mkdir(parents=True)
        shutil.copy(SOLUTIONS / f"{problem}.py", small / problem / f"{problem}.py")
    paths: list[str] = []
    for k in (1, 2, 3):
        judge("grade", str(small), "--shard", f"{k}/3", "--json", f"s{k}.json", cwd=tmp_path)
        paths += [s["path"] for s in json.loads((tmp_path / f"s{k}.json").read_text(encoding="utf-8"))["submissions"]]
    judge("grade", str(small), "--json", "all.json", cwd=tmp_path)
    full = [s["path"] for s in json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["submissions"]]
    assert sorted(paths) == full and len(set(paths)) == len(paths)


@pytest.mark.parametrize("text", ["0/3", "4/3", "x", "1/0"])
def test_bad_shard_is_a_usage_error(tmp_path: Path, text: str) -> None:
    """A malformed --shard exits 2 with a one-line message."""
    done = judge("grade", str(SOLUTIONS / "sigmoid.py"), "--shard", text, cwd=tmp_path)
    assert done.returncode == 2 and "--shard" in done.stderr


def test_interrupt_keeps_a_valid_report(tmp_path: Path) -> None:
    """Ctrl-C mid-run leaves valid JSON holding every submission graded so far."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "sigmoid.py", folder / "a_sigmoid.py".replace("a_", ""))
    for i in range(6):
        shutil.copy(SUBMISSIONS / "time_limit_exceeded" / "sigmoid__sleep_forever.py", folder / f"sigmoid__slow{i}.py")
    env = {**os.environ, "JUDGE_HOME": str(tmp_path / "home"), "CI": "true"}
    process = subprocess.Popen([sys.executable, "-m", "judge", "grade", str(folder), "--jobs", "2",
                                "--json", "r.json", "--csv", "r.csv"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    report = tmp_path / "r.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if report.exists() and json.loads(report.read_text(encoding="utf-8"))["submissions"]:
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    graded = json.loads(report.read_text(encoding="utf-8"))["submissions"]
    assert 1 <= len(graded) < 7
    assert len((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()) == len(graded) + 1
    assert "interrupted" in err
