"""The learner's progress: every run recorded in SQLite; solved/attempted status and statistics, and
the list of problems with their status.

Writes are transactions. A corrupt, locked or read-only database never breaks a run: each operation
returns a warning instead of raising, and the caller shows it once.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from judge.problem import Problem

if TYPE_CHECKING:
    from judge.catalog import Catalog

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    problem TEXT NOT NULL,
    solution_hash TEXT NOT NULL,
    verdict TEXT NOT NULL,
    passed INTEGER NOT NULL,
    total INTEGER NOT NULL,
    full_run INTEGER NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_problem ON attempts (problem, at);
"""
# Schema changes after the first release, in order: a database at user_version k runs the
# migrations after the k-th, then records the new version, in one transaction.
MIGRATIONS = (
    # 1: the review log of concept cards (the schedule is replayed from it with FSRS)
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        card TEXT NOT NULL,
        rating INTEGER NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX reviews_card ON reviews (card, at);
    """,
    # 2: timed mock interviews and the files graded during them
    """
    CREATE TABLE mocks (
        id INTEGER PRIMARY KEY,
        seed INTEGER NOT NULL,
        problems TEXT NOT NULL,
        minutes REAL NOT NULL,
        started REAL NOT NULL,
        ended REAL
    );
    CREATE TABLE mock_submissions (
        id INTEGER PRIMARY KEY,
        mock INTEGER NOT NULL REFERENCES mocks (id),
        problem TEXT NOT NULL,
        verdict TEXT NOT NULL,
        passed INTEGER NOT NULL,
        total INTEGER NOT NULL,
        at REAL NOT NULL,
        diagnosis TEXT
    );
    """,
)
BUSY_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Attempt:
    problem: str
    solution_hash: str
    verdict: str
    passed: int
    total: int
    full_run: bool
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class Stats:
    solved: int
    attempted: int
    total: int
    by_tag: dict[str, tuple[int, int]]  # tag -> (solved, problems)
    by_difficulty: dict[str, tuple[int, int]]
    first_try: list[str]
    recent: list[Attempt]
    runs: int


@dataclass(frozen=True)
class Review:
    """One rating of a concept card (1 again, 2 hard, 3 good, 4 easy), as FSRS numbers them."""

    card: str
    rating: int
    at: float


@dataclass(frozen=True)
class MockSubmission:
    """A file graded during a mock; its diagnosis is held back until the mock ends."""

    problem: str
    verdict: str
    passed: int
    total: int
    at: float
    diagnosis: str | None = None


@dataclass(frozen=True)
class MockSession:
    """A timed mock interview: problems chosen with `seed`, `minutes` long, ended or still open."""

    id: int
    seed: int
    problems: tuple[str, ...]
    minutes: float
    started: float
    ended: float | None
    submissions: tuple[MockSubmission, ...] = ()


def migrate(connection: sqlite3.Connection) -> None:
    """Bring a database of any earlier version up to date; a no-op on a current one."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version >= len(MIGRATIONS):
        return
    # executescript would commit on its own; the statements run one by one inside one transaction
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        for script in MIGRATIONS[version:]:
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


class Progress:
    """The progress database at `path`; nothing touches disk until it is used."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_home(cls, home: Path) -> Progress:
        """The learner's database in the data folder `home` (JUDGE_HOME, else the XDG one)."""
        return cls(home / "progress.sqlite3")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            with connection:
                connection.executescript(SCHEMA)
            migrate(connection)
            yield connection
        finally:
            connection.close()

    def _warning(self, error: Exception) -> str:
        text = str(error)
        if "locked" in text or "busy" in text:
            why = "it is locked by another process"
        elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
            why = "it is read-only"
        elif "not a database" in text or "malformed" in text:
            why = "it is corrupt (move it away to start afresh)"
        else:
            why = text
        return f"warning: progress not saved/read: {self.path}: {why}; set JUDGE_HOME to use another folder"

    def record(self, attempt: Attempt) -> str | None:
        """Store one run; returns a warning instead of raising when the database is unusable."""
        try:
            with self._connect() as connection, connection:
                connection.execute(
                    "INSERT INTO attempts (problem, solution_hash, verdict, passed, total, full_run, at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        attempt.problem,
                        attempt.solution_hash,
                        attempt.verdict,
                        attempt.passed,
                        attempt.total,
                        int(attempt.full_run),
                        attempt.at,
                    ),
                )
        except (sqlite3.Error, OSError) as error:
            return self._warning(error)
        return None

    def attempts(self) -> tuple[list[Attempt], str | None]:
        if not self.path.exists():
            return [], None
        try:
            with self._connect() as connection:
                rows = connection.execute(
                    "SELECT problem, solution_hash, verdict, passed, total, full_run, at"
                    " FROM attempts ORDER BY at, id"
                ).fetchall()
        except (sqlite3.Error, OSError) as error:
            return [], self._warning(error)
        return [Attempt(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows], None

    def record_review(self, review: Review) -> str | None:
        """Store one card rating; returns a warning instead of raising when the database is unusable."""
        try:
            with self._connect() as connection, connection:
                connection.execute(
                    "INSERT INTO reviews (card, rating, at) VALUES (?, ?, ?)",
                    (review.card, review.rating, review.at),
                )
        except (sqlite3.Error, OSError) as error:
            return self._warning(error)
        return None

    def reviews(self) -> tuple[list[Review], str | None]:
        """Every card rating, oldest first."""
        if not self.path.exists():
            return [], None
        try:
            with self._connect() as connection:
                rows = connection.execute("SELECT card, rating, at FROM reviews ORDER BY at, id").fetchall()
        except (sqlite3.Error, OSError) as error:
            return [], self._warning(error)
        return [Review(r[0], r[1], r[2]) for r in rows], None

    def start_mock(
        self, seed: int, problems: Sequence[str], minutes: float, at: float
    ) -> tuple[int | None, str | None]:
        """A new mock session's id, or a warning when the database is unusable."""
        try:
            with self._connect() as connection, connection:
                cursor = connection.execute(
                    "INSERT INTO mocks (seed, problems, minutes, started) VALUES (?, ?, ?, ?)",
                    (seed, " ".join(problems), minutes, at),
                )
        except (sqlite3.Error, OSError) as error:
            return None, self._warning(error)
        return cursor.lastrowid, None

    def record_mock_submission(self, mock: int, submission: MockSubmission) -> str | None:
        try:
            with self._connect() as connection, connection:
                connection.execute(
                    "INSERT INTO mock_submissions (mock, problem, verdict, passed, total, at, diagnosis)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (mock, *dataclasses.astuple(submission)),
                )
        except (sqlite3.Error, OSError) as error:
            return self._warning(error)
        return None

    def end_mock(self, mock: int, at: float) -> str | None:
        try:
            with self._connect() as connection, connection:
                connection.execute("UPDATE mocks SET ended = ? WHERE id = ? AND ended IS NULL", (at, mock))
        except (sqlite3.Error, OSError) as error:
            return self._warning(error)
        return None

    def mocks(self) -> tuple[list[MockSession], str | None]:
        """Every mock session with its submissions, oldest first."""
        if not self.path.exists():
            return [], None
        try:
            with self._connect() as connection:
                sessions = connection.execute(
                    "SELECT id, seed, problems, minutes, started, ended FROM mocks ORDER BY id"
                ).fetchall()
                rows = connection.execute(
                    "SELECT mock, problem, verdict, passed, total, at, diagnosis FROM mock_submissions"
                    " ORDER BY at, id"
                ).fetchall()
        except (sqlite3.Error, OSError) as error:
            return [], self._warning(error)
        graded: dict[int, list[MockSubmission]] = {}
        for row in rows:
            graded.setdefault(row[0], []).append(MockSubmission(*row[1:]))
        return [
            MockSession(r[0], r[1], tuple(r[2].split()), r[3], r[4], r[5], tuple(graded.get(r[0], ())))
            for r in sessions
        ], None

    def statuses(self) -> tuple[dict[str, str], str | None]:
        """problem -> 'solved' (an accepted full run) or 'attempted'."""
        attempts, warning = self.attempts()
        return statuses_of(attempts), warning

    def stats(self, problems: Sequence[Problem], recent: int = 10) -> tuple[Stats, str | None]:
        attempts, warning = self.attempts()
        status = statuses_of(attempts)
        by_tag: dict[str, tuple[int, int]] = {}
        by_difficulty: dict[str, tuple[int, int]] = {}
        for p in problems:
            solved = status.get(p.id) == "solved"
            for tag in p.tags:
                s, n = by_tag.get(tag, (0, 0))
                by_tag[tag] = (s + solved, n + 1)
            s, n = by_difficulty.get(p.difficulty.value, (0, 0))
            by_difficulty[p.difficulty.value] = (s + solved, n + 1)
        first: dict[str, Attempt] = {}
        for a in attempts:
            if a.full_run:
                first.setdefault(a.problem, a)
        known = {p.id for p in problems}
        return Stats(
            solved=sum(1 for k, v in status.items() if v == "solved" and k in known),
            attempted=sum(1 for k, v in status.items() if v == "attempted" and k in known),
            total=len(problems),
            by_tag=by_tag,
            by_difficulty=by_difficulty,
            first_try=sorted(k for k, a in first.items() if a.verdict == "AC" and k in known),
            recent=list(reversed(attempts[-recent:])),
            runs=len(attempts),
        ), warning


def statuses_of(attempts: Sequence[Attempt]) -> dict[str, str]:
    """problem -> 'solved' (an accepted full run) or 'attempted', from the attempts."""
    status: dict[str, str] = {}
    for a in attempts:
        if a.verdict == "AC" and a.full_run:
            status[a.problem] = "solved"
        else:
            status.setdefault(a.problem, "attempted")
    return status


@dataclass(frozen=True)
class Listing:
    """`judge list`: the problems chosen, each one's status ("solved", "attempted"; absent: new) and
    the solved ones due again."""

    problems: tuple[Problem, ...]
    statuses: dict[str, str]
    due: frozenset[str]

    def to_json(self, language: str) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id,
                "title": p.title.get(language),
                "difficulty": p.difficulty.value,
                "tags": list(p.tags),
                "status": self.statuses.get(p.id, "new"),
                "due": p.id in self.due,
            }
            for p in self.problems
        ]


def listing(
    catalog: Catalog,
    progress: Progress,
    tag: str | None,
    difficulty: str | None,
    only_due: bool,
    now: float,
    warn: Callable[[str], None],
) -> Listing:
    """The problems of a tag and difficulty (only those due again with `only_due`); a broken progress
    store is a warning, and every problem is then new."""
    from judge.card import due_problems  # card reads this module's records

    chosen = catalog.select(tag, difficulty)
    attempts, warning = progress.attempts()
    if warning is not None:
        warn(warning)
    statuses, due = statuses_of(attempts), frozenset(due_problems(attempts, now))
    if only_due:
        chosen = [p for p in chosen if p.id in due]
    return Listing(tuple(chosen), statuses, due)
