"""A learner's practice through a fake runner: the list with statuses and due problems, the file
`judge watch` follows, and a custom input judged against the reference."""

from __future__ import annotations

from pathlib import Path

from judge.catalog import Catalog
from judge.practice import listing, try_input, watched_file
from judge.progress import Attempt, Progress
from judge.runner import Execution

from conftest import PROBLEMS, SOLUTIONS, FakeRunner

NOW = 1_750_000_000.0
DAY_S = 86400.0


def test_listing_gives_statuses_due_problems_and_json_rows(tmp_path: Path) -> None:
    """Solved, attempted and new problems; a problem solved long ago is due; --due keeps only it."""
    store = Progress(tmp_path / "p.sqlite3")
    store.record(Attempt("softmax", "h", "AC", 14, 14, True, NOW - 400 * DAY_S))
    store.record(Attempt("sigmoid", "h", "WA", 1, 16, True, NOW - 60))
    warnings: list[str] = []
    everything = listing(Catalog(PROBLEMS), store, None, None, False, NOW, warnings.append)
    rows = {row["id"]: row for row in everything.to_json("en")}
    assert (rows["softmax"]["status"], rows["softmax"]["due"]) == ("solved", True)
    assert (rows["sigmoid"]["status"], rows["sigmoid"]["due"]) == ("attempted", False)
    assert (rows["adam"]["status"], rows["adam"]["due"]) == ("new", False)
    assert set(rows["softmax"]) == {"id", "title", "difficulty", "tags", "status", "due"}
    due = listing(Catalog(PROBLEMS), store, None, None, True, NOW, warnings.append)
    assert [p.id for p in due.problems] == ["softmax"] and warnings == []


def test_listing_on_a_broken_store_warns_once_and_lists_everything_new(tmp_path: Path) -> None:
    """A corrupt progress database is one warning; every problem is then new and none is due."""
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    chosen = listing(Catalog(PROBLEMS), Progress(path), None, "easy", False, NOW, warnings.append)
    assert len(warnings) == 1 and "corrupt" in warnings[0]
    assert chosen.problems and all(p.difficulty.value == "easy" for p in chosen.problems)
    assert {row["status"] for row in chosen.to_json("en")} == {"new"} and not chosen.due


def test_watched_file_takes_the_problem_from_a_name_that_may_not_exist_yet() -> None:
    """`judge watch softmax__mine.py` watches that file for softmax; `judge watch ID FILE` as given."""
    catalog = Catalog(PROBLEMS)
    problem, file = watched_file(catalog, "softmax__mine.py", None)
    assert (problem.id, file) == ("softmax", Path("softmax__mine.py"))
    problem, file = watched_file(catalog, "sigmoid", Path("x.py"))
    assert (problem.id, file) == ("sigmoid", Path("x.py"))


def test_custom_input_is_judged_against_the_reference(tmp_path: Path) -> None:
    """The text of --input (a literal \\n breaks lines) reaches both programs; differing outputs fail."""
    catalog = Catalog(PROBLEMS)
    problem = catalog.load("sigmoid")
    reference = catalog.solution("sigmoid")
    mine = tmp_path / "mine.py"
    mine.write_text("print(0)\n", encoding="utf-8")
    runner = FakeRunner(lambda _, stdin: Execution(stdout="0.5\n" if stdin == "0\n" else "0.0\n"))
    agreed = try_input(catalog, problem, SOLUTIONS / "sigmoid.py", "0", None, runner)
    assert agreed.accepted and agreed.to_json()["input"] == "0\n"
    assert runner.solutions[0] == reference
    answers = iter(["0.5\n", "0.7\n"])
    differing = try_input(catalog, problem, mine, "0", None, FakeRunner(lambda *_: Execution(stdout=next(answers))))
    assert not differing.accepted and differing.to_json()["reference_output"] == "0.5\n"
