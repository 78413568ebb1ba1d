"""Diagnosis: every known-wrong submission of the bank, run through the judge, is named by its mistake."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from judge.catalog import Catalog
from judge.diagnosis import diagnose
from judge.report import evaluate
from judge.runner import WorkerRunner
from judge.sandbox import Sandbox

from conftest import PROBLEMS

CATALOG = Catalog(PROBLEMS)


def explained_submissions() -> list[tuple[str, Path]]:
    found = []
    for problem_id in CATALOG.ids():
        names = {m.name for m in CATALOG.load(problem_id).mistakes}
        for name, path in CATALOG.mistake_programs(problem_id).items():
            if name in names:
                found.append((problem_id, path))
    return found


SUBMITTED = explained_submissions()


@pytest.fixture(scope="module")
def diagnoses() -> dict[Path, str | None]:
    runner = WorkerRunner(Sandbox(None))

    def named(item: tuple[str, Path]) -> tuple[Path, str | None]:
        problem_id, path = item
        problem = CATALOG.load(problem_id)
        report = evaluate(problem, path, runner)
        assert report.first_failure is not None, path
        found = diagnose(problem, report.results, CATALOG.mistake_programs(problem_id), runner, "en")
        return path, found.mistake if found else None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(named, SUBMITTED))


@pytest.mark.parametrize(("problem_id", "path"), SUBMITTED, ids=[p.stem for _, p in SUBMITTED])
def test_known_mistake_is_named(problem_id: str, path: Path, diagnoses: dict[Path, str | None]) -> None:
    """Running a known-wrong submission names its own mistake."""
    assert diagnoses[path] == path.stem.split("__", 1)[1]


def test_every_wrong_answer_is_explained() -> None:
    """Each wrong_answer submission has an explanation (so the diagnosis can name it)."""
    wrong = [p for i in CATALOG.ids() for v, p in CATALOG.known_submissions(i) if v == "wrong_answer"]
    assert {p for _, p in SUBMITTED} >= set(wrong)


def test_no_diagnosis_for_an_unknown_mistake(tmp_path: Path) -> None:
    """An output no known mistake prints gets no diagnosis."""
    odd = tmp_path / "softmax.py"
    odd.write_text("x = eval(input())\nprint([0.123] * len(x))\n", encoding="utf-8")
    problem = CATALOG.load("softmax")
    runner = WorkerRunner(Sandbox(None))
    report = evaluate(problem, odd, runner, fail_fast=True)
    assert report.first_failure is not None
    assert diagnose(problem, report.results, CATALOG.mistake_programs("softmax"), runner, "en") is None


def test_diagnosis_is_in_the_chosen_language() -> None:
    """The explanation comes in the learner's language."""
    problem = CATALOG.load("sigmoid")
    path = CATALOG.mistake_programs("sigmoid")["math_exp_overflow"]
    runner = WorkerRunner(Sandbox(None))
    report = evaluate(problem, path, runner, fail_fast=True)
    assert report.first_failure is not None
    found = diagnose(problem, report.results, CATALOG.mistake_programs("sigmoid"), runner, "zh")
    assert found is not None
    assert found.message == problem.mistakes[[m.name for m in problem.mistakes].index("math_exp_overflow")].explanation.zh
