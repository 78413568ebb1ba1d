"""A class graded end to end: plan it (discover, check there is something to grade, take a shard),
grade it, and write every report as results come, so an interrupted run leaves valid, incomplete ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.bank import write_atomically
from judge.catalog import Catalog
from judge.error import JudgeError
from judge.gradebook import (
    Gradebook,
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
from judge.runner import Runner


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
        """Make the folders of the report files; a path that cannot be a file is an error up front."""
        for path, _ in self.writers():
            if path.is_dir():
                raise JudgeError(f"report path {shown_path(path)} is a folder; give a file name")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise JudgeError(
                    f"cannot make the folder of report {shown_path(path)}: {error.strerror}"
                ) from None

    def write(self, book: Gradebook) -> None:
        for path, write in self.writers():
            try:
                write_atomically(path, write(book))
            except OSError as error:
                raise JudgeError(f"cannot write report {shown_path(path)}: {error.strerror}") from None


class Interrupted(Exception):
    """Grading stopped before the end (Ctrl-C); the reports hold `book`, which says it is incomplete."""

    def __init__(self, book: Gradebook) -> None:
        super().__init__(book.progress)
        self.book = book


def grade_class(
    catalog: Catalog,
    plan: ClassPlan,
    runner: Runner,
    files: ReportFiles,
    jobs: int,
    isolation: str,
    reveal: bool = False,
    lang: str = "en",
    diagnose: bool = True,
    on_result: Callable[[Graded], None] | None = None,
) -> tuple[Gradebook, list[Graded]]:
    """Grade the plan's submissions, rewriting every report after each result; the final gradebook
    and the results. A Ctrl-C writes the reports of what was graded and raises Interrupted."""
    done: list[Graded] = []

    def book_of(results: Sequence[Graded]) -> Gradebook:
        size = len(plan.submissions)
        return gradebook(results, size, isolation, plan.bank, plan.class_size, plan.shard, reveal, lang)

    def advance(result: Graded, so_far: list[Graded]) -> None:
        done[:] = so_far
        files.write(book_of(so_far))
        if on_result is not None:
            on_result(result)

    files.write(book_of([]))
    try:
        grade(catalog, plan.submissions, runner, jobs, advance, reveal, lang if diagnose else None)
    except KeyboardInterrupt:
        book = book_of(done)
        files.write(book)
        raise Interrupted(book) from None
    return book_of(done), done
