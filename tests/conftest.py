"""Shared fixtures: paths of the repository, a loader for reference solutions, the stored cases of a
problem, the plain loop convolution that several independent checks build on, and a fake runner."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

from judge.program import Program
from judge.runner import ErrorReport, Execution, Limits

ROOT = Path(__file__).resolve().parent.parent
PR_SET_CHILD_SUBREAPER = 36
LEFTOVER_GRACE_S = 3.0
PROBLEMS = ROOT / "problems"
SOLUTIONS = ROOT / "solutions"
SUBMISSIONS = ROOT / "tests" / "data" / "submissions"


def load_solution(problem_id: str) -> ModuleType:
    """Import solutions/<id>.py as a module without running its __main__ block."""
    path = SOLUTIONS / f"{problem_id}.py"
    spec = importlib.util.spec_from_file_location(f"reference_{problem_id}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stored_cases(problem_id: str) -> list[tuple[str, list[str]]]:
    """(name, stdin split into lines) of every case in problems/<id>.yaml."""
    problem = yaml.safe_load((PROBLEMS / f"{problem_id}.yaml").read_text(encoding="utf-8"))
    return [(case["name"], case["stdin"].splitlines()) for case in problem["cases"]]


def case_stdins(problem_id: str) -> list[list[str]]:
    """The stdin of every case of a problem, split into its lines."""
    return [lines for _, lines in stored_cases(problem_id)]


def case_params(problem_id: str) -> list:  # type: ignore[type-arg]
    """(name, stdin lines) of every stored case, as pytest parameters named after the case."""
    return [pytest.param(name, lines, id=name) for name, lines in stored_cases(problem_id)]


def conv2d_loop(x: np.ndarray, k: np.ndarray, padding: int, stride: int) -> np.ndarray:
    """Cross-correlation by the definition, one scalar product at a time, treating out-of-range
    indices as zeros (no np.pad): the independent check of every convolution in the bank."""
    H, W = x.shape
    kh, kw = k.shape
    out_h = (H + 2 * padding - kh) // stride + 1
    out_w = (W + 2 * padding - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            total = 0.0
            for a in range(kh):
                for b in range(kw):
                    r, c = i * stride + a - padding, j * stride + b - padding
                    if 0 <= r < H and 0 <= c < W:
                        total += x[r, c] * k[a, b]
            out[i, j] = total
    return out


@pytest.fixture
def solution():  # type: ignore[no-untyped-def]
    """The loader of reference solutions, as a fixture."""
    return load_solution


class FakeRunner:
    """Answers each case with a made-up execution: fixed times, no processes. It keeps what it was
    given to run, so a test can see that the bytes read are the bytes run."""

    def __init__(self, answer: Callable[[int, str], Execution]) -> None:
        self.answer = answer
        self.solutions: list[Path | Program] = []

    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]:
        self.solutions.append(solution)
        for i, stdin in enumerate(stdins):
            yield self.answer(i, stdin)

    def close(self) -> None:
        pass


def workflow_commands(text: str) -> list[tuple[str, str]]:
    """(command name, line) of every line of a log that the GitHub Actions runner would act on.

    The runner (actions/runner, ActionCommand.TryParseV2 and TryParse) reads a line as a command
    when, after leading whitespace, it starts with `::` and holds a second `::` (`::name props::data`),
    or when it holds `##[` with a `]` after it anywhere (the legacy `##[name props]data`), the name
    being a registered command or a stop-commands token. This reading is stricter: any name counts,
    lines also break where Python's splitlines breaks them, and invisible characters (format and
    control characters, which .NET's culture-aware comparison may skip) are dropped first.
    """
    found = []
    for raw in text.splitlines():
        line = "".join(c for c in raw if unicodedata.category(c) not in ("Cf", "Cc"))
        stripped = line.lstrip()
        if stripped.startswith("::") and "::" in stripped[2:]:
            found.append((stripped[2 : stripped.index("::", 2)].split(" ")[0].lower(), raw))
        at = line.find("##[")
        if at >= 0 and "]" in line[at:]:
            found.append((line[at + 3 : line.index("]", at)].split(" ")[0].lower(), raw))
    return found


# --- processes the judge leaves behind -------------------------------------------------------------


def process_table() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, state, start time) of every process in /proc."""
    table: dict[int, tuple[int, str, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), fields[0].decode(), int(fields[19]))
    return table


def start_time(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[19])
    except OSError:
        return None


def descendants(root: int) -> dict[int, tuple[int, str, int]]:
    """Every process below `root` in the parent tree, with its (parent, state, start time)."""
    table = process_table()
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found: dict[int, tuple[int, str, int]] = {}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found[child] = table[child]
            stack.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")[:80]
    except OSError:
        return "?"


class Leftovers:
    """Makes the test process the reaper of orphans, so that a process escaping the judge stays below it."""

    def __init__(self) -> None:
        self.me = os.getpid()
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        self.before = {(pid, start) for pid, (_, _, start) in descendants(self.me).items()}

    def new(self) -> dict[int, tuple[int, str, int]]:
        return {p: v for p, v in descendants(self.me).items() if (p, v[2]) not in self.before}

    def reap_zombies(self, found: dict[int, tuple[int, str, int]]) -> None:
        for pid, (parent, state, _) in found.items():
            if state == "Z" and parent == self.me:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass

    def survivors(self, idle_allowed: bool = False) -> list[str]:
        """The processes started since the test began that are still alive after a grace period.

        With `idle_allowed`, a runner's idle interpreters (kept for the next batch) do not count: a
        process is idle when nothing but bwrap stands between it and the test; anything below such
        an interpreter (a worker, a case, what a case started) is a survivor.
        """
        deadline = time.monotonic() + LEFTOVER_GRACE_S
        while True:
            found = self.new()
            self.reap_zombies(found)
            alive = {p: v for p, v in found.items() if v[1] != "Z"}
            if idle_allowed:
                alive = {p: v for p, v in alive.items() if self.below_an_interpreter(p, found)}
            if not alive or time.monotonic() > deadline:
                return [f"pid {p} ({v[1]}, parent {v[0]}): {command_line(p)}" for p, v in alive.items()]
            time.sleep(0.05)

    def below_an_interpreter(self, pid: int, found: dict[int, tuple[int, str, int]]) -> bool:
        parent = found[pid][0]
        while parent in found:
            if not command_line(parent).split(" ", 1)[0].endswith("bwrap"):
                return True
            parent = found[parent][0]
        return False

    def close(self) -> None:
        """Kill what is left of what this test started (by pid, start time checked), then stop reaping."""
        for _ in range(3):
            found = self.new()
            self.reap_zombies(found)
            alive = {p: v for p, v in found.items() if v[1] != "Z"}
            if not alive:
                break
            for pid, (_, _, start) in alive.items():
                try:
                    handle = os.pidfd_open(pid)
                except OSError:
                    continue
                try:
                    if start_time(pid) == start:
                        signal.pidfd_send_signal(handle, signal.SIGKILL)
                finally:
                    os.close(handle)
            time.sleep(0.1)
        self.reap_zombies(self.new())
        self.libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


@pytest.fixture
def leftovers() -> Iterator[Leftovers]:
    """Tracks the processes a test starts; kills any survivor at the end."""
    guard = Leftovers()
    try:
        yield guard
    finally:
        guard.close()


class ClassRunner(FakeRunner):
    """A fake runner for class grading: a program's first line says what it does. `# pass N` prints
    the expected output of its problem's first N cases and 7 for the others (`# pass all`: every case);
    `# crash N` passes the first N cases and raises ValueError at its line 3 on the others."""

    def __init__(self, problem_ids: Sequence[str]) -> None:
        super().__init__(lambda i, _: Execution())
        self.expected: dict[str, str] = {}
        for problem_id in problem_ids:
            raw = yaml.safe_load((PROBLEMS / f"{problem_id}.yaml").read_text(encoding="utf-8"))
            self.expected.update({case["stdin"]: case["stdout"] for case in raw["cases"]})

    def run_batch(self, solution: Path | Program, stdins: Sequence[str], limits: Limits) -> Iterator[Execution]:
        self.solutions.append(solution)
        source = solution.source if isinstance(solution, Program) else solution.read_bytes()
        words = source.decode().split("\n", 1)[0].split()
        for i, stdin in enumerate(stdins):
            if words[1] == "crash" and i >= int(words[2]):
                frames = ('  File "solution.py", line 3, in <module>', "    raise ValueError(x)")
                yield Execution(exit_code=1, cpu_s=0.002, error=ErrorReport("ValueError", "ValueError: x", frames))
            elif words[2:3] == ["all"] or i < int(words[2]):
                yield Execution(stdout=self.expected[stdin], cpu_s=0.001, memory_mb=20.0)
            else:
                yield Execution(stdout="7\n", cpu_s=0.001, memory_mb=20.0)
