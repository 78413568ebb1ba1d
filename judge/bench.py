"""`judge bench`: per-case overhead of the runners against the floor, measured side by side in one run.

Per-case overhead is (time for N cases - time for 1 case) / (N - 1) through `evaluate`, the path of
`judge run`. The floor is a bare fork + exit + wait of a process that has numpy loaded.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from judge.catalog import Catalog
from judge.grading import Submission, grade
from judge.problem import Problem
from judge.report import Verdict, evaluate
from judge.runner import Runner

# The timed solution: tiny work, and `import numpy` as real solutions do (free in a worker,
# paid in full by a fresh interpreter).
BENCH_SOLUTION = """import numpy as np
z = float(input())
print(float(1 / (1 + np.exp(-z))) if z >= 0 else float(np.exp(z) / (1 + np.exp(z))))
"""
FLOOR_SOURCE = """
import os, sys, time
import numpy
n = int(sys.argv[1])
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    best = min(best, (time.perf_counter() - start) / n)
print(best)
"""


@dataclass(frozen=True)
class Measure:
    name: str
    per_case_s: float
    detail: str = ""


def fork_floor(cases: int) -> float:
    """Seconds per bare fork + exit + wait in a process that has imported numpy (best of 3)."""
    done = subprocess.run(
        [sys.executable, "-I", "-c", FLOOR_SOURCE, str(cases)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def per_case_overhead(
    problem: Problem, solution: Path, runner: Runner, cases: int, repeats: int = 3
) -> float:
    """(T(N) - T(1)) / (N - 1) through evaluate, best of `repeats` for each."""
    case = problem.cases[0]
    many = replace(problem, cases=tuple(replace(case, name=f"c{i}") for i in range(cases)))
    one = replace(problem, cases=(case,))

    def best(p: Problem) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            report = evaluate(p, solution, runner)
            times.append(time.perf_counter() - start)
            if report.verdict is not Verdict.AC:
                raise RuntimeError(f"bench solution not accepted: {report.first_failure}")
        return min(times)

    return (best(many) - best(one)) / (cases - 1)


def grade_throughput(catalog: Catalog, problem_id: str, runner: Runner, count: int, jobs: int) -> float:
    """Seconds to grade `count` copies of the reference of a problem."""
    source = catalog.solution(problem_id).read_bytes()
    with tempfile.TemporaryDirectory(prefix="dl-judge-bench-") as folder:
        submissions = []
        for i in range(count):
            path = Path(folder) / f"{problem_id}__student{i:03d}.py"
            path.write_bytes(source)
            submissions.append(Submission(path, problem_id, Verdict.AC))
        start = time.perf_counter()
        results = grade(catalog, submissions, runner, jobs)
        elapsed = time.perf_counter() - start
    if not all(r.ok for r in results):
        raise RuntimeError("bench grading: a reference copy was not accepted")
    return elapsed


def run_bench(
    catalog: Catalog,
    runners: dict[str, Callable[[], Runner]],
    problem_id: str,
    cases: int,
    spawn_cases: int,
    grade_count: int,
    jobs: int,
    report: Callable[[str], None],
) -> dict[str, float]:
    """Measure everything in one run and report lines as they come; returns the numbers."""
    problem = catalog.load(problem_id)
    folder = tempfile.TemporaryDirectory(prefix="dl-judge-bench-")
    solution = Path(folder.name) / f"{problem_id}.py"
    solution.write_text(BENCH_SOLUTION, encoding="utf-8")
    numbers: dict[str, float] = {}
    floor = fork_floor(200)
    numbers["floor"] = floor
    report(f"timed solution: a numpy sigmoid on `{problem_id}` cases ({solution.name})")
    report(f"floor: fork + exit + wait with numpy loaded: {floor * 1000:.2f} ms")
    for name, make in runners.items():
        runner = make()
        n = spawn_cases if name.startswith("spawn") else cases
        per_case = per_case_overhead(problem, solution, runner, n)
        numbers[name] = per_case
        report(f"{name}: {per_case * 1000:.2f} ms per case (N = {n}) = {per_case / floor:.2f}× the floor")
    for sandbox in ("none", "bwrap"):
        worker, spawn = numbers.get(f"worker/{sandbox}"), numbers.get(f"spawn/{sandbox}")
        if worker and spawn:
            report(f"spawn / worker ({sandbox}): {spawn / worker:.1f}× faster per case with the worker")
    if grade_count:
        for name, make in runners.items():
            if not name.startswith("worker"):
                continue
            elapsed = grade_throughput(catalog, problem_id, make(), grade_count, jobs)
            numbers[f"grade/{name}"] = elapsed
            size = f"{grade_count} submissions × {len(problem.cases)} cases, {jobs} jobs"
            report(f"grade {size}, {name}: {elapsed:.1f} s")
    folder.cleanup()
    return numbers
