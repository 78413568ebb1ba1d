"""The program that runs untrusted solutions: a zygote forks a worker per solution; the worker compiles
it once, then runs each case in a child process of its own.

It runs as `python -I <this file> <socket fd> <flags>` with the standard library alone (inside the
sandbox the judge's package is masked, and this file is shown at /run/dl-judge/worker.py). The judge
imports the same file as `judge.worker` for the message table below: one encoder, one decoder, both
ends. Every case child, before its go: its own session (and PID namespace, where the kernel lets us make
one), descriptors 0-4 only, resource limits, an unprivileged uid when the sandbox runs as root, no
capabilities, no new privileges, and a seccomp filter; then it runs the code as `__main__`.
"""

from __future__ import annotations

import array
import atexit
import builtins
import ctypes
import errno
import fcntl
import functools
import json
import linecache
import os
import platform
import random
import re
import resource
import select
import shutil
import signal
import socket
import struct
import sys
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar

# --- the messages between the judge and this program ---------------------------------------------
#
# Each is one line "<tag> <int> ... <payload size>\n" followed by that many payload bytes; descriptors
# travel beside it (SCM_RIGHTS). `encode` and `decode` are the only code that reads or writes them.


class ProtocolError(Exception):
    """A message that does not follow the table: the other end is broken, never the learner's doing."""


@dataclass(frozen=True)
class Message:
    TAG: ClassVar[bytes] = b""
    payload: bytes = b""


@dataclass(frozen=True)
class Fork(Message):
    """judge -> zygote, with the new worker's socket: fork a worker."""

    TAG: ClassVar[bytes] = b"F"


@dataclass(frozen=True)
class Forked(Message):
    """zygote -> judge: the worker's pid (in the sandbox's PID namespace)."""

    TAG: ClassVar[bytes] = b"f"
    pid: int = 0


@dataclass(frozen=True)
class Kill(Message):
    """judge -> zygote: kill this process and its group."""

    TAG: ClassVar[bytes] = b"K"
    pid: int = 0


@dataclass(frozen=True)
class Reset(Message):
    """judge -> zygote: end every process the last batch left; the zygote answers Done."""

    TAG: ClassVar[bytes] = b"Z"


@dataclass(frozen=True)
class Done(Message):
    TAG: ClassVar[bytes] = b"d"


@dataclass(frozen=True)
class Solution(Message):
    """judge -> worker: the payload is the file's name, a NUL, then its source; in function mode the
    source is followed by the prelude and the harness (their sizes given), which run around it."""

    TAG: ClassVar[bytes] = b"P"
    prelude_bytes: int = 0
    harness_bytes: int = 0


@dataclass(frozen=True)
class Ready(Message):
    """worker -> judge: the solution compiled; how the cases will be isolated (bit flags ISOLATION_*)."""

    TAG: ClassVar[bytes] = b"r"
    isolation: int = 0
    baseline_kb: int = 0  # resident memory of the preloaded interpreter (torch), not counted to a case


@dataclass(frozen=True)
class CompileError(Message):
    """worker -> judge: the payload is the message (a SyntaxError, not UTF-8...)."""

    TAG: ClassVar[bytes] = b"c"


@dataclass(frozen=True)
class RunCase(Message):
    """judge -> worker, with three descriptors (stdin; stdout and stderr, in-memory files the judge
    reads once the case is over): run a case under these limits."""

    TAG: ClassVar[bytes] = b"C"
    cpu_ms: int = 0
    wall_ms: int = 0
    memory_mb: int = 0
    output_bytes: int = 0


@dataclass(frozen=True)
class Started(Message):
    """worker -> judge: a case's child has its go; its pid (the judge may kill it)."""

    TAG: ClassVar[bytes] = b"s"
    pid: int = 0


@dataclass(frozen=True)
class Result(Message):
    """worker -> judge: a case is over. The payload is what the child wrote to its report descriptor:
    untrusted (the learner's code can write there too), parsed by the judge as data."""

    TAG: ClassVar[bytes] = b"R"
    exit_code: int = 0  # -1 when killed by a signal
    signal: int = 0
    cpu_us: int = 0  # the whole process tree's
    wall_us: int = 0
    memory_kb: int = 0  # the peak: of the process, or of the tree (proportional sizes)
    timed_out: int = 0
    started: int = 0  # 0: the child ended before its go (the case before it killed it)


@dataclass(frozen=True)
class Broken(Message):
    """worker or zygote -> judge: our own failure (the payload says what); the judge's fault, never
    the learner's."""

    TAG: ClassVar[bytes] = b"x"


MESSAGES: dict[bytes, type[Message]] = {
    kind.TAG: kind
    for kind in (
        Fork,
        Forked,
        Kill,
        Reset,
        Done,
        Solution,
        Ready,
        CompileError,
        RunCase,
        Started,
        Result,
        Broken,
    )
}
HARNESS_NAME = "<harness>"  # the problem's harness in tracebacks (function mode); as judge/answer.py names it
MAX_PAYLOAD = 4 << 20  # a solution's source is capped at 1 MiB before it is sent; reports at 16 KiB
ISOLATION_PID_NAMESPACE = 1  # each case is PID 1 of its own PID namespace: its whole tree ends with it
ISOLATION_PRIVATE_MOUNTS = 2  # a fresh /tmp and /dev/shm per worker (bubblewrap)
ISOLATION_UNPRIVILEGED = 4  # cases run as a uid of their own, not the judge's root
ISOLATION_SECCOMP = 8  # the seccomp filter is installed in every case


def encode(message: Message) -> bytes:
    numbers = [getattr(message, f.name) for f in fields(message) if f.name != "payload"]
    head = b" ".join([message.TAG, *(b"%d" % int(n) for n in numbers), b"%d" % len(message.payload)])
    return head + b"\n" + message.payload


def decode(buffer: bytes) -> tuple[Message, bytes] | None:
    """The first whole message of `buffer` and what follows it, or None if it is not all there yet."""
    end = buffer.find(b"\n", 0, 256)
    if end < 0:
        if len(buffer) >= 256:
            raise ProtocolError(f"no message line in {buffer[:40]!r}")
        return None
    head = buffer[:end].split(b" ")
    kind = MESSAGES.get(head[0])
    names = [f.name for f in fields(kind) if f.name != "payload"] if kind else []
    if kind is None or len(head) != len(names) + 2:
        raise ProtocolError(f"not a message: {buffer[:end][:80]!r}")
    try:
        numbers = [int(x) for x in head[1:]]
    except ValueError:
        raise ProtocolError(f"not a message: {buffer[:end][:80]!r}") from None
    size = numbers.pop()
    if not 0 <= size <= MAX_PAYLOAD:
        raise ProtocolError(f"a payload of {size} bytes")
    if len(buffer) < end + 1 + size:
        return None
    payload = buffer[end + 1 : end + 1 + size]
    return kind(**dict(zip(names, numbers, strict=True)), payload=payload), buffer[end + 1 + size :]


def send_message(sock: socket.socket, message: Message, fds: list[int] | None = None) -> None:
    if fds:
        socket.send_fds(sock, [encode(message)], fds)
    else:
        sock.sendall(encode(message))


def receive_fds(sock: socket.socket, flags: int, size: int = 1 << 16) -> tuple[bytes, list[int]]:
    """recvmsg with up to 3 descriptors (socket.recv_fds ignores its flags before Python 3.13)."""
    data, ancillary, _, _ = sock.recvmsg(size, socket.CMSG_SPACE(3 * 4), flags | socket.MSG_CMSG_CLOEXEC)
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % 4
            fds += array.array("i", payload[:usable]).tolist()
    return data, fds


# --- the kernel interfaces this program needs, through ctypes -------------------------------------

LIBC = ctypes.CDLL(None, use_errno=True)
# PyDLL keeps the GIL across the call: a clone() must not release it between PyOS_BeforeFork and
# PyOS_AfterFork_*, as os.fork() does not.
RAW = ctypes.PyDLL(None, use_errno=True)
RAW.syscall.restype = ctypes.c_long
LIBC.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]
LIBC.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
LIBC.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 4, 24, 38
PR_SET_SECCOMP, SECCOMP_MODE_FILTER, PR_SET_CHILD_SUBREAPER = 22, 2, 36
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID = 0x20000, 0x08000000, 0x10000000, 0x20000000
NAMESPACE_FLAGS = 0x7E020080  # every CLONE_NEW*: NS, CGROUP, UTS, IPC, USER, PID, NET, TIME
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE = 0x01, 0x02
CAPABILITY_VERSION_3 = 0x20080522

REPORT_LIMIT = 16384
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MEMORY_POLL_S = 0.02  # how often a case that runs that long has its memory and output looked at
TREE_POLL_S = 0.1  # how often a case's CPU time (and its whole tree's, with children) is measured
STDERR_HELD = 4 << 20  # a case's stderr beyond this is dropped as it runs (its tail is what is shown)
STDERR_TAIL = 64 << 10  # never dropped: the judge shows this much of the end
CASE_PROCESSES = 256  # threads and processes a case may have at once
CASE_FILES = 256  # descriptors a case may hold
FILE_SIZE_LIMIT = 128 << 20  # the largest file a case may write (its stdout past 16 MB is OLE already)
SCRATCH_SIZE = "64m"  # each of the sandbox's /tmp and /dev/shm, per worker
CASE_UIDS = 1 << 16  # uids a root sandbox gives its cases in turn, from a random base
REPORT_FD, GO_FD = 3, 4  # a case's descriptors beyond 0, 1, 2: its exception report, its go
STARTED = b"+"  # the first byte of a case's report once it has its go: it did start
SWEEP_LIMIT_S = 5.0  # without PID namespaces: how long killing what a case left may take at most


def check(result: int, what: str) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")
    return result


def prctl(option: int, value: int, extra: int = 0) -> int:
    return int(LIBC.prctl(option, value, extra, 0, 0))


def mount(source: str | None, target: str, kind: str | None, flags: int, data: str | None = None) -> None:
    encoded = [None if x is None else x.encode() for x in (source, target, kind, data)]
    check(LIBC.mount(encoded[0], encoded[1], encoded[2], flags, encoded[3]), f"mount {target}")


def clone_process(flags: int) -> int:
    """fork(), optionally into new namespaces (CLONE_NEWPID: the child is PID 1 of its own)."""
    if not flags:
        return os.fork()
    ctypes.pythonapi.PyOS_BeforeFork()
    number = {"x86_64": 56, "aarch64": 220}[platform.machine()]
    pid = int(RAW.syscall(number, flags | signal.SIGCHLD, 0, 0, 0, 0))
    if pid == 0:
        ctypes.pythonapi.PyOS_AfterFork_Child()
        return 0
    code = ctypes.get_errno()
    ctypes.pythonapi.PyOS_AfterFork_Parent()
    if pid < 0:
        raise OSError(code, f"clone: {os.strerror(code)}")
    return pid


# --- seccomp: system calls no case needs, refused -------------------------------------------------

AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# name: (x86_64 number, aarch64 number). New namespaces, other processes' memory, the kernel's own
# interfaces (modules, keyrings, mounts, BPF, perf, io_uring), and memory the RSS does not show
# (memfd, System V shared memory and message queues).
REFUSED = {
    "unshare": (272, 97), "setns": (308, 268), "keyctl": (250, 219), "add_key": (248, 217),
    "request_key": (249, 218), "ptrace": (101, 117), "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271), "pidfd_getfd": (438, 438), "perf_event_open": (298, 241),
    "bpf": (321, 280), "userfaultfd": (323, 282), "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426), "io_uring_register": (427, 427), "open_tree": (428, 428),
    "move_mount": (429, 429), "fsopen": (430, 430), "fsconfig": (431, 431), "fsmount": (432, 432),
    "fspick": (433, 433), "mount_setattr": (442, 442), "memfd_create": (319, 279),
    "memfd_secret": (447, 447), "mount": (165, 40), "umount2": (166, 39), "pivot_root": (155, 41),
    "chroot": (161, 51), "shmget": (29, 194), "msgget": (68, 186), "init_module": (175, 105),
    "finit_module": (313, 273), "delete_module": (176, 106), "kexec_load": (246, 104),
    "kexec_file_load": (320, 294), "open_by_handle_at": (304, 265), "name_to_handle_at": (303, 264),
    "fanotify_init": (300, 262), "reboot": (169, 142), "swapon": (167, 224), "swapoff": (168, 225),
    "acct": (163, 89), "quotactl": (179, 60), "syslog": (103, 116), "vhangup": (153, 58),
}  # fmt: skip
CLONE = (56, 220)
CLONE3 = (435, 435)  # its flags are in memory a filter cannot read: ENOSYS makes libc fall back to clone
SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_ERRNO, SECCOMP_RET_ALLOW = 0x80000000, 0x00050000, 0x7FFF0000
BPF_LD_W_ABS, BPF_JEQ, BPF_JGE, BPF_JSET, BPF_RET = 0x20, 0x15, 0x35, 0x45, 0x06


def seccomp_filter(machine: str) -> bytes | None:
    """The classic-BPF program of the filter (None where we know no syscall numbers)."""
    if machine not in AUDIT_ARCH:
        return None
    which = 0 if machine == "x86_64" else 1
    program: list[tuple[int, int, int, int]] = [
        (BPF_LD_W_ABS, 0, 0, 4),  # the architecture
        (BPF_JEQ, 1, 0, AUDIT_ARCH[machine]),
        (BPF_RET, 0, 0, SECCOMP_RET_KILL_PROCESS),  # another ABI (i386, x32 entry): not ours
        (BPF_LD_W_ABS, 0, 0, 0),  # the system call's number
    ]
    refused = sorted(numbers[which] for numbers in REFUSED.values())
    rules = len(refused) + 1 + (1 if which == 0 else 0)
    first = len(program)
    # Layout after the rules: [jeq clone] [ld flags] [jset namespaces] [allow] [EPERM] [ENOSYS]
    clone_at = first + rules
    eperm_at, enosys_at = clone_at + 4, clone_at + 5
    if which == 0:  # x32 system calls carry bit 30 of the number
        program.append((BPF_JGE, eperm_at - (len(program) + 1), 0, 0x40000000))
    for number in refused:
        program.append((BPF_JEQ, eperm_at - (len(program) + 1), 0, number))
    program.append((BPF_JEQ, enosys_at - (len(program) + 1), 0, CLONE3[which]))
    program += [
        (BPF_JEQ, 0, 2, CLONE[which]),
        (BPF_LD_W_ABS, 0, 0, 16),  # clone's flags: the low half of its first argument
        (BPF_JSET, 1, 0, NAMESPACE_FLAGS),
        (BPF_RET, 0, 0, SECCOMP_RET_ALLOW),
        (BPF_RET, 0, 0, SECCOMP_RET_ERRNO | errno.EPERM),
        (BPF_RET, 0, 0, SECCOMP_RET_ERRNO | errno.ENOSYS),
    ]
    assert all(jt < 256 and jf < 256 for _, jt, jf, _ in program)
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def last_capability() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return 63


CAP_SETPCAP, CAP_SYS_ADMIN = 8, 21


class PrivilegeDrop:
    """Everything a case's child needs to give up its privileges, built once in the worker: the child
    then only makes system calls, with no allocation (each page it writes before its go is a
    copy-on-write fault, paid on every case)."""

    def __init__(self, seccomp: bytes | None, last_capability: int) -> None:
        self.seccomp = seccomp
        self.filter_buffer = ctypes.create_string_buffer(seccomp or b"", len(seccomp or b""))
        self.filter = SockFprog(len(seccomp or b"") // 8, ctypes.cast(self.filter_buffer, ctypes.c_void_p))
        self.filter_address = ctypes.addressof(self.filter)
        self.header = CapHeader(CAPABILITY_VERSION_3, 0)
        self.data = (CapData * 2)()
        # Only a holder of CAP_SETPCAP may empty the bounding set; without it there is nothing to give up.
        self.bounding = tuple(range(last_capability + 1)) if has_capability(CAP_SETPCAP) else ()

    def drop_bounding_set(self) -> None:
        call = LIBC.prctl
        for capability in self.bounding:
            call(PR_CAPBSET_DROP, capability, 0, 0, 0)

    def clear_capabilities(self) -> None:
        """No capability left in the effective, permitted and inheritable sets (the bounding and ambient
        sets were emptied in the worker)."""
        check(LIBC.capset(ctypes.byref(self.header), self.data), "capset")

    def install_seccomp(self) -> None:
        if self.seccomp is not None:
            check(LIBC.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, self.filter_address, 0, 0), "seccomp")


# --- what the worker can do on this machine ---------------------------------------------------------


@dataclass
class Isolation:
    """How this worker isolates its cases; found once, when the worker starts."""

    private: bool  # in a bubblewrap sandbox of our own (we are below its PID 1, the zygote)
    pid_namespaces: bool = False
    private_mounts: bool = False
    uid_base: int | None = None  # cases run as uid_base + n (a root sandbox), else as we do
    seccomp: bytes | None = None
    last_capability: int = 63
    privileges: PrivilegeDrop | None = None
    # Our capabilities are those of a user namespace we made after our interpreter started: they do not
    # reach a case's memory maps, so a case must stay dumpable for us to measure its tree's memory (an
    # unprivileged judge without bubblewrap; the security model says what that leaves open).
    dumpable_cases: bool = False

    @property
    def flags(self) -> int:
        return (
            ISOLATION_PID_NAMESPACE * self.pid_namespaces
            | ISOLATION_PRIVATE_MOUNTS * self.private_mounts
            | ISOLATION_UNPRIVILEGED * (self.uid_base is not None)
            | ISOLATION_SECCOMP * (self.seccomp is not None)
        )


def has_capability(number: int) -> bool:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> number & 1)
    except (OSError, ValueError):
        pass
    return False


def enter_private_user_namespace() -> bool:
    """Without CAP_SYS_ADMIN (an unprivileged judge without bubblewrap): a user namespace of our own,
    mapping our uid and gid to themselves, where we may make PID namespaces. False if the kernel says no."""
    uid, gid = os.getuid(), os.getgid()
    if LIBC.unshare(CLONE_NEWUSER) != 0:
        return False
    # Not dumpable, our /proc/self files belong to root and we could not write our own maps: dumpable
    # for the moment of writing them only (nothing else runs in this process now).
    prctl(PR_SET_DUMPABLE, 1)
    try:
        for path, text in (
            ("setgroups", "deny"),
            ("uid_map", f"{uid} {uid} 1"),
            ("gid_map", f"{gid} {gid} 1"),
        ):
            with open(f"/proc/self/{path}", "w") as handle:
                handle.write(text)
    except OSError:
        return False
    finally:
        prctl(PR_SET_DUMPABLE, 0)
    return True


def make_private_mounts(keep: list[str]) -> None:
    """Per worker: new mount and IPC namespaces, a fresh sized /tmp and /dev/shm, the kernel's /proc/sys
    read-only. Nothing a batch writes there outlives it, and nothing from an earlier batch is there. What
    lives under /tmp and must stay (the interpreter's folders: a virtualenv in a temporary clone, bound
    there by the sandbox or not) is bound again over the fresh /tmp."""
    check(LIBC.unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare")
    mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing we mount here reaches the host's namespace
    kept = [(path, os.open(path, os.O_PATH | os.O_CLOEXEC)) for path in outermost(keep)]
    options = f"size={SCRATCH_SIZE},mode=1777"
    mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options)
    for path, fd in kept:
        os.makedirs(path, exist_ok=True)
        mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(fd)
    os.makedirs("/dev/shm", exist_ok=True)
    mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, options)
    for kernel in ("/proc/sys", "/proc/sysrq-trigger"):
        try:
            mount(kernel, kernel, None, MS_BIND | MS_REC)
            mount(None, kernel, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        except OSError:
            pass  # not there: nothing to protect


@functools.cache
def interpreter_folders() -> list[str]:
    """The folders this interpreter reads from (prefixes, stdlib, site-packages), links resolved too.
    Found once, in the zygote (sysconfig costs about 2 ms in each fresh fork)."""
    import sysconfig

    found = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        *sysconfig.get_paths().values(),
    }
    return sorted({p for text in found for p in (text, os.path.realpath(text)) if os.path.isdir(p)})


def outermost(paths: list[str]) -> list[str]:
    """The paths not inside another one of them."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def mounts_below(folder: str) -> list[str]:
    """Mount points under a folder (from /proc/self/mountinfo; spaces and such come octal-escaped)."""
    found = []
    try:
        with open("/proc/self/mountinfo", "rb") as info:
            for line in info:
                parts = line.split()
                if len(parts) > 4:
                    point = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]), parts[4])
                    found.append(os.fsdecode(point))
    except OSError:
        pass
    prefix = folder.rstrip("/") + "/"
    return outermost([p for p in found if p.startswith(prefix)])


def find_isolation(private: bool, drop_uid: bool, pid_namespaces: bool | None = None) -> Isolation:
    """Set up what this worker can: private mounts in the sandbox, PID namespaces per case (with
    CAP_SYS_ADMIN, or in a user namespace of our own), a uid range for a root sandbox, seccomp.
    `pid_namespaces`: whether cases get them, when the zygote knows already (forced off, or probed);
    None: try here."""
    isolation = Isolation(private=private, last_capability=last_capability())
    if drop_uid:
        isolation.uid_base = random.SystemRandom().randrange(0x40000000, 0x7FFF0000) & ~(CASE_UIDS - 1)
    namespaces = private or has_capability(CAP_SYS_ADMIN)
    if not namespaces and enter_private_user_namespace():
        namespaces = isolation.dumpable_cases = True
    if namespaces:
        # Without bubblewrap too: the interpreter may live under /tmp (a virtualenv in a temporary clone).
        under_tmp = [p for p in interpreter_folders() if p.startswith("/tmp/")]
        try:
            make_private_mounts(mounts_below("/tmp") + under_tmp)
            isolation.private_mounts = True
        except OSError:
            if private:
                raise
    if namespaces:
        isolation.pid_namespaces = can_make_pid_namespace() if pid_namespaces is None else pid_namespaces
    isolation.seccomp = seccomp_filter(platform.machine())
    isolation.privileges = PrivilegeDrop(isolation.seccomp, isolation.last_capability)
    return isolation


def can_make_pid_namespace() -> bool:
    """Whether a child can be forked into a PID namespace of its own, by forking one."""
    try:
        pid = clone_process(CLONE_NEWPID)
    except OSError:
        return False
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return True


def probe_pid_namespaces(flags: set[str]) -> bool | None:
    """Whether a worker forked from here can give each case a PID namespace: found once, in a child
    that sets itself up as a worker does, instead of one more fork in every worker (about 2 ms a
    batch). None when the child found none, or failed: each worker then finds it for itself (so a
    user namespace refused once, on the unprivileged path, does not cost every later worker its PID
    namespaces; and a worker's own failure is reported by that worker)."""
    if "shared-pid" in flags:
        return False
    pid = os.fork()
    if pid == 0:
        code = 2
        try:
            isolation = find_isolation("private" in flags, "drop-uid" in flags)
            code = 0 if isolation.pid_namespaces else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return True if os.waitstatus_to_exitcode(status) == 0 else None


# --- the case child ---------------------------------------------------------------------------------


def compile_solution(source: bytes, name: str) -> tuple[types.CodeType | None, str | None]:
    """Return (code, None) or (None, message) for a file that does not compile."""
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, (
            f"{name} is not UTF-8 text: byte 0x{source[error.start]:02x} at offset {error.start}; "
            "save the file as UTF-8"
        )
    try:
        code = compile(text, name, "exec", dont_inherit=True)
        # tracebacks show the user's lines although the file itself is not visible in the sandbox
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
        return code, None
    except SyntaxError as error:
        where = f"line {error.lineno}" if error.lineno else "unknown line"
        line = (error.text or "").strip()
        shown = f": {line}" if line else ""
        return None, f"SyntaxError at {name} {where}: {error.msg}{shown}"
    except (ValueError, MemoryError, RecursionError) as error:
        return None, f"{name} does not compile: {type(error).__name__}: {error}"


def user_traceback(error: BaseException, name: str) -> dict[str, Any]:
    """The exception line and the frames of the user's own file, innermost last; `harness` when the
    harness's own code raised it (on what the user's function returned)."""
    every = traceback.extract_tb(error.__traceback__)
    frames = [f for f in every if f.filename == name]
    ours = [f for f in every if f.filename in (name, HARNESS_NAME)]
    lines = []
    for f in frames[-4:]:
        lines.append(f'  File "{f.filename}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line}")
    head = traceback.format_exception_only(type(error), error)[-1].strip()
    report: dict[str, Any] = {"type": type(error).__name__, "message": head[:2000], "traceback": lines}
    if ours and ours[-1].filename == HARNESS_NAME:
        report["harness"] = True
    return report


def vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@dataclass(frozen=True)
class CaseLimits:
    cpu_s: float
    wall_s: float
    memory_bytes: int
    output_bytes: int
    address_space: int
    processes: int
    uid: int | None  # the case's own uid (a root sandbox), else None: ours


def child_setup(fds: list[int], report_w: int, go_r: int, limits: CaseLimits, isolation: Isolation) -> None:
    """In the forked child, before its go: its own session, descriptors 0-4 only, the limits, an
    unprivileged uid (root sandbox), no capabilities, no new privileges, the seccomp filter."""
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.dup2(report_w, REPORT_FD)
    os.set_blocking(REPORT_FD, False)  # a case that floods it gets EAGAIN, never hangs on it
    os.dup2(go_r, GO_FD)
    os.closerange(GO_FD + 1, 1 << 20)
    # The limits every case shares were set once in the worker (`settle`); these depend on the case.
    cpu = int(limits.cpu_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.address_space, limits.address_space))
    privileges = isolation.privileges
    assert privileges is not None
    if limits.uid is not None:
        os.setgroups([])
        os.setresgid(limits.uid, limits.uid, limits.uid)
        os.setresuid(limits.uid, limits.uid, limits.uid)
    # Ends with the worker (set after the uid change, which clears it). Before this line the worker's
    # death closes the go pipe, and a child that reads end of file there exits.
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    privileges.clear_capabilities()
    if isolation.dumpable_cases:
        prctl(PR_SET_DUMPABLE, 1)
    privileges.install_seccomp()


def settle(name: str, folder: str, isolation: Isolation, processes: int) -> None:
    """Once per worker, the state every case starts with (a fresh `python file.py` has it too), and
    what every case gives up that the worker can give up too (it never execs, never writes a big file,
    keeps its capabilities only in their effective and permitted sets): inherited by each fork."""
    for kind, value in (
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT),
        (resource.RLIMIT_NOFILE, CASE_FILES),
        (resource.RLIMIT_MSGQUEUE, 0),
        (resource.RLIMIT_NPROC, processes),
    ):
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            if kind is not resource.RLIMIT_NPROC:  # counted per user: root is exempt anyway
                raise
    assert isolation.privileges is not None
    isolation.privileges.drop_bounding_set()
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    check(prctl(PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")
    os.environ["HOME"] = os.environ["TMPDIR"] = folder
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    # The streams of fds 0, 1, 2 exist already (the worker never used them): cases reuse them.
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.argv = [name]
    atexit._clear()


def run_case(
    code: types.CodeType, harness: tuple[types.CodeType, types.CodeType] | None, name: str, folder: str
) -> None:
    """In the child, set up: a fresh `__main__`, then wait for the go and run the user's code. In
    function mode the prelude runs first, then the user's file (what it prints at top level goes to
    stderr: only the harness prints the answer), then the harness, in the same module."""
    module = types.ModuleType("__main__")
    module.__dict__.update({"__file__": name, "__builtins__": builtins})
    sys.modules["__main__"] = module
    # The go: one byte once the previous case is over; end of file if the worker is gone or aborts.
    if os.read(GO_FD, 1) != b"g":
        os._exit(0)
    os.write(REPORT_FD, STARTED)  # from here on, what happens to this process is the case's doing
    os.close(GO_FD)
    os.chdir(folder)
    status = 0
    report = None
    try:
        if harness is None:
            exec(code, module.__dict__)
        else:
            prelude, main = harness
            exec(prelude, module.__dict__)
            # the file runs as if imported: a main block of its own (mode forced) does not run
            stdout, sys.stdout = sys.stdout, sys.stderr
            module.__dict__["__name__"] = "solution"
            try:
                exec(code, module.__dict__)
            finally:
                sys.stdout = stdout
                module.__dict__["__name__"] = "__main__"
            exec(main, module.__dict__)
    except SystemExit as error:
        if error.code is None or error.code == 0:
            status = 0
        elif isinstance(error.code, int):
            status = error.code & 0xFF or 1
            report = {"type": "SystemExit", "message": f"SystemExit: {error.code}", "traceback": []}
        else:
            status = 1
            report = {"type": "SystemExit", "message": f"SystemExit: {error.code}"[:2000], "traceback": []}
    except BaseException as error:
        status = 1
        report = user_traceback(error, name)
    try:
        atexit._run_exitfuncs()  # as `python file.py` would at exit (the worker's own were cleared)
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    if report is not None:
        try:
            os.write(REPORT_FD, json.dumps(report).encode()[:REPORT_LIMIT])
        except OSError:
            pass
    os._exit(status)


# --- watching a running case -----------------------------------------------------------------------


def resident_bytes(pid: int) -> int:
    """A process's resident memory now (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def children_of(pid: int) -> list[int]:
    """A process's children, those of every thread."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", "rb") as listing:
                found += [int(x) for x in listing.read().split()]
        except (OSError, ValueError):
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of the children it reaped (utime, stime, cutime, cstime)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def proportional_bytes(pid: int) -> int:
    """A process's proportional set size: pages it shares with n others count 1/n (forked children
    share most of their memory)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return resident_bytes(pid)


def tree_usage(root: int) -> tuple[float, int, int]:
    """(CPU seconds, proportional memory, processes) of a process and all its descendants alive now."""
    cpu, memory, count = 0.0, 0, 0
    stack = [root]
    seen: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        cpu += cpu_seconds(pid)
        memory += proportional_bytes(pid)
        count += 1
        stack += children_of(pid)
    return cpu, memory, count


# --- the worker ------------------------------------------------------------------------------------


def remove_folder(path: str) -> None:
    """Remove a folder, or whatever a case put in its place (a file, a link); gone already is fine."""
    try:
        os.rmdir(path)  # the usual case: the case left its folder empty
    except FileNotFoundError:
        pass
    except OSError:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def empty_folder(folder: str, keep: str = "", mounts: frozenset[str] = frozenset()) -> None:
    """Remove everything in a folder but `keep` and `mounts`: a folder that leads to a mount is
    emptied around it, not removed."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        path = os.path.join(folder, entry)
        if entry == keep or path in mounts:
            continue
        if any(mount.startswith(path + "/") for mount in mounts):
            empty_folder(path, mounts=mounts)
        else:
            remove_folder(path)


def kill_quietly(pid: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except OSError:
        pass


def my_children() -> list[int]:
    return children_of(os.getpid())


def sweep(spare: int | None = None, deadline_s: float = SWEEP_LIMIT_S) -> bool:
    """Kill and reap every process below us but `spare` (orphans come to us: we are a subreaper),
    until there is none. Without PID namespaces this is how a case's tree ends; False if processes
    were still being made when the deadline came."""
    deadline = time.monotonic() + deadline_s
    while True:
        found = [pid for pid in my_children() if pid != spare]
        if not found:
            return True
        if time.monotonic() > deadline:
            return False
        for pid in found:
            kill_quietly(pid)
        for pid in found:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


class Case:
    """A case's child, forked ahead and waiting for its go."""

    def __init__(self, worker: Worker, request: RunCase, fds: list[int], uid: int | None) -> None:
        self.request = request
        self.report_r, report_w = os.pipe()
        os.set_blocking(self.report_r, False)
        go_r, self.go_w = os.pipe()
        moved = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 16) for fd in (*fds, report_w, go_r)]
        self.out, self.err = fds[1], fds[2]  # kept, to hold them to their limits
        for fd in (fds[0], report_w, go_r):
            os.close(fd)
        limits = CaseLimits(
            cpu_s=request.cpu_ms / 1000,
            wall_s=request.wall_ms / 1000,
            memory_bytes=(request.memory_mb << 20) + worker.baseline,
            output_bytes=request.output_bytes,
            # A backstop only (MLE is judged on peak memory): the child starts with our mappings,
            # numpy's included, so it may map twice its memory limit beyond them.
            address_space=worker.mapped + 2 * (request.memory_mb << 20),
            processes=worker.processes,
            uid=uid,
        )
        isolation = worker.isolation
        self.pid = clone_process(CLONE_NEWPID if isolation.pid_namespaces else 0)
        if self.pid == 0:
            try:
                child_setup(moved[:3], moved[3], moved[4], limits, isolation)
                run_case(worker.code, worker.harness, worker.name, worker.folder)
            finally:
                os._exit(70)
        for fd in moved:
            os.close(fd)
        self.limits = limits
        self.started = 0.0
        self.announced = False  # the judge knows our pid (it may kill it)
        self.dropped = 0  # stderr bytes freed so far

    def go(self, folder: str) -> None:
        """Give the case a fresh working folder and let it run.

        Without PID namespaces, the case before it ran beside this child, as the same user, and may have
        stopped it: it is continued. If that case killed it, the child never marks its start (see
        `run_case`) and the judge runs the case again in a new worker."""
        continue_quietly(self.pid)
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # left by an earlier case (or a descendant of one): replace it
            remove_folder(folder)
            os.mkdir(folder, 0o700)
        if self.limits.uid is not None:
            os.chown(folder, self.limits.uid, self.limits.uid)
        self.started = time.monotonic()
        try:
            os.write(self.go_w, b"g")
        except BrokenPipeError:  # it is dead already: reported as never started
            pass
        os.close(self.go_w)

    def close(self) -> None:
        os.close(self.out)
        os.close(self.err)

    def drop_old_stderr(self) -> None:
        """Free all of a flooded stderr but its tail: a hole is punched before the last 64 KiB (the
        size stays; the judge reads the tail). Where holes cannot be punched, it is emptied."""
        size = os.fstat(self.err).st_size
        end = size - STDERR_TAIL
        if end - self.dropped <= STDERR_HELD:
            return
        if LIBC.fallocate(self.err, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, end) != 0:
            os.ftruncate(self.err, 0)  # the file goes on, sparse, from where the case writes
        self.dropped = end

    def abort(self) -> None:
        """Never started: closing its go pipe ends it."""
        os.close(self.go_w)
        os.close(self.report_r)
        self.close()
        kill_quietly(self.pid)


def continue_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGCONT)
    except OSError:
        pass


class Inbox:
    """Case requests from the judge, each with its three descriptors."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""
        self.fds: list[int] = []
        self.eof = False

    def next(self, block: bool) -> tuple[RunCase, list[int]] | None:
        """The next complete request, or None (none yet when not blocking, or end of file)."""
        while (decoded := decode(self.buffer)) is None:
            if self.eof:
                return None
            try:
                data, fds = receive_fds(self.sock, 0 if block else socket.MSG_DONTWAIT)
            except BlockingIOError:
                return None
            if not data:
                self.eof = True
                for fd in fds:
                    os.close(fd)
                return None
            self.buffer += data
            self.fds += fds
        message, self.buffer = decoded
        if not isinstance(message, RunCase) or len(self.fds) < 3:
            raise ProtocolError(f"expected a case with three descriptors, got {message!r}")
        fds, self.fds = self.fds[:3], self.fds[3:]
        return message, fds


class Worker:
    """One solution's cases, one at a time, each child forked while the case before it runs."""

    def __init__(
        self,
        sock: socket.socket,
        code: types.CodeType,
        harness: tuple[types.CodeType, types.CodeType] | None,
        name: str,
        isolation: Isolation,
        home: str,
        baseline: int = 0,
    ) -> None:
        self.sock = sock
        self.code = code
        self.baseline = baseline
        self.harness = harness  # function mode: the prelude and the harness
        self.name = name
        self.isolation = isolation
        self.home = home
        self.folder = (
            os.path.join(home, "case")
            if isolation.private_mounts
            else os.path.join(home, f"case-{os.getpid()}")
        )
        self.home_mounts = frozenset(mounts_below(home)) if isolation.private_mounts else frozenset()
        self.mapped = vm_size_bytes()
        self.cases = 0
        # Counted per user: in a root sandbox each case has a uid of its own, so the count starts at 0;
        # otherwise it is added to what our user runs already.
        self.processes = (
            CASE_PROCESSES if isolation.uid_base is not None else user_processes() + CASE_PROCESSES
        )
        settle(name, self.folder, isolation, self.processes)

    def next_uid(self) -> int | None:
        base = self.isolation.uid_base
        self.cases += 1
        return None if base is None else base + self.cases % CASE_UIDS

    def prepare(self, inbox: Inbox, block: bool) -> Case | None:
        received = inbox.next(block)
        if received is None:
            return None
        request, fds = received
        return Case(self, request, fds, self.next_uid())

    def end_case(self, case: Case) -> None:
        """End the case's whole tree: in its own PID namespace, killing its first process ends all;
        without one, every process below us but the next case's child is killed until none is left."""
        kill_quietly(case.pid)
        if not self.isolation.pid_namespaces:
            kill_quietly(case.pid, group=True)

    def clean_up(self, spare: int | None) -> None:
        if not self.isolation.pid_namespaces and not sweep(spare):
            raise RuntimeError("a case's processes kept multiplying past the sweep's deadline")
        remove_folder(self.folder)
        if self.isolation.private_mounts:
            empty_folder(self.home, mounts=self.home_mounts)
            empty_folder("/dev/shm")

    def serve(self) -> None:
        """Run the cases in order. While one runs, the next request's child is forked and made ready,
        so a fork is never on the path between two cases."""
        inbox = Inbox(self.sock)
        prepared: Case | None = None
        while True:
            case = prepared or self.prepare(inbox, block=True)
            prepared = None
            if case is None:
                return
            case.go(self.folder)
            if not case.announced:
                send_message(self.sock, Started(pid=case.pid))
            outcome = self.watch(case, inbox)
            prepared = outcome.prepared
            self.end_case(case)
            _, status, usage = os.wait4(case.pid, 0)
            wall = time.monotonic() - case.started
            report = read_report(case.report_r)  # forwarded as it is: the judge parses it as data
            started = report.startswith(STARTED)
            report = report[len(STARTED) :] if started else report
            os.close(case.report_r)
            case.close()
            if inbox.eof:
                # The judge has gone (it stops early, e.g. at a first failure): nobody reads more.
                if prepared is not None:
                    prepared.abort()
                self.clean_up(None)
                return
            cpu = max(usage.ru_utime + usage.ru_stime, outcome.tree_cpu)
            peak = max(usage.ru_maxrss, -(-outcome.stopped_at // 1024), outcome.tree_peak // 1024)
            peak = max(peak - self.baseline // 1024, 0)
            result = Result(
                exit_code=os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
                signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                cpu_us=round(cpu * 1e6),
                wall_us=round(wall * 1e6),
                memory_kb=peak,
                timed_out=outcome.timed_out,
                started=started,
                payload=report,
            )
            message = encode(result)
            if not started:
                # Killed before its go by the case before it: this worker ends here, and the judge runs
                # the case again, first in a new one (so no case of ours runs beside it).
                self.sock.sendall(message)
                if prepared is not None:
                    prepared.abort()
                self.clean_up(None)
                return
            if prepared is not None:  # the next case's pid comes with this result: one message less
                message += encode(Started(pid=prepared.pid))
                prepared.announced = True
            self.sock.sendall(message)
            # Cleaned up while the judge reads the result; the next case's go waits for it.
            self.clean_up(prepared.pid if prepared is not None else None)

    def watch(self, case: Case, inbox: Inbox) -> Watched:
        """Wait for the case to end, or end it: over the wall clock, over its memory (its own, or its
        whole tree's), over its CPU time counted over the whole tree, or over the output limit. The
        next case's child is forked meanwhile."""
        outcome = Watched()
        pidfd = os.pidfd_open(case.pid)
        deadline = case.started + case.limits.wall_s
        look = case.started + MEMORY_POLL_S
        tree_look = case.started + TREE_POLL_S
        try:
            while True:
                if outcome.prepared is None and not inbox.eof:
                    outcome.prepared = self.prepare(inbox, block=False)
                waiting = (
                    [pidfd] if outcome.prepared is not None or inbox.eof else [pidfd, self.sock.fileno()]
                )
                now = time.monotonic()
                ready, _, _ = select.select(waiting, [], [], max(min(deadline, look) - now, 0))
                if pidfd in ready:
                    return outcome
                if ready:
                    continue
                now = time.monotonic()
                if now >= deadline:
                    outcome.timed_out = 1
                    return outcome
                # Over the memory limit: end it now (the peak makes it MLE) rather than let it grow to
                # the address-space backstop. Over the output limit: end it (the judge sees: OLE).
                resident = resident_bytes(case.pid)
                if resident > case.limits.memory_bytes:
                    outcome.stopped_at = resident
                    return outcome
                if os.fstat(case.out).st_size > case.limits.output_bytes:
                    return outcome
                case.drop_old_stderr()
                if now >= tree_look:
                    # The CPU limit is ours to enforce: as the first process of its PID namespace the
                    # case never gets the kernel's SIGXCPU (an init ignores it), only RLIMIT_CPU's
                    # hard SIGKILL, a second later.
                    if children_of(case.pid):
                        cpu, memory, _ = tree_usage(case.pid)
                    else:
                        cpu, memory = cpu_seconds(case.pid), 0
                    outcome.tree_cpu = max(outcome.tree_cpu, cpu)
                    outcome.tree_peak = max(outcome.tree_peak, memory)
                    if memory > case.limits.memory_bytes or cpu > case.limits.cpu_s:
                        return outcome
                    tree_look = now + TREE_POLL_S
                look = now + MEMORY_POLL_S
        finally:
            os.close(pidfd)


@dataclass
class Watched:
    prepared: Case | None = None
    timed_out: int = 0
    stopped_at: int = 0  # the resident memory that made us stop it (its peak may read lower)
    tree_cpu: float = 0.0
    tree_peak: int = 0


def read_report(report_r: int) -> bytes:
    """The child's exception report, if it wrote one (the pipe does not block)."""
    chunks = []
    size = 0
    while size <= REPORT_LIMIT:
        try:
            chunk = os.read(report_r, REPORT_LIMIT)
        except BlockingIOError:  # a descendant still holds the pipe open: take what is there
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[: REPORT_LIMIT + len(STARTED)]


def user_processes() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                continue
    return count


@dataclass(frozen=True)
class Received:
    name: str
    source: bytes
    prelude: bytes  # function mode: the template's prelude and harness (empty in program mode)
    harness: bytes


def receive_solution(sock: socket.socket) -> Received | None:
    buffer = b""
    while (decoded := decode(buffer)) is None:
        chunk = sock.recv(1 << 20)
        if not chunk:
            return None
        buffer += chunk
    message, _ = decoded
    if not isinstance(message, Solution) or b"\0" not in message.payload:
        raise ProtocolError(f"expected a solution, got {message!r}")
    name, rest = message.payload.split(b"\0", 1)
    extra = message.prelude_bytes + message.harness_bytes
    if message.prelude_bytes < 0 or message.harness_bytes < 0 or extra > len(rest):
        raise ProtocolError("a solution's harness sizes do not fit its payload")
    source, prelude = rest[: len(rest) - extra], rest[len(rest) - extra :]
    prelude, harness = prelude[: message.prelude_bytes], prelude[message.prelude_bytes :]
    return Received(name.decode("utf-8", "replace"), source, prelude, harness)


def run_worker(sock: socket.socket, flags: set[str], home: str, probed: bool | None = None) -> None:
    """In a worker just forked from the zygote: set up the isolation, receive one solution, compile it
    once, then run its cases. Our own failures are reported as Broken, never as the learner's."""
    try:
        isolation = find_isolation("private" in flags, "drop-uid" in flags, probed)
        received = receive_solution(sock)
        if received is None:
            return
        name = received.name
        code, error = compile_solution(received.source, name)
        if code is None:
            send_message(sock, CompileError(payload=(error or "").encode()))
            return
        harness = None
        if received.harness:
            # the problem's own code, compiled under a name no frame of the learner's has
            try:
                harness = (
                    compile(received.prelude.decode(), HARNESS_NAME, "exec", dont_inherit=True),
                    compile(received.harness.decode(), HARNESS_NAME, "exec", dont_inherit=True),
                )
            except (SyntaxError, ValueError) as failure:  # the problem's, never the learner's
                raise ProtocolError(f"the problem's harness does not compile: {failure}") from None
        # What a torch interpreter holds before any case (near 250 MB) is not the case's: limits and
        # peaks count what a case adds beyond it. With numpy alone it is small and counted, as always.
        baseline = resident_bytes(os.getpid()) if "preload-torch" in flags else 0
        home_folder = "/tmp" if isolation.private_mounts else home
        worker = Worker(sock, code, harness, name, isolation, home_folder, baseline)
        send_message(sock, Ready(isolation=isolation.flags, baseline_kb=baseline // 1024))
        worker.serve()
    except (OSError, ProtocolError, RuntimeError) as failure:
        try:
            send_message(sock, Broken(payload=f"{type(failure).__name__}: {failure}".encode()[:2000]))
        except OSError:
            pass


# --- the zygote --------------------------------------------------------------------------------------


def preload_numpy() -> None:
    try:
        import numpy  # noqa: F401  (imported once here, so every forked case has it for free)
    except ImportError:
        pass


def preload_torch() -> None:
    """torch, imported once (about a second) for every case forked from here; one thread, like BLAS,
    and no thread started before the forks (set before torch runs anything in parallel).

    Also torch._dynamo (another second): torch imports it on the first call of an optimizer, a
    module's hooks or an autograd.Function, so without it every case of a real torch solution
    would pay that import itself (0.3 to 1 s a case instead of a few ms)."""
    settle = huge_page_heap()
    try:
        import torch
    except ImportError:
        settle()
        return
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    try:
        import torch._dynamo
    except Exception:  # a build without it still runs every case, only slower
        pass
    state = torch.get_rng_state()  # cases start from the state torch's import left, as without warm-up
    try:
        warm_up_torch(torch)
    except Exception:  # a torch this code does not know: cases still run, each paying its first use
        pass
    torch.set_rng_state(state)
    settle()


# glibc's mallopt parameters, and madvise's
M_TRIM_THRESHOLD, M_TOP_PAD = -1, -2
MALLOC_DEFAULT_PAD = 128 << 10
MADV_HUGEPAGE = 14
HUGE_PAGE = 2 << 20
HEAP_RESERVE = 1 << 30


def huge_page_heap() -> Callable[[], None]:
    """Back the C heap with transparent huge pages before torch fills it (about 100 MB of it), so a
    fork copies one page-table entry per 2 MB instead of 512: a torch case's fork falls from about
    9 ms to about 5.5 ms. glibc's own switch (GLIBC_TUNABLES=glibc.malloc.hugetlb=1) is ignored in
    the secure mode a root bwrap starts us in, so it is done by hand: grow the heap once by a large
    pad (virtual only), mark it MADV_HUGEPAGE, and let torch's allocations fill it. The returned
    function sets malloc's pad and trim threshold back to their defaults and gives the unused pad
    back (so a worker's mapped size, the base of a case's address-space limit, does not count it).
    glibc's threshold for mmapping large blocks stays at its default, 128 KiB, from then on: once
    mallopt is called, glibc no longer raises it as large blocks are freed. A kernel or libc without
    any of this leaves the heap as it was."""

    def nothing() -> None:
        pass

    try:
        mallopt, sbrk, malloc, free = LIBC.mallopt, LIBC.sbrk, LIBC.malloc, LIBC.free
    except AttributeError:  # not glibc
        return nothing
    sbrk.restype = malloc.restype = ctypes.c_void_p
    sbrk.argtypes = [ctypes.c_ssize_t]
    malloc.argtypes = [ctypes.c_size_t]
    free.argtypes = [ctypes.c_void_p]
    LIBC.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]

    def settle() -> None:
        mallopt(M_TOP_PAD, MALLOC_DEFAULT_PAD)
        mallopt(M_TRIM_THRESHOLD, MALLOC_DEFAULT_PAD)
        # glibc trims the heap's top only when a block of 64 KiB or more is freed: one, from the heap
        # (below the mmap threshold), gives the pad back now. malloc_trim would also release pages
        # inside free blocks, splitting the huge pages.
        free(malloc(96 << 10))

    if not (mallopt(M_TRIM_THRESHOLD, HEAP_RESERVE) and mallopt(M_TOP_PAD, HEAP_RESERVE)):
        settle()
        return nothing
    top, held = sbrk(0), []
    for _ in range(64):  # small blocks until one needs the heap to grow (by the pad, now)
        held.append(malloc(64 << 10))
        if sbrk(0) != top:
            break
    for block in held:
        free(block)
    heap = heap_bounds()
    if heap is not None:
        start = -(-heap[0] // HUGE_PAGE) * HUGE_PAGE
        if heap[1] > start:
            LIBC.madvise(start, heap[1] - start, MADV_HUGEPAGE)
    return settle


def heap_bounds() -> tuple[int, int] | None:
    """Where the heap starts and ends, from /proc/self/maps (it shows as several [heap] mappings once
    part of it is marked for huge pages)."""
    spans = []
    try:
        with open("/proc/self/maps", encoding="ascii") as maps:
            for line in maps:
                if line.rstrip().endswith("[heap]"):
                    start, end = line.split()[0].split("-")
                    spans.append((int(start, 16), int(end, 16)))
    except OSError:
        pass
    return (spans[0][0], spans[-1][1]) if spans else None


def warm_up_torch(torch: Any) -> None:
    """Do once what torch sets up on first use, so that no case pays it again (about 10 ms a case):
    modules and their hooks, load_state_dict, a custom autograd.Function, backward, the optimizers'
    first step, the functional ops of the torch chapter, and printing a tensor. No thread is started."""
    functional = torch.nn.functional

    class Square(torch.autograd.Function):  # type: ignore[misc]
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx: Any, grad: Any) -> Any:
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    class Block(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.proj = torch.nn.Linear(4, 4)
            self.norm = torch.nn.LayerNorm(4)
            self.scale = torch.nn.Parameter(torch.ones(4))

        def forward(self, x: Any) -> Any:
            return self.norm(self.proj(x)) * self.scale

    model = torch.nn.Sequential(Block(), torch.nn.Tanh(), torch.nn.ReLU(), torch.nn.Linear(4, 2)).double()
    model.load_state_dict(model.state_dict())
    x = torch.randn(1, 2, 4, dtype=torch.float64, requires_grad=True)
    image = torch.arange(32, dtype=torch.float64).reshape(1, 2, 4, 4)
    mask = torch.triu(torch.ones(2, 2, dtype=torch.bool), diagonal=1)
    target = torch.zeros(1, 2, 2, dtype=torch.float64)
    for optimizer in (
        torch.optim.SGD(model.parameters(), lr=0.0, momentum=0.9, weight_decay=0.0),
        torch.optim.Adam(model.parameters(), lr=0.0),
        torch.optim.AdamW(model.parameters(), lr=0.0),
    ):
        y = model(Square.apply(x))
        scores = (y @ y.transpose(-2, -1)).masked_fill(mask, float("-inf")) / 2**0.5
        loss = functional.mse_loss(functional.softmax(scores, dim=-1), target)
        loss = loss + functional.cross_entropy(y.view(2, 2), torch.tensor([0, 1]))
        loss = loss + functional.unfold(image, 2, padding=1, stride=2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.autograd.grad((x * x).sum(), x)
    with torch.no_grad():
        x.detach().clone().round(decimals=4).tolist()
    str(x), str(y), repr(torch.tensor([1, 2])), x.detach().numpy(), loss.detach().item()


def kill_everything_else() -> None:
    """As PID 1 of a private PID namespace: end every other process in it (one kill(-1) is complete:
    no process can fork once it has a pending SIGKILL), then reap them all."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def zygote(control: socket.socket, flags: set[str]) -> None:
    """Fork a worker per batch: each starts with numpy already imported, in a few milliseconds.

    Requests and answers are datagrams on a SOCK_SEQPACKET socket, one message each: Fork (with the
    worker's socket) -> Forked; Kill -> Done; Reset -> Done once every process the batch left is gone
    (in a private sandbox, where we are PID 1, everything else in it). End of file ends the zygote.
    """
    home = os.environ.get("TMPDIR") or "/tmp"
    private = "private" in flags
    workers: set[int] = set()
    if "preload" in flags:
        preload_numpy()
    if "preload-torch" in flags:
        preload_torch()
    interpreter_folders()  # cached for every worker
    probed = probe_pid_namespaces(flags)
    while True:
        data, fds, _, _ = socket.recv_fds(control, 1 << 16, 1)
        if not data:
            return
        decoded = decode(data)
        if decoded is None:
            raise ProtocolError(f"a partial request: {data[:40]!r}")
        request, _ = decoded
        answer: Message = Done()
        if isinstance(request, Fork) and fds:
            worker = socket.socket(fileno=fds[0])
            me = os.getpid()
            pid = os.fork()
            if pid == 0:
                try:
                    control.close()
                    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # ends with the zygote
                    if os.getppid() != me:  # it ended before that line
                        return
                    os.setsid()
                    prctl(PR_SET_CHILD_SUBREAPER, 1)
                    run_worker(worker, flags, home, probed)
                finally:
                    os._exit(0)
            worker.close()
            workers.add(pid)
            answer = Forked(pid=pid)
        elif isinstance(request, Kill):
            kill_quietly(request.pid, group=True)
            kill_quietly(request.pid)
        elif isinstance(request, Reset):
            if private:
                kill_everything_else()
            else:
                for pid in workers:
                    kill_quietly(pid, group=True)
                if not sweep():
                    answer = Broken(payload=b"processes kept multiplying past the sweep's deadline")
                empty_folder(home)
            workers.clear()
        else:
            answer = Broken(payload=f"unexpected request {request!r}".encode())
        control.send(encode(answer))


def main() -> None:
    """argv: the socket's descriptor, then flags: "private" (PID 1 of a bubblewrap sandbox of our own),
    "drop-uid" (the sandbox runs as root: cases get uids of their own), "preload" (import numpy once),
    "preload-torch" (import torch once; limits count what a case adds beyond it),
    "shared-pid" (no PID namespace per case: the fallback where the kernel allows none, forced)."""
    sock = socket.socket(fileno=int(sys.argv[1]))
    flags = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set()
    # the solution's folder is not on the path: nothing is imported from a case's working directory
    if sys.path and sys.path[0] in ("", "."):
        del sys.path[0]
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    # Ends with the judge's thread that started it (the runner's launcher); if the judge ended before
    # this line, the socket's end of file ends us at the first request.
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # Not dumpable (inherited by every fork): a case cannot ptrace the zygote, the worker or the next
    # case's child, nor read their memory or take their descriptors.
    prctl(PR_SET_DUMPABLE, 0)
    zygote(sock, flags)


if __name__ == "__main__":
    main()
