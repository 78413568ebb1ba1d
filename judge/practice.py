"""A learner's practice: write a starter, judge a solution and record the attempt, try a custom input.

Effects are passed in (the runner, the progress store); nothing here prints or reads the environment.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge.catalog import Catalog
from judge.checker import Comparison, compare
from judge.error import JudgeError
from judge.problem import Case, Problem
from judge.progress import Attempt, Progress
from judge.report import CaseResult, Report, Verdict, evaluate, judge_case, limits_of
from judge.runner import Execution, Runner


def write_starter(problem: Problem, target: Path, force: bool = False) -> None:
    """Write the problem's template to `target` (an existing file only with `force`)."""
    if target.exists() and not force:
        raise JudgeError(f"{target} already exists; pass --force to overwrite it, or choose another FILE")
    if target.is_dir():
        raise JudgeError(f"{target} is a folder; give a file name")
    target.write_text(problem.template, encoding="utf-8")


def solution_file(path: Path) -> Path:
    """The solution at `path`, once it is known to be a readable file."""
    if not path.exists():
        raise JudgeError(f"solution file {path} does not exist; create it with `judge new ID {path}`")
    if path.is_dir():
        raise JudgeError(f"{path} is a folder; pass the solution's .py file")
    try:
        path.open("rb").close()
    except OSError as error:
        raise JudgeError(f"cannot read {path}: {error.strerror}") from None
    return path


def cases_to_run(problem: Problem, samples: bool = False) -> tuple[Case, ...]:
    return problem.samples if samples else problem.cases


def judge_solution(
    catalog: Catalog,
    problem: Problem,
    solution: Path,
    runner: Runner,
    progress: Progress,
    language: str,
    samples: bool = False,
    fail_fast: bool = False,
    run_all: bool = False,
    on_result: Callable[[CaseResult], None] | None = None,
) -> tuple[Report, str | None]:
    """Evaluate, diagnose a failure, and record the attempt; returns the report and the progress
    store's warning (a broken database never breaks a run). A run the judge failed (IE) is not an
    attempt: it says nothing of the program. The cases after a first TLE are skipped unless `run_all`;
    `on_result` sees each case's result as it is judged."""
    from judge.diagnosis import diagnose

    chosen = cases_to_run(problem, samples)
    report = evaluate(
        problem, solution, runner, chosen, fail_fast, on_result=on_result, skip_after_tle=not run_all
    )
    if report.first_failure is not None:
        found = diagnose(problem, report.results, catalog.mistake_programs(problem.id), runner, language)
        report = dataclasses.replace(report, diagnosis=found)
    if report.verdict is Verdict.IE:
        return report, None
    digest = hashlib.sha256(solution.read_bytes()).hexdigest()[:16]
    full = not samples and len(report.results) == len(problem.cases)
    attempt = Attempt(problem.id, digest, report.verdict.value, report.passed, report.total, full)
    return report, progress.record(attempt)


@dataclass(frozen=True)
class Custom:
    """The learner's program and the reference on one custom input."""

    problem: Problem
    mine: CaseResult  # judged against the reference's output
    reference: Execution
    agreement: Comparison  # the reference's output against the learner's

    @property
    def reference_ok(self) -> bool:
        return self.reference.exit_code == 0 and self.reference.error is None

    @property
    def accepted(self) -> bool:
        return self.mine.verdict is Verdict.AC

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "problem": self.problem.id,
            "input": self.mine.case.stdin,
            "verdict": self.mine.verdict.value,
            "message": self.mine.message,
            "output": self.mine.execution.stdout,
            "reference_output": self.reference.stdout,
            "reference_ok": self.reference_ok,
        }


def custom_input(text: str | None, path: Path | None) -> str:
    """The stdin of `--input TEXT` (a literal \\n is a line break) or `--input-file PATH`."""
    if text is not None and path is not None:
        raise JudgeError("give --input or --input-file, not both")
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise JudgeError(f"cannot read --input-file {path}: {error}") from None
    stdin = (text or "").replace("\\n", "\n")
    return stdin if stdin.endswith("\n") else stdin + "\n"


def run_custom(catalog: Catalog, problem: Problem, solution: Path, stdin: str, runner: Runner) -> Custom:
    """Run the learner's program and the reference on one input, and compare their outputs."""
    limits = limits_of(problem)
    reference = next(iter(runner.run_batch(catalog.solution(problem.id), [stdin], limits)))
    case = Case("custom", stdin, reference.stdout)
    mine = judge_case(problem, case, next(iter(runner.run_batch(solution, [stdin], limits))))
    tol = problem.tolerance
    agreement = compare(reference.stdout, mine.execution.stdout, tol.abs_tol, tol.rel_tol)
    return Custom(problem, mine, reference, agreement)
