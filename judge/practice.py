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

from judge.answer import Mode, strip_main
from judge.catalog import Catalog, NotFoundError
from judge.checker import Comparison, compare
from judge.error import JudgeError
from judge.problem import Case, Problem
from judge.progress import Attempt, Progress
from judge.report import CaseResult, Report, Verdict, evaluate, judge_case, limits_of
from judge.runner import Execution, Runner


def starter(problem: Problem, mode: Mode = Mode.PROGRAM) -> str:
    """The template: the stub and the harness (a whole program), or the stub alone (function mode)."""
    if mode is Mode.FUNCTION:
        if problem.entry is None:
            raise JudgeError(f"{problem.id} has no function mode: write a whole program (drop --mode)")
        return strip_main(problem.template).rstrip() + "\n"
    return problem.template


def write_starter(problem: Problem, target: Path, force: bool = False, mode: Mode = Mode.PROGRAM) -> None:
    """Write the problem's template to `target` (its folders made; an existing file only with `force`)."""
    text = starter(problem, mode)
    if target.is_dir():
        raise JudgeError.say("error.is_folder", file=target)
    if target.exists() and not force:
        raise JudgeError.say("error.exists", file=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise JudgeError.say("error.cannot_write", file=target, why=error.strerror or error) from None


def problem_of(path: Path) -> str:
    """The problem a file is for, by its name: softmax.py and softmax__mine.py are for softmax."""
    return path.stem.split("__", 1)[0]


def chosen_solution(catalog: Catalog, first: str, second: Path | None) -> tuple[Problem, Path]:
    """The problem and the file of `judge run ID FILE`, or of `judge run FILE` (the problem then
    comes from the file's name, as `judge grade` reads it)."""
    if second is not None:
        problem = catalog.load(first)
        return problem, solution_file(second, problem.id)
    file = Path(first)
    if file.suffix != ".py" and not file.exists():
        raise JudgeError.say("error.which_file", id=first)
    try:
        problem = catalog.load(problem_of(file))
    except NotFoundError:
        raise JudgeError.say("error.id_from_name", id=problem_of(file), file=file) from None
    return problem, solution_file(file, problem.id)


def watched_file(catalog: Catalog, first: str, second: Path | None) -> tuple[Problem, Path]:
    """The problem and the file of `judge watch ID FILE`, or of `judge watch FILE`: that file may not
    exist yet, its name says the problem."""
    if second is None:
        return catalog.load(problem_of(Path(first))), Path(first)
    return catalog.load(first), second


def solution_file(path: Path, problem_id: str = "ID") -> Path:
    """The solution at `path`, once it is known to be a readable file."""
    if not path.exists():
        raise JudgeError.say("error.no_solution", file=path, id=problem_id)
    if path.is_dir():
        raise JudgeError.say("error.solution_folder", file=path)
    try:
        path.open("rb").close()
    except OSError as error:
        raise JudgeError.say("error.unreadable", file=path, why=error.strerror) from None
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
    mode: Mode | None = None,
) -> tuple[Report, str | None]:
    """Evaluate, diagnose a failure, and record the attempt; returns the report and the progress
    store's warning (a broken database never breaks a run). A run the judge failed (IE) is not an
    attempt: it says nothing of the program. The cases after a first TLE are skipped unless `run_all`;
    `on_result` sees each case's result as it is judged."""
    from judge.diagnosis import diagnose

    chosen = cases_to_run(problem, samples)
    report = evaluate(
        problem,
        solution,
        runner,
        chosen,
        fail_fast,
        on_result=on_result,
        skip_after_tle=not run_all,
        mode=mode,
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
        raise JudgeError.say("error.input_both")
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise JudgeError.say("error.input_file", file=path, why=error) from None
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


def try_input(
    catalog: Catalog, problem: Problem, solution: Path, text: str | None, path: Path | None, runner: Runner
) -> Custom:
    """`--input TEXT` or `--input-file PATH`: the learner's program and the reference on that input."""
    return run_custom(catalog, problem, solution, custom_input(text, path), runner)
