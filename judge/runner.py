"""Runners: (program, batch of stdins, limits) -> one Execution per case, lazily, in order.

`WorkerRunner` forks one worker per batch from a pooled zygote that imported numpy once, and the
worker forks a child per case. `SpawnRunner` starts a fresh interpreter per case and is the simple
reference. Both run the same program (`judge/worker.py`) and speak its message table, so they differ
in cost, not in behaviour. A failure on the judge's side (a worker that breaks, a message that does not
decode) is an internal error (IE), never reported as the learner's run-time error.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from judge import worker as protocol
from judge.program import MAX_SOURCE_BYTES, Program, as_program, imports
from judge.sandbox import Sandbox, protect_judge_process

WORKER_FILE = Path(protocol.__file__).resolve()
WORKER_IN_SANDBOX = "/run/dl-judge/worker.py"  # where bwrap shows the worker's file
STDERR_KEEP_BYTES = 64 * 1024
START_TIMEOUT_S = 60.0
PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
# Cases sent ahead of the one being collected, by default: its child is forked while this one runs,
# which hides a fork in a single run. Where parallel batches keep every core busy already (verify,
# grade) it gains nothing, and each child sent ahead of a failure is a fork and a set-up thrown away.
LOOKAHEAD = 1


def lookahead_for(jobs: int) -> int:
    """Cases to send ahead when `jobs` batches run side by side."""
    return LOOKAHEAD if jobs <= 1 else 0


RUNS_PER_CASE = 3  # a case whose process was killed before it started is run again, this many times in all
CLOSED = "interrupted: the runner was closed"


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
    harness: bool = False  # function mode: raised by the problem's harness, on what the entry returned


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
    worker_died: bool = False  # the process that ran the case ended: the case may have killed it
    never_started: bool = False  # killed before its go by the case before it: run it again
    forged_report: bool = False  # the case wrote to its report descriptor what no exception writes
    baseline_mb: float = 0.0  # memory of the preloaded interpreter (torch) not counted in memory_mb


class Runner(Protocol):
    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]: ...

    def close(self) -> None:
        """Stop: running batches end at once; nothing the runner started is left."""


def too_large(program: Program) -> str | None:
    """The compile error of a source over the size limit (it is never sent to the worker)."""
    if not program.too_large:
        return None
    return (
        f"{program.name}: file too large (over {MAX_SOURCE_BYTES // 1024} KiB); a solution is a short program"
    )


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
    """The worker process ended or stopped answering."""


class WorkerBroken(WorkerDied):
    """The worker (or zygote) reported a failure of its own, or sent what does not decode: our fault."""


def parse_report(payload: bytes) -> tuple[ErrorReport | None, bool]:
    """The child's exception report, as data: (report, forged). Anything but the JSON object the child
    writes (the learner's code can write to that descriptor too) is a forged report, never an error of
    the judge."""
    if not payload:
        return None, False
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):
        return None, True
    if not isinstance(data, dict):
        return None, True
    kind, message, frames = data.get("type"), data.get("message"), data.get("traceback", [])
    if not isinstance(kind, str) or not isinstance(message, str) or not isinstance(frames, list):
        return None, True
    if not all(isinstance(frame, str) for frame in frames):
        return None, True
    in_harness = data.get("harness") is True
    frames_kept = tuple(frame[:500] for frame in frames[:16])
    return ErrorReport(kind[:200], message[:2000], frames_kept, in_harness), False


class Closable(Protocol):
    def close(self) -> None: ...


Made = TypeVar("Made", bound=Closable)


class Launcher:
    """The one thread that starts a runner's interpreters; it lives as long as the runner.

    A sandbox dies with the *thread* that started it, not the process (bwrap's --die-with-parent and
    the zygote's own death signal are PR_SET_PDEATHSIG, which the kernel sends when that thread ends).
    Started from a caller's thread, a zygote would die with a short-lived one (a diagnosis pool's) and
    wait dead in the idle pool; started here, it dies with the runner, or with the judge.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None
        self.closed = False

    def start(self, make: Callable[[], Made]) -> Made:
        """`make()`, run on the launcher's thread; what it made is closed if the caller is interrupted
        while waiting (nobody would own it)."""
        if threading.current_thread() is self.thread:
            return make()
        future: Future[Made] = Future()
        with self.lock:
            if self.closed:
                raise WorkerDied("the runner is closed")
            if self.thread is None:
                self.thread = threading.Thread(target=self._serve, name="dl-judge-launcher", daemon=True)
                self.thread.start()
            self.requests.put((make, future))
        try:
            return future.result()
        except BaseException:
            future.add_done_callback(_close_unclaimed)
            raise

    def _serve(self) -> None:
        while (request := self.requests.get()) is not None:
            make, future = request
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(make())
                except BaseException as error:  # handed to the caller, raised in its thread
                    future.set_exception(error)

    def close(self) -> None:
        """End the thread (what it started and is still alive receives its death signal)."""
        with self.lock:
            self.closed = True
            if self.thread is not None:
                self.requests.put(None)


def _close_unclaimed(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is None:
        future.result().close()


class Interpreter:
    """A started `python -I worker.py` (inside the sandbox), talking over one socket."""

    def __init__(self, sandbox: Sandbox, flags: Sequence[str], kind: int = socket.SOCK_STREAM) -> None:
        self.home = tempfile.mkdtemp(prefix="dl-judge-")
        parent, child = socket.socketpair(socket.AF_UNIX, kind)
        self.sock = parent
        self.stderr_file = tempfile.TemporaryFile()
        if sandbox.bwrap is None:
            script, files = str(WORKER_FILE), []
        else:
            script, files = WORKER_IN_SANDBOX, [(str(WORKER_FILE), WORKER_IN_SANDBOX)]
        argv = [sys.executable, "-I", script, str(child.fileno()), ",".join(flags)]
        try:
            self.process = subprocess.Popen(
                sandbox.wrap(argv, as_pid_1="private" in flags, files=files),
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

    Under bwrap it is PID 1 of its own sandbox; between batches it kills every other process there.
    Each worker makes its own /tmp and /dev/shm (new mount and IPC namespaces), so what a batch writes
    dies with it: each batch starts as in a fresh sandbox, at the cost of a fork.
    """

    def __init__(
        self, sandbox: Sandbox, preload: bool = True, pid_namespaces: bool = True, torch: bool = False
    ) -> None:
        self.sandboxed = sandbox.bwrap is not None
        self.torch = torch  # torch imported once too, for solutions that import it
        flags = ["preload"] if preload else []
        if torch:
            flags.append("preload-torch")
        if not pid_namespaces:
            flags.append("shared-pid")
        if self.sandboxed:
            flags.append("private")
            if sandbox.as_root:
                flags.append("drop-uid")
        self.interpreter = Interpreter(sandbox, flags, socket.SOCK_SEQPACKET)

    def request(
        self, message: protocol.Message, fds: Sequence[int] = (), timeout: float = START_TIMEOUT_S
    ) -> protocol.Message:
        sock = self.interpreter.sock
        try:
            if fds:
                socket.send_fds(sock, [protocol.encode(message)], list(fds))
            else:
                sock.send(protocol.encode(message))
            sock.settimeout(timeout)
            answer = sock.recv(1 << 16)
        except OSError as error:
            raise WorkerDied(f"zygote: {error}") from error
        if not answer:
            raise WorkerDied(f"zygote ended: {self.interpreter.stderr_tail()[-500:]}")
        try:
            decoded = protocol.decode(answer)
        except protocol.ProtocolError as error:
            raise WorkerBroken(f"zygote: {error}") from error
        if decoded is None:
            raise WorkerBroken(f"zygote: a partial answer {answer[:40]!r}")
        reply = decoded[0]
        if isinstance(reply, protocol.Broken):
            raise WorkerBroken(f"zygote: {reply.payload.decode(errors='replace')}")
        return reply

    def fork_worker(self) -> tuple[socket.socket, int]:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            reply = self.request(protocol.Fork(), [child.fileno()])
        except BaseException:
            parent.close()
            raise
        finally:
            child.close()
        if not isinstance(reply, protocol.Forked):
            parent.close()
            raise WorkerBroken(f"zygote answered {reply!r} to a fork")
        return parent, reply.pid

    def alive(self) -> bool:
        """Still there and silent: its process runs and its socket neither ended nor holds an answer
        nobody asked for."""
        if self.interpreter.process.poll() is not None:
            return False
        sock = self.interpreter.sock
        try:
            sock.settimeout(0)
            sock.recv(1, socket.MSG_PEEK)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False

    def kill_group(self, pid: int) -> None:
        if not self.sandboxed:
            # Same PID namespace: the worker is our own descendant, its group id is its pid.
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            return
        self.request(protocol.Kill(pid=pid), timeout=10)

    def reset(self) -> None:
        self.request(protocol.Reset(), timeout=30)

    def close(self) -> None:
        self.interpreter.stop()


class Worker:
    """One worker for one solution: receives the source, compiles it once, runs cases one at a time."""

    def __init__(self, sock: socket.socket, program: Program, zygote: Zygote, worker_pid: int) -> None:
        self.sock = sock
        self.buffer = b""
        self.pending: deque[tuple[int, int, Limits]] = deque()
        self.case_pid: int | None = None
        self.worker_pid = worker_pid
        self.zygote = zygote
        self.isolation = 0
        self.baseline_mb = 0.0  # the preloaded interpreter's memory, not counted to a case (torch)
        self.compile_error: str | None = None
        name = program.name.encode("utf-8", "replace").replace(b"\0", b"?")
        payload = name + b"\0" + program.source + program.prelude + program.harness
        solution = protocol.Solution(
            payload=payload, prelude_bytes=len(program.prelude), harness_bytes=len(program.harness)
        )
        try:
            self.sock.sendall(protocol.encode(solution))
            hello = self.receive(time.monotonic() + START_TIMEOUT_S)
        except BaseException:
            self.stop()
            raise
        if isinstance(hello, protocol.CompileError):
            self.compile_error = hello.payload.decode("utf-8", "replace")
        elif isinstance(hello, protocol.Ready):
            self.isolation = hello.isolation
            self.baseline_mb = hello.baseline_kb / 1024
        else:
            self.stop()
            raise WorkerBroken(f"the worker answered {hello!r} to a solution")

    @property
    def cases_isolated(self) -> bool:
        """Each case in a PID namespace of its own: it cannot see, let alone kill, the worker."""
        return bool(self.isolation & protocol.ISOLATION_PID_NAMESPACE)

    def _decoded(self) -> protocol.Message | None:
        try:
            decoded = protocol.decode(self.buffer)
        except protocol.ProtocolError as error:
            raise WorkerBroken(f"the worker sent what does not decode: {error}") from error
        if decoded is None:
            return None
        message, self.buffer = decoded
        if isinstance(message, protocol.Broken):
            raise WorkerBroken(f"the worker failed: {message.payload.decode(errors='replace')}")
        return message

    def receive(self, deadline: float) -> protocol.Message:
        while (message := self._decoded()) is None:
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
        request = protocol.RunCase(
            cpu_ms=round(limits.time_limit_s * 1000),
            wall_ms=round(limits.wall_limit_s * 1000),
            memory_mb=limits.memory_limit_mb,
            output_bytes=limits.output_limit_bytes,
        )
        try:
            socket.send_fds(self.sock, [protocol.encode(request)], [stdin_fd, out, err])
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
        try:
            return self._collect(out, err, limits)
        finally:
            os.close(out)
            os.close(err)

    def run(self, stdin: str, limits: Limits) -> Execution:
        self.submit(stdin, limits)
        return self.collect()

    def _next_result(self, deadline: float) -> protocol.Result:
        """Started messages update the case's pid; the first Result is the case's."""
        while True:
            message = self.receive(deadline)
            if isinstance(message, protocol.Started):
                self.case_pid = message.pid
            elif isinstance(message, protocol.Result):
                return message
            else:
                raise WorkerBroken(f"the worker sent {message!r} during a case")

    def _collect(self, out: int, err: int, limits: Limits) -> Execution:
        """Wait for the worker's report of the case, then read its stdout (up to the limit) and the
        tail of its stderr."""
        started = time.monotonic()
        died: str | None = None
        broken: str | None = None
        result: protocol.Result | None = None
        try:
            result = self._next_result(started + limits.wall_limit_s + 5.0)
        except WorkerBroken as error:
            broken = str(error)
        except WorkerDied as error:
            died = str(error)
        size = os.fstat(out).st_size
        exceeded = size > limits.output_limit_bytes
        stdout = os.pread(out, min(size, limits.output_limit_bytes), 0)
        size = os.fstat(err).st_size
        # The worker empties a flooded stderr as it goes: skip what it cut.
        stderr = os.pread(err, STDERR_KEEP_BYTES, max(0, size - STDERR_KEEP_BYTES)).lstrip(b"\0")
        wall = time.monotonic() - started
        text_out = stdout.decode("utf-8", errors="replace")
        text_err = stderr.decode("utf-8", errors="replace")
        if result is None:
            self.kill()
            if broken is None and self.cases_isolated:
                # The case runs in a PID namespace of its own: it cannot have ended its worker.
                broken = (
                    f"the worker ended during a case ({died}): {self.zygote.interpreter.stderr_tail()[-300:]}"
                )
            if broken is not None:
                return Execution(stdout=text_out, stderr=text_err, exit_code=None, internal_error=broken)
            return Execution(
                stdout=text_out,
                stderr=text_err,
                exit_code=None,
                wall_s=wall,
                timed_out=wall >= limits.wall_limit_s,
                output_exceeded=exceeded,
                worker_died=True,
            )
        report, forged = parse_report(result.payload)
        return Execution(
            stdout=text_out,
            stderr=text_err,
            exit_code=result.exit_code if result.exit_code >= 0 else None,
            signal=result.signal or None,
            cpu_s=result.cpu_us / 1e6,
            wall_s=result.wall_us / 1e6,
            memory_mb=result.memory_kb / 1024,
            timed_out=bool(result.timed_out),
            output_exceeded=exceeded,
            error=report,
            never_started=not result.started,
            forged_report=forged,
            baseline_mb=self.baseline_mb,
        )

    def kill(self) -> None:
        """End the worker and everything it started: its process group and the case's."""
        for group in (self.worker_pid, self.case_pid):
            if group is None:
                continue
            try:
                self.zygote.kill_group(group)
            except (OSError, WorkerDied):
                pass

    def stop(self) -> None:
        """Close the socket: the worker ends (cases still running are killed), and our ends of the
        files of cases never collected are closed."""
        if self.pending:
            self.kill()
        while self.pending:
            out, err, _ = self.pending.popleft()
            os.close(out)
            os.close(err)
        self.sock.close()


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def internal(reason: str) -> Execution:
    return Execution(exit_code=None, internal_error=reason)


class WorkerRunner:
    """One worker per batch, forked from a zygote that has imported numpy; a fork per case.

    Zygotes are pooled: a batch takes an idle one (or starts one) and gives it back reset, so
    parallel batches never share one. A worker that dies is replaced for the remaining cases.
    """

    def __init__(self, sandbox: Sandbox, pid_namespaces: bool = True, lookahead: int = LOOKAHEAD) -> None:
        """`pid_namespaces=False` forces the fallback of machines where the kernel allows none: a
        case's tree is then ended by killing every process below the worker until none is left.
        `lookahead`: cases sent ahead of the one being collected (0 for parallel batches)."""
        self.sandbox = sandbox
        self.pid_namespaces = pid_namespaces
        self.lookahead = lookahead
        self.idle: list[Zygote] = []
        self.busy: set[Worker] = set()
        self.closed = False
        self.lock = threading.Lock()
        self.launcher = Launcher()
        if sandbox.bwrap is None:
            protect_judge_process()

    def __enter__(self) -> WorkerRunner:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def warm_up(self, torch: bool = False) -> None:
        """Start a zygote now (torch preloaded, with `torch`), idle for the first batch: its imports run
        while the caller loads the problem (a failure shows at that batch, as an internal error)."""
        try:
            self._keep_idle(self._new_zygote(torch))
        except (OSError, WorkerDied):
            pass

    def _new_zygote(self, torch: bool = False) -> Zygote:
        return self.launcher.start(
            lambda: Zygote(self.sandbox, pid_namespaces=self.pid_namespaces, torch=torch)
        )

    def _keep_idle(self, zygote: Zygote) -> None:
        """Into the idle pool; closed instead once the runner is."""
        with self.lock:
            if not self.closed:
                self.idle.append(zygote)
                return
        zygote.close()

    def _acquire(self, torch: bool = False) -> Zygote:
        """An idle zygote of the kind asked for (torch preloaded or not) that is alive (a dead one is
        closed, never handed out), or a new one."""
        while True:
            with self.lock:
                if self.closed:
                    raise WorkerDied("the runner is closed")
                kind = [i for i, z in enumerate(self.idle) if z.torch == torch]
                if not kind:
                    break
                zygote = self.idle.pop(kind[-1])
            if zygote.alive():
                return zygote
            zygote.close()
        return self._new_zygote(torch)

    def _release(self, zygote: Zygote) -> None:
        try:
            zygote.reset()
        except WorkerDied:
            zygote.close()
            return
        self._keep_idle(zygote)

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
        self.launcher.close()

    def _start(self, zygote: Zygote | None, program: Program) -> tuple[Zygote, Worker]:
        for attempt in range(2):
            if zygote is None:
                parts = (program.source, program.prelude, program.harness)
                zygote = self._acquire(torch=any(imports(part, "torch") for part in parts))
            try:
                sock, pid = zygote.fork_worker()
                return zygote, Worker(sock, program, zygote, pid)
            except (OSError, WorkerDied):
                zygote.close()
                zygote = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]:
        """Cases run one at a time, in order; the next `lookahead` cases are sent ahead, so their
        children are forked while the current one runs. A worker that dies is replaced, and the cases
        sent to it but not run are sent again to the new one."""
        program = as_program(solution)
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
                        execution = internal(CLOSED)
                        break
                    if worker is None:
                        try:
                            zygote, worker = self._start(zygote, program)
                        except (OSError, WorkerDied) as error:
                            zygote = None
                            self.sandbox.forget_probe()
                            execution = internal(f"cannot start the worker: {error}")
                            break
                        sent = index
                        if worker.compile_error is not None:
                            compile_error = worker.compile_error
                            worker.stop()
                            worker = None
                            continue
                    attempts += 1
                    execution, sent = self._run_one(worker, stdins, index, sent, limits)
                    if self.closed:
                        execution = internal(CLOSED)
                    if execution.worker_died or execution.never_started or execution.internal_error:
                        worker.kill()
                        worker.stop()
                        worker = None
                    if execution.never_started:
                        if attempts < RUNS_PER_CASE:
                            continue  # again, first in a new worker: nothing runs beside it there
                        execution = internal(
                            f"the case's process was killed before it started, {attempts} times"
                        )
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
        """Send the cases up to `lookahead` ahead of `index` (from `sent`), then collect case `index`; returns
        its execution and how many cases the worker has now been sent."""
        with self.lock:
            self.busy.add(worker)
        try:
            try:
                while sent < min(index + self.lookahead + 1, len(stdins)):
                    worker.submit(stdins[sent], limits)
                    sent += 1
            except WorkerDied:
                if sent <= index:  # this very case did not reach the worker
                    raise
                # A worker that ended on its own (after a case that never started) has sent this
                # case's result before it did: it is read below.
            return worker.collect(), sent
        except WorkerBroken as error:
            return internal(str(error)), sent
        except (OSError, WorkerDied) as error:
            if worker.cases_isolated:
                return internal(f"the worker ended: {error}"), sent
            return Execution(exit_code=None, worker_died=True), sent
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
        self.launcher = Launcher()
        if sandbox.bwrap is None:
            protect_judge_process()

    def close(self) -> None:
        """Nothing outlives a case here but the launcher's thread."""
        self.launcher.close()

    def warm_up(self, torch: bool = False) -> None:
        """Nothing to start ahead: each case starts its own interpreter."""

    def run_batch(
        self, solution: Path | Program, stdins: Sequence[str], limits: Limits
    ) -> Iterator[Execution]:
        program = as_program(solution)
        for stdin in stdins:
            if program.too_large:
                yield Execution(exit_code=None, compile_error=too_large(program))
                continue
            try:
                zygote = self.launcher.start(lambda: Zygote(self.sandbox, preload=False))
            except (OSError, WorkerDied) as error:
                self.sandbox.forget_probe()
                yield internal(f"cannot start Python: {error}")
                continue
            worker: Worker | None = None
            try:
                sock, pid = zygote.fork_worker()
                worker = Worker(sock, program, zygote, pid)
                try:
                    if worker.compile_error is not None:
                        execution = Execution(exit_code=None, compile_error=worker.compile_error)
                    else:
                        execution = worker.run(stdin, limits)
                        if execution.never_started:  # nothing ran beside it: its setup failed
                            execution = internal("the case's process ended before it started")
                finally:
                    worker.stop()
            except WorkerBroken as error:
                execution = internal(str(error))
            except (OSError, WorkerDied) as error:
                if worker is None or worker.cases_isolated:
                    execution = internal(f"the worker ended: {error}")
                else:
                    execution = Execution(exit_code=None, worker_died=True)
            finally:
                try:
                    zygote.reset()
                except WorkerDied:
                    pass
                zygote.close()
            yield execution


def spawn_runner(sandbox: Sandbox) -> SpawnRunner:
    return SpawnRunner(sandbox)
