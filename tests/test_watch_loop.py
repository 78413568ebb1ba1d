"""`judge watch`'s loop with a fake judge, fake keys and no terminal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from judge.catalog import Catalog
from judge.progress import Progress
from judge.render import render_watch
from judge.report import CaseResult, evaluate
from judge.runner import Execution
from judge.watch import Screen, watch_file, watch_solution

from conftest import PROBLEMS, FakeRunner

SIGMOID = Catalog(PROBLEMS).load("sigmoid")


def test_hints_are_cleared_after_accepted(tmp_path: Path) -> None:
    """h shows a hint; once a save is accepted, the old hints are gone."""
    file = tmp_path / "s.py"
    file.write_text("1", encoding="utf-8")
    wrong = evaluate(SIGMOID, file, FakeRunner(lambda i, _: Execution(stdout="9\n")))
    right = evaluate(SIGMOID, file, FakeRunner(lambda i, _: Execution(stdout=SIGMOID.cases[i].stdout)))
    reports = iter([wrong, right])
    keys = iter(["h", "", "q"])
    screens: list[Screen] = []

    def key(_: float) -> str:
        pressed = next(keys)
        if pressed == "":
            file.write_text("22", encoding="utf-8")  # a save
        return pressed

    watch_file(file, lambda _: next(reports), screens.append, key, len(SIGMOID.hints), 0.0)
    assert [(s.report.verdict.value if s.report else None, s.hints_shown) for s in screens] == [
        ("WA", 0), ("WA", 1), ("AC", 0)
    ]  # fmt: skip


def test_watch_screen_says_waiting_and_press_h() -> None:
    """Before the file exists: "waiting for FILE to exist"; after a failure, the next step is a key."""
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False, record=True)
    render_watch(console, SIGMOID, Path("mine.py"), Screen(None, 0), "en")
    wrong = evaluate(SIGMOID, Path("mine.py"), FakeRunner(lambda i, _: Execution(stdout="9\n")))
    render_watch(console, SIGMOID, Path("mine.py"), Screen(wrong, 0), "en")
    text = console.export_text()
    assert "waiting for mine.py to exist" in text
    assert "press h" in text and "judge hint" not in text


class Rows:
    """A fake display of a run's cases: it counts them."""

    def __init__(self, shown: list[int]) -> None:
        self.shown = shown

    def __enter__(self) -> Rows:
        self.shown.append(0)
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def advance(self, result: CaseResult) -> None:
        self.shown[-1] += 1


def test_watch_solution_judges_each_save_records_it_and_waits_for_a_missing_file(tmp_path: Path) -> None:
    """No file yet: nothing judged; a save is judged (cases shown, the attempt recorded); q quits."""
    file = tmp_path / "sigmoid.py"
    store = Progress(tmp_path / "p.sqlite3")
    keys = iter(["", "", "q"])
    shown: list[int] = []
    screens: list[Screen] = []

    def key(_: float) -> str:
        if not file.exists():
            file.write_text("print(9)\n", encoding="utf-8")  # saved after the first look
        return next(keys)

    runner = FakeRunner(lambda i, _: Execution(stdout=SIGMOID.cases[i].stdout))
    catalog = Catalog(PROBLEMS)
    watch_solution(catalog, SIGMOID, file, runner, store, "en", key, screens.append, lambda: Rows(shown), print, 0.0)
    assert [s.report.verdict.value if s.report else None for s in screens] == ["AC"]
    assert shown == [len(SIGMOID.cases)]
    assert [a.verdict for a in store.attempts()[0]] == ["AC"]
