"""Maintaining the problem bank: `bless` writes expected outputs from the reference, `verify` proves
each problem (reference AC, every known submission gets its folder's verdict, the stub fails).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from judge.answer import Mode, strip_main
from judge.catalog import Catalog
from judge.error import JudgeError
from judge.problem import Problem, ProblemError, load_yaml, parse_problem
from judge.program import Program, UnreadableProgram, imports, read_program
from judge.report import Verdict, evaluate, run_failure
from judge.runner import Limits, Runner


class BlessError(JudgeError):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.rstrip("\n") or (value.endswith("\n") and len(value) > 1) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_atomically(path: Path, text: str) -> None:
    """Replace a file in one step, so a crash leaves either the old or the new file. The file gets
    the permissions of any new file (0644 under the usual umask), not mkstemp's private 0600."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it: a race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def bless(catalog: Catalog, problem_id: str, runner: Runner) -> int:
    """Run the reference on every case and store its output as the expected stdout."""
    path = catalog.path(problem_id)
    raw = load_yaml(path.read_bytes(), path)
    if not isinstance(raw, dict) or not isinstance(raw.get("cases"), list):
        raise ProblemError(path, "cases", "expected a list of cases with 'name' and 'stdin'")
    cases = raw["cases"]
    for i, case in enumerate(cases):
        if not isinstance(case, dict) or not isinstance(case.get("stdin"), str):
            raise ProblemError(path, f"cases[{i}]", "needs 'name' and a string 'stdin' to bless")
    reference = catalog.solution(problem_id)
    limits = Limits(
        time_limit_s=float(raw.get("time_limit_s", 2.0)), memory_limit_mb=int(raw.get("memory_limit_mb", 512))
    )
    executions = list(runner.run_batch(reference, [c["stdin"] for c in cases], limits))
    for i, (case, execution) in enumerate(zip(cases, executions, strict=True)):
        failure = run_failure(execution, limits)
        if failure is not None:
            verdict, message = failure
            where = f"case {case.get('name', i)!r} (cases[{i}])"
            raise BlessError(f"{reference}: {where}: the reference gets {verdict.value}: {message}")
        blessed = {k: v for k, v in case.items() if k != "stdout"}
        blessed["stdout"] = execution.stdout
        cases[i] = blessed
    text = dump_yaml(raw)
    parse_problem(text.encode(), path)  # never write a file that does not load
    write_atomically(path, text)
    return len(cases)


@dataclass(frozen=True)
class Check:
    """One claim verify tested: what, whether it held, and why not."""

    problem: str
    subject: str
    expected: str
    got: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class _Run:
    """One program to run for verify, and the verdict it must (or must not) get."""

    problem: Problem
    subject: str
    solution: Path | Program
    expected: Verdict
    must_match: bool = True  # False: the verdict must differ from `expected` (the stub is not AC)
    mode: Mode = Mode.PROGRAM
    both_modes: bool = True  # also run in function mode (see _as_functions)

    @property
    def slow(self) -> bool:
        return self.expected in (Verdict.TLE, Verdict.MLE, Verdict.OLE)


def _plan(catalog: Catalog, problem_id: str, stub_dir: Path) -> tuple[list[Check], list[_Run]]:
    """The static checks of one problem, and the runs that prove the rest."""
    try:
        problem = catalog.load(problem_id)
    except JudgeError as error:
        return [Check(problem_id, "problem file", "valid", "invalid", False, str(error))], []
    checks: list[Check] = []
    runs: list[_Run] = []
    try:
        runs.append(_Run(problem, "reference", catalog.solution(problem_id), Verdict.AC))
    except JudgeError as error:
        checks.append(Check(problem_id, "reference", "AC", "missing", False, str(error)))
    explained = {m.name for m in problem.mistakes}
    for folder, path in catalog.known_submissions(problem_id):
        expected = Verdict.from_folder(folder)
        if expected is None:
            what = "name the folder accepted, wrong_answer, run_time_error, ..."
            checks.append(Check(problem_id, str(path), "a verdict folder", folder, False, what))
            continue
        mistake = expected in _MISTAKES
        runs.append(_Run(problem, f"{folder}/{path.name}", path, expected, both_modes=mistake))
        name = path.stem.split("__", 1)[1]
        if expected is Verdict.WA and name not in explained:
            fix = f"add mistakes.{name} with en and zh to problems/{problem_id}.yaml"
            checks.append(Check(problem_id, f"mistakes.{name}", "explained", "missing", False, fix))
    stub = stub_dir / problem_id / f"{problem_id}.py"
    stub.parent.mkdir()
    stub.write_text(problem.template, encoding="utf-8")
    runs.append(_Run(problem, "template stub", stub, Verdict.AC, must_match=False))
    if problem.entry is not None:
        runs.extend(_as_functions(problem, runs))
    return checks, runs


# The known submissions verify also runs in function mode: the mistakes a learner makes in the function
# itself. The others (alternative accepted programs, and programs that exhaust time, memory or output)
# test the runner's limits and isolation, which do not depend on the answer mode: the hostile suite
# covers them, and running each twice would double verify's slowest runs.
_MISTAKES = (Verdict.WA, Verdict.RTE, Verdict.CE)


def _as_functions(problem: Problem, runs: list[_Run]) -> list[_Run]:
    """The reference, the stub and the known mistakes again in function mode: each program without
    its main block, through the problem's harness, must get the same verdict. A program that does not
    parse is a program only (CE)."""
    converted: list[_Run] = []
    for run in runs:
        if not run.both_modes:
            continue
        try:
            program = read_program(run.solution) if isinstance(run.solution, Path) else run.solution
            source = strip_main(program.source.decode("utf-8-sig"))
        except (UnreadableProgram, SyntaxError, UnicodeDecodeError, ValueError):
            continue
        function = Program(program.name, source.encode())
        subject = f"{run.subject} (function mode)"
        converted.append(_Run(problem, subject, function, run.expected, run.must_match, Mode.FUNCTION))
    return converted


def _check(run: _Run, runner: Runner) -> Check:
    # A known-wrong program's verdict is that of its first failing case: no need to run the rest.
    fail_fast = not (run.expected is Verdict.AC and run.must_match)
    report = evaluate(run.problem, run.solution, runner, fail_fast=fail_fast, mode=run.mode)
    failure = report.first_failure
    detail = f"{failure.case.name}: {failure.message}" if failure else ""
    ok = (report.verdict is run.expected) == run.must_match
    expected = run.expected.value if run.must_match else f"not {run.expected.value}"
    return Check(run.problem.id, run.subject, expected, report.verdict.value, ok, detail)


def verify(
    catalog: Catalog,
    problem_ids: Iterable[str],
    runner: Runner,
    jobs: int,
) -> list[Check]:
    """Every claim about each problem: it loads, the reference is AC, each known submission gets its
    folder's verdict, each known wrong answer is explained, and the template stub fails.

    All runs of all problems share one pool (slow ones first), so a problem with many time-limit
    programs does not hold up the rest; checks come back in problem order.
    """
    with tempfile.TemporaryDirectory(prefix="dl-judge-stubs-") as folder:
        plans = [(_plan(catalog, i, Path(folder))) for i in problem_ids]
        runs = [run for _, planned in plans for run in planned]
        order = sorted(range(len(runs)), key=lambda i: not runs[i].slow)
        # Runs of torch problems take a pool of their own, beside the rest: each parallel batch needs
        # a zygote of its own, and a torch one costs two seconds of CPU to start.
        torch = {i for i, run in enumerate(runs) if imports(run.problem.template.encode(), "torch")}
        with (
            ThreadPoolExecutor(max_workers=max(1, jobs)) as pool,
            ThreadPoolExecutor(max_workers=max(1, jobs // 4)) as torch_pool,
        ):
            futures = {i: (torch_pool if i in torch else pool).submit(_check, runs[i], runner) for i in order}
            results = [futures[i].result() for i in range(len(runs))]
    checks: list[Check] = []
    position = 0
    for static, planned in plans:
        checks.extend(results[position : position + len(planned)])
        checks.extend(static)
        position += len(planned)
    return checks
