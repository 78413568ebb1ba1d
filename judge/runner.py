"""Runners: (solution, batch of stdins, limits) -> one Execution per case, lazily, in order.

`WorkerRunner` starts one worker per batch (numpy imported once, a fork per case); `SpawnRunner`
starts a fresh interpreter per case and is the simple reference. Both run the same child code
(`judge/worker.py`), so they differ in cost, not in behaviour.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from judge.sandbox import Sandbox

WORKER_SOURCE = (Path(__file__).parent / "worker.py").read_text(encoding="utf-8")
STDERR_KEEP_BYTES = 64 * 1024
START_TIMEOUT_S = 60.0
PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


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


class Runner(Protocol):
    def run_batch(self, solution: Path, stdins: Sequence[str], limits: Limits) -> Iterator[Execution]: ...


def scrubbed_environment(home: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "TMPDIR": home,
        "PYTHONIOENCODING": "utf-8",
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


class Worker:
    """One worker process for one solution: start, run cases one at a time, stop."""

    def __init__(self, sandbox: Sandbox, source: bytes, name: str, preload: bool) -> None:
        self.home = tempfile.mkdtemp(prefix="dl-judge-")
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock = parent
        self.stderr_file = tempfile.TemporaryFile()
        argv = [
            sys.executable,
            "-I",
            "-c",
            WORKER_SOURCE,
            str(child.fileno()),
            "1" if preload else "0",
        ]
        try:
            self.process = subprocess.Popen(
                sandbox.wrap(argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr_file,
                pass_fds=(child.fileno(),),
                cwd=self.home,
                env=scrubbed_environment(self.home),
                start_new_session=True,
            )
        finally:
            child.close()
        self.buffer = b""
        self.case_pid: int | None = None
        self.sandboxed = sandbox.bwrap is not None
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

    def worker_stderr(self) -> str:
        self.stderr_file.seek(0)
        return self.stderr_file.read()[-4000:].decode(errors="replace").strip()

    def run(self, stdin: str, limits: Limits) -> Execution:
        stdin_fd = os.memfd_create("stdin")
        os.write(stdin_fd, stdin.encode())
        os.lseek(stdin_fd, 0, os.SEEK_SET)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        request = {
            "cpu_limit_s": limits.time_limit_s,
            "wall_limit_s": limits.wall_limit_s,
            "memory_limit_mb": limits.memory_limit_mb,
        }
        try:
            socket.send_fds(self.sock, [json.dumps(request).encode() + b"\n"], [stdin_fd, out_w, err_w])
        except OSError as error:
            for fd in (stdin_fd, out_w, err_w, out_r, err_r):
                os.close(fd)
            raise WorkerDied(str(error)) from error
        for fd in (stdin_fd, out_w, err_w):
            os.close(fd)
        return self._collect(out_r, err_r, limits)

    def _collect(self, out_r: int, err_r: int, limits: Limits) -> Execution:
        """Drain stdout (capped) and stderr (tail kept) until the worker reports the case."""
        started = time.monotonic()
        deadline = started + limits.wall_limit_s + 5.0
        stdout = bytearray()
        stderr = bytearray()
        exceeded = False
        result: dict[str, Any] | None = None
        died: str | None = None
        selector = selectors.DefaultSelector()
        selector.register(out_r, selectors.EVENT_READ, "out")
        selector.register(err_r, selectors.EVENT_READ, "err")
        selector.register(self.sock, selectors.EVENT_READ, "sock")
        open_pipes = {out_r, err_r}
        closed: set[int] = set()
        self.sock.setblocking(False)
        try:
            while open_pipes or result is None:
                timeout = deadline - time.monotonic()
                if result is not None:
                    # The case is over; anything still holding the pipes is not ours to wait on.
                    timeout = min(timeout, 0.5)
                if timeout <= 0:
                    break
                events = selector.select(timeout)
                if not events:
                    if result is None:
                        died = "worker did not answer within the wall limit"
                    break
                for key, _ in events:
                    if key.data == "sock":
                        try:
                            chunk = self.sock.recv(1 << 16)
                        except BlockingIOError:
                            continue
                        if not chunk:
                            died = "worker ended"
                            selector.unregister(self.sock)
                            result = {}
                            continue
                        self.buffer += chunk
                        while b"\n" in self.buffer:
                            line, self.buffer = self.buffer.split(b"\n", 1)
                            message = json.loads(line)
                            if "started" in message:
                                self.case_pid = message["started"]
                            else:
                                result = message
                        continue
                    fd = key.fd
                    chunk = os.read(fd, 1 << 16)
                    if not chunk:
                        selector.unregister(fd)
                        open_pipes.discard(fd)
                        continue
                    if key.data == "out":
                        stdout += chunk
                        if len(stdout) > limits.output_limit_bytes:
                            # Closing our end makes further writes fail with a broken pipe.
                            exceeded = True
                            del stdout[limits.output_limit_bytes :]
                            selector.unregister(fd)
                            open_pipes.discard(fd)
                            os.close(fd)
                            closed.add(fd)
                    else:
                        stderr += chunk
                        if len(stderr) > 2 * STDERR_KEEP_BYTES:
                            del stderr[:-STDERR_KEEP_BYTES]
        finally:
            selector.close()
            self.sock.setblocking(True)
            for fd in {out_r, err_r} - closed:
                os.close(fd)
        wall = time.monotonic() - started
        text_out = stdout.decode("utf-8", errors="replace")
        text_err = stderr[-STDERR_KEEP_BYTES:].decode("utf-8", errors="replace")
        if died is not None or not result:
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
        """End the worker and everything it started: its process group, and the case's own session."""
        for group in (self.process.pid, self.case_pid if not self.sandboxed else None):
            if group is None:
                continue
            try:
                os.killpg(group, signal.SIGKILL)
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


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _read_solution(solution: Path) -> bytes:
    return solution.read_bytes()


@dataclass
class WorkerRunner:
    """One worker per batch: numpy imported once, a fork per case; a new worker if one dies."""

    sandbox: Sandbox
    preload: bool = True
    cases_per_worker: int | None = None

    def run_batch(self, solution: Path, stdins: Sequence[str], limits: Limits) -> Iterator[Execution]:
        source = _read_solution(solution)
        worker: Worker | None = None
        served = 0
        compile_error: str | None = None
        try:
            for stdin in stdins:
                if compile_error is not None:
                    yield Execution(exit_code=None, compile_error=compile_error)
                    continue
                if worker is not None and self.cases_per_worker and served >= self.cases_per_worker:
                    worker.stop()
                    worker = None
                if worker is None:
                    try:
                        worker = Worker(self.sandbox, source, solution.name, self.preload)
                    except (OSError, WorkerDied) as error:
                        yield Execution(exit_code=None, internal_error=f"cannot start the worker: {error}")
                        continue
                    served = 0
                    if "compile_error" in worker.hello:
                        compile_error = str(worker.hello["compile_error"])
                        worker.stop()
                        worker = None
                        yield Execution(exit_code=None, compile_error=compile_error)
                        continue
                try:
                    execution = worker.run(stdin, limits)
                except (OSError, WorkerDied) as error:
                    execution = Execution(exit_code=None, worker_died=True, extra={"reason": str(error)})
                served += 1
                if execution.worker_died:
                    worker.stop()
                    worker = None
                yield execution
        finally:
            if worker is not None:
                worker.stop()


def spawn_runner(sandbox: Sandbox) -> WorkerRunner:
    """The reference runner: a fresh interpreter (and a fresh `import numpy`) for every case."""
    return WorkerRunner(sandbox, preload=False, cases_per_worker=1)
