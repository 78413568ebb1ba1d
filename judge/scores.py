"""Points: what a submission scores from the cases it passed, and a class as one row per student.

A problem is worth its `points`; a submission earns them in proportion to the weights of the cases it
passed (every case weighs 1 unless the problem says otherwise, samples included). A case that did not
run earns nothing. Scores are rounded to 4 decimals once, where they are made, so that every report
and a merge of shards add up the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from judge.problem import Problem
from judge.report import CaseResult, Verdict

DECIMALS = 4


def score(problem: Problem, results: Sequence[CaseResult]) -> float:
    """The problem's points times the weight of the passed cases over the weight of all its cases."""
    passed = {r.case.name for r in results if r.verdict is Verdict.AC}
    earned = sum(c.weight for c in problem.cases if c.name in passed)
    whole = sum(c.weight for c in problem.cases)
    return round(problem.points * earned / whole, DECIMALS) if whole else 0.0


def total(values: Iterable[float]) -> float:
    return round(sum(values), DECIMALS)


class Scored(Protocol):
    """What the per-student table needs of a submission."""

    @property
    def student(self) -> str: ...
    @property
    def problem(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def max_score(self) -> float: ...


@dataclass(frozen=True)
class StudentRow:
    student: str
    scores: tuple[float, ...]  # one per problem of the table, 0 where the student has no file
    total: float
    max_score: float

    @property
    def percent(self) -> float:
        return round(100 * self.total / self.max_score, 2) if self.max_score else 0.0


@dataclass(frozen=True)
class StudentTable:
    problems: tuple[str, ...]
    max_scores: tuple[float, ...]
    rows: tuple[StudentRow, ...]


def by_student(submissions: Iterable[Scored]) -> StudentTable:
    """One row per student, sorted by name; one column per problem of the class, sorted by id, holding
    the student's best score on it. A file that names no problem (worth nothing) adds no column, but
    its student still gets a row."""
    items = list(submissions)
    worth: dict[str, float] = {}
    for s in items:
        if s.max_score > 0:
            worth[s.problem] = max(worth.get(s.problem, 0.0), s.max_score)
    problems = tuple(sorted(worth))
    best: dict[str, dict[str, float]] = {}
    for s in items:
        marks = best.setdefault(s.student, {})
        if s.problem in worth:
            marks[s.problem] = max(marks.get(s.problem, 0.0), s.score)
    most = total(worth.values())
    rows = tuple(
        StudentRow(name, tuple(best[name].get(p, 0.0) for p in problems), total(best[name].values()), most)
        for name in sorted(best)
    )
    return StudentTable(problems, tuple(worth[p] for p in problems), rows)
