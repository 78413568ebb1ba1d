"""A learner's practice through a fake runner: the file `judge watch` follows, and a custom input
judged against the reference."""

from __future__ import annotations

from pathlib import Path

from judge.catalog import Catalog
from judge.practice import try_input, watched_file
from judge.runner import Execution

from conftest import PROBLEMS, SOLUTIONS, FakeRunner


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
    differing = try_input(
        catalog, problem, mine, "0", None, FakeRunner(lambda *_: Execution(stdout=next(answers)))
    )
    assert not differing.accepted and differing.to_json()["reference_output"] == "0.5\n"
