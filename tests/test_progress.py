"""Progress in SQLite: runs recorded, statuses and stats; a corrupt, locked or unusable database
warns once and never breaks a run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from judge.catalog import Catalog
from judge.progress import Attempt, Progress, listing

from conftest import PROBLEMS, SOLUTIONS, SUBMISSIONS


def judge(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUDGE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "judge", *args], capture_output=True, text=True,
                          cwd=home.parent if home.parent.is_dir() else home.parent.parent, env=env, timeout=120, check=False)  # fmt: skip


def test_statuses_solved_attempted(tmp_path: Path) -> None:
    """An accepted full run solves; anything else only attempts; samples-only runs never solve."""
    store = Progress(tmp_path / "p.sqlite3")
    assert store.record(Attempt("softmax", "h1", "WA", 3, 12, True)) is None
    store.record(Attempt("sigmoid", "h2", "AC", 3, 3, False))
    store.record(Attempt("adam", "h3", "WA", 1, 12, True))
    store.record(Attempt("adam", "h4", "AC", 12, 12, True))
    statuses, warning = store.statuses()
    assert warning is None
    assert statuses == {"softmax": "attempted", "sigmoid": "attempted", "adam": "solved"}


def test_stats_by_tag_difficulty_and_first_try(tmp_path: Path) -> None:
    """Stats count solved problems per chapter and difficulty, and first-try solves."""
    problems = Catalog(PROBLEMS).load_all()
    store = Progress(tmp_path / "p.sqlite3")
    store.record(Attempt("sigmoid", "a", "AC", 16, 16, True, at=1.0))
    store.record(Attempt("softmax", "b", "WA", 1, 14, True, at=2.0))
    store.record(Attempt("softmax", "c", "AC", 14, 14, True, at=3.0))
    stats, _ = store.stats(problems)
    assert stats.solved == 2 and stats.runs == 3 and stats.total == len(problems)
    assert stats.first_try == ["sigmoid"]
    assert stats.by_tag["activations"][0] == 2
    assert stats.recent[0].solution_hash == "c"


def test_run_is_recorded_and_list_json_has_status(tmp_path: Path) -> None:
    """`judge run` records the attempt; `judge list --json` carries status."""
    home = tmp_path / "home"
    assert judge(home, "run", "softmax", str(SOLUTIONS / "softmax.py"), "--sandbox", "none").returncode == 0
    judge(home, "run", "sigmoid", str(SUBMISSIONS / "wrong_answer" / "sigmoid__tanh_wrong_scale.py"),
          "--sandbox", "none", "--fail-fast")  # fmt: skip
    listing = {p["id"]: p["status"] for p in json.loads(judge(home, "list", "--json").stdout)}
    assert listing["softmax"] == "solved"
    assert listing["sigmoid"] == "attempted"
    assert listing["adam"] == "new"
    stats = judge(home, "stats")
    assert stats.returncode == 0 and "1/" in stats.stdout


def test_corrupt_database_warns_and_the_run_goes_on(tmp_path: Path) -> None:
    """A database file full of garbage gives one warning; the verdict and exit code are unchanged."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    done = judge(home, "run", "softmax", str(SOLUTIONS / "softmax.py"), "--sandbox", "none")
    assert done.returncode == 0
    assert "AC Accepted" in done.stdout
    assert done.stderr.count("warning: progress") == 1 and "corrupt" in done.stderr
    listed = judge(home, "list")
    assert listed.returncode == 0 and "corrupt" in listed.stderr


def test_locked_database_warns_and_the_run_goes_on(tmp_path: Path) -> None:
    """While another process holds an exclusive lock, a run still judges and warns."""
    home = tmp_path / "home"
    Progress(home / "progress.sqlite3").record(Attempt("x", "h", "AC", 1, 1, True))
    holder = sqlite3.connect(home / "progress.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = judge(home, "run", "softmax", str(SOLUTIONS / "softmax.py"), "--sandbox", "none")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 0
    assert "locked" in done.stderr


def test_unusable_data_folder_warns(tmp_path: Path) -> None:
    """A JUDGE_HOME that cannot be a folder (a file is in the way) warns; the run still works."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = judge(blocker / "home", "run", "softmax", str(SOLUTIONS / "softmax.py"), "--sandbox", "none")
    assert done.returncode == 0
    assert "warning: progress" in done.stderr


def test_a_run_the_judge_failed_is_not_an_attempt(tmp_path: Path) -> None:
    """An IE run says nothing of the learner's program: it is not recorded (the problem stays new),
    while a WA run is."""
    from judge.practice import judge_solution
    from judge.runner import Execution

    from conftest import FakeRunner

    catalog = Catalog(PROBLEMS)
    problem = catalog.load("sigmoid")
    store = Progress(tmp_path / "p.sqlite3")
    broken = FakeRunner(lambda i, stdin: Execution(exit_code=None, internal_error="zygote: Broken pipe"))
    report, warning = judge_solution(catalog, problem, SOLUTIONS / "sigmoid.py", broken, store, "en")
    assert report.verdict.value == "IE" and warning is None
    assert store.attempts() == ([], None)
    wrong = FakeRunner(lambda i, stdin: Execution(stdout="0.5\n"))
    report, _ = judge_solution(catalog, problem, SOLUTIONS / "sigmoid.py", wrong, store, "en")
    assert report.verdict.value == "WA"
    assert [a.verdict for a in store.attempts()[0]] == ["WA"]


def test_migration_adds_the_review_log_to_a_database_of_the_first_schema(tmp_path: Path) -> None:
    """A database written before cards existed (attempts only, user_version 0) gains the reviews table
    on first use, keeps its runs, and records user_version; opening it again changes nothing."""
    from judge.progress import MIGRATIONS, SCHEMA, Review

    path = tmp_path / "p.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA)
    old.execute("INSERT INTO attempts (problem, solution_hash, verdict, passed, total, full_run, at)"
                " VALUES ('softmax', 'h', 'AC', 14, 14, 1, 5.0)")  # fmt: skip
    old.commit()
    old.close()
    store = Progress(path)
    assert store.record_review(Review("dropout_what", 3, 7.0)) is None
    assert [a.problem for a in store.attempts()[0]] == ["softmax"]
    assert store.reviews() == ([Review("dropout_what", 3, 7.0)], None)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    check.close()
    assert store.reviews()[0] == [Review("dropout_what", 3, 7.0)]


def test_corrupt_database_review_log_warns(tmp_path: Path) -> None:
    """Reading or writing card reviews in a corrupt database returns a warning, never raises."""
    from judge.progress import Review

    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"garbage" * 200)
    store = Progress(path)
    assert "corrupt" in (store.record_review(Review("x", 3, 1.0)) or "")
    reviews, warning = store.reviews()
    assert reviews == [] and warning is not None and "corrupt" in warning


LIST_NOW = 1_750_000_000.0


def test_listing_gives_statuses_due_problems_and_json_rows(tmp_path: Path) -> None:
    """Solved, attempted and new problems; a problem solved long ago is due; --due keeps only it."""
    store = Progress(tmp_path / "p.sqlite3")
    store.record(Attempt("softmax", "h", "AC", 14, 14, True, LIST_NOW - 400 * 86400.0))
    store.record(Attempt("sigmoid", "h", "WA", 1, 16, True, LIST_NOW - 60))
    warnings: list[str] = []
    everything = listing(Catalog(PROBLEMS), store, None, None, False, LIST_NOW, warnings.append)
    rows = {row["id"]: row for row in everything.to_json("en")}
    assert (rows["softmax"]["status"], rows["softmax"]["due"]) == ("solved", True)
    assert (rows["sigmoid"]["status"], rows["sigmoid"]["due"]) == ("attempted", False)
    assert (rows["adam"]["status"], rows["adam"]["due"]) == ("new", False)
    assert set(rows["softmax"]) == {"id", "title", "difficulty", "tags", "status", "due"}
    due = listing(Catalog(PROBLEMS), store, None, None, True, LIST_NOW, warnings.append)
    assert [p.id for p in due.problems] == ["softmax"] and warnings == []


def test_listing_on_a_broken_store_warns_once_and_lists_everything_new(tmp_path: Path) -> None:
    """A corrupt progress database is one warning; every problem is then new and none is due."""
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    chosen = listing(Catalog(PROBLEMS), Progress(path), None, "easy", False, LIST_NOW, warnings.append)
    assert len(warnings) == 1 and "corrupt" in warnings[0]
    assert chosen.problems and all(p.difficulty.value == "easy" for p in chosen.problems)
    assert {row["status"] for row in chosen.to_json("en")} == {"new"} and not chosen.due
