"""The two answer modes: which one a file is in, the harness taken from the template, and a function-mode
answer judged through the harness (real runner, no sandbox)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from judge.answer import Mode, detect_mode, harness_of, missing_entry, prepare, strip_main
from judge.catalog import Catalog
from judge.program import Program
from judge.report import Verdict, evaluate
from judge.runner import WorkerRunner
from judge.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
CATALOG = Catalog(ROOT / "problems")
RMS_NORM = CATALOG.load("rms_norm")
REFERENCE = (ROOT / "solutions" / "rms_norm.py").read_text()
TEMPLATE = '''import numpy as np


@decorated
def helper(x):
    return x


def area(w, h=1):
    """The stub."""
    raise NotImplementedError


if __name__ == "__main__":
    print(area(*map(float, input().split())))
'''


@pytest.mark.parametrize(
    ("source", "mode"),
    [
        ("def area(w, h):\n    return w * h\n", Mode.FUNCTION),
        ("import numpy as np\n\ndef area(w, h):\n    return w * h\n\nprint(area(2, 3))\n", Mode.FUNCTION),
        ("def area(w, h):\n    return w * h\n\nif __name__ == '__main__':\n    print(area(*eval(input())))\n", Mode.PROGRAM),
        ("w, h = map(float, input().split())\nprint(w * h)\n", Mode.PROGRAM),
        ("import sys\ndata = sys.stdin.read()\n", Mode.PROGRAM),
        ("import sys\nfor line in sys.stdin.buffer:\n    pass\n", Mode.PROGRAM),
        ("text = open(0).read()\n", Mode.PROGRAM),
        ("def area(w, h):\n    return float(input())\n", Mode.FUNCTION),  # input() inside the function
        ("def area(w, h:\n", Mode.PROGRAM),  # does not parse: a program, whose CE says why
        ("", Mode.PROGRAM),  # nothing to call: WA "empty output", as for any silent program
        ("# just a comment\nx = 1\n", Mode.PROGRAM),
        ("def aera(w, h):\n    return w * h\n", Mode.FUNCTION),  # then CE: no `area`, did you mean `aera`?
        ("def f(x):\n    return 1 / 0\n\nf(1)\n", Mode.PROGRAM),  # runs code of its own, defines no entry
        ("def area(w, h):\n    return w * h\n\nassert area(2, 3) == 6\n", Mode.FUNCTION),  # its own check
    ],
    ids=["bare", "test-print", "main-block", "top-level-input", "sys-stdin", "stdin-buffer", "open-0",
         "input-in-def", "syntax-error", "empty", "no-definitions", "misnamed", "script", "self-check"],
)
def test_mode_is_found_from_the_syntax_tree(source: str, mode: Mode) -> None:
    assert detect_mode(source.encode(), "area") is mode


def test_a_problem_without_an_entry_is_answered_by_programs_only() -> None:
    assert detect_mode(b"def f():\n    pass\n", None) is Mode.PROGRAM


def test_the_harness_is_the_template_without_the_stub() -> None:
    harness = harness_of(TEMPLATE, "area")
    assert harness.signature == "def area(w, h=1)"
    assert "import numpy as np" in harness.prelude and "@decorated\ndef helper" in harness.prelude
    assert "raise NotImplementedError" not in harness.prelude
    assert harness.main.startswith('if __name__ == "__main__":') and "print(area(" in harness.main
    with pytest.raises(ValueError, match="no top-level 'volume'"):
        harness_of(TEMPLATE, "volume")
    with pytest.raises(ValueError, match="__main__"):
        harness_of("def area(w, h):\n    pass\n", "area")


def test_a_missing_entry_names_the_signature_and_a_near_name() -> None:
    harness = harness_of(TEMPLATE, "area")
    message = missing_entry(Program("mine.py", b"def aera(w, h):\n    return w * h\n"), "area", harness)
    assert message is not None
    assert "mine.py defines no `area`" in message and "did you mean `aera`?" in message
    assert "def area(w, h=1)" in message
    far = missing_entry(Program("mine.py", b"def volume(w, h, d):\n    return 0\n"), "area", harness)
    assert far is not None and "did you mean" not in far
    assert missing_entry(Program("mine.py", b"area = lambda w, h=1: w * h\n"), "area", harness) is None


def test_strip_main_keeps_the_definitions() -> None:
    stripped = strip_main(REFERENCE)
    assert "__main__" not in stripped and "def rms_norm(" in stripped
    assert detect_mode(stripped.encode(), "rms_norm") is Mode.FUNCTION


def test_prepare_forces_or_detects_the_mode() -> None:
    program = Program("rms_norm.py", REFERENCE.encode())
    assert prepare(program, RMS_NORM.template, RMS_NORM.entry).mode is Mode.PROGRAM
    forced = prepare(program, RMS_NORM.template, RMS_NORM.entry, Mode.FUNCTION)
    assert forced.mode is Mode.FUNCTION and forced.compile_error is None
    assert forced.program.harness.startswith(b'if __name__ == "__main__":')
    assert forced.program.source == program.source


@pytest.fixture(scope="module")
def runner() -> WorkerRunner:
    with WorkerRunner(Sandbox(None)) as active:
        yield active


def judged(source: str, runner: WorkerRunner, mode: Mode | None = None):  # type: ignore[no-untyped-def]
    return evaluate(RMS_NORM, Program("rms_norm.py", source.encode()), runner, mode=mode)


def test_a_bare_function_is_accepted_and_its_top_level_prints_go_to_stderr(runner: WorkerRunner) -> None:
    report = judged(strip_main(REFERENCE) + '\nprint("my own test")\n', runner)
    assert report.mode is Mode.FUNCTION
    assert report.verdict is Verdict.AC, report.first_failure
    assert "my own test" in report.results[0].execution.stderr
    assert "my own test" not in report.results[0].execution.stdout


def test_the_same_reference_in_both_modes(runner: WorkerRunner) -> None:
    as_program = judged(REFERENCE, runner)
    as_function = judged(REFERENCE, runner, Mode.FUNCTION)  # its main block is never run: the harness is
    assert as_program.mode is Mode.PROGRAM and as_function.mode is Mode.FUNCTION
    assert as_program.verdict is as_function.verdict is Verdict.AC
    assert [r.execution.stdout for r in as_program.results] == [r.execution.stdout for r in as_function.results]


def test_a_misnamed_function_is_a_compile_error_that_runs_nothing(runner: WorkerRunner) -> None:
    report = judged(strip_main(REFERENCE).replace("def rms_norm(", "def rmsnorm("), runner)
    assert report.verdict is Verdict.CE
    message = report.results[0].message
    assert "defines no `rms_norm`" in message and "did you mean `rmsnorm`?" in message
    assert report.results[0].execution.wall_s == 0


def test_a_wrong_return_is_blamed_on_the_return_not_the_harness_lines(runner: WorkerRunner) -> None:
    report = judged("def rms_norm(*args):\n    return 'not an array'\n", runner)
    assert report.verdict is Verdict.RTE
    result = report.results[0]
    assert "raised by the problem's harness on what `rms_norm` returned" in result.message
    error = result.execution.error
    assert error is not None and error.harness and error.traceback == ()


def test_an_error_inside_the_function_shows_the_learners_frame(runner: WorkerRunner) -> None:
    report = judged("def rms_norm(*args):\n    return 1 / 0\n", runner)
    error = report.results[0].execution.error
    assert report.verdict is Verdict.RTE and error is not None and not error.harness
    assert any("line 2, in rms_norm" in line for line in error.traceback)
    assert not any("harness" in line for line in error.traceback)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUDGE_HOME": str(cwd / "home"), "JUDGE_SANDBOX": "none", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "judge", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300, check=False)  # fmt: skip


def test_new_in_function_mode_writes_the_stub_alone_and_run_takes_it(tmp_path: Path) -> None:
    done = cli("new", "rms_norm", "mine.py", "--mode", "function", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stub = (tmp_path / "mine.py").read_text()
    assert "def rms_norm(" in stub and "raise NotImplementedError" in stub and "__main__" not in stub
    (tmp_path / "mine.py").write_text(strip_main(REFERENCE))
    assert cli("run", "rms_norm", "mine.py", cwd=tmp_path).returncode == 0
    forced = cli("run", "rms_norm", "mine.py", "--mode", "program", "--json", cwd=tmp_path)
    assert forced.returncode == 1 and json.loads(forced.stdout)["verdict"] == "WA"  # prints nothing


def test_doctor_says_whether_torch_is_there(tmp_path: Path) -> None:
    done = cli("doctor", cwd=tmp_path)
    assert "torch" in done.stdout
    assert ("not installed" in done.stdout) is (importlib.util.find_spec("torch") is None)
