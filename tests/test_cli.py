"""The `judge` command end to end, in real processes: exit codes, errors, JSON."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from judge.sandbox import probe_bwrap

from conftest import PROBLEMS, ROOT, SOLUTIONS, SUBMISSIONS, Leftovers


def judge(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "JUDGE_HOME": str(cwd / ".judge-home"), "COLUMNS": "100", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "judge", *args],
        capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120, check=False,
    )  # fmt: skip


def test_reference_is_accepted_with_exit_0(tmp_path: Path) -> None:
    """The reference solution is AC; exit code 0."""
    done = judge("run", "softmax", str(SOLUTIONS / "softmax.py"), "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "AC Accepted" in done.stdout


def test_wrong_answer_exits_1_and_names_the_difference(tmp_path: Path) -> None:
    """A known wrong answer exits 1 and shows the first difference."""
    wrong = SUBMISSIONS / "wrong_answer" / "softmax__forgot_exp.py"
    done = judge("run", "softmax", str(wrong), "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 1
    assert "WA Wrong Answer" in done.stdout
    assert "expected" in done.stdout


def test_json_report_has_the_design_schema(tmp_path: Path) -> None:
    """`run --json` prints exactly the report object of DESIGN.md."""
    done = judge("run", "softmax", str(SOLUTIONS / "softmax.py"), "--json", "--sandbox", "none", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert set(report) == {"version", "problem", "solution", "verdict", "passed", "total", "cases", "skipped",
                           "diagnosis"}  # fmt: skip
    assert report["skipped"] is None
    assert report["version"] == 1 and report["verdict"] == "AC"
    assert report["passed"] == report["total"] == len(report["cases"])
    assert set(report["cases"][0]) == {"name", "sample", "verdict", "time_s", "memory_mb", "message"}


@pytest.mark.parametrize(
    ("source", "verdict", "fragment"),
    [
        (b"def f(:\n", "CE", "SyntaxError"),
        (b"print('\xff')\n", "CE", "not UTF-8"),
        (b"", "WA", "empty output"),
        (b"\xef\xbb\xbfimport math\r\nz = float(input())\r\nprint(1 / (1 + math.exp(-z)) if z > -700 else 0.0)\r\n", "AC", ""),
        (b"import sys\nsys.exit(3)\n", "RTE", "SystemExit: 3"),
        (b"def f(x):\n    return 1 / 0\nf(1)\n", "RTE", "ZeroDivisionError"),
    ],
    ids=["syntax-error", "not-utf8", "empty", "bom-crlf", "exit-3", "exception"],
)
def test_solution_files_get_their_verdict(tmp_path: Path, source: bytes, verdict: str, fragment: str) -> None:
    """CE for syntax errors and non-UTF-8, AC for BOM/CRLF, WA for an empty file, RTE for exits."""
    solution = tmp_path / "my.py"
    solution.write_bytes(source)
    done = judge("run", "sigmoid", str(solution), "--json", "--sandbox", "none", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert report["verdict"] == verdict, report
    assert fragment in json.dumps(report, ensure_ascii=False)
    assert done.returncode == (0 if verdict == "AC" else 1)


def test_rte_message_shows_the_users_frames_only(tmp_path: Path) -> None:
    """An exception names its type and the user's own file and line, not the judge's internals."""
    solution = tmp_path / "mine.py"
    solution.write_text("def f(x):\n    return 1 / 0\nprint(f(float(input())))\n", encoding="utf-8")
    done = judge("run", "sigmoid", str(solution), "--fail-fast", "--sandbox", "none", cwd=tmp_path)
    assert 'File "mine.py", line 2, in f' in done.stdout
    assert "ZeroDivisionError: division by zero" in done.stdout
    assert "worker.py" not in done.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["run", "softmax", "missing.py"], "does not exist"),
        (["run", "softmax", "."], "is a folder"),
        (["show", "sofmax"], "did you mean 'softmax'"),
        (["run", "sigmoid", "x.py", "--sandbox", "bogus"], "bogus"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    """Usage errors and missing files exit 2 with a message, never a traceback."""
    done = judge(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_problem_file_exits_2(tmp_path: Path) -> None:
    """A bad file in --problems DIR is one line naming file and key, exit 2."""
    bank = tmp_path / "bank"
    bank.mkdir()
    text = (PROBLEMS / "sigmoid.yaml").read_text(encoding="utf-8").replace("abs_tol: 0.0001", "abs_tol: 1e-4")
    (bank / "sigmoid.yaml").write_text(text, encoding="utf-8")
    done = judge("show", "sigmoid", "--problems", str(bank), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "sigmoid.yaml: tolerance.abs_tol" in done.stderr


def test_new_writes_the_template_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """`judge new` writes the starter once; a second time needs --force."""
    assert judge("new", "softmax", cwd=tmp_path).returncode == 0
    assert (tmp_path / "softmax.py").read_text(encoding="utf-8").startswith("import")
    again = judge("new", "softmax", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    assert judge("new", "softmax", "--force", cwd=tmp_path).returncode == 0


def test_template_stub_is_not_accepted(tmp_path: Path) -> None:
    """The starter program fails until the learner writes the function."""
    judge("new", "softmax", "mine.py", cwd=tmp_path)
    done = judge("run", "softmax", "mine.py", "--fail-fast", "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 1
    assert "NotImplementedError" in done.stdout


def test_lang_zh_shows_chinese(tmp_path: Path) -> None:
    """--lang zh shows the Chinese statement and hints."""
    done = judge("hint", "softmax", "--lang", "zh", cwd=tmp_path)
    assert done.returncode == 0
    assert "提示 1" in done.stdout


def test_doctor_reports_python_numpy_and_sandbox(tmp_path: Path) -> None:
    """`judge doctor` lists Python, numpy and bubblewrap; exit 0 when the isolation is full."""
    done = judge("doctor", cwd=tmp_path)
    assert done.returncode == (0 if probe_bwrap()[0] else 1), done.stderr
    for word in ("python", "numpy", "bubblewrap"):
        assert word in done.stdout


def without_bwrap(tmp_path: Path, **env: str) -> dict[str, str]:
    """An environment where bubblewrap is not installed: a PATH that holds nothing."""
    (tmp_path / "empty-bin").mkdir(exist_ok=True)
    return {"PATH": str(tmp_path / "empty-bin"), **env}


def test_doctor_exits_1_when_isolation_is_partial(tmp_path: Path) -> None:
    """Without bubblewrap, `judge doctor` still shows its table, says why on stderr, and exits 1."""
    done = judge("doctor", cwd=tmp_path, env=without_bwrap(tmp_path))
    assert done.returncode == 1
    assert "bubblewrap" in done.stdout and "✗" in done.stdout
    assert "isolation is partial: bubblewrap is not installed" in done.stderr


def test_grade_refuses_to_run_without_isolation_unless_told(tmp_path: Path) -> None:
    """`judge grade` where bubblewrap cannot work: exit 2 and one line with the reason and the fix;
    --sandbox none or JUDGE_SANDBOX=none is an explicit choice, and the report records it."""
    solution = str(SOLUTIONS / "sigmoid.py")
    refused = judge("grade", solution, "--json", "r.json", cwd=tmp_path, env=without_bwrap(tmp_path))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "bubblewrap is not installed" in refused.stderr
    assert "install bubblewrap" in refused.stderr and "--sandbox none" in refused.stderr
    assert not (tmp_path / "r.json").exists()
    for how in (["--sandbox", "none"], []):
        env = without_bwrap(tmp_path, **({} if how else {"JUDGE_SANDBOX": "none"}))
        done = judge("grade", solution, "--json", "r.json", *how, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["isolation"] == "none"


def test_judge_sandbox_none_silences_the_learners_fallback_warning(tmp_path: Path) -> None:
    """`judge run` keeps falling back with one warning line where bubblewrap cannot work; with
    JUDGE_SANDBOX=none (an explicit choice, once for all commands) it says nothing."""
    solution = str(SOLUTIONS / "sigmoid.py")
    warned = judge("run", "sigmoid", solution, "--json", cwd=tmp_path, env=without_bwrap(tmp_path))
    assert warned.returncode == 0 and warned.stderr.startswith("warning: bubblewrap is not installed")
    quiet = judge("run", "sigmoid", solution, "--json", cwd=tmp_path, env=without_bwrap(tmp_path, JUDGE_SANDBOX="none"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    bogus = judge("run", "sigmoid", solution, cwd=tmp_path, env={"JUDGE_SANDBOX": "bogus"})
    assert bogus.returncode == 2 and "bogus" in bogus.stderr


def test_bench_measures_every_runner_against_the_floor() -> None:
    """`judge bench` runs end to end and prints each runner's per-case time as a ratio to the floor
    (the numbers themselves are the benchmark's business, not a test's)."""
    done = judge(
        "bench", "--cases", "4", "--spawn-cases", "2", "--grade", "2", "--rounds", "1", "--command-cases", "3"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("floor: fork + exit + wait") for line in lines)
    for runner in ("worker/none", "spawn/none"):
        assert any(line.startswith(f"{runner}: ") and "× the floor" in line for line in lines), runner
    assert any(line.startswith("spawn / worker (none): ") for line in lines)
    assert any(line.startswith("judge run (whole processes), none: ") and "× the floor" in line for line in lines)
    assert any(line.startswith("grade 2 submissions") for line in lines)
    if importlib.util.find_spec("torch") is not None:  # CI installs it: the torch worker beside a fresh import
        assert any(line.startswith("torch worker/none: ") and "ms per case" in line for line in lines)
        assert any(line.startswith("torch spawn/none: ") and "× the torch worker" in line for line in lines)
    else:
        assert any(line.startswith("torch: not installed") for line in lines)
    assert any(
        line.startswith("judge run softmax (end to end), none: ") and "python -c 'import numpy'" in line
        for line in lines
    )


SLOW_FIRST_SAMPLE = """if input() == "[1, 2, 3]":
    while True:
        pass
"""


def test_cases_after_a_tle_are_skipped_unless_all(tmp_path: Path) -> None:
    """A program that loops forever on the first case costs one time limit, not one per case: the rest
    are skipped and named; `--all` runs them all."""
    solution = tmp_path / "mine.py"
    solution.write_text(SLOW_FIRST_SAMPLE + "print([0.2689, 0.7311])\n", encoding="utf-8")
    skipped = json.loads(judge("run", "softmax", str(solution), "--json", "--sandbox", "none", cwd=tmp_path).stdout)
    assert [c["verdict"] for c in skipped["cases"]] == ["TLE"]
    assert skipped["skipped"]["reason"] == "after_tle" and len(skipped["skipped"]["cases"]) == skipped["total"] - 1
    everything = judge("run", "softmax", str(solution), "--json", "--all", "--sandbox", "none", cwd=tmp_path)
    report = json.loads(everything.stdout)
    assert len(report["cases"]) == report["total"] and report["skipped"] is None
    assert report["cases"][0]["verdict"] == "TLE" and report["cases"][1]["verdict"] != "TLE"


@pytest.mark.parametrize("sandbox", ["none", "bwrap"])
def test_ctrl_c_says_how_far_the_run_got(tmp_path: Path, sandbox: str, leftovers: Leftovers) -> None:
    """Ctrl-C in the middle of a case: one line saying after how many cases the run was interrupted,
    exit 130, no traceback, and no process of the run left behind."""
    if sandbox == "bwrap" and probe_bwrap()[0] is None:
        pytest.skip("bubblewrap cannot isolate code here")
    solution = tmp_path / "mine.py"
    solution.write_text("import time\nif input() != '[1, 2, 3]':\n    time.sleep(60)\nprint(0)\n", encoding="utf-8")
    env = {**os.environ, "JUDGE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "judge", "run", "softmax", str(solution), "--sandbox", sandbox, "--lang", "en"]
    # Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           cwd=tmp_path, start_new_session=True)  # fmt: skip
    assert run.stdout is not None and run.stdout.readline().startswith("1/14 sample_1")
    time.sleep(0.5)  # case 2 is sleeping
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 130, err
    assert err.strip() == "interrupted after 1 of 14 cases"
    assert leftovers.survivors() == []


def test_new_makes_missing_folders(tmp_path: Path) -> None:
    """`judge new softmax sub/dir/x.py` writes the starter, making the folders."""
    done = judge("new", "softmax", "sub/dir/x.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sub" / "dir" / "x.py").is_file()


@pytest.mark.parametrize("where", ["file/x.json", "/proc/r.json", "readonly/r.json"])
@pytest.mark.parametrize("option", ["--json", "--junit", "--markdown", "--csv"])
def test_report_paths_that_cannot_be_written_are_one_line_and_exit_2(tmp_path: Path, option: str, where: str) -> None:
    """A report under a file, in /proc, or in a read-only folder: one line, exit 2, and no other
    report written (root writes into a read-only folder: that case needs another user)."""
    import os

    if where.startswith("readonly") and os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "readonly").mkdir()
    (tmp_path / "readonly").chmod(0o500)
    other = "--csv" if option != "--csv" else "--json"
    done = judge("grade", str(SOLUTIONS / "sigmoid.py"), "--sandbox", "none", other, "ok.txt", option, where, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "ok.txt").exists()


def test_list_into_a_closed_pipe_exits_0_quietly(tmp_path: Path) -> None:
    """`judge list | head -1`: exit 0, nothing on stderr."""
    import os

    env = {**os.environ, "JUDGE_HOME": str(tmp_path), "COLUMNS": "100"}
    done = subprocess.run(
        f"{sys.executable} -m judge list | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_list_tag_is_validated_and_case_insensitive(tmp_path: Path) -> None:
    """--tag CNN lists the cnn chapter; a tag no problem has is exit 2 listing the chapters."""
    done = judge("list", "--tag", "CNN", cwd=tmp_path)
    assert done.returncode == 0 and "conv2d" in done.stdout
    wrong = judge("list", "--tag", "cnnn", cwd=tmp_path)
    assert wrong.returncode == 2 and "activations, losses" in wrong.stderr and wrong.stderr.count("\n") == 1


def test_run_takes_the_problem_from_the_file_name(tmp_path: Path) -> None:
    """`judge run softmax__mine.py` judges softmax; a missing file suggests `judge new ID FILE`."""
    (tmp_path / "softmax__mine.py").write_text((SOLUTIONS / "softmax.py").read_text(encoding="utf-8"), encoding="utf-8")
    done = judge("run", "softmax__mine.py", "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 0 and "AC Accepted" in done.stdout, done.stderr
    missing = judge("run", "softmax", "nothere.py", cwd=tmp_path)
    assert missing.returncode == 2 and "judge new softmax nothere.py" in missing.stderr


@pytest.mark.parametrize(("command", "usage"), [("show", "judge show [OPTIONS] ID"), ("run", "judge run [OPTIONS] [ID] FILE"), ("grade", "judge grade [OPTIONS] PATH...")])
def test_usage_lines_read_as_a_person_writes_them(tmp_path: Path, command: str, usage: str) -> None:
    """No typer `{ID}` or `<list[Path]>` in usage and help."""
    done = judge(command, "--help", cwd=tmp_path)
    assert f"judge {usage.split(' ', 1)[1]}\n" in done.stdout.splitlines(keepends=True)[0]
    assert "{" not in done.stdout.split("Options:")[0] and "<list" not in done.stdout


@pytest.mark.parametrize("command", [["new", "softmax", "x.py"], ["doctor"], ["list"], ["show", "sofmax"]])
def test_every_command_accepts_lang(tmp_path: Path, command: list[str]) -> None:
    """--lang zh is accepted everywhere text is printed, errors included."""
    done = judge(*command, "--lang", "zh", cwd=tmp_path)
    assert "No such option" not in done.stderr
    assert any("\u4e00" <= c <= "\u9fff" for c in done.stdout + done.stderr)


def test_custom_input_shows_stderr(tmp_path: Path) -> None:
    """`judge run --input` shows the tail of the program's stderr."""
    solution = tmp_path / "mine.py"
    solution.write_text("import sys\nprint('dbg-line', file=sys.stderr)\nprint(0.5)\n", encoding="utf-8")
    done = judge("run", "sigmoid", str(solution), "--input", "0", "--sandbox", "none", cwd=tmp_path)
    assert "dbg-line" in done.stdout


def test_the_entry_point_starts_judge_run_before_importing_the_cli() -> None:
    """`judge run`'s worker starts before typer, rich and pydantic are imported (they take longer than
    numpy takes to load in the zygote), and parsing imports no pydantic (typer 0.29 does: +80 ms)."""
    probe = """
import sys
import judge.launch as launch

def started(*args, **kwargs):
    print(sorted(m for m in ("typer", "rich", "pydantic") if m in sys.modules))
    if "judge.cli" not in sys.modules:
        raise ValueError  # early: no runner, the command goes on to be parsed
    raise SystemExit(0)  # after parsing, as `run` adopts its runner

launch.make_runner = started
sys.argv = ["judge", "run", "softmax", "solutions/softmax.py", "--sandbox", "none"]
launch.main()
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.stdout.splitlines() == ["[]", "['rich', 'typer']"], done.stdout + done.stderr


@pytest.mark.parametrize(
    ("argv", "mode"),
    [
        (["run", "softmax", "x.py", "--sandbox", "none"], "none"),
        (["run", "softmax", "x.py", "--sandbox=none", "--json"], "none"),
        (["run", "x.py", "--sandbox", "bogus"], None),
        (["run", "x.py", "--sandbox", "none", "--runner", "spawn"], None),
        (["run", "--help"], None),
        (["list", "--sandbox", "none"], None),
        ([], None),
    ],
)
def test_judge_run_starts_its_runner_before_parsing(argv: list[str], mode: str | None) -> None:
    """`judge run`'s zygote starts before typer parses the command line (numpy loads meanwhile); any
    other command, a value typer will refuse, or another runner starts nothing early."""
    from judge.launch import RunnerKind, adopt_runner, early_runner
    from judge.sandbox import SandboxMode

    early = early_runner(argv)
    assert (early.mode.value if early else None) == mode
    if early is not None:
        assert adopt_runner(early, SandboxMode.NONE, RunnerKind.worker)[0] is early.runner
        early.runner.close()


def test_judge_run_of_a_torch_program_starts_a_torch_zygote_early(tmp_path: Path) -> None:
    """The early runner preloads torch when the program on the command line imports it (its zygote
    takes seconds to start); a numpy program, a missing file or a link gets the plain one."""
    from judge.launch import _uses_torch

    (tmp_path / "t.py").write_text("from torch import nn\n", encoding="utf-8")
    (tmp_path / "n.py").write_text("import numpy as np\n# import torch\n", encoding="utf-8")
    (tmp_path / "link.py").symlink_to(tmp_path / "t.py")
    assert _uses_torch(["run", "torch_layer_norm_module", str(tmp_path / "t.py"), "--sandbox", "none"])
    assert _uses_torch(["run", str(tmp_path / "t.py")])
    assert not _uses_torch(["run", "softmax", str(tmp_path / "n.py")])
    assert not _uses_torch(["run", "softmax", str(tmp_path / "gone.py")])
    assert not _uses_torch(["run", "softmax", str(tmp_path / "link.py")])
