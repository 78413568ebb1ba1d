"""What reaches a terminal or a CI log from untrusted programs: `judge run --input`'s panels and
`judge grade`'s progress and summary lines hold no escape sequence or control character, and a grade
line is one line whatever its width."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from rich.console import Console

from judge.catalog import Catalog
from judge.checker import compare
from judge.grading import Graded, Submission
from judge.practice import Custom
from judge.problem import Case
from judge.render import CaseProgress, GradeProgress, render_custom
from judge.report import Report, Verdict, judge_case
from judge.runner import ErrorReport, Execution

from conftest import PROBLEMS, workflow_commands

ESCAPES = "\x1b]0;title\x07\x1b[2J\x1b[H\x9b31m\x08\r\u202e\u2028"
SIGMOID = Catalog(PROBLEMS).load("sigmoid")


def screen(width: int = 100) -> Console:
    """A console that adds no escape of its own: any one in its text came from a program."""
    return Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False, record=True)


def controls(text: str) -> list[str]:
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def test_custom_input_panels_show_escapes_as_text() -> None:
    """`judge run --input`: the program's output, its error message and the input are shown escaped."""
    case = Case("custom", f"0 {ESCAPES}\n", "0.5000\n")
    error = ErrorReport("ValueError", f"ValueError: {ESCAPES}")
    mine = judge_case(SIGMOID, case, Execution(stdout=f"0.5 {ESCAPES}\n", exit_code=1, error=error))
    reference = Execution(stdout="0.5000\n")
    console = screen()
    render_custom(console, Custom(SIGMOID, mine, reference, compare(reference.stdout, mine.execution.stdout)), "en")
    text = console.export_text()
    assert not controls(text), controls(text)
    assert text.count("\\x1b]0;title\\x07") == 3  # input, output, message


def test_grade_lines_are_single_inert_lines() -> None:
    """Progress and summary lines of `judge grade` in CI: one line each, however narrow the console
    and whatever a file is named or a program raises; no control character, no workflow command."""
    name = Path(f"class/sigmoid__{ESCAPES}  ::add-mask::x  ##[error]y.py")
    failure = ErrorReport("RuntimeError", f"RuntimeError: {ESCAPES}\n::error::pwned")
    case = SIGMOID.cases[0]
    crash = judge_case(SIGMOID, case, Execution(exit_code=1, error=failure))
    report = Report(SIGMOID, name.name, (crash,), total=len(SIGMOID.cases))
    results = [Graded(Submission(name, "sigmoid"), Verdict.RTE, report)]
    console = screen(width=40)
    progress = GradeProgress(console, 1, "none", live=False)
    with progress:
        progress.advance(results[0])
    progress.summary(results)
    text = console.export_text()
    assert not controls(text), controls(text)
    assert workflow_commands(text) == []
    lines = text.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith("[1/1] class/sigmoid__\\x1b]0;title\\x07")
    assert lines[1].startswith("✗ class/sigmoid__") and "\\x0a::error::pwned" in lines[1]
    assert lines[2].endswith("isolation: none (no sandbox)")


def test_live_rows_show_the_cases_done_and_the_one_running() -> None:
    """On a terminal `judge run` draws the rows so far and the running case with its time, redrawn as
    cases finish: never a blank screen, however long a case takes."""
    terminal = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True, record=True)
    softmax = Catalog(PROBLEMS).load("softmax")
    progress = CaseProgress(terminal, softmax, len(softmax.cases), "en")
    assert not progress.plain
    progress.advance(judge_case(softmax, softmax.cases[0], Execution(stdout=softmax.cases[0].stdout)))
    terminal.print(progress)
    drawn = terminal.export_text()
    assert "sample_1" in drawn and "AC" in drawn
    assert "running case 2 of 14" in drawn
    quiet = CaseProgress(terminal, softmax, len(softmax.cases), "en", quiet=True)
    quiet.advance(judge_case(softmax, softmax.cases[0], Execution(stdout="0\n")))
    assert quiet.done == 1 and not quiet.plain


def test_ctrl_c_leaves_the_rows_already_drawn_on_a_terminal() -> None:
    """Interrupted, the live table is not erased (no report will replace it): the finished rows stay,
    the running line goes."""
    output = io.StringIO()
    terminal = Console(file=output, width=100, color_system=None, force_terminal=True)
    softmax = Catalog(PROBLEMS).load("softmax")
    progress = CaseProgress(terminal, softmax, len(softmax.cases), "en")
    with pytest.raises(KeyboardInterrupt), progress:
        for case in softmax.cases[:2]:
            progress.advance(judge_case(softmax, case, Execution(stdout=case.stdout)))
        raise KeyboardInterrupt
    drawn = output.getvalue()
    last = drawn[drawn.rfind("\x1b[2K") :]  # what is left after the last line the display erased
    assert "sample_1" in last and "sample_2" in last
    assert "running case" not in last


def test_rounding_advice_is_in_the_panel_not_cut_in_the_table_row() -> None:
    """Printed to 2 decimals: the table row keeps the difference whole (no cut-off advice), and the
    first failure's panel says to print at least 4 decimals."""
    from judge.render import render_report

    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False, record=True)
    softmax = Catalog(PROBLEMS).load("softmax")
    result = judge_case(softmax, softmax.cases[0], Execution(stdout="[0.09, 0.24, 0.67]\n"))
    render_report(console, Report(softmax, "", (result,), total=1), "en", table=True)
    text = console.export_text()
    assert "more characters" not in text
    assert text.count("print at least 4") == 1
    assert "print at least 4" in text.split("First failing case")[1]


def test_chinese_labels_take_full_width_colons() -> None:
    """In Chinese, a label's colon is full-width (第一个未通过的用例：…, 输入：, 你的输出：)."""
    import re

    from judge.render import render_report

    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False, record=True)
    softmax = Catalog(PROBLEMS).load("softmax")
    result = judge_case(softmax, softmax.cases[0], Execution(stdout="[0.09, 0.24, 0.67]\n", stderr="debug\n"))
    render_report(console, Report(softmax, "", (result,), total=1), "zh", table=True)
    text = console.export_text()
    assert "第一个未通过的用例：" in text and "输入：" in text and "你的输出：" in text
    assert not re.search(r"[\u4e00-\u9fff）]:", text), text
