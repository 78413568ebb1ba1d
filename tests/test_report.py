"""Verdicts and reports: the TLE messages say which clock ran out and by how much; after a first TLE
the remaining cases are skipped when asked, and every report form says which and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.catalog import Catalog
from judge.report import Skip, Verdict, evaluate, run_failure
from judge.runner import Execution, Limits

from conftest import PROBLEMS, FakeRunner

LIMITS = Limits(time_limit_s=2.0, memory_limit_mb=256)
SOFTMAX = Catalog(PROBLEMS).load("softmax")


@pytest.mark.parametrize(
    ("execution", "shown", "hidden"),
    [
        (Execution(exit_code=None, signal=9, cpu_s=2.31, wall_s=2.4), ["CPU time 2.31 s", "2 s limit"],
         ["wall", "sleeping"]),
        (Execution(exit_code=None, timed_out=True, cpu_s=0.02, wall_s=6.01), ["wall time 6.0 s", "6 s limit",
         "0.02 s", "sleeping or blocked?"], []),
        (Execution(exit_code=None, timed_out=True, cpu_s=1.7, wall_s=6.02), ["wall time 6.0 s", "6 s limit"],
         ["sleeping"]),
    ],
    ids=["cpu", "wall-idle", "wall-busy"],
)  # fmt: skip
def test_a_tle_says_which_clock_ran_out(execution: Execution, shown: list[str], hidden: list[str]) -> None:
    """A CPU TLE shows the CPU time, a wall TLE the wall time; "sleeping or blocked?" only when the
    program hardly used the CPU (one that computed on a busy machine was not sleeping)."""
    failure = run_failure(execution, LIMITS)
    assert failure is not None and failure[0] is Verdict.TLE
    assert all(text in failure[1] for text in shown), failure[1]
    assert not any(text in failure[1] for text in hidden), failure[1]


def tle_on(first_tle: int) -> FakeRunner:
    """Accepted answers, but a TLE from case `first_tle` on."""
    return FakeRunner(
        lambda i, _: Execution(exit_code=None, timed_out=True, wall_s=6.0)
        if i >= first_tle
        else Execution(stdout=SOFTMAX.cases[i].stdout)
    )


def test_cases_after_the_first_tle_are_skipped_when_asked() -> None:
    """With skip_after_tle the batch stops at the first TLE: the rest are named as skipped, with the
    reason, and have no result (nothing ran); without it every case runs."""
    report = evaluate(SOFTMAX, Path("my.py"), tle_on(2), skip_after_tle=True)
    assert [r.verdict for r in report.results] == [Verdict.AC, Verdict.AC, Verdict.TLE]
    assert report.skipped == SOFTMAX.cases[3:] and report.skip is Skip.AFTER_TLE
    assert report.total == len(SOFTMAX.cases) and report.verdict is Verdict.TLE
    everything = evaluate(SOFTMAX, Path("my.py"), tle_on(2))
    assert len(everything.results) == len(SOFTMAX.cases)
    assert everything.skipped == () and everything.skip is None


def test_a_tle_on_the_last_case_skips_nothing() -> None:
    """A TLE with no case after it leaves nothing skipped, and no reason."""
    report = evaluate(SOFTMAX, Path("my.py"), tle_on(len(SOFTMAX.cases) - 1), skip_after_tle=True)
    assert report.skipped == () and report.skip is None


def test_fail_fast_names_its_skipped_cases_too() -> None:
    """--fail-fast's cases not run are the same kind of skip, with their own reason."""
    wrong = FakeRunner(lambda i, _: Execution(stdout="0\n"))
    report = evaluate(SOFTMAX, Path("my.py"), wrong, fail_fast=True)
    assert len(report.results) == 1 and report.skip is Skip.FAIL_FAST
    assert len(report.skipped) == len(SOFTMAX.cases) - 1


def test_the_json_report_lists_the_skipped_cases() -> None:
    """`run --json`: "skipped" is null when every case ran, else the reason and the cases' names."""
    report = evaluate(SOFTMAX, Path("my.py"), tle_on(0), skip_after_tle=True)
    data = report.to_json()
    assert data["skipped"] == {"reason": "after_tle", "cases": [c.name for c in SOFTMAX.cases[1:]]}
    assert len(data["cases"]) == 1 and data["total"] == len(SOFTMAX.cases)
    assert evaluate(SOFTMAX, Path("my.py"), tle_on(99)).to_json()["skipped"] is None
