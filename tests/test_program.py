"""Reading a submission: regular files only, no final symlink followed, size-capped, odd names shown escaped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from judge.program import MAX_SOURCE_BYTES, UnreadableProgram, read_program, shown_path


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    """A plain file gives its name and its bytes."""
    path = tmp_path / "sigmoid.py"
    path.write_bytes(b"print(1)\n")
    program = read_program(path)
    assert (program.name, program.source, program.too_large) == ("sigmoid.py", b"print(1)\n", False)


def test_a_symlink_is_refused_even_to_a_readable_file(tmp_path: Path) -> None:
    """A link to a reference solution is never followed: it is reported as a link."""
    target = tmp_path / "reference.py"
    target.write_text("print(1)\n")
    link = tmp_path / "sigmoid.py"
    link.symlink_to(target)
    with pytest.raises(UnreadableProgram, match="symbolic link"):
        read_program(link)


@pytest.mark.parametrize("kind", ["fifo", "folder", "broken link", "missing"])
def test_what_is_not_a_regular_file_is_named(tmp_path: Path, kind: str) -> None:
    """A FIFO (never opened for reading, so nothing blocks), a folder, a broken link or nothing at all."""
    path = tmp_path / "sigmoid.py"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "broken link":
        path.symlink_to(tmp_path / "nowhere.py")
    words = {"fifo": "FIFO", "folder": "folder", "broken link": "symbolic link", "missing": "does not exist"}
    with pytest.raises(UnreadableProgram, match=words[kind]):
        read_program(path)


def test_a_huge_file_is_read_only_to_one_byte_past_the_limit(tmp_path: Path) -> None:
    """A 5 MiB file costs a read of the limit plus one byte, and says it is too large."""
    path = tmp_path / "sigmoid.py"
    with path.open("wb") as handle:
        handle.truncate(5 * MAX_SOURCE_BYTES)
    program = read_program(path)
    assert len(program.source) == MAX_SOURCE_BYTES + 1 and program.too_large


def test_odd_names_are_shown_escaped() -> None:
    """Non-UTF-8 bytes and control characters in a name become visible escapes."""
    assert shown_path(Path(os.fsdecode(b"a\xff\x1b[31m.py"))) == "a\\xff\\x1b[31m.py"
    assert shown_path("中文.py") == "中文.py"
