"""Verdicts and reports: one Execution plus the checker -> a CaseResult; all cases -> a Report.

`evaluate` is the judge's core loop; the runner is passed in, so it never starts a process itself.
"""

from __future__ import annotations

import enum
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge.checker import Comparison, compare
from judge.problem import Case, Problem
from judge.program import Program
from judge.runner import Execution, Limits, Runner

REPORT_VERSION = 1
# A wall-clock TLE whose CPU time stayed under this share of the CPU limit was mostly waiting: reading
# stdin that never comes, sleeping, a lock. Above it the program computed, on a machine too busy.
IDLE_CPU_SHARE = 0.5


class Verdict(enum.Enum):
    AC = "AC"
    WA = "WA"
    RTE = "RTE"
    TLE = "TLE"
    MLE = "MLE"
    OLE = "OLE"
    CE = "CE"
    IE = "IE"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def folder(self) -> str:
        """The name of a folder of known submissions that expects this verdict."""
        return _FOLDERS[self]

    @classmethod
    def from_folder(cls, name: str) -> Verdict | None:
        return next((v for v, f in _FOLDERS.items() if f == name), None)


_TITLES = {
    Verdict.AC: "Accepted",
    Verdict.WA: "Wrong Answer",
    Verdict.RTE: "Run-Time Error",
    Verdict.TLE: "Time Limit Exceeded",
    Verdict.MLE: "Memory Limit Exceeded",
    Verdict.OLE: "Output Limit Exceeded",
    Verdict.CE: "Compile Error",
    Verdict.IE: "Internal Error",
}
_FOLDERS = {
    Verdict.AC: "accepted",
    Verdict.WA: "wrong_answer",
    Verdict.RTE: "run_time_error",
    Verdict.TLE: "time_limit_exceeded",
    Verdict.MLE: "memory_limit_exceeded",
    Verdict.OLE: "output_limit_exceeded",
    Verdict.CE: "compile_error",
    Verdict.IE: "internal_error",
}


@dataclass(frozen=True)
class CaseResult:
    case: Case
    verdict: Verdict
    message: str
    execution: Execution
    comparison: Comparison | None = None

    @property
    def time_s(self) -> float:
        return self.execution.cpu_s

    @property
    def memory_mb(self) -> float:
        return self.execution.memory_mb

    def to_json(self, reveal: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.case.name,
            "sample": self.case.sample,
            "verdict": self.verdict.value,
            "time_s": round(self.time_s, 4),
            "memory_mb": round(self.memory_mb, 1),
            "message": self.message,
        }
        if reveal and not self.case.sample:
            data["stdin"] = self.case.stdin
        return data


class Skip(enum.Enum):
    """Why the cases after the last result were not run (none of them has a result: nothing ran)."""

    FAIL_FAST = "fail_fast"  # asked for: stop at the first failure
    AFTER_TLE = "after_tle"  # the first TLE: each case after it would likely cost a whole time limit


@dataclass(frozen=True)
class Diagnosis:
    """A failing output that matches what a known mistake of the problem prints."""

    mistake: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"mistake": self.mistake, "message": self.message}


@dataclass(frozen=True)
class Report:
    problem: Problem
    solution: str
    results: tuple[CaseResult, ...]
    diagnosis: Diagnosis | None = None
    total: int = 0
    skipped: tuple[Case, ...] = ()  # the cases after the last result, not run
    skip: Skip | None = None  # why they were not run

    @property
    def verdict(self) -> Verdict:
        """The verdict of the first failing case in file order, else AC."""
        return self.first_failure.verdict if self.first_failure else Verdict.AC

    @property
    def first_failure(self) -> CaseResult | None:
        return next((r for r in self.results if r.verdict is not Verdict.AC), None)

    @property
    def passed(self) -> int:
        return sum(r.verdict is Verdict.AC for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "problem": self.problem.id,
            "solution": self.solution,
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": self.total or len(self.results),
            "cases": [r.to_json(reveal=False) for r in self.results],
            "skipped": (
                {"reason": self.skip.value, "cases": [c.name for c in self.skipped]}
                if self.skip is not None and self.skipped
                else None
            ),
            "diagnosis": self.diagnosis.to_json() if self.diagnosis else None,
        }


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def run_failure(ex: Execution, limits: Limits) -> tuple[Verdict, str] | None:
    """Why a run failed before its output is even compared: the first of CE, IE, TLE, MLE, OLE, RTE."""
    if ex.compile_error is not None:
        return Verdict.CE, ex.compile_error
    if ex.internal_error is not None:
        return Verdict.IE, ex.internal_error
    if ex.cpu_s > limits.time_limit_s or ex.signal == signal.SIGXCPU:
        return Verdict.TLE, f"CPU time {ex.cpu_s:.2f} s, over the {limits.time_limit_s:g} s limit"
    if ex.timed_out:
        message = f"wall time {ex.wall_s:.1f} s, over the {limits.wall_limit_s:g} s limit"
        if ex.cpu_s < limits.time_limit_s * IDLE_CPU_SHARE:
            message += f"; only {ex.cpu_s:.2f} s of it on the CPU (sleeping or blocked?)"
        return Verdict.TLE, message
    limit = limits.memory_limit_mb
    if ex.memory_mb > limit:
        return Verdict.MLE, f"memory over the {limit} MB limit (peak {ex.memory_mb:.0f} MB)"
    if ex.error is not None and ex.error.type == "MemoryError":
        return Verdict.MLE, f"an allocation far over the {limit} MB limit was refused (MemoryError)"
    if ex.output_exceeded:
        return Verdict.OLE, "printed more than the output limit"
    if ex.forged_report:
        return Verdict.RTE, "the program wrote to descriptor 3, where the judge reads a crash's report"
    if ex.worker_died:
        return Verdict.RTE, "the program killed the process that ran it (did it signal its parent?)"
    if ex.signal is not None:
        return Verdict.RTE, f"killed by {_signal_name(ex.signal)}"
    if ex.exit_code != 0:
        if ex.error is not None:
            return Verdict.RTE, ex.error.message
        tail = ex.stderr.strip().splitlines()[-1:]
        return Verdict.RTE, f"exit code {ex.exit_code}" + (f": {tail[0][:200]}" if tail else "")
    return None


def judge_case(problem: Problem, case: Case, execution: Execution) -> CaseResult:
    """Classify one execution: the first of CE, IE, TLE, MLE, OLE, RTE, WA, AC that applies."""
    failure = run_failure(execution, limits_of(problem))
    if failure is not None:
        return CaseResult(case, failure[0], failure[1], execution)
    tol = problem.tolerance
    comparison = compare(case.stdout, execution.stdout, tol.abs_tol, tol.rel_tol)
    if not comparison.ok:
        return CaseResult(case, Verdict.WA, comparison.message, execution, comparison)
    return CaseResult(case, Verdict.AC, "", execution, comparison)


def limits_of(problem: Problem) -> Limits:
    return Limits(time_limit_s=problem.time_limit_s, memory_limit_mb=problem.memory_limit_mb)


def evaluate(
    problem: Problem,
    solution: Path | Program,
    runner: Runner,
    cases: Sequence[Case] | None = None,
    fail_fast: bool = False,
    on_result: Callable[[CaseResult], None] | None = None,
    skip_after_tle: bool = False,
) -> Report:
    """Run a solution on the cases (all by default) and judge each one, calling `on_result` as each
    is judged. With `fail_fast` the cases after the first failure are skipped; with `skip_after_tle`,
    those after the first TLE (an endless loop then costs one time limit, not one per case)."""
    chosen = tuple(problem.cases if cases is None else cases)
    results: list[CaseResult] = []
    skip: Skip | None = None
    executions = runner.run_batch(solution, [c.stdin for c in chosen], limits_of(problem))
    try:
        for case, execution in zip(chosen, executions, strict=True):
            outcome = judge_case(problem, case, execution)
            results.append(outcome)
            if on_result is not None:
                on_result(outcome)
            if fail_fast and outcome.verdict is not Verdict.AC:
                skip = Skip.FAIL_FAST
            elif skip_after_tle and outcome.verdict is Verdict.TLE:
                skip = Skip.AFTER_TLE
            if skip is not None:
                break
    finally:
        close = getattr(executions, "close", None)
        if close is not None:
            close()
    skipped = chosen[len(results) :]
    return Report(
        problem,
        solution.name,
        tuple(results),
        total=len(chosen),
        skipped=skipped,
        skip=skip if skipped else None,
    )
