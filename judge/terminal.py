"""The terminal a command talks to: stdout that survives its reader leaving, and what a person types
as the callables the loops of watch, cards and mock take (single keys from a terminal in cbreak mode,
restored on exit; whole lines from a pipe; lines polled with a timeout)."""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO


class TerminalKeys:
    """Single keys from a terminal in cbreak mode (restored on exit); from anything else, no key."""

    def __init__(self, stream: TextIO = sys.stdin) -> None:
        self.stream = stream
        self.interactive = stream.isatty()
        self.saved: list[Any] | None = None

    def __enter__(self) -> TerminalKeys:
        if self.interactive:
            import termios
            import tty

            self.saved = termios.tcgetattr(self.stream)
            tty.setcbreak(self.stream.fileno())
        return self

    def __exit__(self, *_: object) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.stream, termios.TCSADRAIN, self.saved)

    def __call__(self, timeout: float) -> str:
        if not self.interactive:
            time.sleep(timeout)
            return ""
        ready, _, _ = select.select([self.stream], [], [], timeout)
        return self.stream.read(1) if ready else ""


def line_reader(stream: TextIO) -> Callable[[], str | None]:
    """A pipe's answers: one line each (without its newline); None at the end of input."""

    def read() -> str | None:
        line = stream.readline()
        return line.strip() if line else None

    return read


def key_reader(keys: Callable[[float], str]) -> Callable[[], str | None]:
    """The next key pressed, however long it takes."""

    def read() -> str | None:
        while not (key := keys(3600.0)):
            pass
        return key

    return read


def line_poller(stream: TextIO) -> Callable[[float], str | None]:
    """A line typed within `timeout` seconds ("" when none), None once the input has ended."""

    def poll(timeout: float) -> str | None:
        ready, _, _ = select.select([stream], [], [], timeout)
        if not ready:
            return ""
        line = stream.readline()
        return line if line else None

    return poll


class QuietStdout:
    """stdout that, once its reader has gone (`judge list | head`), drops the rest quietly: the
    command ends as it would have, with its own exit code, and no BrokenPipeError."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self.stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
