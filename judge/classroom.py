"""Grading a class: the isolation it requires, the report files it keeps current after every result,
and what GitHub Actions gets (workflow commands paused around untrusted text, a step summary).

`grading` judges submissions; this module runs a whole `judge grade` around it. Output is passed in.
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from judge import grading
from judge.bank import write_atomically
from judge.catalog import Catalog
from judge.error import JudgeError
from judge.grading import Graded, Submission
from judge.program import shown_path
from judge.sandbox import Sandbox, SandboxMode, probe_bwrap


class Interrupted(Exception):
    """Ctrl-C during grading; the report files hold the `graded` submissions finished before it."""

    def __init__(self, graded: int) -> None:
        super().__init__(f"interrupted: the reports hold the {graded} graded submissions")
        self.graded = graded


def grading_sandbox(mode: SandboxMode) -> Sandbox:
    """Where `judge grade` runs untrusted code: in bubblewrap, or with no isolation only when chosen."""
    if mode is SandboxMode.NONE:
        return Sandbox(None)
    path, reason = probe_bwrap()
    if path is None:
        raise JudgeError(
            f"judge grade does not run untrusted code without isolation, and {reason}; install "
            "bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces, or pass "
            "--sandbox none (or set JUDGE_SANDBOX=none) to grade without isolation"
        )
    return Sandbox(path)


@dataclass(frozen=True)
class ReportFile:
    """A report file and how to write it from the results so far."""

    path: Path
    write: Callable[[Sequence[Graded]], str]


def report_files(
    isolation: str,
    json_file: Path | None = None,
    junit_file: Path | None = None,
    markdown_file: Path | None = None,
    csv_file: Path | None = None,
) -> list[ReportFile]:
    """The report files asked for, each checked to be writable where it is (its folders made)."""
    chosen = [
        ReportFile(path, write)
        for path, write in (
            (json_file, lambda r: grading.to_json(r, isolation)),
            (junit_file, lambda r: grading.to_junit(r, isolation)),
            (markdown_file, lambda r: grading.to_markdown(r, isolation)),
            (csv_file, grading.to_csv),
        )
        if path is not None
    ]
    for target in chosen:
        _check_writable(target.path)
    return chosen


def _check_writable(path: Path) -> None:
    """Make the folders of `path` and try a file beside it, so that a report path that cannot be
    written fails in one line before any grading (and before any other report is written)."""
    if path.is_dir():
        raise JudgeError.say("error.is_folder", file=shown_path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".probe"):
            pass
    except OSError as error:
        why = error.strerror or str(error)
        raise JudgeError.say("error.cannot_write", file=shown_path(path), why=why) from None


def save(files: Sequence[ReportFile], results: Sequence[Graded]) -> None:
    for target in files:
        write_atomically(target.path, target.write(results))


def grade_class(
    catalog: Catalog,
    submissions: Sequence[Submission],
    sandbox: Sandbox,
    files: Sequence[ReportFile],
    jobs: int,
    on_result: Callable[[Graded], None],
    reveal: bool = False,
) -> list[Graded]:
    """Grade every submission, rewriting the report files after each result (so an interrupted run
    leaves reports of what it finished: then Interrupted says how many)."""
    from judge.runner import WorkerRunner

    results: list[Graded] = []

    def finished(result: Graded, done: list[Graded]) -> None:
        results[:] = done
        save(files, done)
        on_result(result)

    save(files, [])
    with WorkerRunner(sandbox) as runner:
        try:
            return grading.grade(catalog, submissions, runner, jobs, finished, reveal)
        except KeyboardInterrupt:
            save(files, results)
            raise Interrupted(len(results)) from None


@contextlib.contextmanager
def workflow_commands_paused(active: bool, emit: Callable[[str], None]) -> Iterator[None]:
    """Under GitHub Actions, the runner ignores workflow commands in this block's log (stop-commands
    with a token no submission can know): GitHub's advice for logging untrusted text, kept on top of
    every untrusted string being printed inert."""
    if not active:
        yield
        return
    token = secrets.token_hex(16)
    emit(f"::stop-commands::{token}")
    try:
        yield
    finally:
        emit(f"::{token}::")


def append_step_summary(path: Path, results: Sequence[Graded], isolation: str) -> None:
    """Add the Markdown summary to GitHub's job summary file."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(grading.to_markdown(results, isolation))
