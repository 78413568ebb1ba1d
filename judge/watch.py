"""`judge watch`'s loop: judge a file again on every save; keys show the next hint, re-run or quit.

Judging, drawing and reading keys are passed in, so the loop itself neither prints nor reads a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from judge.catalog import Catalog
from judge.error import JudgeError
from judge.problem import Problem
from judge.progress import Progress
from judge.report import CaseResult, Report, Verdict
from judge.runner import Runner

Signature = tuple[float, int]  # a file's modification time and size: a save changes one of them


@dataclass(frozen=True)
class Screen:
    """What watch shows: the last report (None while the file does not exist) and how many hints."""

    report: Report | None
    hints_shown: int


class Rows(Protocol):
    """Where a run's cases are shown as they finish (render.CaseProgress)."""

    def __enter__(self) -> Rows: ...

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None: ...

    def advance(self, result: CaseResult) -> None: ...


def signature(file: Path) -> Signature | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return (stat.st_mtime, stat.st_size)


def watch_file(
    file: Path,
    judge: Callable[[Path], Report | None],
    draw: Callable[[Screen], None],
    keys: Callable[[float], str],
    hint_count: int,
    interval: float,
) -> None:
    """Until q or Ctrl-C: judge `file` when it changes, draw the screen when anything changed.

    `keys(timeout)` returns the key pressed within timeout seconds, or "" when none was."""
    last: Signature | None = None
    screen = Screen(None, 0)
    try:
        while True:
            current = signature(file)
            if current is not None and current != last:
                last = current
                report = judge(file) or screen.report
                accepted = report is not None and report.verdict is Verdict.AC
                screen = Screen(report, 0 if accepted else screen.hints_shown)  # solved: hints are history
                draw(screen)
            elif current is None and last is not None:
                last, screen = None, Screen(None, screen.hints_shown)
                draw(screen)
            key = keys(interval).lower()
            if key == "q":
                break
            if key == "h":
                screen = Screen(screen.report, min(screen.hints_shown + 1, hint_count))
                draw(screen)
            if key == "r":
                last = None
    except KeyboardInterrupt:
        pass


def watch_solution(
    catalog: Catalog,
    problem: Problem,
    file: Path,
    runner: Runner,
    progress: Progress,
    language: str,
    keys: Callable[[float], str],
    draw: Callable[[Screen], None],
    rows: Callable[[], Rows],
    warn: Callable[[str], None],
    interval: float,
) -> None:
    """`judge watch`: judge `file` on every save, record each attempt and show its cases in `rows` as
    they finish, until q or Ctrl-C. While the file is missing or unreadable, the last report stays."""
    from judge import practice

    def judge(path: Path) -> Report | None:
        try:
            solution = practice.solution_file(path, problem.id)
        except JudgeError:
            return None
        with rows() as shown:
            report, warning = practice.judge_solution(
                catalog, problem, solution, runner, progress, language, on_result=shown.advance
            )
        if warning is not None:
            warn(warning)
        return report

    watch_file(file, judge, draw, keys, len(problem.hints), interval)
