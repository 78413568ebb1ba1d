"""Gradescope's results.json: only the fields Gradescope documents, the score they add up to, and
hidden cases kept hidden (after_published, with no value) unless revealed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_gradebook import graded_class

from judge.gradebook import gradebook
from judge.gradescope import to_gradescope

# https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format")
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
             "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}  # fmt: skip
TEST_FIELDS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
               "tags", "visibility", "extra_data"}  # fmt: skip
VISIBILITIES = {"visible", "hidden", "after_due_date", "after_published"}


def results_json(root: Path, per_case: bool, reveal: bool = False) -> dict[str, Any]:
    results = graded_class(root, reveal)
    book = gradebook(results, len(results), "none", "bank", reveal=reveal)
    return json.loads(to_gradescope(book, per_case))  # type: ignore[no-any-return]


def test_only_documented_fields_with_documented_values(tmp_path: Path) -> None:
    """Every key is one Gradescope documents; statuses are passed/failed, visibilities its four; the
    score is a number and equals the sum of the tests' scores, within each test's max_score."""
    for per_case in (False, True):
        data = results_json(tmp_path / str(per_case), per_case)
        assert set(data) <= TOP_LEVEL and {"score", "tests"} <= set(data)
        assert data["stdout_visibility"] in VISIBILITIES
        for test in data["tests"]:
            assert set(test) <= TEST_FIELDS and {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
            assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITIES
            assert isinstance(test["score"], float) and 0 <= test["score"] <= test["max_score"]
            assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert abs(data["score"] - sum(t["score"] for t in data["tests"])) < 1e-3


def test_one_test_per_problem_file(tmp_path: Path) -> None:
    """Without --gradescope-cases: one test per submission, named by problem and file, scored by the
    fraction of cases passed, with the diagnosis and first failure in its output."""
    data = results_json(tmp_path, per_case=False)
    tests = {t["name"].split("class/", 1)[1].rstrip(")"): t for t in data["tests"]}
    assert (tests["alice/softmax.py"]["score"], tests["alice/softmax.py"]["max_score"]) == (0.5, 1.0)
    assert tests["alice/softmax.py"]["status"] == "failed" and tests["alice/sigmoid.py"]["status"] == "passed"
    assert tests["alice/softmax.py"]["output"].startswith("WA (Wrong Answer): passed 7/14 cases\n")
    assert data["score"] == 2.8125


def test_hidden_cases_are_after_published_and_show_no_value(tmp_path: Path) -> None:
    """Per case: samples visible, hidden cases after_published, their messages without values; with
    --reveal everything is visible and shown."""
    data = results_json(tmp_path / "a", per_case=True)
    carol = [t for t in data["tests"] if "carol" in t["name"]]
    assert len(carol) == 16
    assert {t["visibility"] for t in carol[:3]} == {"visible"} and {t["visibility"] for t in carol[3:]} == {"after_published"}
    crash = next(t for t in carol if t["name"].endswith(": tiny_positive"))
    assert crash["output"] == "Run-Time Error: ValueError" and crash["status"] == "failed"
    assert sum(t["max_score"] for t in carol) == 1.0
    revealed = results_json(tmp_path / "b", per_case=True, reveal=True)
    carol = [t for t in revealed["tests"] if "carol" in t["name"]]
    assert {t["visibility"] for t in carol} == {"visible"}
    crash = next(t for t in carol if t["name"].endswith(": tiny_positive"))
    assert crash["output"].startswith("Run-Time Error: ValueError: x\n  File ")
