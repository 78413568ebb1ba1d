"""`judge grade` on a folder of mixed submissions: verdicts, exit code, four report formats that
agree with one another and with `judge run`, shards, and reports that survive an interrupt; then, through
a fake runner, what untrusted submissions cannot do: be followed, stop the others, pick their expected
verdict, break a report, give a command to the CI runner, or read a hidden case back."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from junitparser import JUnitXml

from judge.catalog import Catalog
from judge.checker import Comparison, Difference
from judge.gradebook import (
    Gradebook,
    entry_of,
    github_annotations,
    gradebook,
    to_csv,
    to_json,
    to_junit,
    to_markdown,
)
from judge.grading import (
    Graded,
    ShardError,
    Submission,
    discover,
    grade,
    inert,
    parse_shard,
    shard,
    shown_message,
)
from judge.problem import Problem
from judge.program import Program
from judge.report import CaseResult, Verdict, evaluate, judge_case
from judge.runner import ErrorReport, Execution, Limits, WorkerRunner
from judge.sandbox import Sandbox, probe_bwrap

from conftest import PROBLEMS, ROOT, SOLUTIONS, SUBMISSIONS, FakeRunner, workflow_commands

ACCEPTED = ["sigmoid", "softmax", "log_softmax", "kl_divergence", "adam", "conv2d", "rnn_forward",
            "layer_norm", "batch_norm", "gan_loss", "ddpm_forward", "pooling"]  # fmt: skip
HOSTILE_PROGRAMS = ROOT / "tests" / "data" / "hostile"
# Under the folder of the verdict each is expected to get (for --expect-from-folders).
HOSTILE = ["run_time_error/sigmoid__segfault.py", "run_time_error/sigmoid__sys_exit_3.py",
           "run_time_error/sigmoid__segfault.py", "time_limit_exceeded/sigmoid__sleep_forever.py",
           "compile_error/sigmoid__syntax_error.py", "output_limit_exceeded/sigmoid__stdout_flood.py"]  # fmt: skip


def judge(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`judge ARGS` in a process; without a sandbox unless `env` sets JUDGE_SANDBOX (the tests of
    isolation are in test_hostile.py; here the grading is the point)."""
    full = {**os.environ, "JUDGE_HOME": str(cwd / "home"), "CI": "true", "JUDGE_SANDBOX": "none"}
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
        shutil.copy(HOSTILE_PROGRAMS / Path(name).name, target)
    if mismatch:  # a wrong answer claimed to be accepted
        shutil.copy(wrong[0], folder / "accepted" / wrong[0].name)
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("grade")
    folder = class_folder(root, mismatch=True)
    done = judge("grade", str(folder), "--jobs", "2", "--json", "r.json", "--junit", "r.xml",
                 "--markdown", "r.md", "--csv", "r.csv", "--reveal", "--expect-from-folders", cwd=root)  # fmt: skip
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
    # known wrong answers are diagnosed: the mistake named is the one the file is named for
    diagnosed = [s for s in subs if s["diagnosis"]]
    assert diagnosed and all(s["diagnosis"]["message"] for s in diagnosed)
    assert any(s["path"].endswith(f"__{s['diagnosis']['mistake']}.py") for s in diagnosed)
    assert (root / "r.json").stat().st_mode & 0o777 == 0o644


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
    done = judge("grade", str(folder), "--expect-from-folders", cwd=tmp_path,
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
    errors = [line for name, line in workflow_commands(done.stdout) if name == "error"]
    assert errors == [f"::error file={folder / 'softmax.py'},title=dl-judge softmax::expected AC, got WA: "
                      "sample_1: value 1, line 1: expected 0.09, got 0.1667 (absolute error 0.0767 > abs_tol 0.0001)"]  # fmt: skip


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
    # `judge merge` of the shards is the whole run, but for the measured times and memory
    done = judge("merge", "s3.json", "s1.json", "s2.json", "--json", "merged.json", "--by-student", "s.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "merged 3 reports: 5/5 submissions got their expected verdict · score 5/5" in done.stdout
    merged, whole = (untimed(json.loads((tmp_path / name).read_text(encoding="utf-8"))) for name in ("merged.json", "all.json"))
    assert merged == whole
    assert len((tmp_path / "s.csv").read_text(encoding="utf-8").splitlines()) == 6


def untimed(report: dict[str, Any]) -> dict[str, Any]:
    """A JSON report without what varies from one run to the next."""
    for sub in report["submissions"]:
        for case in sub["cases"]:
            del case["time_s"], case["memory_mb"]
    return report


@pytest.mark.parametrize(
    ("environ", "shard"),
    [({"JUDGE_SHARD_INDEX": "2", "JUDGE_SHARD_COUNT": "3"}, (2, 3)),
     ({"JOB_COMPLETION_INDEX": "0", "JUDGE_SHARD_COUNT": "4"}, (1, 4)),
     ({"SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_COUNT": "10"}, (10, 10)),
     ({"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "10"}, (1, 10))],
    ids=["matrix", "kubernetes", "slurm", "slurm-from-1"],
)  # fmt: skip
def test_shard_auto_reads_the_array_jobs_variables(environ: dict[str, str], shard: tuple[int, int]) -> None:
    """--shard auto: K/N from a CI matrix's, a Kubernetes Indexed Job's or a Slurm array's variables."""
    assert parse_shard("auto", environ) == shard


@pytest.mark.parametrize(
    ("environ", "message"),
    [({}, "--shard auto needs one of"), ({"JOB_COMPLETION_INDEX": "0"}, "JUDGE_SHARD_COUNT is not"),
     ({"JUDGE_SHARD_INDEX": "4", "JUDGE_SHARD_COUNT": "3"}, "outside the 3 shards"),
     ({"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "3"}, "whole numbers")],
)  # fmt: skip
def test_shard_auto_without_its_variables_is_a_usage_error(environ: dict[str, str], message: str) -> None:
    """Each way --shard auto cannot work says which variables it needs."""
    with pytest.raises(ShardError, match=message):
        parse_shard("auto", environ)


@pytest.mark.parametrize("files", [[], ["README.md", "notes/x.txt"]], ids=["empty", "no-python"])
def test_grading_nothing_is_a_usage_error(tmp_path: Path, files: list[str]) -> None:
    """An empty folder, or one without a .py file, is exit 2 with a message, not a green 0/0."""
    folder = tmp_path / "class"
    folder.mkdir()
    for name in files:
        write(folder / name, "text\n")
    done = judge("grade", str(folder), "--json", "r.json", cwd=tmp_path)
    assert done.returncode == 2 and "nothing to grade: no .py file in" in done.stderr, done.stderr


@pytest.mark.parametrize("text", ["0/3", "4/3", "x", "1/0"])
def test_bad_shard_is_a_usage_error(tmp_path: Path, text: str) -> None:
    """A malformed --shard exits 2 with a one-line message."""
    done = judge("grade", str(SOLUTIONS / "sigmoid.py"), "--shard", text, cwd=tmp_path)
    assert done.returncode == 2 and "--shard" in done.stderr


def test_interrupt_keeps_a_valid_report(tmp_path: Path) -> None:
    """Ctrl-C mid-run leaves valid JSON holding every submission graded so far, saying it is
    incomplete, as the console does."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "sigmoid.py", folder / "a_sigmoid.py".replace("a_", ""))
    for i in range(6):
        shutil.copy(HOSTILE_PROGRAMS / "sigmoid__sleep_forever.py", folder / f"sigmoid__slow{i}.py")
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
    data = json.loads(report.read_text(encoding="utf-8"))
    graded = data["submissions"]
    assert 1 <= len(graded) < 7
    assert (data["complete"], data["graded"], data["size"]) == (False, len(graded), 7)
    assert len((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()) == len(graded) + 1
    assert f"interrupted; incomplete: {len(graded)} of 7 graded" in err


# --- untrusted submissions, through a fake runner --------------------------------------------------

SIGMOID = Catalog(PROBLEMS).load("sigmoid")
HIDDEN = next(c for c in SIGMOID.cases if not c.sample)  # positive_3_7: stdin 3.7, expected 0.9759
SAMPLE = SIGMOID.cases[0]
# Hostile text as a program may print or raise it: a CSV formula, XML-illegal characters (and a lone
# surrogate), Markdown table breaks and HTML, terminal escapes, workflow commands after line breaks.
HOSTILE_TEXT = ('=HYPERLINK("http://evil.example","x") | --- |\n| a | b | <script>`x`</script> [l](u) @staff\r\n'
                "\x00\x01\x0b\x1b]0;title\x07\x1b[2J\x9b\ud800\ufffe\n::add-mask::0.5000\n  ::error::pwned ##[warning]x")  # fmt: skip


def book(results: list[Graded], isolation: str = "none") -> Gradebook:
    """The gradebook of a complete run of these results."""
    return gradebook(results, len(results), isolation, "bank")


def right_answers(problem: Problem = SIGMOID) -> FakeRunner:
    return FakeRunner(lambda i, _: Execution(stdout=problem.cases[i].stdout, cpu_s=0.001, memory_mb=20.0))


class Scripted(FakeRunner):
    """Right answers, but a program whose source holds a marker gets `scripts[marker](number of
    cases)` instead: its executions, or an exception of the judge."""

    def __init__(self, scripts: dict[bytes, Callable[[int], list[Execution]]]) -> None:
        super().__init__(lambda i, _: Execution(stdout=SIGMOID.cases[i].stdout))
        self.scripts = scripts

    def run_batch(self, solution: Path | Program, stdins: Sequence[str], limits: Limits) -> Iterator[Execution]:
        assert isinstance(solution, Program)
        for marker, script in self.scripts.items():
            if marker in solution.source:
                return iter(script(len(stdins)))
        return super().run_batch(solution, stdins, limits)


def write(path: Path, text: str = "print(1)\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def graded_by_name(results: list[Graded]) -> dict[str, Graded]:
    return {g.submission.path.name: g for g in results}


def test_links_fifos_sockets_and_linked_folders_are_results_never_followed(tmp_path: Path) -> None:
    """Discovery walks real folders only: a link (even to the reference), a broken link, a linked
    folder, a FIFO, a socket and a file that is not a .py each get CE with the reason, nothing behind a
    link is read, and names starting with a dot are not submissions."""
    folder = tmp_path / "class"
    write(folder / "alice" / "sigmoid.py", (SOLUTIONS / "sigmoid.py").read_text(encoding="utf-8"))
    write(folder / "README.md", "not a submission")
    write(folder / ".git" / "sigmoid.py")
    write(folder / ".DS_Store")
    (folder / "sigmoid__link.py").symlink_to(SOLUTIONS / "sigmoid.py")
    (folder / "sigmoid__broken.py").symlink_to(tmp_path / "nowhere.py")
    outside = write(tmp_path / "outside" / "sigmoid__behind_a_link.py")
    (folder / "linked").symlink_to(outside.parent, target_is_directory=True)
    os.mkfifo(folder / "sigmoid__fifo.py")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "sigmoid__socket.py"))
        submissions = discover([folder])
    names = sorted(s.path.name for s in submissions)
    assert names == ["README.md", "linked", "sigmoid.py", "sigmoid__broken.py", "sigmoid__fifo.py",
                     "sigmoid__link.py", "sigmoid__socket.py"]  # fmt: skip
    runner = right_answers()
    results = graded_by_name(grade(Catalog(PROBLEMS), submissions, runner, jobs=2))
    assert results["sigmoid.py"].verdict is Verdict.AC
    link = "is a symbolic link, not a regular file; submit the file itself"
    for name, reason in [("sigmoid__link.py", link), ("sigmoid__broken.py", link), ("linked", link),
                         ("sigmoid__fifo.py", "is a FIFO"), ("sigmoid__socket.py", "is a socket"),
                         ("README.md", "is not a Python file; only <problem>.py and <problem>__<anything>.py")]:  # fmt: skip
        assert (results[name].verdict, results[name].ok) == (Verdict.CE, False)
        assert results[name].first_message.startswith(reason), results[name].first_message
    # What ran is the one regular file's bytes, read once: never a path the runner would open again.
    assert runner.solutions == [Program("sigmoid.py", (folder / "alice" / "sigmoid.py").read_bytes())]


def test_a_link_named_on_the_command_line_is_refused_too(tmp_path: Path) -> None:
    """A link given as a PATH (a shell glob picks up whatever students committed) is a CE result."""
    (tmp_path / "sigmoid.py").symlink_to(SOLUTIONS / "sigmoid.py")
    [result] = grade(Catalog(PROBLEMS), discover([tmp_path / "sigmoid.py"]), right_answers(), jobs=1)
    assert result.verdict is Verdict.CE and "symbolic link" in result.first_message


def test_a_folder_that_cannot_be_listed_is_a_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder the judge may not read is reported (CE, with the reason); its siblings are graded."""
    locked = tmp_path / "class" / "locked"
    write(locked / "sigmoid.py")
    write(tmp_path / "class" / "bob" / "sigmoid.py", (SOLUTIONS / "sigmoid.py").read_text(encoding="utf-8"))
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    results = graded_by_name(grade(Catalog(PROBLEMS), discover([tmp_path / "class"]), right_answers(), jobs=1))
    assert results["locked"].verdict is Verdict.CE
    assert results["locked"].first_message == "is a folder that cannot be read (Permission denied)"
    assert results["sigmoid.py"].verdict is Verdict.AC


def test_one_failing_submission_never_stops_the_others(tmp_path: Path) -> None:
    """A judge bug while running one file is that file's IE; a name that names no problem is CE; a
    course problem that does not load is IE for its files only; the rest is graded, reports written."""
    bank = tmp_path / "bank"
    shutil.copytree(PROBLEMS, bank / "problems")
    (bank / "problems" / "softmax.yaml").write_text("format_version: 1\nid: [broken\n", encoding="utf-8")
    folder = tmp_path / "class"
    good = (SOLUTIONS / "sigmoid.py").read_bytes()
    write(folder / "sigmoid__alice.py").write_bytes(good)
    write(folder / "sigmoid__boom.py", "# makes the fake runner fail\n")
    write(folder / "softmax__carol.py")
    write(folder / "no_such_problem__dave.py")

    def broken(count: int) -> list[Execution]:
        raise RuntimeError("the judge broke")

    results = grade(Catalog(bank / "problems"), discover([folder]), Scripted({b"fail": broken}), jobs=2)
    by_name = graded_by_name(results)
    assert by_name["sigmoid__alice.py"].verdict is Verdict.AC
    assert (by_name["sigmoid__boom.py"].verdict, by_name["sigmoid__boom.py"].first_message) == (
        Verdict.IE, "internal error of the judge: RuntimeError: the judge broke")  # fmt: skip
    assert by_name["no_such_problem__dave.py"].verdict is Verdict.CE
    assert by_name["no_such_problem__dave.py"].first_message == (
        "no problem named 'no_such_problem': name the file <problem>.py or <problem>__<anything>.py")  # fmt: skip
    assert by_name["softmax__carol.py"].verdict is Verdict.IE
    assert "does not load" in by_name["softmax__carol.py"].first_message
    report = json.loads(to_json(book(results)))
    assert len(report["submissions"]) == 4 and report["isolation"] == "none"


def test_every_submission_is_expected_accepted_unless_folders_are_asked_to_say(tmp_path: Path) -> None:
    """A student's `wrong_answer/` folder does not lower the bar; only --expect-from-folders lets it."""
    write(tmp_path / "wrong_answer" / "sigmoid.py")
    assert [s.expected for s in discover([tmp_path])] == [Verdict.AC]
    assert [s.expected for s in discover([tmp_path], expect_from_folders=True)] == [Verdict.WA]


ODD_NAME = os.fsdecode(b"sigmoid__\xff\xfe\x1b[2J\x1b]0;title\x07\n::error::x.py")


def test_names_of_any_bytes_are_shown_escaped_in_every_report(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8, an escape sequence and a line break is graded, and
    every report and annotation shows it escaped: printable, encodable, one line."""
    write(tmp_path / ODD_NAME, (SOLUTIONS / "sigmoid.py").read_text(encoding="utf-8"))
    results = grade(Catalog(PROBLEMS), discover([tmp_path]), right_answers(), jobs=1)
    assert results[0].verdict is Verdict.AC
    shown = "/sigmoid__\\xff\\xfe\\x1b[2J\\x1b]0;title\\x07\\x0a::error::x.py"
    assert results[0].path == str(tmp_path) + shown
    assert json.loads(to_json(book(results)))["submissions"][0]["path"] == results[0].path
    markdown = to_markdown(book(results))
    for text in (to_csv(book(results)), to_junit(book(results)), markdown):
        text.encode("utf-8")  # no lone surrogate left
        assert "\x1b" not in text and "\x07" not in text
        assert "\\xff\\xfe\\x1b[2J" in text or text == markdown
    assert "\\\\xff\\\\xfe\\\\x1b\\[2J" in markdown  # a Markdown cell escapes \ and [


def test_hidden_cases_show_no_value_they_hold() -> None:
    """A hidden case's failure names the case, the verdict and the kind of difference, with the
    error's order of size only; never the expected or printed values, an exception's message, stderr."""
    wa = judge_case(SIGMOID, HIDDEN, Execution(stdout="3.7\n"))
    assert wa.message.startswith("value 1, line 1: expected 0.9759, got 3.7")  # what `judge run` says
    leak = ValueError.__name__
    rte = judge_case(SIGMOID, HIDDEN, Execution(stdout="", stderr="hidden input: 3.7\n", exit_code=1,
                                                error=ErrorReport(leak, f"{leak}: hidden input: 3.7")))  # fmt: skip
    graded = Graded(Submission(Path("a/sigmoid.py"), "sigmoid"), Verdict.WA, None)
    assert shown_message(wa, reveal=False) == "value 1 differs by more than 1 (tolerance 0.0001)"
    assert shown_message(rte, reveal=False) == "ValueError"
    assert "0.9759" in shown_message(wa, reveal=True) and "3.7" in shown_message(rte, reveal=True)
    sample = judge_case(SIGMOID, SAMPLE, Execution(stdout="0.7\n"))
    assert shown_message(sample, reveal=False) == sample.message  # samples are public
    assert graded.first_message == ""


@pytest.mark.parametrize(
    ("execution", "message"),
    [
        (Execution(stdout="0.9\n"), "value 1 differs by more than 0.01 (tolerance 0.0001)"),
        (Execution(stdout=""), "expected 1 number, got none"),
        (Execution(stdout="3.7 0.5 1\n"), "expected 1 number, got more"),
        (Execution(stdout="nan\n"), "value 1 differs: nan is never accepted"),
        (Execution(stdout="inf\n"), "value 1 differs"),
        (Execution(stdout="hidden\n"), "value 1 differs"),
        (Execution(exit_code=1, error=ErrorReport("Leak_3_7", "Leak_3_7: 3.7")), "an exception of its own class"),
        (Execution(exit_code=1, error=ErrorReport("SystemExit", "SystemExit: 3.7")), "SystemExit"),
        (Execution(exit_code=37, stderr="input was 3.7\n"), "exited with a non-zero code"),
        (Execution(exit_code=None, signal=11, stderr="3.7"), "killed by a signal"),
        (Execution(exit_code=None, signal=9, cpu_s=2.5), "CPU time 2.50 s, over the 2 s limit"),
        (Execution(output_exceeded=True), "printed more than the output limit"),
    ],
    ids=["error-size", "none", "more", "nan", "inf", "word", "own-class", "system-exit", "exit-code",
         "signal", "tle", "ole"],
)
def test_hidden_case_messages(execution: Execution, message: str) -> None:
    """Each verdict of a hidden case, as class reports show it without --reveal."""
    result = judge_case(SIGMOID, HIDDEN, execution)
    assert shown_message(result, reveal=False) == message
    assert "3.7" not in message and "0.9759" not in message


@pytest.mark.parametrize(
    ("comparison", "message"),
    [
        (Comparison(False, "expected shape 2×3, got 3×2", kind=Difference.SHAPE), "the shape differs from the expected one"),
        (Comparison(False, "expected shape 2×2 (4 numbers), got 5 numbers", kind=Difference.COUNT, expected_count=4,
                    got_count=5, noun="number"), "expected 4 numbers, got more"),
        (Comparison(False, "some other way to differ: 3.7 vs 0.9759"), "the output differs from the expected one"),
        (Comparison(False, "value 2, line 1: expected 1, got 2", 1, 1, "1", "2", None, None), "value 2 differs"),
    ],
    ids=["shape", "count", "fallback", "no-error"],
)
def test_hidden_difference_from_the_comparison_fields(comparison: Comparison, message: str) -> None:
    """The hidden message is built from the Comparison's fields, with a fallback for any other kind."""
    result = CaseResult(HIDDEN, Verdict.WA, comparison.message, Execution(stdout="x"), comparison)
    assert shown_message(result, reveal=False) == message


def hostile_results(tmp_path: Path) -> list[Graded]:
    """Three mismatches: a crash on a sample raising HOSTILE_TEXT (shown in full: samples are public),
    a file named as a spreadsheet formula, and a wrong answer under a hostile name."""
    write(tmp_path / "class" / "sigmoid__crash.py", "# raises\n")
    write(tmp_path / "class" / "=1+2__formula.py")
    write(tmp_path / "class" / os.fsdecode(b"sigmoid__@SUM(1)|x\xff`<b>.py"), "# wrong\n")
    error = ErrorReport("ValueError", f"ValueError: {HOSTILE_TEXT}")
    crash = Execution(stdout=HOSTILE_TEXT, stderr=HOSTILE_TEXT, exit_code=1, error=error)
    runner = Scripted({b"raises": lambda count: [crash] * count,
                       b"wrong": lambda count: [Execution(stdout="0.25\n")] * count})  # fmt: skip
    return grade(Catalog(PROBLEMS), discover([tmp_path / "class"]), runner, jobs=1)


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    """Every text cell a spreadsheet would read as a formula starts with ' (OWASP); the file parses
    back into one row of 12 cells per submission."""
    rows = list(csv.reader(io.StringIO(to_csv(book(hostile_results(tmp_path))))))
    assert len(rows) == 4 and all(len(row) == 12 for row in rows)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=1+2" in cells
    assert any(cell.startswith("sample_1: ValueError: =HYPERLINK(") for cell in cells)


def test_junit_is_well_formed_xml_whatever_the_submissions_print(tmp_path: Path) -> None:
    """The JUnit file parses with xml.etree and junitparser: no control character, no lone surrogate;
    the isolation is a property of the suite."""
    text = to_junit(book(hostile_results(tmp_path), "bwrap"))
    root = ET.fromstring(text.encode("utf-8"))
    assert root.find("testsuite/properties/property").attrib == {"name": "isolation", "value": "bwrap"}
    path = tmp_path / "r.xml"
    path.write_text(text, encoding="utf-8")
    cases = [case for suite in JUnitXml.fromfile(str(path)) for case in suite]
    assert len(cases) == 3
    failure = next(c for c in cases if "crash" in c.name).result[0]
    assert "=HYPERLINK(" in failure.message and "\\x1b]0;title\\x07" in failure.message
    assert "\\ud800" in failure.message and "\ud800" not in text


def test_markdown_rows_stay_rows_and_hold_no_html(tmp_path: Path) -> None:
    """Each student and each submission is one table row of a fixed number of cells whatever its name
    or output holds: pipes escaped, no line breaks, no raw HTML, code spans, links or mentions."""
    text = to_markdown(book(hostile_results(tmp_path)))
    assert "isolation: none" in text
    students, submissions = text.split("### Submissions")
    for table, count, width in ((students, 3, 4), (submissions, 3, 9)):
        rows = [line for line in table.splitlines() if line.startswith("|")][2:]
        assert len(rows) == count
        for row in rows:
            cells = re.split(r"(?<!\\)\|", row)[1:-1]
            assert len(cells) == width, row
        body = "\n".join(rows)
        assert not re.search(r"[<>`]|(?<!\\)\[|@\w", body), body
    assert "&lt;script&gt;" in submissions and "&#96;" in text and "&#64;" in students


def test_nothing_a_submission_writes_becomes_a_workflow_command(tmp_path: Path) -> None:
    """Annotations are exactly one ::error per mismatch, their data and properties escaped as GitHub
    documents; no report line reads as a command (a report may be printed in a CI log)."""
    results = hostile_results(tmp_path)
    annotations = github_annotations(book(results).entries)
    commands = workflow_commands("\n".join(annotations))
    assert [name for name, _ in commands] == ["error"] * sum(not g.ok for g in results) == ["error"] * 3
    for line in annotations:
        properties, data = line.removeprefix("::error ").split("::", 1)
        assert "\n" not in data and "\r" not in data
        values = dict(pair.split("=", 1) for pair in properties.split(","))
        assert set(values) == {"file", "title"} and not any(":" in v for v in values.values())
    assert "file=class/sigmoid__@SUM(1)|x\\xff`<b>.py" in "\n".join(annotations).replace(str(tmp_path) + "/", "")
    for text in (to_json(book(results)), to_csv(book(results)), to_junit(book(results)), to_markdown(book(results))):
        assert workflow_commands(text) == []


def test_annotation_escaping_follows_githubs_rules() -> None:
    """Data: % CR LF; properties: also : and , (% first, so an escape is never read twice)."""
    submission = Submission(Path("a:b,c%0A.py"), "a:b,c%0A")
    [line] = github_annotations([entry_of(Graded(submission, Verdict.CE, None, "50%\r\nx"))])
    assert line == ("::error file=a%3Ab%2Cc%250A.py,title=dl-judge a%3Ab%2Cc%250A::"
                    "expected AC, got CE: 50%25\\x0d\\x0ax")  # fmt: skip


def test_inert_text_is_one_printable_line_that_commands_nothing() -> None:
    """inert(): control characters, line breaks, bidi and zero-width marks, lone surrogates escaped;
    a leading :: and every ##[ broken."""
    assert inert("a\x1b[2J\nb\u202e\u200b\ud800") == "a\\x1b[2J\\x0ab\\u202e\\u200b\\ud800"
    assert inert("  ::error::x") == "  \\x3a:error::x"
    assert inert("x ##[add-mask]y") == "x #\\x23[add-mask]y"
    assert inert("ok: fine") == "ok: fine"
    assert len(inert("x" * 10_000)) < 600


def test_example_workflow_never_grades_without_the_sandbox_in_silence() -> None:
    """examples/github-actions.yml: no step swallows a failure (`|| true`, continue-on-error), `judge
    doctor` gates before grading, and grading asks for bubblewrap."""
    import yaml

    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["grade"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert not [r for r in runs if "|| true" in r or "||true" in r]
    assert not [s for s in steps if s.get("continue-on-error")]
    doctor = next(i for i, r in enumerate(runs) if r.strip() == "judge doctor")
    grading = next(i for i, r in enumerate(runs) if "judge grade" in r)
    assert doctor < grading and "--sandbox bwrap" in runs[grading]


def test_diagnosis_in_bubblewrap_leaves_the_next_submission_unharmed(tmp_path: Path) -> None:
    """Diagnosing failures under bubblewrap never costs a later submission an IE: the known-wrong
    programs run on a runner of their own (their workers die with the threads that start them)."""
    if probe_bwrap()[0] is None:
        pytest.skip("bubblewrap cannot isolate code on this machine")
    folder = tmp_path / "class"
    for student in ("a", "b"):
        (folder / student).mkdir(parents=True)
        shutil.copy(SUBMISSIONS / "wrong_answer" / "softmax__forgot_exp.py", folder / student / "softmax.py")
        shutil.copy(SOLUTIONS / "sigmoid.py", folder / student / "sigmoid.py")
    done = judge("grade", str(folder), "--jobs", "1", "--json", "r.json", cwd=tmp_path, env={"JUDGE_SANDBOX": "auto"})
    subs = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["submissions"]
    assert [s["verdict"] for s in subs] == ["AC", "WA", "AC", "WA"], done.stdout
    assert [s["diagnosis"]["mistake"] for s in subs if s["diagnosis"]] == ["forgot_exp", "forgot_exp"]
