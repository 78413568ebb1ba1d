"""`judge merge`: the shards' JSON reports rebuild every report of the whole run, exactly; reports of
different banks or overlapping shards are refused; a missing shard leaves the merge incomplete."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from test_gradebook import write_class

from judge.catalog import Catalog
from judge.gradebook import Gradebook, gradebook, to_csv, to_json, to_junit, to_markdown, to_student_csv
from judge.gradescope import to_gradescope
from judge.grading import discover, grade, shard
from judge.merge import MergeError, merge

from conftest import PROBLEMS, ClassRunner

WRITERS = [to_json, to_junit, to_markdown, to_csv, to_student_csv, to_gradescope]


def run(root: Path, k: int | None = None, n: int = 3) -> Gradebook:
    """A run over the class folder under root: the whole class, or shard k of n."""
    catalog = Catalog(PROBLEMS)
    everything = discover([root / "class"])
    chosen = shard(everything, k, n) if k else everything
    results = grade(catalog, chosen, ClassRunner(["sigmoid", "softmax"]), jobs=2)
    return gradebook(results, len(chosen), "none", catalog.fingerprint(), len(everything), (k, n) if k else None)


def shard_files(root: Path, n: int = 3) -> list[Path]:
    paths = []
    for k in range(1, n + 1):
        path = root / f"shard{k}.json"
        path.write_text(to_json(run(root, k, n)), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_merge_of_the_shards_is_the_whole_run(tmp_path: Path, n: int) -> None:
    """Every report written from the merge of N shards equals the one written by the whole run (same
    submissions, verdicts, scores, order), whatever order the shard files are given in."""
    write_class(tmp_path)
    merged = merge(list(reversed(shard_files(tmp_path, n))))
    whole = run(tmp_path)
    assert merged == whole
    for write in WRITERS:
        assert write(merged) == write(whole), write.__name__


def test_a_missing_shard_makes_the_merge_incomplete(tmp_path: Path) -> None:
    """Two shards of three: the merge holds what they graded and says it is incomplete."""
    write_class(tmp_path)
    merged = merge(shard_files(tmp_path)[:2])
    data = json.loads(to_json(merged))
    assert (data["complete"], data["size"], data["graded"]) == (False, 7, len(merged.entries))
    assert "incomplete" in to_markdown(merged)


def test_overlapping_shards_are_refused(tmp_path: Path) -> None:
    """The same shard twice, or shards of two different splits, is an error naming both files."""
    write_class(tmp_path)
    first, second, _ = shard_files(tmp_path)
    with pytest.raises(MergeError, match="overlapping shards"):
        merge([first, second, first])
    half = tmp_path / "half.json"
    half.write_text(to_json(run(tmp_path, 1, 2)), encoding="utf-8")
    with pytest.raises(MergeError, match=r"shard1\.json.*overlapping shards|half\.json.*overlapping shards"):
        merge([first, half])


def test_reports_of_different_banks_are_refused(tmp_path: Path) -> None:
    """A shard graded against another problem bank (its fingerprint differs) is not merged."""
    write_class(tmp_path)
    first, second, third = shard_files(tmp_path)
    other = dataclasses.replace(run(tmp_path, 2), bank="0123456789abcdef")
    second.write_text(to_json(other), encoding="utf-8")
    with pytest.raises(MergeError, match="different problem bank"):
        merge([first, second, third])


@pytest.mark.parametrize(
    ("text", "message"),
    [("not json", "not JSON"), ('{"version": 1}', "no 'submissions' field|no 'shard' field"),
     ('{"version": 9}', "report version 9")],
)  # fmt: skip
def test_a_file_that_is_not_a_report_is_named(tmp_path: Path, text: str, message: str) -> None:
    """Whatever else is given is refused in one line naming the file."""
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MergeError, match=f"x.json is not a dl-judge grade report: ({message})"):
        merge([path])
