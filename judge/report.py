"""Verdicts and reports: one Execution plus the checker -> a CaseResult; all cases -> a Report.

`evaluate` is the judge's core loop; the runner is passed in, so it never starts a process itself.
"""

from __future__ import annotations

import enum
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge.answer import Mode, prepare
from judge.checker import Comparison, compare
from judge.messages import say
from judge.problem import Case, Problem
from judge.program import Program, UnreadableProgram, as_program
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
        """The verdict's name in English (`say(lang, "verdict.AC")` in other languages)."""
        return say("en", f"verdict.{self.value}")

    @property
    def folder(self) -> str:
        """The name of a folder of known submissions that expects this verdict."""
        return _FOLDERS[self]

    @classmethod
    def from_folder(cls, name: str) -> Verdict | None:
        return next((v for v, f in _FOLDERS.items() if f == name), None)


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
class Reason:
    """Why a run failed before its output was compared, as a key of the message catalogue."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return say(lang, self.key, **self.values)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    verdict: Verdict
    message: str  # in English, for reports
    execution: Execution
    comparison: Comparison | None = None
    reason: Reason | None = None  # what `message` says, when the judge wrote it

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
    mode: Mode = Mode.PROGRAM  # a whole program, or the entry function run through the harness

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
    """Why a run failed before its output is even compared, in English (see `failure_reason`)."""
    failure = failure_reason(ex, limits)
    if failure is None:
        return None
    verdict, why = failure
    return verdict, why.text("en") if isinstance(why, Reason) else why


def failure_reason(ex: Execution, limits: Limits) -> tuple[Verdict, str | Reason] | None:
    """Why a run failed before its output is even compared: the first of CE, IE, TLE, MLE, OLE, RTE
    (the judge's own words as a Reason; a compiler's or an exception's as they were printed)."""
    if ex.compile_error is not None:
        return Verdict.CE, ex.compile_error
    if ex.internal_error is not None:
        return Verdict.IE, ex.internal_error
    if ex.cpu_s > limits.time_limit_s or ex.signal == signal.SIGXCPU:
        return Verdict.TLE, Reason(
            "fail.cpu_time", {"cpu": f"{ex.cpu_s:.2f}", "limit": f"{limits.time_limit_s:g}"}
        )
    if ex.timed_out:
        values = {"wall": f"{ex.wall_s:.1f}", "limit": f"{limits.wall_limit_s:g}", "cpu": f"{ex.cpu_s:.2f}"}
        idle = ex.cpu_s < limits.time_limit_s * IDLE_CPU_SHARE
        return Verdict.TLE, Reason("fail.wall_time_idle" if idle else "fail.wall_time", values)
    limit = limits.memory_limit_mb
    if ex.memory_mb > limit:
        return Verdict.MLE, Reason("fail.memory", {"limit": limit, "peak": f"{ex.memory_mb:.0f}"})
    if ex.error is not None and ex.error.type == "MemoryError":
        return Verdict.MLE, Reason("fail.memory_error", {"limit": limit})
    if ex.output_exceeded:
        return Verdict.OLE, Reason("fail.output")
    if ex.forged_report:
        return Verdict.RTE, Reason("fail.forged")
    if ex.worker_died:
        return Verdict.RTE, Reason("fail.worker_died")
    if ex.signal is not None:
        return Verdict.RTE, Reason("fail.signal", {"signal": _signal_name(ex.signal)})
    if ex.exit_code != 0:
        if ex.error is not None:
            return Verdict.RTE, ex.error.message
        tail = ex.stderr.strip().splitlines()[-1:]
        if tail:
            return Verdict.RTE, Reason("fail.exit_tail", {"code": ex.exit_code, "tail": tail[0][:200]})
        return Verdict.RTE, Reason("fail.exit", {"code": ex.exit_code})
    return None


def judge_case(problem: Problem, case: Case, execution: Execution) -> CaseResult:
    """Classify one execution: the first of CE, IE, TLE, MLE, OLE, RTE, WA, AC that applies."""
    failure = failure_reason(execution, limits_of(problem))
    if failure is not None:
        verdict, why = failure
        if verdict is Verdict.RTE and execution.error is not None and execution.error.harness:
            why = Reason("fail.harness", {"error": execution.error.message, "entry": problem.entry})
        if isinstance(why, Reason):
            return CaseResult(case, verdict, why.text("en"), execution, reason=why)
        return CaseResult(case, verdict, why, execution)
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
    mode: Mode | None = None,
) -> Report:
    """Run a solution on the cases (all by default) and judge each one, calling `on_result` as each
    is judged. With `fail_fast` the cases after the first failure are skipped; with `skip_after_tle`,
    those after the first TLE (an endless loop then costs one time limit, not one per case). The
    file is run as a program or as a function (`mode`; by default found from its syntax tree)."""
    chosen = tuple(problem.cases if cases is None else cases)
    results: list[CaseResult] = []
    skip: Skip | None = None
    program: Path | Program = solution
    answered_as = Mode.PROGRAM
    compile_error = None
    if problem.entry is not None or mode is Mode.FUNCTION:
        try:
            answer = prepare(as_program(solution), problem.template, problem.entry, mode)
        except UnreadableProgram:
            pass  # the runner reports it, as for any program
        else:
            program, answered_as, compile_error = answer.program, answer.mode, answer.compile_error
    executions: Iterator[Execution]
    if compile_error is not None:
        executions = iter([Execution(exit_code=None, compile_error=compile_error)] * len(chosen))
    else:
        executions = runner.run_batch(program, [c.stdin for c in chosen], limits_of(problem))
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
        mode=answered_as,
    )
