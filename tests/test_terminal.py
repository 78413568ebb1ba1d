"""What a person types, read from a pipe: lines, lines polled with a timeout, keys waited for."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

from judge.terminal import QuietStdout, key_reader, line_poller, line_reader


def test_line_reader_strips_lines_and_ends_with_none() -> None:
    """Each answer is a line without its newline or spaces; the end of input is None."""
    read = line_reader(io.StringIO(" 3 \n\nq\n"))
    assert [read(), read(), read(), read()] == ["3", "", "q", None]


def test_line_poller_gives_empty_without_input_then_lines_then_none() -> None:
    """Nothing typed within the timeout is ""; a line keeps its newline; a closed pipe is None."""
    reading, writing = os.pipe()
    with os.fdopen(reading) as stream, os.fdopen(writing, "w") as typed:
        poll = line_poller(stream)
        assert poll(0.0) == ""
        typed.write("softmax.py\n")
        typed.flush()
        assert poll(1.0) == "softmax.py\n"
        typed.close()
        assert poll(1.0) is None


def test_key_reader_waits_for_a_key() -> None:
    """No key yet ("") is waited through; the first key pressed is the answer."""
    pressed: Iterator[str] = iter(["", "", "x"])
    assert key_reader(lambda _: next(pressed))() == "x"


def test_quiet_stdout_passes_writes_through() -> None:
    """While its reader is there, QuietStdout is the stream it wraps."""
    stream = io.StringIO()
    quiet = QuietStdout(stream)
    assert quiet.write("abc") == 3
    quiet.flush()
    assert stream.getvalue() == "abc" and quiet.getvalue() == "abc"
