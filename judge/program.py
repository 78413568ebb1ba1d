"""A program to judge: its name and its source bytes, read once, safely, before anything runs.

Submissions come from people who may try things: a file is read only if it is a regular file reached
without following a symbolic link at its last step, and at most MAX_SOURCE_BYTES (+1, to see that it
is larger) are read, so a huge file costs nothing. What was read is what runs: the runner gets the
bytes, never the path again.
"""

from __future__ import annotations

import ast
import errno
import functools
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from judge.error import JudgeError

MAX_SOURCE_BYTES = 1 << 20  # 1 MiB: no hand-written solution comes near it


class UnreadableProgram(JudgeError):
    """The path is not a regular file we may read (a link, a folder, a device, a FIFO, gone...)."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{shown_path(path)}: {what}")
        self.path = path
        self.what = what


@dataclass(frozen=True)
class Program:
    name: str  # what tracebacks and reports call it (the file's name)
    source: bytes
    # Function mode (judge/answer.py): the template's prelude, run before the file, and its harness, after it
    prelude: bytes = b""
    harness: bytes = b""
    entry: str = ""  # the function the harness calls, named in the harness's errors

    @property
    def too_large(self) -> bool:
        return len(self.source) > MAX_SOURCE_BYTES


def shown_path(path: Path | str) -> str:
    """A path as text that any terminal or report can hold: bytes that are not UTF-8 and control
    characters are written as escapes (\\xNN), never passed through."""
    raw = os.fsencode(path)
    text = raw.decode("utf-8", errors="backslashreplace")
    return "".join(
        c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text
    )


def describe_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_program(path: Path) -> Program:
    """The program at `path`, read without following a final symbolic link and without blocking on a
    FIFO; UnreadableProgram says why it cannot be judged."""
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise UnreadableProgram(path, "does not exist") from None
    except OSError as error:
        raise UnreadableProgram(path, f"cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(before.st_mode):
        kind = describe_kind(before.st_mode)
        detail = ""
        if stat.S_ISLNK(before.st_mode):
            detail = "; submit the file itself, not a link to it"
        raise UnreadableProgram(path, f"is {kind}, not a regular file{detail}")
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnreadableProgram(path, "is a symbolic link, not a regular file") from None
        raise UnreadableProgram(path, f"cannot be read ({error.strerror})") from None
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode):  # swapped for something else since the lstat
            raise UnreadableProgram(path, f"is {describe_kind(after.st_mode)}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_SOURCE_BYTES:
            chunk = os.read(fd, MAX_SOURCE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise UnreadableProgram(path, f"cannot be read ({error.strerror})") from None
    finally:
        os.close(fd)
    return Program(path.name, b"".join(chunks))


_PARSING = threading.Lock()


def parse(source: str) -> ast.Module:
    """ast.parse, one thread at a time: CPython 3.11 keeps the AST converter's recursion depth in
    state shared by threads, and parses racing in threads fail with "AST constructor recursion depth
    mismatch" (the judge parses in its grading and diagnosis threads)."""
    with _PARSING:
        return ast.parse(source)


@functools.lru_cache(maxsize=1024)
def imports(source: bytes, module: str) -> bool:
    """Whether the source imports `module` (or a part of it) anywhere, as its syntax tree says; a file
    that does not parse imports nothing. Remembered: the runner asks it of every batch's program,
    prelude and harness, and a problem's prelude and harness are the same for all its batches."""
    try:
        tree = parse(source.decode("utf-8-sig"))
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == module for a in node.names):
            return True
        named = (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else None
        if named == module and isinstance(node, ast.ImportFrom) and node.level == 0:
            return True
    return False


def as_program(solution: Path | Program) -> Program:
    return solution if isinstance(solution, Program) else read_program(solution)
