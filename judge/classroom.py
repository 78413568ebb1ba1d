"""Grading a class: the isolation it requires, what it grades (discover, check there is something to
grade, take a shard), the report files it keeps current after every result (so an interrupted run
leaves valid, incomplete ones), and what GitHub Actions gets (workflow commands paused around untrusted
text, annotations, a step summary).

`grading` judges submissions; this module runs a whole `judge grade` (and `judge merge`) around it.
Output and the environment are passed in.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from judge.bank import write_atomically
from judge.catalog import Catalog
from judge.error import JudgeError
from judge.gradebook import (
    Gradebook,
    github_annotations,
    gradebook,
    to_csv,
    to_json,
    to_junit,
    to_markdown,
    to_student_csv,
)
from judge.gradescope import to_gradescope
from judge.grading import Graded, Submission, discover, grade, has_python, parse_shard, shard
from judge.program import shown_path
from judge.sandbox import Sandbox, SandboxMode, probe_bwrap


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
class ClassPlan:
    submissions: tuple[Submission, ...]  # this run's: the shard's when sharded
    class_size: int
    shard: tuple[int, int] | None
    bank: str


def plan_class(
    catalog: Catalog,
    paths: Sequence[Path],
    expect_from_folders: bool = False,
    shard_text: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> ClassPlan:
    """What a run grades. `environ` is read for `--shard auto` only. Nothing to grade is an error."""
    everything = discover(paths, expect_from_folders)
    if not has_python(everything):
        shown = ", ".join(shown_path(p) for p in paths)
        raise JudgeError(
            f"nothing to grade: no .py file in {shown}; submissions are <problem>.py or "
            "<problem>__<anything>.py files, in the folders given or below them"
        )
    chosen = parse_shard(shard_text, environ) if shard_text is not None else None
    mine = shard(everything, *chosen) if chosen else everything
    return ClassPlan(tuple(mine), len(everything), chosen, catalog.fingerprint())


@dataclass(frozen=True)
class ReportFiles:
    """Where each report goes (None: not written)."""

    json: Path | None = None
    junit: Path | None = None
    markdown: Path | None = None
    csv: Path | None = None
    by_student: Path | None = None
    gradescope: Path | None = None
    gradescope_cases: bool = False  # one Gradescope test per case rather than per submission

    def writers(self) -> list[tuple[Path, Callable[[Gradebook], str]]]:
        def gradescope(book: Gradebook) -> str:
            return to_gradescope(book, self.gradescope_cases)

        chosen = [
            (self.json, to_json),
            (self.junit, to_junit),
            (self.markdown, to_markdown),
            (self.csv, to_csv),
            (self.by_student, to_student_csv),
            (self.gradescope, gradescope),
        ]
        return [(path, write) for path, write in chosen if path is not None]

    def prepare(self) -> None:
        """Check every report path up front, so that one that cannot be written fails in one line
        before any grading (and before any other report is written)."""
        for path, _ in self.writers():
            _check_writable(path)

    def write(self, book: Gradebook) -> None:
        for path, write in self.writers():
            try:
                write_atomically(path, write(book))
            except OSError as error:
                raise JudgeError(f"cannot write report {shown_path(path)}: {error.strerror}") from None


def _check_writable(path: Path) -> None:
    """Make the folders of `path` and try a file beside it."""
    if path.is_dir():
        raise JudgeError.say("error.is_folder", file=shown_path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".probe"):
            pass
    except OSError as error:
        why = error.strerror or str(error)
        raise JudgeError.say("error.cannot_write", file=shown_path(path), why=why) from None


@dataclass(frozen=True)
class GradeOptions:
    """How `judge grade` grades: what it expects, which shard, what its reports show."""

    expect_from_folders: bool = False  # a parent folder named for a verdict states the expected one
    shard_text: str | None = None  # K/N or auto
    reveal: bool = False  # hidden cases in full, for staff
    lang: str = "en"
    diagnose: bool = True


class Interrupted(Exception):
    """Grading stopped before the end (Ctrl-C); the reports hold `book`, which says it is incomplete."""

    def __init__(self, book: Gradebook) -> None:
        super().__init__(book.progress)
        self.book = book


def grade_class(
    catalog: Catalog,
    plan: ClassPlan,
    sandbox: Sandbox,
    files: ReportFiles,
    jobs: int,
    on_result: Callable[[Graded], None],
    reveal: bool = False,
    lang: str = "en",
    diagnose: bool = True,
) -> tuple[Gradebook, list[Graded]]:
    """Grade the plan's submissions, rewriting every report after each result; the final gradebook
    and the results. A Ctrl-C writes the reports of what was graded and raises Interrupted."""
    from judge.runner import WorkerRunner, lookahead_for

    done: list[Graded] = []

    def book_of(results: Sequence[Graded]) -> Gradebook:
        size, bank, isolation = len(plan.submissions), plan.bank, sandbox.name
        return gradebook(results, size, isolation, bank, plan.class_size, plan.shard, reveal, lang)

    def advance(result: Graded, so_far: list[Graded]) -> None:
        done[:] = so_far
        files.write(book_of(so_far))
        on_result(result)

    files.write(book_of([]))
    # Submissions side by side keep the cores busy: no case is sent ahead of the one running.
    lookahead = lookahead_for(jobs)
    with WorkerRunner(sandbox, lookahead=lookahead) as runner:
        try:
            language = lang if diagnose else None
            fresh = functools.partial(WorkerRunner, sandbox, lookahead=lookahead)
            grade(catalog, plan.submissions, runner, jobs, advance, reveal, language, fresh)
        except KeyboardInterrupt:
            book = book_of(done)
            files.write(book)
            raise Interrupted(book) from None
    return book_of(done), done


class Rows(Protocol):
    """Where grading shows each result as it comes and the summary at the end (render.GradeProgress)."""

    def __enter__(self) -> Rows: ...

    def __exit__(self, *_: object) -> None: ...

    def advance(self, result: Graded) -> None: ...

    def summary(self, results: Sequence[Graded]) -> None: ...


def grade_paths(
    catalog: Catalog,
    paths: Sequence[Path],
    mode: SandboxMode,
    files: ReportFiles,
    jobs: int,
    rows: Callable[[int, str], Rows],
    emit: Callable[[str], None],
    environ: Mapping[str, str],
    options: GradeOptions,
) -> Gradebook:
    """`judge grade`: check the isolation and the report paths, plan, grade with `rows(count,
    isolation)` showing progress (workflow commands paused under GitHub Actions), then publish. A
    Ctrl-C raises Interrupted once the reports hold what was graded."""
    sandbox = grading_sandbox(mode)
    files.prepare()
    plan = plan_class(catalog, paths, options.expect_from_folders, options.shard_text, environ)
    progress = rows(len(plan.submissions), sandbox.name)
    with workflow_commands_paused(environ.get("GITHUB_ACTIONS") == "true", emit), progress:
        book, results = grade_class(
            catalog,
            plan,
            sandbox,
            files,
            jobs,
            progress.advance,
            options.reveal,
            options.lang,
            options.diagnose,
        )
        progress.summary(results)
    publish(book, emit, environ)
    return book


def merge_class(
    reports: Sequence[Path], files: ReportFiles, emit: Callable[[str], None], environ: Mapping[str, str]
) -> Gradebook:
    """`judge merge`: rebuild every report of a class from its shards' JSON reports, then publish."""
    from judge.merge import merge

    files.prepare()
    book = merge(reports)
    files.write(book)
    emit(f"merged {len(reports)} reports: {book.headline}")
    publish(book, emit, environ)
    return book


def publish(book: Gradebook, emit: Callable[[str], None], environ: Mapping[str, str]) -> None:
    """Under GitHub Actions: annotations, and the summary in $GITHUB_STEP_SUMMARY."""
    if environ.get("GITHUB_ACTIONS") == "true":
        summary = environ.get("GITHUB_STEP_SUMMARY")
        publish_to_github(book, emit, Path(summary) if summary else None)


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


def publish_to_github(book: Gradebook, emit: Callable[[str], None], summary: Path | None) -> None:
    """An annotation per mismatch (on the line of a crash), and the Markdown summary appended to
    GitHub's job summary file."""
    for line in github_annotations(book.entries):
        emit(line)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(to_markdown(book))
