"""`judge bench`: per-case overhead of the runners against the floor, measured side by side in one run.

Per-case overhead is (time for N cases - time for 1 case) / (N - 1) through `evaluate`, the path of
`judge run`. The floor is a bare fork + exit + wait of a process that has numpy loaded.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from judge.catalog import Catalog
from judge.grading import Submission, grade
from judge.problem import Problem
from judge.report import Verdict, evaluate
from judge.runner import Runner, WorkerRunner, lookahead_for, scrubbed_environment, spawn_runner
from judge.sandbox import Sandbox, bwrap_sandbox, probe_bwrap

# The timed solution: tiny work, and `import numpy` as real solutions do (free in a worker,
# paid in full by a fresh interpreter).
BENCH_SOLUTION = """import numpy as np
z = float(input())
print(float(1 / (1 + np.exp(-z))) if z >= 0 else float(np.exp(z) / (1 + np.exp(z))))
"""
END_TO_END_PROBLEM = "softmax"  # `judge run softmax solutions/softmax.py`, the README's first run
FLOOR_SOURCE = """
import os, sys, time
import numpy
for line in sys.stdin:
    n = int(line)
    start = time.perf_counter()
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    print((time.perf_counter() - start) / n, flush=True)
"""


class Floor:
    """A process with numpy imported, started as the worker's interpreter is (same flags, same
    environment, so the same BLAS threads), that times bare fork + exit + wait on demand."""

    def __init__(self) -> None:
        home = tempfile.mkdtemp(prefix="dl-judge-bench-")
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", FLOOR_SOURCE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=scrubbed_environment(home),
            cwd=home,
        )
        self.home = home

    def measure(self, forks: int) -> float:
        """Seconds per fork + exit + wait, averaged over `forks`."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{forks}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)


def batch_seconds(problem: Problem, solution: Path, runner: Runner) -> float:
    start = time.perf_counter()
    report = evaluate(problem, solution, runner)
    elapsed = time.perf_counter() - start
    if report.verdict is not Verdict.AC:
        raise RuntimeError(f"bench solution not accepted: {report.first_failure}")
    return elapsed


def replicated(problem: Problem, cases: int) -> Problem:
    case = problem.cases[0]
    return replace(problem, cases=tuple(replace(case, name=f"c{i}") for i in range(cases)))


def per_case_overhead(
    problem: Problem, solution: Path, runner: Runner, cases: int, repeats: int = 3
) -> float:
    """(T(N) - T(1)) / (N - 1) through evaluate, best of `repeats` for each."""
    many, one = replicated(problem, cases), replicated(problem, 1)
    best_many = min(batch_seconds(many, solution, runner) for _ in range(repeats))
    best_one = min(batch_seconds(one, solution, runner) for _ in range(repeats))
    return (best_many - best_one) / (cases - 1)


def command_seconds(problems: Path, problem_id: str, solution: Path, sandbox: str, home: Path) -> float:
    """Wall time of one `judge run` process (start-up, loading, running, drawing the table)."""
    command = [sys.executable, "-m", "judge", "run", problem_id, str(solution)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--problems", str(problems), "--sandbox", sandbox],
        capture_output=True,
        env={**os.environ, "JUDGE_HOME": str(home)},  # the bench leaves the user's progress alone
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"bench: `judge run` did not accept the bench solution: {done.stdout[-300:]!r}")
    return elapsed


def import_numpy_seconds() -> float:
    """Wall time of a bare `python -c "import numpy"`: what a learner's own program costs to start."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import numpy"], check=True)
    return time.perf_counter() - start


def end_to_end(
    catalog: Catalog, problem_id: str, sandboxes: list[str], rounds: int, report: Callable[[str], None]
) -> dict[str, float]:
    """`judge run ID <its reference>` as a learner types it, beside `python -c "import numpy"`, in
    interleaved rounds (best of each, and the median of the per-round ratios). A first untimed run
    per sandbox fills what a learner's second run finds ready (the bwrap probe's memory, file caches)."""
    numbers: dict[str, float] = {}
    solution = catalog.solution(problem_id)
    with tempfile.TemporaryDirectory(prefix="dl-judge-bench-") as home:
        for sandbox in sandboxes:
            command_seconds(catalog.problems_dir, problem_id, solution, sandbox, Path(home))
        numpy_times: list[float] = []
        times: dict[str, list[float]] = {sandbox: [] for sandbox in sandboxes}
        for _ in range(rounds):
            numpy_times.append(import_numpy_seconds())
            for sandbox in sandboxes:
                times[sandbox].append(
                    command_seconds(catalog.problems_dir, problem_id, solution, sandbox, Path(home))
                )
    numbers["import numpy"] = best_numpy = min(numpy_times)
    for sandbox, taken in times.items():
        best = numbers[f"end to end/{sandbox}"] = min(taken)
        ratios = sorted(t / n for t, n in zip(taken, numpy_times, strict=True))
        report(
            f"judge run {problem_id} (end to end), {sandbox}: {best * 1000:.0f} ms vs python -c 'import "
            f"numpy': {best_numpy * 1000:.0f} ms = {best / best_numpy:.2f}× (median of {rounds} rounds: "
            f"{ratios[len(ratios) // 2]:.2f}×)"
        )
    return numbers


def command_per_case(
    catalog: Catalog, problem_id: str, solution: Path, sandbox: str, cases: int, repeats: int = 3
) -> float:
    """(T(N) - T(1)) / (N - 1) for whole `judge run` processes on copies of the problem with N cases
    and with 1 (a copy of its first case), best of `repeats` each."""
    import yaml

    data = yaml.safe_load(catalog.path(problem_id).read_text(encoding="utf-8"))
    first = data["cases"][0]
    with tempfile.TemporaryDirectory(prefix="dl-judge-bench-") as folder:
        times = {}
        for count in (cases, 1):
            problems = Path(folder) / f"n{count}"
            problems.mkdir()
            copies = [{**first, "name": f"c{i}", "sample": i == 0} for i in range(count)]
            text = yaml.safe_dump({**data, "cases": copies}, allow_unicode=True, sort_keys=False)
            (problems / f"{problem_id}.yaml").write_text(text, encoding="utf-8")
            times[count] = min(
                command_seconds(problems, problem_id, solution, sandbox, Path(folder)) for _ in range(repeats)
            )
    return (times[cases] - times[1]) / (cases - 1)


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
    rounds: int = 5,
    command_cases: int = 0,
) -> dict[str, float]:
    """Measure everything in one run and report lines as they come; returns the numbers.

    The floor and the worker runners are measured in interleaved rounds, so a slow moment of the
    machine weighs on both alike; each figure is the best of its rounds (the least disturbed), and
    the median of the per-round ratios is printed beside it.
    """
    report(f"cores: {os.cpu_count()} · python {platform.python_version()}")
    problem = catalog.load(problem_id)
    folder = tempfile.TemporaryDirectory(prefix="dl-judge-bench-")
    solution = Path(folder.name) / f"{problem_id}.py"
    solution.write_text(BENCH_SOLUTION, encoding="utf-8")
    numbers: dict[str, float] = {}
    report(f"timed solution: a numpy sigmoid on `{problem_id}` cases ({solution.name})")
    workers = {name: make() for name, make in runners.items() if not name.startswith("spawn")}
    many, one = replicated(problem, cases), replicated(problem, 1)
    for runner in workers.values():
        batch_seconds(one, solution, runner)  # start its zygote: not part of a case's cost
    floors: list[float] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in workers}
    floor = Floor()
    try:
        floor.measure(20)
        for _ in range(rounds):
            floors.append(floor.measure(cases))
            for name, runner in workers.items():
                times[name].append(
                    (batch_seconds(many, solution, runner), batch_seconds(one, solution, runner))
                )
    finally:
        floor.close()
        for runner in workers.values():
            runner.close()
    numbers["floor"] = best_floor = min(floors)
    report(
        f"floor: fork + exit + wait with numpy loaded: {best_floor * 1000:.2f} ms "
        f"(best of {rounds} rounds of {cases})"
    )
    for name, pairs in times.items():
        per_case = (min(t for t, _ in pairs) - min(t for _, t in pairs)) / (cases - 1)
        ratios = sorted(
            (t_many - t_one) / (cases - 1) / f for (t_many, t_one), f in zip(pairs, floors, strict=True)
        )
        numbers[name] = per_case
        report(
            f"{name}: {per_case * 1000:.2f} ms per case (N = {cases}) = "
            f"{per_case / best_floor:.2f}× the floor (median of the rounds: {ratios[len(ratios) // 2]:.2f}×)"
        )
    for sandbox in ("none", "bwrap") if command_cases >= 2 else ():
        if f"worker/{sandbox}" in workers:
            per_case = command_per_case(catalog, problem_id, solution, sandbox, command_cases)
            numbers[f"judge run/{sandbox}"] = per_case
            report(
                f"judge run (whole processes), {sandbox}: {per_case * 1000:.2f} ms per case "
                f"(N = {command_cases}) = {per_case / best_floor:.2f}× the floor"
            )
    for name, make in runners.items():
        if name.startswith("spawn"):
            runner = make()
            per_case = per_case_overhead(problem, solution, runner, spawn_cases, repeats=2)
            numbers[name] = per_case
            report(
                f"{name}: {per_case * 1000:.2f} ms per case (N = {spawn_cases}) = "
                f"{per_case / best_floor:.2f}× the floor"
            )
    for sandbox in ("none", "bwrap"):
        worker, spawn = numbers.get(f"worker/{sandbox}"), numbers.get(f"spawn/{sandbox}")
        if worker and spawn:
            report(f"spawn / worker ({sandbox}): {spawn / worker:.1f}× faster per case with the worker")
    torch_costs(problem, Path(folder.name), runners, cases, spawn_cases, report, numbers)
    if grade_count:
        for name, make in runners.items():
            if not name.startswith("worker/"):
                continue
            runner = make()
            if isinstance(runner, WorkerRunner):
                runner.lookahead = lookahead_for(jobs)  # as `judge grade` runs them
            try:
                elapsed = grade_throughput(catalog, problem_id, runner, grade_count, jobs)
            finally:
                runner.close()
            numbers[f"grade/{name}"] = elapsed
            size = f"{grade_count} submissions × {len(problem.cases)} cases, {jobs} jobs"
            report(f"grade {size}, {name}: {elapsed:.1f} s")
    sandboxes = [name.split("/", 1)[1] for name in runners if name.startswith("worker/")]
    if END_TO_END_PROBLEM in catalog.ids():
        numbers.update(end_to_end(catalog, END_TO_END_PROBLEM, sandboxes, rounds, report))
    folder.cleanup()
    return numbers


# What the torch chapter's solutions do (a module, autograd, an optimizer step), so that whatever torch
# sets up on first use is in the measurement: done in each case, it would cost 0.3 to 1 s a case.
TORCH_SOLUTION = """import torch

z = float(input())
layer = torch.nn.Linear(1, 1, dtype=torch.float64)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.0, momentum=0.9)
x = torch.tensor([[z]], dtype=torch.float64, requires_grad=True)
layer(x).sum().backward()
optimizer.step()
optimizer.zero_grad()
print(round(torch.sigmoid(x.detach()).item(), 4))
"""


def torch_costs(
    problem: Problem,
    folder: Path,
    runners: dict[str, Callable[[], Runner]],
    cases: int,
    spawn_cases: int,
    report: Callable[[str], None],
    numbers: dict[str, float],
) -> None:
    """A torch solution's cost per case on a torch-preloaded worker, beside a fresh interpreter (and a
    fresh `import torch`) per case; and a whole 14-case run, zygote start included. Skipped without torch."""
    if importlib.util.find_spec("torch") is None:
        report("torch: not installed, not measured (pip install torch==2.13.0, then 'dl-judge[torch]')")
        return
    solution = folder / "torch_sigmoid.py"
    solution.write_text(TORCH_SOLUTION, encoding="utf-8")
    problem = replace(problem, time_limit_s=20.0)  # a fresh interpreter's import of torch takes seconds
    for name, make in runners.items():
        kind, sandbox = name.split("/")
        if kind != "worker":
            continue
        start = time.perf_counter()
        runner = make()
        try:
            batch_seconds(replicated(problem, 14), solution, runner)
            numbers[f"torch run 14 cases/{sandbox}"] = elapsed = time.perf_counter() - start
            per_case = per_case_overhead(problem, solution, runner, max(2, cases // 4), repeats=2)
        finally:
            runner.close()
        numbers[f"torch worker/{sandbox}"] = per_case
        report(
            f"torch worker/{sandbox}: {per_case * 1000:.2f} ms per case (N = {max(2, cases // 4)}); "
            f"a 14-case run from a cold start (torch imported once, by the zygote): {elapsed:.2f} s"
        )
        spawn = runners.get(f"spawn/{sandbox}")
        if spawn is not None:
            runner = spawn()
            try:
                per_spawn = per_case_overhead(problem, solution, runner, max(2, spawn_cases // 2), repeats=1)
            finally:
                runner.close()
            numbers[f"torch spawn/{sandbox}"] = per_spawn
            report(
                f"torch spawn/{sandbox}: {per_spawn * 1000:.0f} ms per case (a fresh import of torch each) = "
                f"{per_spawn / per_case:.0f}× the torch worker"
            )


def bench_runners() -> tuple[dict[str, Callable[[], Runner]], str | None]:
    """The runners `judge bench` measures (bwrap ones where bubblewrap works), and a warning when
    it does not."""
    sandboxes = {"none": Sandbox(None)}
    path, reason = probe_bwrap()
    if path is not None:
        sandboxes["bwrap"] = bwrap_sandbox(path)
    runners: dict[str, Callable[[], Runner]] = {}
    for name, sandbox in sandboxes.items():
        runners[f"worker/{name}"] = functools.partial(WorkerRunner, sandbox)
    for name, sandbox in sandboxes.items():
        runners[f"spawn/{name}"] = functools.partial(spawn_runner, sandbox)
    warning = None if path is not None else f"warning: {reason}; measuring without bwrap only"
    return runners, warning
