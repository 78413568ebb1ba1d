"""The gradebook of a class, through a fake runner: scores, students, first failures, crash lines and
annotations, incomplete runs, and the JSON report read back as it was written."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from judge.catalog import Catalog
from judge.gradebook import (
    Gradebook,
    from_json,
    github_annotations,
    gradebook,
    to_json,
    to_markdown,
    to_student_csv,
)
from judge.grading import Graded, discover, grade

from conftest import PROBLEMS, ClassRunner

# path -> first line (what the fake runner makes of it): sigmoid has 16 cases (3 samples), softmax 14
CLASS = {
    "alice/sigmoid.py": "# pass all",
    "alice/softmax.py": "# pass 7",
    "bob/sigmoid.py": "# crash 0",  # crashes on sample_1: its line is shown
    "carol/sigmoid.py": "# crash 5",  # crashes on a hidden case: no line, no frames
    "softmax__dave.py": "# pass all",  # a file directly in the class folder: student dave
    "mha__erin.py": "# pass all",  # names no problem
    "erin/notes.txt": "not a program",
}


def write_class(root: Path, files: dict[str, str] = CLASS) -> Path:
    folder = root / "class"
    for name, first in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(first + "\n", encoding="utf-8")
    return folder


def graded_class(root: Path, reveal: bool = False) -> list[Graded]:
    runner = ClassRunner(["sigmoid", "softmax"])
    return grade(Catalog(PROBLEMS), discover([write_class(root)]), runner, jobs=2, reveal=reveal)


def whole(results: list[Graded], reveal: bool = False) -> Gradebook:
    return gradebook(results, len(results), "none", "bank", reveal=reveal)


@pytest.fixture
def book(tmp_path: Path) -> Gradebook:
    return whole(graded_class(tmp_path))


def by_path(book: Gradebook) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads(to_json(book))
    return {s["path"].split("class/", 1)[1]: s for s in data["submissions"]}


def test_each_submission_carries_its_score_student_and_first_failure(book: Gradebook) -> None:
    """score/max_score per submission and in total; the student is the first folder, or the stem after
    `__`; the first failing case with its verdict and (hidden-case rules) message."""
    subs = by_path(book)
    assert [(p, s["student"], s["score"], s["max_score"]) for p, s in subs.items()] == [
        ("alice/sigmoid.py", "alice", 1.0, 1.0),
        ("alice/softmax.py", "alice", 0.5, 1.0),
        ("bob/sigmoid.py", "bob", 0.0, 1.0),
        ("carol/sigmoid.py", "carol", 0.3125, 1.0),
        ("erin/notes.txt", "erin", 0.0, 0.0),
        ("mha__erin.py", "erin", 0.0, 0.0),
        ("softmax__dave.py", "dave", 1.0, 1.0),
    ]
    data = json.loads(to_json(book))
    assert (data["score"], data["max_score"], data["complete"], data["graded"], data["size"]) == (2.8125, 5.0, True, 7, 7)
    assert subs["alice/softmax.py"]["first_failure"]["verdict"] == "WA"
    assert subs["carol/sigmoid.py"]["first_failure"] == {"case": "tiny_positive", "verdict": "RTE", "message": "ValueError"}
    assert subs["alice/sigmoid.py"]["first_failure"] is None and subs["alice/sigmoid.py"]["diagnosis"] is None


def test_misnamed_and_non_python_files_are_their_own_results(book: Gradebook) -> None:
    """A file naming no problem, or not a .py, is a CE result saying how to name it, worth nothing."""
    subs = by_path(book)
    assert subs["mha__erin.py"]["verdict"] == "CE"
    assert subs["mha__erin.py"]["message"] == "no problem named 'mha': name the file <problem>.py or <problem>__<anything>.py"
    assert subs["erin/notes.txt"]["message"].startswith("is not a Python file")


def test_crash_frames_and_line_only_where_the_case_may_be_shown(tmp_path: Path) -> None:
    """A crash on a sample shows the learner's frames and its line (in the JSON and as `line=` of the
    annotation); on a hidden case neither, unless revealed: a program picks its own line numbers."""
    subs = by_path(whole(graded_class(tmp_path)))
    assert subs["bob/sigmoid.py"]["traceback"] == ['  File "solution.py", line 3, in <module>', "    raise ValueError(x)"]
    assert subs["bob/sigmoid.py"]["line"] == 3
    assert (subs["carol/sigmoid.py"]["traceback"], subs["carol/sigmoid.py"]["line"]) == ([], None)
    annotations = github_annotations(whole(graded_class(tmp_path)).entries)
    bob = next(a for a in annotations if "bob" in a)
    carol = next(a for a in annotations if "carol" in a)
    assert ",line=3,title=dl-judge sigmoid::expected AC, got RTE: sample_1: ValueError: x" in bob
    assert "line=" not in carol
    revealed = by_path(whole(graded_class(tmp_path / "again", reveal=True), reveal=True))
    assert revealed["carol/sigmoid.py"]["line"] == 3


def test_by_student_csv_has_a_zero_where_a_problem_is_missing(book: Gradebook) -> None:
    """One row per student (sorted), a column per problem, total, max and percent; bob, carol and dave
    submitted one problem of two, erin none."""
    rows = list(csv.reader(io.StringIO(to_student_csv(book))))
    assert rows == [
        ["student", "sigmoid", "softmax", "total", "max_score", "percent"],
        ["alice", "1", "0.5", "1.5", "2", "75"],
        ["bob", "0", "0", "0", "2", "0"],
        ["carol", "0.3125", "0", "0.3125", "2", "15.62"],
        ["dave", "0", "1", "1", "2", "50"],
        ["erin", "0", "0", "0", "2", "0"],
    ]


def test_markdown_has_the_student_table_then_the_submissions(book: Gradebook) -> None:
    """The summary shows the per-student table above the per-submission details."""
    text = to_markdown(book)
    assert text.index("### Students") < text.index("### Submissions")
    assert "| alice | 1 | 0.5 | 1.5/2 | 75 |" in text
    assert "score: 2.8125/5" in text


def test_an_interrupted_run_says_it_is_incomplete(tmp_path: Path) -> None:
    """A gradebook of 3 results out of 7 says complete: false and 3 graded; the Markdown says
    "incomplete: 3 of 7 graded"."""
    results = graded_class(tmp_path)
    partial = gradebook(results[:3], len(results), "none", "bank")
    data = json.loads(to_json(partial))
    assert (data["complete"], data["graded"], data["size"]) == (False, 3, 7)
    assert "incomplete: 3 of 7 graded" in to_markdown(partial)
    assert "incomplete" not in to_markdown(whole(results))


def test_the_json_report_reads_back_as_written(tmp_path: Path) -> None:
    """from_json(to_json(book)) is the same gradebook, revealed hidden inputs included."""
    for reveal in (False, True):
        book = whole(graded_class(tmp_path / str(reveal), reveal), reveal)
        assert from_json(to_json(book)) == book


def test_report_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Reports are written atomically yet readable like any new file (0644 under umask 022)."""
    from judge.classroom import ReportFiles

    old = os.umask(0o022)
    try:
        files = ReportFiles(json=tmp_path / "r.json", by_student=tmp_path / "s.csv")
        files.write(whole(graded_class(tmp_path)))
    finally:
        os.umask(old)
    assert {oct((tmp_path / name).stat().st_mode & 0o777) for name in ("r.json", "s.csv")} == {"0o644"}
