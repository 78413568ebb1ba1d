"""Merging the JSON reports of a class's shards into the gradebook of the whole class.

Each shard's report carries the bank's fingerprint, its shard K/N, the size of the whole class and
each submission's place in it, so the merge is the whole run: same submissions, verdicts, scores and
order. Reports of different banks, classes or settings, and shards that overlap, are refused; a
missing shard or an interrupted one leaves the merge incomplete, and it says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from judge.error import JudgeError
from judge.gradebook import Entry, Gradebook, ReportFormatError, from_json
from judge.program import shown_path


class MergeError(JudgeError):
    pass


def read_report(path: Path) -> Gradebook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
        raise MergeError(f"cannot read {shown_path(path)}: {reason}") from None
    try:
        return from_json(text)
    except ReportFormatError as error:
        raise MergeError(f"{shown_path(path)} is not a dl-judge grade report: {error}") from None


def merge(paths: Sequence[Path]) -> Gradebook:
    """The gradebook of the whole class from its shards' JSON reports."""
    if not paths:
        raise MergeError("give the JSON reports of the shards to merge (judge grade --json)")
    books = [read_report(p) for p in paths]
    first, name = books[0], shown_path(paths[0])
    for path, book in zip(paths[1:], books[1:], strict=True):
        for what, mine, theirs in (
            ("problem bank", book.bank, first.bank),
            ("class (number of submissions)", book.class_size, first.class_size),
            ("--reveal setting", book.reveal, first.reveal),
            ("language (--lang)", book.lang, first.lang),
        ):
            if mine != theirs:
                raise MergeError(
                    f"{shown_path(path)} and {name} were graded with a different {what} ({mine} vs "
                    f"{theirs}); merge only the shards of one `judge grade` run"
                )
    taken: dict[int, tuple[Entry, str]] = {}
    for path, book in zip(paths, books, strict=True):
        for entry in book.entries:
            if entry.index in taken:
                other = taken[entry.index][1]
                raise MergeError(
                    f"{shown_path(path)} and {other} both hold submission {entry.path} (overlapping shards:"
                    " give each shard's report once, and shards of one --shard K/N split)"
                )
            taken[entry.index] = (entry, shown_path(path))
    entries = tuple(taken[i][0] for i in sorted(taken))
    isolation = "+".join(sorted({b.isolation for b in books}))
    return Gradebook(
        entries, first.class_size, isolation, first.bank, first.class_size, None, first.reveal, first.lang
    )
