"""The program that runs untrusted solutions: it compiles one solution once, then forks a child per case.

It runs inside the sandbox as `python -I -c <this source> <socket fd> <preload>`, with the standard
library alone (the judge's package is not importable there). The judge sends the solution, then one
request per case with three descriptors (stdin, stdout, stderr) over a Unix socket; the worker answers
with JSON lines. The child closes every other descriptor but its exception pipe, applies the limits and
runs the code as `__main__`; CPU time and peak memory come from wait4.
"""

import atexit
import builtins
import ctypes
import json
import linecache
import os
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import types
from typing import Any

PR_SET_CHILD_SUBREAPER = 36
REPORT_LIMIT = 16384
EXTRA_PROCESSES = 256  # threads and processes a case may add to what its user already runs


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


def run_child(
    code: types.CodeType, name: str, fds: list[int], report_w: int, request: dict[str, Any]
) -> None:
    """In the forked child: become a new session, take the case's descriptors, limit, run."""
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    keep = 3
    os.dup2(report_w, keep)
    os.closerange(keep + 1, 1 << 16)
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
    os.chdir(request["cwd"])
    os.environ["HOME"] = os.environ["TMPDIR"] = request["cwd"]
    tempfile.tempdir = None
    for sig in (signal.SIGPIPE, signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL if sig != signal.SIGPIPE else signal.SIG_IGN)
    # The streams of fds 0, 1, 2 exist already (the worker never used them): keep them, cheaper than new.
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.argv = [name]
    atexit._clear()
    module = types.ModuleType("__main__")
    module.__dict__.update({"__file__": name, "__builtins__": builtins})
    sys.modules["__main__"] = module
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
            os.write(keep, json.dumps(report).encode()[:REPORT_LIMIT])
        except OSError:
            pass
    os._exit(status)


def children() -> list[int]:
    """Our direct children, orphans reparented to us included (we are their subreaper)."""
    me = os.getpid()
    try:
        with open(f"/proc/{me}/task/{me}/children") as listing:
            return [int(pid) for pid in listing.read().split()]
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


def kill_group(pid: int) -> None:
    """SIGKILL a process group that may be gone already."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def reap_orphans() -> None:
    """Kill and reap descendants that outlived their case (they were reparented to us)."""
    for _ in range(50):
        orphans = children()
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


def wait_child(pid: int, wall_limit_s: float) -> tuple[int, Any, float, bool]:
    """Wait for the case's child within the wall limit; kill its group first, then reap it."""
    started = time.monotonic()
    timed_out = False
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd], [], [], wall_limit_s)
        if not ready:
            timed_out = True
    finally:
        os.close(pidfd)
    kill_group(pid)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - started
    return status, usage, wall, timed_out


def read_report(report_r: int) -> Any:
    chunks = []
    while True:
        ready, _, _ = select.select([report_r], [], [], 0)
        if not ready:
            break
        chunk = os.read(report_r, REPORT_LIMIT)
        if not chunk:
            break
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks)[:REPORT_LIMIT])
    except ValueError:
        return None


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


def serve(sock: socket.socket, code: types.CodeType, name: str, private: bool) -> None:
    nproc_limit = user_processes() + EXTRA_PROCESSES
    mapped = vm_size_bytes()
    buffer = b""
    while True:
        message, fds, _, _ = socket.recv_fds(sock, 1 << 16, 3)
        if not message:
            return
        buffer += message
        if not buffer.endswith(b"\n"):
            continue
        request, buffer = json.loads(buffer), b""
        cwd = tempfile.mkdtemp(prefix="case-")
        request["cwd"] = cwd
        request["nproc_limit"] = nproc_limit
        # A backstop only (MLE is judged on peak RSS): the child starts with our mappings, numpy's
        # included, so it may map twice its memory limit beyond them.
        request["address_space_bytes"] = mapped + 2 * request["memory_limit_mb"] * 1024 * 1024
        report_r, report_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                os.close(report_r)
                run_child(code, name, fds, report_w, request)
            finally:
                os._exit(70)
        os.close(report_w)
        for fd in fds:
            os.close(fd)
        send(sock, {"started": pid})
        status, usage, wall, timed_out = wait_child(pid, request["wall_limit_s"])
        report = read_report(report_r)
        os.close(report_r)
        send(
            sock,
            {
                "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "wall_s": wall,
                "memory_kb": usage.ru_maxrss,
                "timed_out": timed_out,
                "error": report,
            },
        )
        # Cleaned up while the judge reads the result; the next request waits for it.
        reap_orphans()
        shutil.rmtree(cwd, ignore_errors=True)
        if private:
            empty_folder("/tmp")  # our sandbox's own /tmp: nothing a case wrote there reaches the next


def become_subreaper() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def preload_numpy() -> None:
    try:
        import numpy  # noqa: F401  (imported once here, so every forked case has it for free)
    except ImportError:
        pass


def serve_solution(sock: socket.socket, private: bool) -> None:
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
    send(sock, {"ready": True})
    serve(sock, code, meta["name"], private)


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


def empty_folder(folder: str) -> None:
    """Remove everything in a folder (the private /tmp, or the worker's own temporary folder)."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        path = os.path.join(folder, entry)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass


def zygote(control: socket.socket, private: bool, preload: bool) -> None:
    """Fork a worker per batch: each starts with numpy already imported, in a few milliseconds.

    Requests are datagrams on a SOCK_SEQPACKET socket; each gets one answer:
    {"op": "worker"} with the worker's socket as a descriptor -> {"pid": pid};
    {"op": "kill", "pid": pid} -> the worker's process group is killed;
    {"op": "reset"} -> every process the batch left is killed (in a private sandbox, where we are
    PID 1, everything else in the namespace) and the private /tmp is emptied. EOF ends the zygote.
    """
    home = tempfile.gettempdir()
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
                    serve_solution(worker, private)
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
                empty_folder("/tmp")
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
    sandbox), each with "preload" (import numpy once) or "fresh" (every worker imports for itself)."""
    sock = socket.socket(fileno=int(sys.argv[1]))
    mode, preload = sys.argv[2], sys.argv[3] == "preload"
    # the solution's folder is not on the path: nothing is imported from a case's working directory
    if sys.path and sys.path[0] in ("", "."):
        del sys.path[0]
    become_subreaper()
    zygote(sock, private=mode == "private-zygote", preload=preload)


if __name__ == "__main__":
    main()
