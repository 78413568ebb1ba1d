"""Golden files for what a person reads, on a fixed-width colourless console.

Regenerate with `make golden` and review the change with `git diff tests/golden`.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from judge.catalog import Catalog
from judge.problem import Problem
from judge.render import CaseProgress, render_hints, render_list, render_report, render_show
from judge.report import evaluate
from judge.runner import ErrorReport, Execution

from conftest import PROBLEMS, ROOT, FakeRunner

GOLDEN = ROOT / "tests" / "golden"


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False, record=True)


def check_golden(name: str, draw: Callable[[Console], None]) -> None:
    screen = console()
    draw(screen)
    text = screen.export_text()
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("JUDGE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run `make golden`"
    assert text == path.read_text(encoding="utf-8")


def softmax() -> Problem:
    return Catalog(PROBLEMS).load("softmax")


def ok_execution(problem: Problem) -> Callable[[int, str], Execution]:
    return lambda i, _: Execution(stdout=problem.cases[i].stdout, cpu_s=0.002 + i / 1000, memory_mb=31.5)


def test_run_accepted() -> None:
    """`judge run` on an accepted solution: table, summary, next step."""
    problem = softmax()
    report = evaluate(problem, Path("my.py"), FakeRunner(ok_execution(problem)))
    check_golden("run_ac", lambda c: render_report(c, report, "en"))


def test_run_wrong_answer() -> None:
    """`judge run` on a wrong answer: the first failing case with input, expected, actual."""
    problem = softmax()

    def answer(i: int, stdin: str) -> Execution:
        if i == 4:
            return Execution(stdout="[0.5, 0.25, 0.25]\n", cpu_s=0.003, memory_mb=31.5)
        return Execution(stdout=problem.cases[i].stdout, cpu_s=0.003, memory_mb=31.5)

    report = evaluate(problem, Path("my.py"), FakeRunner(answer))
    check_golden("run_wa", lambda c: render_report(c, report, "en"))


def test_run_runtime_error() -> None:
    """`judge run` on a crash: the user's own traceback frames."""
    problem = softmax()

    def answer(i: int, stdin: str) -> Execution:
        error = ErrorReport("OverflowError", "OverflowError: math range error",
                            ('  File "my.py", line 5, in softmax', "    exps = [math.exp(s) for s in scores]"))  # fmt: skip
        return Execution(exit_code=1, error=error, cpu_s=0.004, memory_mb=30.0)

    report = evaluate(problem, Path("my.py"), FakeRunner(answer), fail_fast=True)
    check_golden("run_rte", lambda c: render_report(c, report, "en"))


def test_run_time_limit() -> None:
    """`judge run` on an endless loop: TLE with the limit named."""
    problem = softmax()
    report = evaluate(
        problem, Path("my.py"),
        FakeRunner(lambda i, _: Execution(exit_code=None, signal=9, cpu_s=2.01, memory_mb=30.0)),
        fail_fast=True,
    )  # fmt: skip
    check_golden("run_tle", lambda c: render_report(c, report, "en"))


def endless_from_case_3(problem: Problem) -> FakeRunner:
    """Accepted answers, then an endless wait from case 3 on: a wall-clock TLE with little CPU."""
    return FakeRunner(
        lambda i, _: Execution(exit_code=None, timed_out=True, cpu_s=0.03, wall_s=6.01, memory_mb=30.0)
        if i >= 2
        else Execution(stdout=problem.cases[i].stdout, cpu_s=0.002, memory_mb=31.5)
    )


def test_run_skips_the_cases_after_a_tle() -> None:
    """`judge run` on a program that waits forever from case 3: the wall time and the hint in the
    message, the cases after it skipped (named, with how to run them), one time limit spent."""
    problem = softmax()
    report = evaluate(problem, Path("my.py"), endless_from_case_3(problem), skip_after_tle=True)
    check_golden("run_tle_skipped", lambda c: render_report(c, report, "en"))


def test_run_rows_as_plain_lines() -> None:
    """Off a terminal, `judge run` prints a line per case as it finishes, then the report without its
    table (the lines were the table): what a log or an editor's output panel shows."""
    problem = softmax()

    def draw(screen: Console) -> None:
        with CaseProgress(screen, problem, len(problem.cases), "en") as progress:
            report = evaluate(
                problem, Path("my.py"), endless_from_case_3(problem), on_result=progress.advance, skip_after_tle=True
            )
        render_report(screen, report, "en", table=not progress.plain)

    check_golden("run_plain_lines", draw)


def many_cases(problem: Problem, count: int) -> Problem:
    cases = [dataclasses.replace(problem.cases[i % len(problem.cases)], name=f"c{i + 1}") for i in range(count)]
    return dataclasses.replace(problem, cases=tuple(cases))


@pytest.mark.parametrize("fail_fast", [False, True], ids=["all", "fail_fast"])
def test_run_folds_a_long_table(fail_fast: bool) -> None:
    """Past 24 cases, runs of accepted cases (and of cases not run) share one row, with their worst
    time and memory; every failure keeps its own row. Shorter tables have a row per case (above)."""
    problem = many_cases(softmax(), 40)

    def answer(i: int, stdin: str) -> Execution:
        if i + 1 in (13, 14, 30):
            return Execution(stdout="[0.5, 0.25, 0.25]\n", cpu_s=0.003, memory_mb=31.5)
        return Execution(stdout=problem.cases[i].stdout, cpu_s=0.002 + i / 1000, memory_mb=30.0 + i % 3)

    report = evaluate(problem, Path("my.py"), FakeRunner(answer), fail_fast=fail_fast)
    check_golden(f"run_folded_{'fail_fast' if fail_fast else 'all'}", lambda c: render_report(c, report, "en"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show(lang: str) -> None:
    """`judge show` renders the statement, formats and samples."""
    check_golden(f"show_softmax_{lang}", lambda c: render_show(c, softmax(), lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hint(lang: str) -> None:
    """`judge hint --level 2` shows two hints and how to get the next."""
    check_golden(f"hint_softmax_{lang}", lambda c: render_hints(c, softmax(), 2, lang))


def test_list_with_statuses() -> None:
    """`judge list` marks solved ✓ and attempted ✗."""
    problems = [p for p in Catalog(PROBLEMS).load_all() if "activations" in p.tags]
    statuses = {"sigmoid": "solved", "softmax": "attempted"}
    check_golden("list_activations", lambda c: render_list(c, problems, statuses, "en"))


def test_stats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`judge stats`: solved by chapter and difficulty, first-try solves, recent attempts."""
    import time as clock

    from judge.progress import Attempt, Progress
    from judge.render import render_stats

    monkeypatch.setenv("TZ", "UTC")
    clock.tzset()
    store = Progress(tmp_path / "p.sqlite3")
    day = 1_790_000_000.0
    for offset, (problem, verdict) in enumerate([("sigmoid", "AC"), ("softmax", "WA"), ("softmax", "AC"), ("adam", "RTE")]):
        store.record(Attempt(problem, "h", verdict, 3, 12, True, at=day + 3600 * offset))
    stats, _ = store.stats(Catalog(PROBLEMS).load_all())
    check_golden("stats", lambda c: render_stats(c, stats, "en"))
