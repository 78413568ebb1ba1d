"""Diagnosis: name the mistake when a failing output is what a known wrong solution prints.

Each known mistake of a problem is a program (shipped with the package) and an explanation in the
problem file. On a failing case, each mistake program runs on that case's input; the first whose
output matches the user's (within the tolerance), or that raises the same exception, names the mistake.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from judge.checker import compare
from judge.problem import Problem
from judge.report import CaseResult, Diagnosis, Verdict, judge_case, limits_of
from judge.runner import Runner


def _matches(problem: Problem, failing: CaseResult, mistake: CaseResult) -> bool:
    if failing.verdict is Verdict.WA and mistake.verdict is Verdict.WA:
        tol = problem.tolerance
        return compare(
            mistake.execution.stdout,
            failing.execution.stdout,
            tol.abs_tol,
            tol.rel_tol,
            nan_matches=True,
        ).ok
    if failing.verdict is Verdict.RTE and mistake.verdict is Verdict.RTE:
        ours, theirs = failing.execution.error, mistake.execution.error
        return ours is not None and theirs is not None and ours.type == theirs.type
    return False


def diagnose(
    problem: Problem, failing: CaseResult, programs: dict[str, Path], runner: Runner, lang: str
) -> Diagnosis | None:
    """The known mistake that explains a failing case (WA or RTE), if one does."""
    if failing.verdict not in (Verdict.WA, Verdict.RTE):
        return None
    explained = [m for m in problem.mistakes if m.name in programs]
    if not explained:
        return None

    def run(name: str) -> CaseResult | None:
        executions = runner.run_batch(programs[name], [failing.case.stdin], limits_of(problem))
        for execution in executions:
            return judge_case(problem, failing.case, execution)
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(run, [m.name for m in explained]))
    for mistake, outcome in zip(explained, outcomes, strict=True):
        if outcome is not None and _matches(problem, failing, outcome):
            return Diagnosis(mistake.name, mistake.explanation.get(lang))
    return None
