"""`judge watch`'s loop: judge a file again on every save; keys show the next hint, re-run or quit.

Judging, drawing and reading keys are passed in, so the loop itself neither prints nor reads a terminal.
"""

from __future__ import annotations

import select
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from judge.report import Report, Verdict

Signature = tuple[float, int]  # a file's modification time and size: a save changes one of them


@dataclass(frozen=True)
class Screen:
    """What watch shows: the last report (None while the file does not exist) and how many hints."""

    report: Report | None
    hints_shown: int


def signature(file: Path) -> Signature | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return (stat.st_mtime, stat.st_size)


def watch_file(
    file: Path,
    judge: Callable[[Path], Report | None],
    draw: Callable[[Screen], None],
    keys: Callable[[float], str],
    hint_count: int,
    interval: float,
) -> None:
    """Until q or Ctrl-C: judge `file` when it changes, draw the screen when anything changed.

    `keys(timeout)` returns the key pressed within timeout seconds, or "" when none was."""
    last: Signature | None = None
    screen = Screen(None, 0)
    try:
        while True:
            current = signature(file)
            if current is not None and current != last:
                last = current
                report = judge(file) or screen.report
                accepted = report is not None and report.verdict is Verdict.AC
                screen = Screen(report, 0 if accepted else screen.hints_shown)  # solved: hints are history
                draw(screen)
            elif current is None and last is not None:
                last, screen = None, Screen(None, screen.hints_shown)
                draw(screen)
            key = keys(interval).lower()
            if key == "q":
                break
            if key == "h":
                screen = Screen(screen.report, min(screen.hints_shown + 1, hint_count))
                draw(screen)
            if key == "r":
                last = None
    except KeyboardInterrupt:
        pass


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
