"""Diagnosis: name the mistake when a failing output is what a known wrong solution prints.

Each known mistake of a problem is a program (shipped with the package) and an explanation in the
problem file. On the first failing case each mistake program runs on that case's input; a mistake
whose output matches the user's (within the tolerance), or that raises the same exception, explains
it. When several do, the one that also agrees with the user on the other cases wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from judge.checker import compare
from judge.problem import Case, Problem
from judge.report import CaseResult, Diagnosis, Verdict, judge_case, limits_of
from judge.runner import Runner


def _agree(problem: Problem, user: CaseResult, mistake: CaseResult) -> bool:
    """Whether the user's program and a mistake program behave the same on one case."""
    if user.verdict in (Verdict.WA, Verdict.AC) and mistake.verdict is user.verdict:
        tol = problem.tolerance
        printed = compare(
            mistake.execution.stdout, user.execution.stdout, tol.abs_tol, tol.rel_tol, nan_matches=True
        )
        return printed.ok
    if user.verdict is Verdict.RTE and mistake.verdict is Verdict.RTE:
        ours, theirs = user.execution.error, mistake.execution.error
        return ours is not None and theirs is not None and ours.type == theirs.type
    return False


def _run(problem: Problem, program: Path, cases: Sequence[Case], runner: Runner) -> list[CaseResult]:
    executions = runner.run_batch(program, [c.stdin for c in cases], limits_of(problem))
    return [judge_case(problem, c, e) for c, e in zip(cases, executions, strict=True)]


def diagnose(
    problem: Problem, results: Sequence[CaseResult], programs: dict[str, Path], runner: Runner, lang: str
) -> Diagnosis | None:
    """The known mistake that explains the first failing case (WA or RTE), if one does."""
    failing = next((r for r in results if r.verdict is not Verdict.AC), None)
    if failing is None or failing.verdict not in (Verdict.WA, Verdict.RTE):
        return None
    explained = [m for m in problem.mistakes if m.name in programs]
    if not explained:
        return None
    pool = ThreadPoolExecutor(max_workers=4)
    try:
        first = list(pool.map(lambda m: _run(problem, programs[m.name], [failing.case], runner), explained))
        candidates = [m for m, r in zip(explained, first, strict=True) if _agree(problem, failing, r[0])]
        others = [
            r for r in results if r is not failing and r.verdict in (Verdict.AC, Verdict.WA, Verdict.RTE)
        ]
        if len(candidates) > 1 and others:
            # Several mistakes print this here: the one that also agrees elsewhere explains it best.
            cases = [r.case for r in others]
            runs = list(pool.map(lambda m: _run(problem, programs[m.name], cases, runner), candidates))
            scores = [sum(_agree(problem, u, t) for u, t in zip(others, run, strict=True)) for run in runs]
            candidates = [candidates[scores.index(max(scores))]]
    finally:
        # Interrupted (Ctrl-C), the caller closes the runner, which ends the batches still running:
        # waiting for them here would hold the interruption up to a whole time limit.
        pool.shutdown(wait=False, cancel_futures=True)
    if not candidates:
        return None
    return Diagnosis(candidates[0].name, candidates[0].explanation.get(lang))
