"""Shared fixtures: paths of the repository and a loader for reference solutions."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

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


@pytest.fixture
def solution():  # type: ignore[no-untyped-def]
    """The loader of reference solutions, as a fixture."""
    return load_solution
