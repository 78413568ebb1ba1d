"""Boundaries kept by tests: the core imports no rich/typer/numpy, and the CLI starts without numpy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

CORE = ["judge.problem", "judge.checker", "judge.catalog", "judge.report", "judge.runner", "judge.bank",
        "judge.sandbox", "judge.progress", "judge.grading", "judge.diagnosis", "judge.scores", "judge.gradebook",
        "judge.gradescope", "judge.merge", "judge.classroom",
        "judge.latex", "judge.answer"]  # fmt: skip


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_does_not_import_rich_typer_or_numpy(module: str) -> None:
    """The core is a library: no UI toolkit, and no numpy (the CLI must start fast)."""
    modules = imported_after(f"import {module}")
    assert not {"rich", "typer", "numpy"} & modules


@pytest.mark.parametrize("command", ["list", "hint sigmoid", "show sigmoid"])
def test_cli_commands_do_not_import_numpy(command: str) -> None:
    """`judge list`, `judge hint` and `judge show` never import numpy."""
    argv = ["judge", *command.split()]
    modules = imported_after(
        f"sys.argv = {argv!r}; import contextlib, io\n"
        "from judge.cli import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    assert "judge.cli" in modules
    assert "numpy" not in modules


def test_no_module_level_console_or_cache() -> None:
    """No module-level mutable state: no global Console() in the package."""
    for path in (ROOT / "judge").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not line.startswith(("console = ", "CONSOLE = ", "_console = ")), path
