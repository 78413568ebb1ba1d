"""Scores: the problem's points times the weight of the passed cases; one row per student."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from judge.catalog import Catalog
from judge.report import judge_case
from judge.runner import Execution
from judge.scores import StudentRow, by_student, score

from conftest import PROBLEMS

SIGMOID = Catalog(PROBLEMS).load("sigmoid")  # 16 cases, 3 of them samples


def results(problem, passing: int):  # type: ignore[no-untyped-def]
    """The first `passing` cases right, the others wrong."""
    return [judge_case(problem, c, Execution(stdout=c.stdout if i < passing else "7\n")) for i, c in enumerate(problem.cases)]


@pytest.mark.parametrize(("passing", "expected"), [(16, 1.0), (0, 0.0), (4, 0.25), (3, 0.1875)])
def test_default_score_is_the_fraction_of_cases_passed(passing: int, expected: float) -> None:
    """Without points or weights, a problem is worth 1 and every case (samples included) weighs the same."""
    assert score(SIGMOID, results(SIGMOID, passing)) == expected


def test_points_and_weights_scale_the_score() -> None:
    """`points: 10` and the samples weighing 0: only hidden cases count, out of 10 points."""
    cases = tuple(dataclasses.replace(c, weight=0.0 if c.sample else 2.0) for c in SIGMOID.cases)
    weighted = dataclasses.replace(SIGMOID, points=10.0, cases=cases)
    assert score(weighted, results(weighted, 3)) == 0.0  # the three samples are worth nothing
    assert score(weighted, results(weighted, 16)) == 10.0
    assert score(weighted, results(weighted, 4)) == round(10 * 2 / 26, 4) == 0.7692


def test_a_case_that_did_not_run_earns_nothing() -> None:
    """A run cut short (fewer results than cases) scores only what ran and passed."""
    assert score(SIGMOID, results(SIGMOID, 16)[:8]) == 0.5


@dataclass(frozen=True)
class Mark:
    student: str
    problem: str
    score: float
    max_score: float


def test_one_row_per_student_with_zero_where_a_problem_is_missing() -> None:
    """Rows sorted by student, columns by problem; a student without a file for a problem gets 0 there,
    the best of two files counts, and a file that names no problem adds no column."""
    table = by_student([Mark("bob", "sigmoid", 0.5, 1.0), Mark("alice", "softmax", 2.0, 4.0),
                        Mark("alice", "sigmoid", 1.0, 1.0), Mark("bob", "sigmoid", 0.75, 1.0),
                        Mark("carol", "mha", 0.0, 0.0)])  # fmt: skip
    assert table.problems == ("sigmoid", "softmax") and table.max_scores == (1.0, 4.0)
    assert table.rows == (
        StudentRow("alice", (1.0, 2.0), 3.0, 5.0),
        StudentRow("bob", (0.75, 0.0), 0.75, 5.0),
        StudentRow("carol", (0.0, 0.0), 0.0, 5.0),
    )
    assert [r.percent for r in table.rows] == [60.0, 15.0, 0.0]
