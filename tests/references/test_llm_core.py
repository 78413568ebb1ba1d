"""Independent checks of the llm-chapter references (norms, positions, attention variants, LM losses):
plain loops on every stored case, and torch as a test-only oracle where it computes the same thing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import load_solution, stored_cases

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is an optional extra; the loop checks run without it
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed (pip install torch==2.13.0)")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}

rms = load_solution("rms_norm")


def case_params(problem_id: str) -> list:  # type: ignore[type-arg]
    """(name, stdin lines) of every stored case, as pytest parameters."""
    return [pytest.param(name, lines, id=name) for name, lines in stored_cases(problem_id)]


def as_tensor(values):  # type: ignore[no-untyped-def]
    """A float64 torch tensor, so torch and the reference round the same way."""
    return torch.tensor(np.asarray(values, dtype=float), dtype=torch.float64)


# -------------------------------------------------------------------- rms_norm


def rms_norm_loop(x: np.ndarray, gamma: list[float], eps: float) -> np.ndarray:
    """Vector by vector along the last axis, with math.fsum for the mean of squares."""
    y = np.zeros_like(x)
    for index in np.ndindex(*x.shape[:-1]):
        row = [float(v) for v in x[index]]
        root = math.sqrt(math.fsum(v * v for v in row) / len(row) + eps)
        y[index] = [v / root * g for v, g in zip(row, gamma, strict=True)]
    return y


@pytest.mark.parametrize(("name", "lines"), case_params("rms_norm"))
def test_rms_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals the per-vector loop and keeps the input's shape."""
    x, gamma, eps = np.array(eval(lines[0]), dtype=float), eval(lines[1]), float(lines[2])
    y = rms.rms_norm(eval(lines[0]), gamma, eps)
    assert y.shape == x.shape and np.isfinite(y).all()
    np.testing.assert_allclose(y, rms_norm_loop(x, gamma, eps), **CLOSE)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("rms_norm"))
def test_rms_norm_cases_match_torch(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals torch.nn.functional.rms_norm over the last axis."""
    x, gamma, eps = eval(lines[0]), eval(lines[1]), float(lines[2])
    want = F.rms_norm(as_tensor(x), (len(gamma),), weight=as_tensor(gamma), eps=eps)
    np.testing.assert_allclose(rms.rms_norm(x, gamma, eps), want.numpy(), **CLOSE)


def test_rms_norm_is_scale_invariant_without_eps_effect() -> None:
    """Scaling a vector by c > 0 leaves the output unchanged when eps is negligible."""
    x = np.random.default_rng(0).normal(size=(4, 6))
    gamma = np.linspace(0.5, 2.0, 6)
    np.testing.assert_allclose(rms.rms_norm(x * 37.0, gamma, 1e-30), rms.rms_norm(x, gamma, 1e-30), **CLOSE)
