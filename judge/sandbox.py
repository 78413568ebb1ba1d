"""Isolation of untrusted code: whether bubblewrap works here, and the command line that uses it.

Under bwrap the worker sees only the interpreter, its libraries and a tmpfs: no network, its own PID
namespace, a read-only system, and the judge's package folder (problems, references) masked.
"""

from __future__ import annotations

import enum
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.error import JudgeError


class SandboxMode(enum.Enum):
    AUTO = "auto"
    BWRAP = "bwrap"
    NONE = "none"


class SandboxError(JudgeError):
    """bwrap was asked for and cannot work on this machine."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"--sandbox bwrap cannot work here: {reason}; "
            "install bubblewrap (apt-get install bubblewrap) and allow user namespaces, "
            "or use --sandbox auto"
        )


@dataclass(frozen=True)
class Sandbox:
    """How the worker is started: `bwrap` is the path of bubblewrap, or None for no isolation."""

    bwrap: str | None
    warning: str = ""

    @property
    def name(self) -> str:
        return "bwrap" if self.bwrap else "none"

    def wrap(
        self, argv: list[str], as_pid_1: bool = False, files: Sequence[tuple[str, str]] = ()
    ) -> list[str]:
        """The command that runs argv inside this sandbox (as its PID 1 if asked: no reaper), with
        each (host path, path inside) of `files` visible read-only."""
        if self.bwrap is None:
            return argv
        shown = [arg for host, inside in files for arg in ("--ro-bind", host, inside)]
        return [self.bwrap, *bwrap_arguments(), *shown, *(["--as-pid-1"] if as_pid_1 else []), "--", *argv]


def _interpreter_paths() -> list[Path]:
    """Folders the interpreter needs: its prefixes, stdlib and site-packages, symlinks resolved."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    paths.update(sysconfig.get_paths().values())
    paths.add(str(Path(sys.executable).parent))
    paths.add(str(Path(sys.executable).resolve().parent.parent))
    found: set[Path] = set()
    for text in paths:
        for path in (Path(text), Path(text).resolve()):
            if path.exists():
                found.add(path)
    # Nested paths are covered by their parents; binding only the outermost keeps the line short.
    ordered = sorted(found, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in ordered:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


def _masked_paths(bound: list[Path]) -> list[Path]:
    """The judge's own package folder, if a bound folder exposes it (it holds the answers)."""
    package = Path(__file__).resolve().parent
    return [package] if any(b in package.parents for b in bound) else []


def bwrap_arguments() -> list[str]:
    args = [
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--chdir",
        "/tmp",
        "--setenv",
        "HOME",
        "/tmp",
        "--setenv",
        "TMPDIR",
        "/tmp",
    ]
    for system in (
        "/usr",
        "/bin",
        "/lib",
        "/lib64",
        "/lib32",
        "/etc/ld.so.cache",
        "/etc/alternatives",
    ):
        if os.path.exists(system):
            args += ["--ro-bind", system, system]
    bound = _interpreter_paths()
    for path in bound:
        if not str(path).startswith(("/usr/", "/bin/", "/lib")):
            args += ["--ro-bind", str(path), str(path)]
    for path in _masked_paths(bound):
        args += ["--tmpfs", str(path)]
    return args


def probe_bwrap() -> tuple[str | None, str]:
    """(path of a working bwrap, "") or (None, why it cannot be used)."""
    path = shutil.which("bwrap")
    if path is None:
        return None, "bubblewrap is not installed"
    try:
        done = subprocess.run(
            [path, *bwrap_arguments(), "--", sys.executable, "-I", "-c", "pass"],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"bwrap failed to start ({error})"
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit code {done.returncode}"
        if "namespace" in reason.lower() or "permission" in reason.lower():
            reason += " (user namespaces may be blocked, e.g. by AppArmor: "
            reason += "sysctl kernel.apparmor_restrict_unprivileged_userns=0)"
        return None, f"bwrap does not work here: {reason}"
    return path, ""


def resolve_sandbox(mode: SandboxMode) -> Sandbox:
    """The sandbox for a mode; `auto` falls back to none with a warning, `bwrap` raises."""
    if mode is SandboxMode.NONE:
        return Sandbox(None)
    path, reason = probe_bwrap()
    if path is not None:
        return Sandbox(path)
    if mode is SandboxMode.BWRAP:
        raise SandboxError(reason)
    return Sandbox(
        None,
        warning=f"warning: {reason}; running without a sandbox "
        "(install bubblewrap for isolation, or pass --sandbox none to silence this)",
    )


@dataclass(frozen=True)
class Protection:
    name: str
    active: bool
    detail: str


def protections(bwrap: str | None, reason: str, uid: int) -> list[Protection]:
    """What isolation the judge gives on this machine, each with why it is or is not active."""
    missing = f"needs bubblewrap: {reason}" if bwrap is None else ""
    return [
        Protection("isolated interpreter", True, "python -I, scrubbed environment, single-threaded BLAS"),
        Protection("fresh working folder", True, "an empty working folder per case, also HOME and TMPDIR"),
        Protection("limits", True, "CPU time, wall clock (3× CPU), memory (peak RSS, address-space "
                   "backstop), 16 MB of stdout, no core files"),
        Protection("process cleanup", True, "own session and group per case; orphans reparented to the "
                   "worker (a subreaper) and killed after each case"),
        Protection("process count", uid != 0, "RLIMIT_NPROC: 256 beyond the user's processes" if uid != 0
                   else "not enforced: the kernel exempts root from RLIMIT_NPROC (run as another user)"),
        Protection("judge processes untouchable", bwrap is not None or uid != 0,
                   "the zygote, the worker and the next case's child are not dumpable: no ptrace, no "
                   "pidfd_getfd on them; a case that kills the next one's child makes it run again"
                   + ("" if bwrap is not None or uid != 0 else
                   "; but root keeps CAP_SYS_PTRACE without bubblewrap")),
        Protection("bubblewrap", bwrap is not None, bwrap or reason),
        Protection("no network", bwrap is not None, "own network namespace" if bwrap else missing),
        Protection("own PID namespace", bwrap is not None,
                   "nothing outlives a batch; the sandbox is reset between batches" if bwrap else missing),
        Protection("answers hidden", bwrap is not None,
                   "read-only system; only the interpreter, its libraries and a tmpfs are visible; the "
                   "judge's package folder is masked" if bwrap else missing),
    ]  # fmt: skip
