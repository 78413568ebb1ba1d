"""Shared fixtures: paths of the repository, a loader for reference solutions, the stored cases of a
problem, and the plain loop convolution that several independent checks build on."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

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
