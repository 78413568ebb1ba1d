"""Isolation of untrusted code: whether bubblewrap works here, and the command line that uses it.

Under bwrap the worker sees only the interpreter, its libraries, its own file and a tmpfs: no network,
its own PID, IPC and mount namespaces, a read-only system, and every path to the judge's answers
(package, problems, references) masked. As root the sandbox keeps a few capabilities for the zygote
and worker alone (mounts, namespaces, uids); every case drops them all, and runs as a uid of its own.
"""

from __future__ import annotations

import ctypes
import enum
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
            "or choose --sandbox none (or JUDGE_SANDBOX=none) to run without isolation"
        )


# What the zygote and the worker need inside the sandbox (never a case: each drops them all before its
# go): new mount, IPC and PID namespaces (SYS_ADMIN), a uid per case as root (SETUID, SETGID, CHOWN),
# emptying the bounding set (SETPCAP), cleaning and measuring what a case of another uid left
# (DAC_OVERRIDE, FOWNER, SYS_PTRACE for /proc), and ending it (KILL).
KEPT_CAPABILITIES = (
    "CAP_SYS_ADMIN",
    "CAP_SETUID",
    "CAP_SETGID",
    "CAP_CHOWN",
    "CAP_SETPCAP",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_SYS_PTRACE",
    "CAP_KILL",
)
SYSTEM_FOLDERS = ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache", "/etc/alternatives")


@dataclass(frozen=True)
class Sandbox:
    """How the worker is started: `bwrap` is the path of bubblewrap, or None for no isolation."""

    bwrap: str | None
    warning: str = ""
    # The judge runs as root: no user namespace (bwrap's would map a case to host root), and each case
    # takes a uid of its own. Found, never passed: a root judge must not be able to forget it.
    as_root: bool = field(default_factory=lambda: os.geteuid() == 0)
    # Where the probe's success is remembered (see `probe_bwrap`), if anywhere.
    probe_cache: Path | None = field(default=None, compare=False)

    def forget_probe(self) -> None:
        """The sandbox failed to start: the next judge probes again (and falls back, or says why)."""
        if self.probe_cache is not None:
            try:
                self.probe_cache.unlink(missing_ok=True)
            except OSError:
                pass

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
        return [
            self.bwrap,
            *bwrap_arguments(self.as_root),
            *shown,
            "--remount-ro",
            "/",
            *(["--as-pid-1"] if as_pid_1 else []),
            "--",
            *argv,
        ]


def bwrap_sandbox(path: str) -> Sandbox:
    return Sandbox(path)


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


def secret_paths() -> list[Path]:
    """What holds answers: the judge's package (problems, references, known mistakes in a wheel) and
    the bank beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    bank = package.parent
    return [package, *(bank / name for name in ("problems", "solutions", "tests"))]


def masked_paths(bound: Iterable[Path], secrets: Iterable[Path]) -> list[Path]:
    """Every path inside the sandbox that leads to a secret: a bound folder shows its real folder's
    contents, so a secret under that real folder is reachable through the bound path too (a
    virtualenv that is a symlink, a prefix reached through a link: each way in is masked)."""
    masks: set[Path] = set()
    secrets = [s.resolve() for s in secrets if s.exists()]
    for inside in bound:
        real = inside.resolve()
        for secret in secrets:
            if secret == real or real in secret.parents:
                masks.add(inside / secret.relative_to(real))
    return sorted(masks)


def bwrap_arguments(as_root: bool) -> list[str]:
    if as_root:
        # No user namespace: the only uid mapped in bwrap's is root's own, and a case must not be
        # host uid 0. The zygote stays root with a few capabilities; each case takes a uid of its own.
        namespaces = [
            "--unshare-ipc",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-uts",
            "--unshare-cgroup-try",
        ]
        namespaces += ["--cap-drop", "ALL"]
    else:
        namespaces = ["--unshare-all"]
    for capability in KEPT_CAPABILITIES:
        namespaces += ["--cap-add", capability]
    args = [
        *namespaces,
        "--die-with-parent",
        "--new-session",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",
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
    made: set[Path] = set()

    def show(path: Path) -> None:
        # bwrap makes missing parents 0700 as root: a case's own uid could not reach what is shown
        for parent in reversed(path.parents[:-1]):
            if parent not in made:
                made.add(parent)
                args.extend(["--perms", "0755", "--dir", str(parent)])
        args.extend(["--ro-bind", str(path), str(path)])

    for system in SYSTEM_FOLDERS:
        if os.path.exists(system):
            show(Path(system))
    bound = _interpreter_paths()
    for path in bound:
        if not str(path).startswith(("/usr/", "/bin/", "/lib")):
            show(path)
    visible = [*bound, *(Path(s) for s in SYSTEM_FOLDERS if os.path.exists(s))]
    for path in masked_paths(visible, secret_paths()):
        args += ["--tmpfs", str(path), "--remount-ro", str(path)]
    return args


# Kernel settings that decide whether bwrap can make its namespaces: a change to one re-probes.
NAMESPACE_SETTINGS = (
    "/proc/sys/kernel/unprivileged_userns_clone",
    "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
    "/proc/sys/user/max_user_namespaces",
)


def probe_key(path: str) -> str:
    """What a probe's success depends on: the bwrap binary (path, size, modification time), the
    kernel and its namespace settings, our uid, the interpreter and the folders the sandbox shows."""
    binary = os.stat(path)
    settings = []
    for setting in NAMESPACE_SETTINGS:
        try:
            with open(setting, encoding="ascii") as handle:
                settings.append(handle.read().strip())
        except OSError:
            settings.append("-")
    parts = [
        path,
        str(binary.st_size),
        str(binary.st_mtime_ns),
        os.uname().release,
        os.uname().version,
        *settings,
        str(os.geteuid()),
        sys.executable,
        *(str(p) for p in _interpreter_paths()),
    ]
    return "\0".join(parts)


def probe_bwrap(cache: Path | None = None) -> tuple[str | None, str]:
    """(path of a working bwrap, "") or (None, why it cannot be used).

    With `cache` (a file in the judge's data folder), a success is remembered under `probe_key`, and
    the probe (a sandboxed interpreter started and waited for) is skipped while the key holds. A
    failure is never remembered, so its reason is always today's. A stale success fails closed: the
    sandbox then cannot start, which is an internal error, never a run without isolation."""
    path = shutil.which("bwrap")
    if path is None:
        return None, "bubblewrap is not installed"
    key = probe_key(path) if cache is not None else ""
    if cache is not None:
        try:
            if cache.read_text(encoding="utf-8") == key:
                return path, ""
        except (OSError, UnicodeDecodeError):
            pass
    found, reason = _probe(path)
    if found is not None and cache is not None:
        _remember(cache, key)
    return found, reason


def _remember(cache: Path, key: str) -> None:
    """Write the key atomically; a data folder that cannot be written only costs the next probe."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}")
        temporary.write_text(key, encoding="utf-8")
        os.replace(temporary, cache)
    except OSError:
        pass


def _probe(path: str) -> tuple[str | None, str]:
    """Start `python -I -c pass` in the sandbox as the worker would be."""
    try:
        done = subprocess.run(
            [
                path,
                *bwrap_arguments(os.geteuid() == 0),
                "--remount-ro",
                "/",
                "--",
                sys.executable,
                "-I",
                "-c",
                "pass",
            ],
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


def resolve_sandbox(mode: SandboxMode, cache: Path | None = None) -> Sandbox:
    """The sandbox for a mode; `auto` falls back to none with a warning, `bwrap` raises. `cache`: see
    `probe_bwrap`."""
    if mode is SandboxMode.NONE:
        return Sandbox(None)
    path, reason = probe_bwrap(cache)
    if path is not None:
        return Sandbox(path, probe_cache=cache)
    if mode is SandboxMode.BWRAP:
        raise SandboxError(reason)
    return Sandbox(
        None,
        warning=f"warning: {reason}; running without a sandbox "
        "(install bubblewrap for isolation, or choose --sandbox none or JUDGE_SANDBOX=none to silence this)",
    )


def protect_judge_process() -> None:
    """Without a sandbox, cases run as our own user: make this process not dumpable, so that none of
    them can read or write its memory (/proc/PID/mem) or ptrace it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
    except (OSError, AttributeError):
        pass


@dataclass(frozen=True)
class Protection:
    name: str
    active: bool
    detail: str


def protections(bwrap: str | None, reason: str, uid: int, lang: str = "en") -> list[Protection]:
    """What isolation the judge gives on this machine, each with why it is or is not active (in
    `lang`; the probe's reason stays as the system gave it)."""
    from judge.messages import say

    def says(key: str) -> str:
        return say(lang, f"doctor.detail.{key}")

    missing = say(lang, "doctor.detail.missing", reason=reason) if bwrap is None else ""
    root = uid == 0
    counted = bwrap is not None or not root
    if bwrap is not None:
        who = says("uid_per_case") if root else says("uid_user_namespace")
    else:
        who = says("uid_root") if root else says("uid_own")
    return [
        Protection("isolated interpreter", True, says("interpreter")),
        Protection("fresh working folder", True, says("folder")),
        Protection("limits", True, says("limits")),
        Protection("seccomp filter", True, says("seccomp")),
        Protection("no capabilities", True, says("capabilities")),
        Protection("process tree ends with the case", True, says("tree")),
        Protection("process count", counted, says("processes") if counted else says("processes_root")),
        Protection("judge processes untouchable", True, says("untouchable")),
        Protection("bubblewrap", bwrap is not None, bwrap or reason),
        Protection("unprivileged cases", counted, who),
        Protection("no network", bwrap is not None, says("network") if bwrap else missing),
        Protection(
            "nothing reaches the next submission", bwrap is not None, says("scratch") if bwrap else missing
        ),
        Protection("answers hidden", bwrap is not None, says("hidden") if bwrap else missing),
    ]
