"""The program that runs untrusted solutions: it compiles one solution once, then forks a child per case.

It runs inside the sandbox as `python -I -c <this source> <socket fd> <mode> <preload> <C loop>`,
with the standard library alone (the judge's package is not importable there; the C loop, if any,
is loaded from its file). The judge sends the solution
(a JSON header, then the source), then one request line per case with three descriptors (stdin, and
in-memory files for stdout and stderr) over a Unix socket, one case ahead. The worker forks each
case's child as soon as its request comes; the child closes every other descriptor but its exception
pipe and its go pipe, applies the limits, and waits for the go, given once the case before it is over
and cleaned up; then it runs the code as `__main__`. CPU time and peak memory come from wait4. The
worker answers with short lines: "S <pid>" when a case starts, "R ..." when it ends (see `serve`).
`_forkserver.c` runs the same loop in C; this file's `serve` is the fallback where it was not built.
"""

import array
import atexit
import builtins
import ctypes
import fcntl
import json
import linecache
import os
import re
import resource
import select
import shutil
import signal
import socket
import sys
import time
import traceback
import types
from typing import Any

LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
REPORT_LIMIT = 16384
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MEMORY_POLL_S = 0.02  # how often a case that runs that long has its memory and output looked at
STDERR_HELD = 4 << 20  # a case's stderr beyond this is dropped as it runs (its tail is what is shown)
STDERR_TAIL = 64 << 10  # never dropped: the judge shows this much of the end
FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE = 0x01, 0x02
EXTRA_PROCESSES = 256  # threads and processes a case may add to what its user already runs
REPORT_FD, GO_FD = 3, 4  # a case's descriptors beyond 0, 1, 2: its exception report, its go
STARTED = b"+"  # the first byte of a case's report once it has its go: it did start


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


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
    """The exception line and the frames of the user's own file, innermost last."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    lines = []
    for f in frames[-4:]:
        lines.append(f'  File "{f.filename}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line}")
    head = traceback.format_exception_only(type(error), error)[-1].strip()
    return {"type": type(error).__name__, "message": head[:2000], "traceback": lines}


def vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


CASE_FOLDER = ""  # the working folder of this worker's cases: made empty for each, HOME and TMPDIR


class CaseFolder:
    """The cases' working folder: empty and as made when a case starts.

    A case that leaves it as it found it (no entry, same inode, mode and owner) leaves it for the
    next; otherwise it is removed and made again. Checking costs one stat and one directory read,
    cheaper than removing and making a folder (two journaled changes) for every case.
    """

    def __init__(self) -> None:
        self.made: tuple[int, int, int, int] | None = None

    @staticmethod
    def _identity() -> tuple[int, int, int, int] | None:
        try:
            st = os.lstat(CASE_FOLDER)
        except OSError:
            return None
        return (st.st_ino, st.st_mode, st.st_uid, st.st_gid)

    def make(self) -> None:
        if self.made is not None:
            return
        try:
            os.mkdir(CASE_FOLDER, 0o700)
        except FileExistsError:  # left by a descendant of an earlier case: replace it
            remove_folder(CASE_FOLDER)
            os.mkdir(CASE_FOLDER, 0o700)
        self.made = self._identity()

    def check(self) -> None:
        """After a case: keep the folder if it is still empty and the same, else remove it."""
        if self.made is not None and self._identity() == self.made:
            try:
                with os.scandir(CASE_FOLDER) as entries:
                    if next(entries, None) is None:
                        return
            except OSError:
                pass
        self.made = None
        remove_folder(CASE_FOLDER)


FOLDER = CaseFolder()


def settle(name: str) -> None:
    """Once per worker, the state every case starts with (a fresh `python file.py` has it too)."""
    global CASE_FOLDER
    CASE_FOLDER = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"case-{os.getpid()}")
    os.environ["HOME"] = os.environ["TMPDIR"] = CASE_FOLDER
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # The streams of fds 0, 1, 2 exist already (the worker never used them): cases reuse them.
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.argv = [name]
    atexit._clear()


def child_setup(fds: list[int], report_w: int, go_r: int, request: dict[str, Any]) -> None:
    """In the forked child, before its go: its own session, descriptors 0-4 only, the limits.

    All of it is done while the previous case still runs (on another core). `_forkserver.c` does
    the same in C.
    """
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.dup2(report_w, REPORT_FD)
    os.dup2(go_r, GO_FD)
    os.closerange(GO_FD + 1, 1 << 16)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = int(request["cpu_limit_s"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    address_space = request["address_space_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    try:
        # Counted per user: room for this many more processes (root is exempt by the kernel).
        resource.setrlimit(resource.RLIMIT_NPROC, (request["nproc_limit"], request["nproc_limit"]))
    except (ValueError, OSError):
        pass


def run_case(code: types.CodeType, name: str) -> None:
    """In the child, set up: a fresh `__main__`, then wait for the go and run the user's code.

    What depends on the previous case being over (its folders removed, this case's folder made)
    comes after the go.
    """
    # HOME, TMPDIR, signals, argv and the streams were set once by the worker (`settle`).
    module = types.ModuleType("__main__")
    module.__dict__.update({"__file__": name, "__builtins__": builtins})
    sys.modules["__main__"] = module
    # The go: one byte once the previous case is over; end of file if the worker is gone or aborts.
    if os.read(GO_FD, 1) != b"g":
        os._exit(0)
    os.write(REPORT_FD, STARTED)  # from here on, what happens to this process is the case's doing
    os.close(GO_FD)
    os.chdir(CASE_FOLDER)
    status = 0
    report = None
    try:
        exec(code, module.__dict__)
    except SystemExit as error:
        if error.code is None or error.code == 0:
            status = 0
        elif isinstance(error.code, int):
            status = error.code & 0xFF or 1
            report = {"type": "SystemExit", "message": f"SystemExit: {error.code}", "traceback": []}
        else:
            status = 1
            report = {
                "type": "SystemExit",
                "message": f"SystemExit: {error.code}"[:2000],
                "traceback": [],
            }
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


def children() -> list[int]:
    """Our direct children, orphans reparented to us included (we are their subreaper)."""
    me = os.getpid()
    try:
        listing = os.open(f"/proc/{me}/task/{me}/children", os.O_RDONLY)
        try:
            return [int(pid) for pid in os.read(listing, 1 << 16).split()]
        finally:
            os.close(listing)
    except OSError:
        pass
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    if int(stat.read().rsplit(b")", 1)[1].split()[1]) == me:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


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


def kill_group(pid: int) -> None:
    """SIGKILL a process group that may be gone already."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def reap_orphans(spare: int | None = None) -> None:
    """Kill and reap descendants that outlived their case (they were reparented to us); `spare` is
    the next case's child, forked ahead."""
    for _ in range(50):
        orphans = [pid for pid in children() if pid != spare]
        if not orphans:
            return
        for pid in orphans:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in orphans:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def resident_bytes(pid: int) -> int:
    """A process's resident memory now (0 if it is gone)."""
    try:
        statm = os.open(f"/proc/{pid}/statm", os.O_RDONLY)
    except OSError:
        return 0
    try:
        return int(os.read(statm, 256).split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0
    finally:
        os.close(statm)


def read_report(report_r: int) -> bytes:
    """The child's exception report, if it wrote one (the pipe does not block)."""
    chunks = []
    while True:
        try:
            chunk = os.read(report_r, REPORT_LIMIT)
        except BlockingIOError:  # a descendant still holds the pipe open: take what is there
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)[:REPORT_LIMIT]


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


def receive_fds(sock: socket.socket, flags: int) -> tuple[bytes, list[int]]:
    """recvmsg with up to 3 descriptors (socket.recv_fds ignores its flags before Python 3.13)."""
    data, ancillary, _, _ = sock.recvmsg(1 << 16, socket.CMSG_SPACE(3 * 4), flags)
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % 4
            fds += array.array("i", payload[:usable]).tolist()
    return data, fds


class Inbox:
    """Case requests from the judge: a line each, "<CPU ms> <wall ms> <memory MB> <output bytes>", sent
    with its three descriptors (stdin, then stdout and stderr: in-memory files the judge reads after)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""
        self.fds: list[int] = []
        self.eof = False

    def next(self, block: bool) -> tuple[dict[str, Any], list[int]] | None:
        """The next complete request, or None (none yet when not blocking, or end of file)."""
        while b"\n" not in self.buffer:
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
        line, self.buffer = self.buffer.split(b"\n", 1)
        fds, self.fds = self.fds[:3], self.fds[3:]
        cpu_ms, wall_ms, memory_mb, output_bytes = (int(x) for x in line.split())
        request = {
            "cpu_limit_s": cpu_ms / 1000,
            "wall_limit_s": wall_ms / 1000,
            "memory_limit_mb": memory_mb,
            "output_limit_bytes": output_bytes,
        }
        return request, fds


class Case:
    """A case's child, forked ahead and waiting for its go."""

    def __init__(self, code: types.CodeType, name: str, request: dict[str, Any], fds: list[int]) -> None:
        self.request = request
        self.report_r, report_w = os.pipe()
        os.set_blocking(self.report_r, False)
        go_r, self.go_w = os.pipe()
        moved = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 16) for fd in (*fds, report_w, go_r)]
        self.out, self.err = fds[1], fds[2]  # kept, to hold them to their limits
        for fd in (fds[0], report_w, go_r):
            os.close(fd)
        self.pid = os.fork()
        if self.pid == 0:
            try:
                child_setup(moved[:3], moved[3], moved[4], request)
                run_case(code, name)
            finally:
                os._exit(70)
        for fd in moved:
            os.close(fd)
        self.started = 0.0
        self.announced = False  # the judge knows our pid (it may kill our group)
        self.dropped = 0  # stderr bytes freed so far

    def go(self) -> None:
        """Give the case a fresh working folder and let it run.

        The case before it ran beside this child, as the same user, and may have stopped it: it is
        continued. If that case killed it, the child never marks its start (see `run_case`) and the
        judge runs the case again in a new worker."""
        try:
            os.kill(self.pid, signal.SIGCONT)
        except OSError:
            pass
        FOLDER.make()
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
        """Never started: closing its go pipe ends it; reaped with the orphans."""
        os.close(self.go_w)
        os.close(self.report_r)
        self.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass


def serve(sock: socket.socket, code: types.CodeType, name: str, private: bool, helper: Any) -> None:
    """Run the cases in order. While one runs, the next request's child is forked and made ready,
    so a fork is never on the path between two cases. `helper` is `_forkserver`, the same loop in C,
    or None."""
    nproc_limit = user_processes() + EXTRA_PROCESSES
    mapped = vm_size_bytes()
    settle(name)
    if helper is not None:
        keep = os.path.basename(CASE_FOLDER)
        wipe = empty_private_tmp if private else None
        if helper.serve(
            sock.fileno(), nproc_limit, mapped, CASE_FOLDER, keep, wipe, remove_folder, reap_orphans
        ):
            run_case(code, name)  # in a case's child, made ready by the helper; never returns
        return
    inbox = Inbox(sock)
    prepared: Case | None = None

    def prepare(block: bool) -> Case | None:
        received = inbox.next(block)
        if received is None:
            return None
        request, fds = received
        request["nproc_limit"] = nproc_limit
        # A backstop only (MLE is judged on peak RSS): the child starts with our mappings, numpy's
        # included, so it may map twice its memory limit beyond them.
        request["address_space_bytes"] = mapped + 2 * request["memory_limit_mb"] * 1024 * 1024
        return Case(code, name, request, fds)

    while True:
        case = prepared or prepare(block=True)
        prepared = None
        if case is None:
            return
        case.go()
        if not case.announced:
            sock.sendall(b"S %d\n" % case.pid)
        pidfd = os.pidfd_open(case.pid)
        deadline = case.started + case.request["wall_limit_s"]
        memory_limit = case.request["memory_limit_mb"] << 20
        look = case.started + MEMORY_POLL_S
        timed_out = False
        stopped_at = 0  # the resident memory that made us stop it (its peak may read lower)
        try:
            while True:
                if prepared is None and not inbox.eof:
                    prepared = prepare(block=False)
                waiting = [pidfd] if prepared is not None or inbox.eof else [pidfd, sock.fileno()]
                now = time.monotonic()
                ready, _, _ = select.select(waiting, [], [], max(min(deadline, look) - now, 0))
                if pidfd in ready:
                    break
                if not ready:
                    now = time.monotonic()
                    if now >= deadline:
                        timed_out = True
                        break
                    # Over the memory limit: end it now (wait4's peak RSS makes it MLE) rather than
                    # let it grow to the address-space backstop. Over the output limit: end it (the
                    # judge sees the size: OLE).
                    resident = resident_bytes(case.pid)
                    if resident > memory_limit:
                        stopped_at = resident
                        break
                    if os.fstat(case.out).st_size > case.request["output_limit_bytes"]:
                        break
                    case.drop_old_stderr()
                    look = now + MEMORY_POLL_S
        finally:
            os.close(pidfd)
        kill_group(case.pid)
        _, status, usage = os.wait4(case.pid, 0)
        wall = time.monotonic() - case.started
        report = read_report(case.report_r)  # the child's JSON, forwarded as it is: the judge parses it
        started = report.startswith(STARTED)
        report = report[len(STARTED) :] if started else report
        os.close(case.report_r)
        case.close()
        if inbox.eof:
            # The judge has gone (it stops early, e.g. at a first failure): nobody reads more.
            if prepared is not None:
                prepared.abort()
            reap_orphans()
            return
        # "R <exit code or -1> <signal or 0> <CPU µs> <wall µs> <peak RSS KiB> <timed out> <started>
        # <report bytes>", then the report: the length frames it, so nothing a case writes there can
        # pass for a message.
        result = (
            os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
            os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
            round((usage.ru_utime + usage.ru_stime) * 1e6),
            round(wall * 1e6),
            max(usage.ru_maxrss, -(-stopped_at // 1024)),
            timed_out,
            started,
            len(report),
        )
        message = b"R %d %d %d %d %d %d %d %d\n" % result + report
        if not started:
            # Killed before its go by the case before it: this worker ends here, and the judge runs
            # the case again, first in a new one (so no case of ours runs beside it).
            sock.sendall(message)
            if prepared is not None:
                prepared.abort()
            reap_orphans()
            return
        if prepared is not None:  # the next case's pid comes with this result: one message less
            message += b"S %d\n" % prepared.pid
            prepared.announced = True
        sock.sendall(message)
        # Cleaned up while the judge reads the result; the next case's go waits for it.
        reap_orphans(spare=prepared.pid if prepared is not None else None)
        FOLDER.check()
        if private:
            # our sandbox's own /tmp: nothing a case wrote there reaches the next
            empty_private_tmp()


def prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def become_subreaper() -> None:
    prctl(PR_SET_CHILD_SUBREAPER, 1)


def preload_numpy() -> None:
    try:
        import numpy  # noqa: F401  (imported once here, so every forked case has it for free)
    except ImportError:
        pass


def load_helper(path: str) -> Any:
    """`_forkserver`, the case loop in C, from its file (the judge's package is not importable here);
    None if there is none or it does not load (the Python loop then runs)."""
    if path == "-":
        return None
    try:
        import importlib.machinery
        import importlib.util

        loader = importlib.machinery.ExtensionFileLoader("_forkserver", path)
        spec = importlib.util.spec_from_file_location("_forkserver", path, loader=loader)
        if spec is None:
            return None
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module
    except (ImportError, OSError) as error:
        print(f"dl-judge worker: the C loop does not load ({error}); using the Python loop", file=sys.stderr)
        return None


def serve_solution(sock: socket.socket, private: bool, helper: Any) -> None:
    """Receive one solution, compile it once, then run its cases."""
    received = b""
    while b"\n" not in received:
        chunk = sock.recv(1 << 16)
        if not chunk:
            return
        received += chunk
    header, source = received.split(b"\n", 1)
    meta = json.loads(header)
    while len(source) < meta["size"]:
        chunk = sock.recv(1 << 20)
        if not chunk:
            return
        source += chunk
    code, error = compile_solution(source, meta["name"])
    if code is None:
        send(sock, {"compile_error": error})
        return
    send(sock, {"ready": True, "loop": "python" if helper is None else "c"})
    serve(sock, code, meta["name"], private, helper)


def kill_everything_else() -> None:
    """As PID 1 of a private PID namespace: end every other process in it, and reap them."""
    for _ in range(50):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return
        time.sleep(0.001)


def empty_folder(folder: str, keep: str = "", mounts: frozenset[str] = frozenset()) -> None:
    """Remove everything in a folder (the private /tmp, or the worker's own temporary folder) but
    `keep` and `mounts`: a folder that leads to a mount is emptied around it, not removed."""
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


def mounts_below(folder: str) -> frozenset[str]:
    """Mount points under a folder. In the sandbox, /tmp holds the interpreter's folders when they
    live under /tmp on the host (a virtualenv in a temporary clone): they must outlast every wipe."""
    found = set()
    try:
        with open("/proc/self/mountinfo", "rb") as info:
            for line in info:
                fields = line.split()
                if len(fields) > 4:
                    # spaces, tabs, newlines and backslashes come as octal escapes
                    point = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]), fields[4])
                    found.add(os.fsdecode(point))
    except OSError:
        pass
    return frozenset(p for p in found if p.startswith(folder.rstrip("/") + "/"))


TMP_MOUNTS: frozenset[str] = frozenset()  # in a private sandbox: the mounts under /tmp


def empty_private_tmp() -> None:
    """Our sandbox's own /tmp after a case: nothing a case wrote there reaches the next."""
    empty_folder("/tmp", keep=os.path.basename(CASE_FOLDER), mounts=TMP_MOUNTS)


def zygote(control: socket.socket, private: bool, preload: bool, helper: Any) -> None:
    """Fork a worker per batch: each starts with numpy already imported, in a few milliseconds.

    Requests are datagrams on a SOCK_SEQPACKET socket; each gets one answer:
    {"op": "worker"} with the worker's socket as a descriptor -> {"pid": pid};
    {"op": "kill", "pid": pid} -> the worker's process group is killed;
    {"op": "reset"} -> every process the batch left is killed (in a private sandbox, where we are
    PID 1, everything else in the namespace) and the private /tmp is emptied. EOF ends the zygote.
    """
    global TMP_MOUNTS
    home = os.environ.get("TMPDIR") or "/tmp"
    if private:
        TMP_MOUNTS = mounts_below("/tmp")
    workers: set[int] = set()
    if preload:
        preload_numpy()
    while True:
        message, fds, _, _ = socket.recv_fds(control, 4096, 1)
        if not message:
            return
        request = json.loads(message)
        if request["op"] == "worker":
            worker = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    control.close()
                    os.setsid()
                    become_subreaper()
                    serve_solution(worker, private, helper)
                except BaseException:
                    status = 70
                finally:
                    os._exit(status)
            worker.close()
            workers.add(pid)
            answer: dict[str, Any] = {"pid": pid}
        elif request["op"] == "kill":
            kill_group(int(request["pid"]))
            answer = {"killed": request["pid"]}
        else:
            if private:
                kill_everything_else()
                empty_folder("/tmp", mounts=TMP_MOUNTS)
            else:
                for pid in workers:
                    kill_group(pid)
                reap_orphans()
                empty_folder(home)
            workers.clear()
            answer = {"reset": True}
        control.send(json.dumps(answer).encode())


def main() -> None:
    """argv: the socket's descriptor, then the mode: zygote or private-zygote (PID 1 of a bwrap
    sandbox), each with "preload" (import numpy once) or "fresh" (every worker imports for itself),
    then the path of the C loop `_forkserver` or "-" for the Python loop."""
    sock = socket.socket(fileno=int(sys.argv[1]))
    mode, preload = sys.argv[2], sys.argv[3] == "preload"
    # the solution's folder is not on the path: nothing is imported from a case's working directory
    if sys.path and sys.path[0] in ("", "."):
        del sys.path[0]
    become_subreaper()
    # Not dumpable (inherited by every fork): a case cannot ptrace the zygote, the worker or the next
    # case's child, nor take their descriptors with pidfd_getfd, without CAP_SYS_PTRACE (bwrap drops it).
    prctl(PR_SET_DUMPABLE, 0)
    helper = load_helper(sys.argv[4]) if len(sys.argv) > 4 else None
    zygote(sock, private=mode == "private-zygote", preload=preload, helper=helper)


if __name__ == "__main__":
    main()
