"""Runners: (solution, batch of stdins, limits) -> one Execution per case, lazily, in order.

`WorkerRunner` forks one worker per batch from a pooled zygote that imported numpy once, and the
worker forks a child per case. `SpawnRunner` starts a fresh interpreter per case and is the simple
reference. Both run the same code (`judge/worker.py`), so they differ in cost, not in behaviour. The
worker's case loop runs in C (`judge/_forkserver.c`) where it was built, else in Python; the spawn
runner always uses the Python loop, so comparing the two runners also compares the two loops.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from judge.program import MAX_SOURCE_BYTES, Program, as_program
from judge.sandbox import Sandbox

WORKER_SOURCE = (Path(__file__).parent / "worker.py").read_text(encoding="utf-8")
STDERR_KEEP_BYTES = 64 * 1024
START_TIMEOUT_S = 60.0
PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
LOOKAHEAD = 1  # cases sent ahead of the one being collected: its child is forked while this one runs
RUNS_PER_CASE = 3  # a case whose process was killed before it started is run again, this many times in all
HELPER_IN_SANDBOX = "/run/dl-judge/_forkserver.so"  # where bwrap shows the C loop to the worker
CLOSED = "interrupted: the runner was closed"


def compiled_loop() -> Path | None:
    """The worker's case loop in C (`judge/_forkserver.c`), if it was built at install."""
    spec = importlib.util.find_spec("judge._forkserver")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin)


def loop_in_use() -> tuple[bool, str]:
    """(whether the C loop was built, which loop the worker runs), for `judge doctor` and `bench`."""
    helper = compiled_loop()
    if helper is None:
        return False, "Python (judge/_forkserver.c was not built: no C compiler at install)"
    return True, f"C ({helper.name})"


def loop_helper(loop: str) -> Path | None:
    """The C loop for `loop` ("auto": if built; "c": required; "python": never)."""
    if loop == "python":
        return None
    helper = compiled_loop()
    if helper is None and loop == "c":
        raise WorkerDied("the C case loop (judge/_forkserver.c) was not built: reinstall with a C compiler")
    return helper


@dataclass(frozen=True)
class Limits:
    time_limit_s: float
    memory_limit_mb: int
    output_limit_bytes: int = 16 * 1024 * 1024

    @property
    def wall_limit_s(self) -> float:
        return 3 * self.time_limit_s


@dataclass(frozen=True)
class ErrorReport:
    """An exception raised by the user's code: type, one-line message, the user's own frames."""

    type: str
    message: str
    traceback: tuple[str, ...] = ()


@dataclass(frozen=True)
class Execution:
    """What happened when one case ran; the report turns it into a verdict."""

    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = 0
    signal: int | None = None
    cpu_s: float = 0.0
    wall_s: float = 0.0
    memory_mb: float = 0.0
    timed_out: bool = False
    output_exceeded: bool = False
    compile_error: str | None = None
    error: ErrorReport | None = None
    internal_error: str | None = None
    worker_died: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def too_large(program: Program) -> str | None:
    """The compile error of a source over the size limit (it is never sent to the worker)."""
    if not program.too_large:
        return None
    return (
        f"{program.name}: file too large (over {MAX_SOURCE_BYTES // 1024} KiB); a solution is a short program"
    )


class Runner(Protocol):
    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]: ...

    def close(self) -> None:
        """Stop: running batches end at once; nothing the runner started is left."""


def scrubbed_environment(home: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "TMPDIR": home,
        "PYTHONIOENCODING": "utf-8:backslashreplace",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    # Some CPUs need these for OpenBLAS to compute right; they are machine facts, not user state.
    env.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    return env


class WorkerDied(Exception):
    """The worker process ended or stopped answering (a solution can kill it)."""


class NeverStarted(WorkerDied):
    """A case's child ended before its go: the case before it, running beside it as the same user,
    killed it. The case is run again in a new worker, where nothing runs beside it."""


class Interpreter:
    """A started `python -I -c <worker.py>` (inside the sandbox), talking over one socket."""

    def __init__(
        self,
        sandbox: Sandbox,
        mode: str,
        preload: bool,
        kind: int = socket.SOCK_STREAM,
        helper: Path | None = None,
    ) -> None:
        self.home = tempfile.mkdtemp(prefix="dl-judge-")
        parent, child = socket.socketpair(socket.AF_UNIX, kind)
        self.sock = parent
        self.stderr_file = tempfile.TemporaryFile()
        argv = [sys.executable, "-I", "-c", WORKER_SOURCE, str(child.fileno()), mode]
        argv.append("preload" if preload else "fresh")
        files: list[tuple[str, str]] = []
        if helper is None:
            argv.append("-")
        elif sandbox.bwrap is None:
            argv.append(str(helper))
        else:
            files.append((str(helper), HELPER_IN_SANDBOX))
            argv.append(HELPER_IN_SANDBOX)
        try:
            self.process = subprocess.Popen(
                sandbox.wrap(argv, as_pid_1=mode == "private-zygote", files=files),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr_file,
                pass_fds=(child.fileno(),),
                cwd=self.home,
                env=scrubbed_environment(self.home),
                start_new_session=True,
            )
        except OSError:
            parent.close()
            self.stderr_file.close()
            _remove_tree(self.home)
            raise
        finally:
            child.close()

    def stderr_tail(self) -> str:
        self.stderr_file.seek(0)
        return self.stderr_file.read()[-4000:].decode(errors="replace").strip()

    def kill(self) -> None:
        """End the process and its whole group (under bwrap: the sandbox, and all in it)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            pass

    def stop(self) -> None:
        try:
            self.sock.close()
        finally:
            self.kill()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self.stderr_file.close()
            _remove_tree(self.home)


class Zygote:
    """A long-lived interpreter with numpy imported that forks one worker per batch.

    Under bwrap it is PID 1 of its own sandbox; between batches it kills every other process there
    and empties /tmp, so each batch starts as in a fresh sandbox at the cost of a fork.
    """

    def __init__(self, sandbox: Sandbox, preload: bool = True, helper: Path | None = None) -> None:
        self.sandboxed = sandbox.bwrap is not None
        mode = "private-zygote" if self.sandboxed else "zygote"
        self.interpreter = Interpreter(sandbox, mode, preload, socket.SOCK_SEQPACKET, helper)

    def request(
        self, message: dict[str, Any], fds: Sequence[int] = (), timeout: float = START_TIMEOUT_S
    ) -> dict[str, Any]:
        sock = self.interpreter.sock
        try:
            socket.send_fds(sock, [json.dumps(message).encode()], list(fds))
            sock.settimeout(timeout)
            answer = sock.recv(4096)
        except OSError as error:
            raise WorkerDied(f"zygote: {error}") from error
        if not answer:
            raise WorkerDied(f"zygote ended: {self.interpreter.stderr_tail()[-500:]}")
        reply: dict[str, Any] = json.loads(answer)
        return reply

    def fork_worker(self) -> tuple[socket.socket, int]:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            pid = int(self.request({"op": "worker"}, [child.fileno()])["pid"])
        except BaseException:
            parent.close()
            raise
        finally:
            child.close()
        return parent, pid

    def kill_group(self, pid: int) -> None:
        if not self.sandboxed:
            # Same PID namespace: the worker is our own descendant, its group id is its pid.
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            return
        self.request({"op": "kill", "pid": pid}, timeout=10)

    def reset(self) -> None:
        self.request({"op": "reset"}, timeout=30)

    def close(self) -> None:
        self.interpreter.stop()


class Worker:
    """One worker for one solution: receives the source, compiles it once, runs cases one at a time."""

    def __init__(
        self,
        sock: socket.socket,
        source: bytes,
        name: str,
        kill_group: Callable[[int], None],
        worker_pid: int | None,
        sandboxed: bool,
    ) -> None:
        self.sock = sock
        self.buffer = b""
        self.pending: deque[tuple[int, int, Limits]] = deque()
        self.case_pid: int | None = None
        self.worker_pid = worker_pid
        self.kill_group = kill_group
        self.sandboxed = sandboxed
        header = json.dumps({"name": name, "size": len(source)}).encode() + b"\n"
        try:
            self.sock.sendall(header + source)
            self.hello = self.receive(time.monotonic() + START_TIMEOUT_S)
        except (OSError, WorkerDied):
            self.stop()
            raise

    def receive(self, deadline: float) -> dict[str, Any]:
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerDied("no answer in time")
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(1 << 16)
            except TimeoutError as error:
                raise WorkerDied("no answer in time") from error
            except OSError as error:
                raise WorkerDied(str(error)) from error
            if not chunk:
                raise WorkerDied("worker closed its socket")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        message: dict[str, Any] = json.loads(line)
        return message

    def submit(self, stdin: str, limits: Limits) -> None:
        """Send a case; the worker forks its child at once and starts it when the cases before it
        are over. Its output is read by `collect`, in the order of submission."""
        stdin_fd = os.memfd_create("stdin")
        os.write(stdin_fd, stdin.encode())
        os.lseek(stdin_fd, 0, os.SEEK_SET)
        # stdout and stderr are in-memory files: the case never waits for us to read them, and we
        # read them once, when the worker reports the case. The worker holds them to their limits.
        out = os.memfd_create("stdout")
        err = os.memfd_create("stderr")
        request = b"%d %d %d %d\n" % (
            round(limits.time_limit_s * 1000),
            round(limits.wall_limit_s * 1000),
            limits.memory_limit_mb,
            limits.output_limit_bytes,
        )
        try:
            socket.send_fds(self.sock, [request], [stdin_fd, out, err])
        except OSError as error:
            for fd in (out, err):
                os.close(fd)
            raise WorkerDied(str(error)) from error
        finally:
            os.close(stdin_fd)
        self.pending.append((out, err, limits))

    def collect(self) -> Execution:
        """The oldest submitted case's execution."""
        out, err, limits = self.pending.popleft()
        return self._collect(out, err, limits)

    def run(self, stdin: str, limits: Limits) -> Execution:
        self.submit(stdin, limits)
        return self.collect()

    def _next_result(self) -> dict[str, Any] | None:
        """Take the buffered messages up to the first result (later ones stay for later cases):
        "S <pid>" when a case starts; "R <exit code or -1> <signal or 0> <CPU µs> <wall µs>
        <peak RSS KiB> <timed out> <started> <n>" and n bytes of the child's exception report when it
        ends. <started> is 0 when the child ended before its go (the case before it killed it)."""
        while (end := self.buffer.find(b"\n")) >= 0:
            head = self.buffer[:end].split()
            if head[0] == b"S":
                self.case_pid = int(head[1])
                self.buffer = self.buffer[end + 1 :]
                continue
            exit_code, signal_number, cpu_us, wall_us, memory_kb, timed_out, started, size = (
                int(x) for x in head[1:]
            )
            if len(self.buffer) < end + 1 + size:
                return None
            report = self.buffer[end + 1 : end + 1 + size]
            self.buffer = self.buffer[end + 1 + size :]
            try:
                error = json.loads(report) if report else None
            except ValueError:
                error = None
            return {
                "exit_code": exit_code if exit_code >= 0 else None,
                "signal": signal_number or None,
                "cpu_s": cpu_us / 1e6,
                "wall_s": wall_us / 1e6,
                "memory_kb": memory_kb,
                "timed_out": bool(timed_out),
                "started": bool(started),
                "error": error,
            }
        return None

    def _collect(self, out: int, err: int, limits: Limits) -> Execution:
        """Wait for the worker's report of the case, then read its stdout (up to the limit) and the
        tail of its stderr."""
        started = time.monotonic()
        deadline = started + limits.wall_limit_s + 5.0
        result = self._next_result()  # it may have come with the previous case's
        died: str | None = None
        try:
            while result is None:
                timeout = deadline - time.monotonic()
                if timeout <= 0:
                    died = "worker did not answer within the wall limit"
                    break
                self.sock.settimeout(timeout)
                try:
                    chunk = self.sock.recv(1 << 16)
                except TimeoutError:
                    continue
                except OSError as failure:
                    died = f"worker ended: {failure}"
                    break
                if not chunk:
                    died = "worker ended"
                    break
                self.buffer += chunk
                result = self._next_result()
            size = os.fstat(out).st_size
            exceeded = size > limits.output_limit_bytes
            stdout = os.pread(out, min(size, limits.output_limit_bytes), 0)
            size = os.fstat(err).st_size
            # The worker empties a flooded stderr as it goes: skip what it cut.
            stderr = os.pread(err, STDERR_KEEP_BYTES, max(0, size - STDERR_KEEP_BYTES)).lstrip(b"\0")
        finally:
            self.sock.settimeout(None)
            os.close(out)
            os.close(err)
        wall = time.monotonic() - started
        text_out = stdout.decode("utf-8", errors="replace")
        text_err = stderr[-STDERR_KEEP_BYTES:].decode("utf-8", errors="replace")
        if died is not None or result is None:
            self.kill()
            return Execution(
                stdout=text_out,
                stderr=text_err,
                exit_code=None,
                wall_s=wall,
                timed_out=wall >= limits.wall_limit_s,
                output_exceeded=exceeded,
                worker_died=True,
                extra={"reason": died or "worker ended"},
            )
        error = result.get("error")
        if not result["started"]:
            how = f"signal {result['signal']}" if result["signal"] else f"exit code {result['exit_code']}"
            raise NeverStarted(f"the case's process ended before it started ({how})")
        return Execution(
            stdout=text_out,
            stderr=text_err,
            exit_code=result["exit_code"],
            signal=result["signal"],
            cpu_s=result["cpu_s"],
            wall_s=result["wall_s"],
            memory_mb=result["memory_kb"] / 1024,
            timed_out=result["timed_out"],
            output_exceeded=exceeded,
            error=ErrorReport(
                type=str(error.get("type", "")),
                message=str(error.get("message", "")),
                traceback=tuple(str(x) for x in error.get("traceback", [])),
            )
            if isinstance(error, dict)
            else None,
        )

    def kill(self) -> None:
        """End the worker and everything it started: its process group and the case's own group."""
        for group in (self.worker_pid, self.case_pid):
            if group is None:
                continue
            try:
                self.kill_group(group)
            except (OSError, WorkerDied):
                pass

    def stop(self) -> None:
        """Close the socket: the worker ends (cases still running are killed), and our ends of the
        pipes of cases never collected are closed."""
        if self.pending:
            self.kill()
        while self.pending:
            out, err, _ = self.pending.popleft()
            os.close(out)
            os.close(err)
        self.sock.close()


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


class WorkerRunner:
    """One worker per batch, forked from a zygote that has imported numpy; a fork per case.

    Zygotes are pooled: a batch takes an idle one (or starts one) and gives it back reset, so
    parallel batches never share one. A worker that dies is replaced for the remaining cases.
    """

    def __init__(self, sandbox: Sandbox, loop: str = "auto") -> None:
        """`loop`: the worker's case loop, "c" (`judge/_forkserver.c`), "python", or "auto" (C if
        it was built)."""
        self.sandbox = sandbox
        self.helper = loop_helper(loop)
        self.idle: list[Zygote] = []
        self.busy: set[Worker] = set()
        self.closed = False
        self.lock = threading.Lock()

    def _acquire(self) -> Zygote:
        with self.lock:
            if self.closed:
                raise WorkerDied("the runner is closed")
            if self.idle:
                return self.idle.pop()
        return Zygote(self.sandbox, helper=self.helper)

    def _release(self, zygote: Zygote) -> None:
        try:
            zygote.reset()
        except WorkerDied:
            zygote.close()
            return
        with self.lock:
            if not self.closed:
                self.idle.append(zygote)
                return
        zygote.close()

    def close(self) -> None:
        """Stop: kill the cases running now (their batches end at once) and the idle zygotes."""
        with self.lock:
            self.closed = True
            zygotes, self.idle = self.idle, []
            running = list(self.busy)
        for worker in running:
            worker.kill()
        for zygote in zygotes:
            zygote.close()

    def __del__(self) -> None:
        self.close()

    def _start(self, zygote: Zygote | None, source: bytes, name: str) -> tuple[Zygote, Worker]:
        for attempt in range(2):
            if zygote is None:
                zygote = self._acquire()
            try:
                sock, pid = zygote.fork_worker()
                worker = Worker(sock, source, name, zygote.kill_group, pid, zygote.sandboxed)
                return zygote, worker
            except (OSError, WorkerDied):
                zygote.close()
                zygote = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]:
        """Cases run one at a time, in order; the next case is always sent ahead, so its child is
        forked while the current one runs. A worker that dies is replaced, and the cases sent to it
        but not run are sent again to the new one."""
        program = as_program(solution)
        source = program.source
        zygote: Zygote | None = None
        worker: Worker | None = None
        compile_error: str | None = too_large(program)
        sent = 0  # cases sent to the current worker: [first not collected, sent)
        try:
            for index in range(len(stdins)):
                attempts = 0
                while True:
                    if compile_error is not None:
                        execution = Execution(exit_code=None, compile_error=compile_error)
                        break
                    if self.closed:
                        execution = Execution(exit_code=None, internal_error=CLOSED)
                        break
                    if worker is None:
                        try:
                            zygote, worker = self._start(zygote, source, program.name)
                        except (OSError, WorkerDied) as error:
                            zygote = None
                            execution = Execution(
                                exit_code=None, internal_error=f"cannot start the worker: {error}"
                            )
                            break
                        sent = index
                        if "compile_error" in worker.hello:
                            compile_error = str(worker.hello["compile_error"])
                            worker.stop()
                            worker = None
                            continue
                    attempts += 1
                    execution, sent = self._run_one(worker, stdins, index, sent, limits)
                    if self.closed:
                        execution = Execution(exit_code=None, internal_error=CLOSED)
                    never_started = bool(execution.extra.get("never_started"))
                    if execution.worker_died or never_started:
                        worker.kill()
                        worker.stop()
                        worker = None
                    if never_started and attempts < RUNS_PER_CASE:
                        continue  # again, first in a new worker: nothing runs beside it there
                    break
                yield execution
        finally:
            if worker is not None:
                worker.stop()
            if zygote is not None:
                self._release(zygote)

    def _run_one(
        self, worker: Worker, stdins: Sequence[str], index: int, sent: int, limits: Limits
    ) -> tuple[Execution, int]:
        """Send the cases up to one ahead of `index` (from `sent`), then collect case `index`; returns
        its execution and how many cases the worker has now been sent."""
        with self.lock:
            self.busy.add(worker)
        try:
            try:
                while sent < min(index + LOOKAHEAD + 1, len(stdins)):
                    worker.submit(stdins[sent], limits)
                    sent += 1
            except WorkerDied:
                if sent <= index:  # this very case did not reach the worker
                    raise
                # A worker that ended on its own (after a case that never started) has sent this
                # case's result before it did: it is read below.
            return worker.collect(), sent
        except NeverStarted as error:
            return Execution(exit_code=None, internal_error=str(error), extra={"never_started": True}), sent
        except (OSError, WorkerDied) as error:
            return Execution(exit_code=None, worker_died=True, extra={"reason": str(error)}), sent
        finally:
            with self.lock:
                self.busy.discard(worker)


class SpawnRunner:
    """The reference runner: a fresh interpreter, and a fresh `import numpy`, for every case.

    Each case gets its own interpreter (a zygote that imports nothing) and one worker from it, so
    cleanup works exactly as in the fast runner, orphans included.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def close(self) -> None:
        """Nothing outlives a case here."""

    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]:
        program = as_program(solution)
        source = program.source
        for stdin in stdins:
            if program.too_large:
                yield Execution(exit_code=None, compile_error=too_large(program))
                continue
            try:
                zygote = Zygote(self.sandbox, preload=False)
            except OSError as error:
                yield Execution(exit_code=None, internal_error=f"cannot start Python: {error}")
                continue
            try:
                sock, pid = zygote.fork_worker()
                worker = Worker(sock, source, program.name, zygote.kill_group, pid, zygote.sandboxed)
                try:
                    if "compile_error" in worker.hello:
                        execution = Execution(
                            exit_code=None, compile_error=str(worker.hello["compile_error"])
                        )
                    else:
                        execution = worker.run(stdin, limits)
                finally:
                    worker.stop()
            except NeverStarted as error:  # nothing ran beside it: its setup failed
                execution = Execution(exit_code=None, internal_error=str(error))
            except (OSError, WorkerDied) as error:
                execution = Execution(exit_code=None, worker_died=True, extra={"reason": str(error)})
            finally:
                try:
                    zygote.reset()
                except WorkerDied:
                    pass
                zygote.close()
            yield execution


def spawn_runner(sandbox: Sandbox) -> SpawnRunner:
    return SpawnRunner(sandbox)
