"""Shared fixtures: paths of the repository, a loader for reference solutions, the stored cases of a
problem, the plain loop convolution that several independent checks build on, and a fake runner."""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

from judge.program import Program
from judge.runner import Execution, Limits

ROOT = Path(__file__).resolve().parent.parent
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

    def run_batch(self, solution: Path | Program, stdins: Sequence[str], limits: Limits) -> Iterator[Execution]:
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
