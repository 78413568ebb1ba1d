"""The `judge` entry point, and the runners commands start.

`judge run` starts its worker here, before typer and rich are imported and the command line is parsed:
the worker's interpreter loads numpy (and bubblewrap sets up) on the other core meanwhile. This module
imports nothing heavy at its top for that reason.
"""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from judge.runner import Runner
    from judge.sandbox import SandboxMode


class RunnerKind(str, enum.Enum):
    worker = "worker"
    spawn = "spawn"


def data_home() -> Path:
    """Where progress lives: JUDGE_HOME, else the XDG data folder."""
    if os.environ.get("JUDGE_HOME"):
        return Path(os.environ["JUDGE_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dl-judge"


def make_runner(
    sandbox: SandboxMode,
    kind: RunnerKind = RunnerKind.worker,
    warm: bool = False,
    torch: bool = False,
    jobs: int = 1,
) -> tuple[Runner, str | None]:
    """The runner and the sandbox's warning, if any; with `warm`, its first interpreter starts now
    (with torch preloaded, with `torch`). `jobs`: how many batches will run side by side (with more
    than one, as in verify, no case is sent ahead of the one running: the cores are busy anyway)."""
    from judge.runner import WorkerRunner, lookahead_for, spawn_runner
    from judge.sandbox import resolve_sandbox

    chosen = resolve_sandbox(sandbox, cache=data_home() / "bwrap-probe")
    lookahead = lookahead_for(jobs)
    made = spawn_runner(chosen) if kind is RunnerKind.spawn else WorkerRunner(chosen, lookahead=lookahead)
    if warm:
        made.warm_up(torch)
    return made, chosen.warning


@dataclass
class EarlyRunner:
    """`judge run`'s runner, started before the command line is parsed; `run` adopts it when the
    parsed options agree."""

    mode: SandboxMode
    runner: Runner
    warning: str | None


def early_runner(argv: list[str]) -> EarlyRunner | None:
    """A warm runner for `judge run` (a guess from the raw arguments), else None: any other command,
    another runner, --help, or a value typer will refuse (typer then says what is wrong)."""
    if not argv or argv[0] != "run" or any(arg.startswith(("--runner", "--help")) for arg in argv):
        return None
    from judge.error import JudgeError
    from judge.sandbox import SandboxMode

    mode = os.environ.get("JUDGE_SANDBOX") or "auto"
    for arg, value in zip(argv, [*argv[1:], ""], strict=True):
        if arg == "--sandbox" or arg.startswith("--sandbox="):
            mode = value if arg == "--sandbox" else arg.partition("=")[2]
    try:
        chosen = SandboxMode(mode)
        return EarlyRunner(chosen, *make_runner(chosen, warm=True, torch=_uses_torch(argv)))
    except (ValueError, JudgeError):
        return None


def _uses_torch(argv: list[str]) -> bool:
    """Whether the program named on the command line imports torch (its zygote takes two seconds to
    start: better started now than after parsing)."""
    from judge.program import UnreadableProgram, imports, read_program

    for arg in argv[1:]:
        if arg.endswith(".py"):
            try:
                if imports(read_program(Path(arg)).source, "torch"):
                    return True
            except (UnreadableProgram, OSError):
                pass
    return False


def adopt_runner(early: object, sandbox: SandboxMode, kind: RunnerKind) -> tuple[Runner, str | None]:
    """The runner started early if it is the one asked for, else a new one (the early one closed)."""
    if isinstance(early, EarlyRunner):
        if early.mode is sandbox and kind is RunnerKind.worker:
            return early.runner, early.warning
        early.runner.close()
    return make_runner(sandbox, kind, warm=True)


def main() -> None:
    early = early_runner(sys.argv[1:])
    from judge import cli

    cli.main(early)
