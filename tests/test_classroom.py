"""A whole `judge merge` and what GitHub Actions gets, with no process: the shards' reports come from
a fake runner, the environment and the log are passed in."""

from __future__ import annotations

from pathlib import Path

from test_gradebook import write_class
from test_merge import shard_files

from judge.classroom import ReportFiles, merge_class, publish
from judge.gradebook import to_markdown


def test_merge_class_writes_the_reports_and_says_how_many_shards(tmp_path: Path) -> None:
    """The merged JSON and CSV are written; the log says how many reports were merged; outside GitHub
    Actions nothing else is emitted."""
    write_class(tmp_path)
    files = ReportFiles(json=tmp_path / "out" / "all.json", csv=tmp_path / "out" / "all.csv")
    log: list[str] = []
    book = merge_class(shard_files(tmp_path), files, log.append, {})
    assert book.complete and files.json is not None and files.json.exists() and files.csv is not None
    assert len(files.csv.read_text(encoding="utf-8").splitlines()) == len(book.entries) + 1
    assert log == [f"merged 3 reports: {book.headline}"]


def test_publish_only_under_github_actions(tmp_path: Path) -> None:
    """Under GitHub Actions: one annotation per mismatch and the Markdown appended to the step summary;
    elsewhere nothing, whatever GITHUB_STEP_SUMMARY says."""
    write_class(tmp_path)
    book = merge_class(shard_files(tmp_path), ReportFiles(), lambda _: None, {})
    summary = tmp_path / "summary.md"
    log: list[str] = []
    publish(book, log.append, {"GITHUB_STEP_SUMMARY": str(summary)})
    assert log == [] and not summary.exists()
    publish(book, log.append, {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert len(log) == sum(not e.ok for e in book.entries) > 0
    assert all(line.startswith("::error file=") for line in log)
    assert summary.read_text(encoding="utf-8") == to_markdown(book)
