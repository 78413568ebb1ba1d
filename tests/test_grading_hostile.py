"""A class with hostile submissions, graded by `judge grade` in real processes as GitHub Actions would run
it: each submission gets its verdict, every report stays well-formed, nothing a submission prints becomes
a workflow command or a terminal escape, and no hidden case can be read back.

The programs are tests/data/hostile/grading/; what git cannot hold (links, a FIFO, a socket, a file name
that is not UTF-8) is made here, in a temporary class folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from junitparser import JUnitXml

from judge.sandbox import probe_bwrap

from conftest import ROOT, SOLUTIONS, workflow_commands

GRADING = ROOT / "tests" / "data" / "hostile" / "grading"
ODD_NAME = b"sigmoid__\xff\x1b]0;title\x07\x1b[2J.py"  # the test gives sigmoid__odd_name.py this name
SHOWN_ODD_NAME = "sigmoid__\\xff\\x1b]0;title\\x07\\x1b[2J.py"
# path in the class folder, as reports show it -> verdict in class grading (everything expected AC)
VERDICTS = {
    "sigmoid__workflow_commands.py": "RTE",
    "sigmoid__report_breaker.py": "RTE",
    "sigmoid__leak_hidden_output.py": "WA",
    "sigmoid__leak_hidden_exception.py": "RTE",
    "wrong_answer/sigmoid__claims_wrong_answer.py": "WA",
    SHOWN_ODD_NAME: "AC",
    "sigmoid__link_to_reference.py": "CE",
    "sigmoid__broken_link.py": "CE",
    "linked_folder": "CE",
    "sigmoid__fifo.py": "CE",
    "sigmoid__socket.py": "CE",
    "=HYPERLINK(1)__x.py": "CE",
}
# Values of the first hidden case of sigmoid (positive_3_7) that no report may show without --reveal:
# its input, its expected output, the exact error of a program that prints its input.
HIDDEN_VALUES = ("3.7", "0.9759", "2.72", "hidden input")


@dataclass(frozen=True)
class Graded:
    """One `judge grade` run: its process and the reports it wrote."""

    done: subprocess.CompletedProcess[str]
    folder: Path
    reports: Path

    def text(self, name: str) -> str:
        return (self.reports / name).read_text(encoding="utf-8")

    def json(self) -> dict[str, Any]:
        return json.loads(self.text("r.json"))  # type: ignore[no-any-return]


def judge_grade(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "JUDGE_HOME": str(root / "home"), "CI": "true", "JUDGE_SANDBOX": "none",
            "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(root / "summary.md"), **(env or {})}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "judge", "grade", *args], capture_output=True, text=True,
                          cwd=root, env=full, timeout=600, check=False)  # fmt: skip


def hostile_class(root: Path) -> Path:
    folder = root / "class"
    shutil.copytree(GRADING, folder)
    os.rename(folder / "sigmoid__odd_name.py", os.fsencode(folder) + b"/" + ODD_NAME)
    (folder / "sigmoid__link_to_reference.py").symlink_to(SOLUTIONS / "sigmoid.py")
    (folder / "sigmoid__broken_link.py").symlink_to(root / "gone.py")
    (root / "elsewhere").mkdir()
    shutil.copy(SOLUTIONS / "sigmoid.py", root / "elsewhere" / "sigmoid.py")
    (folder / "linked_folder").symlink_to(root / "elsewhere", target_is_directory=True)
    os.mkfifo(folder / "sigmoid__fifo.py")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "sigmoid__socket.py"))  # the socket file stays after the close
    (folder / "=HYPERLINK(1)__x.py").write_text("print(1)\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    root = tmp_path_factory.mktemp("hostile")
    folder = hostile_class(root)
    done = judge_grade(root, "class", "--jobs", "2", "--json", "r.json", "--junit", "r.xml",
                       "--markdown", "r.md", "--csv", "r.csv")  # fmt: skip
    return Graded(done, folder, root)


def relative(path: str) -> str:
    return path.removeprefix("class/")


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value (numbers such as times and memory are not text a person reads)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_each_hostile_submission_gets_its_verdict(graded: Graded) -> None:
    """Links (even to the reference), a linked folder, a FIFO, a socket and a name that names no
    problem are CE, each on its own line; the programs get their verdicts; nothing was skipped."""
    assert graded.done.returncode == 1, graded.done.stderr
    subs = graded.json()["submissions"]
    assert {relative(s["path"]): s["verdict"] for s in subs} == VERDICTS
    assert [s["ok"] for s in subs] == [s["verdict"] == "AC" for s in subs]
    by_path = {relative(s["path"]): s for s in subs}
    assert by_path["sigmoid__link_to_reference.py"]["message"].startswith(
        "is a symbolic link, not a regular file; submit the file itself"
    )
    assert "elsewhere" not in graded.done.stdout  # the linked folder was not entered


def test_each_hostile_file_says_what_it_does_and_its_verdict() -> None:
    """Every program here is in the table and starts with `# Hostile: <what it does>; <verdict>`."""
    files = {str(p.relative_to(GRADING)): p for p in GRADING.rglob("*.py")}
    verdicts = {**VERDICTS, "sigmoid__odd_name.py": VERDICTS[SHOWN_ODD_NAME]}
    assert set(files) <= set(verdicts)
    for name, path in files.items():
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# Hostile: ") and first.endswith(f"; {verdicts[name]}"), name


def test_reports_are_well_formed(graded: Graded) -> None:
    """JSON parses; JUnit parses with xml.etree and junitparser; the CSV has one 12-cell row per
    submission, no cell starting a formula; each Markdown row of a submission has 9 cells and no raw
    HTML."""
    subs = graded.json()["submissions"]
    root = ET.fromstring(graded.text("r.xml").encode("utf-8"))
    assert len(root.findall("testsuite/testcase")) == len(subs)
    cases = [case for suite in JUnitXml.fromfile(str(graded.reports / "r.xml")) for case in suite]
    assert [c.name for c in cases] == [s["path"] for s in subs]
    rows = list(csv.reader(io.StringIO(graded.text("r.csv"))))
    assert len(rows) == len(subs) + 1 and {len(row) for row in rows} == {12}
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert [row[2] for row in rows if row[2].startswith("'")] == ["'=HYPERLINK(1)"]
    submissions = graded.text("r.md").split("### Submissions")[1]
    table = [line for line in submissions.splitlines() if line.startswith("|")][2:]
    assert len(table) == len(subs)
    for row in table:
        assert len(re.split(r"(?<!\\)\|", row)[1:-1]) == 9, row
        assert not re.search(r"[<>`]", row), row


def test_nothing_a_submission_prints_becomes_a_workflow_command(graded: Graded) -> None:
    """In the log (stdout and stderr), the only workflow commands are the judge's own: stop-commands
    with a fresh token, its resume, then one ::error per mismatch naming a graded file; the step
    summary holds none."""
    log = graded.done.stdout + "\n" + graded.done.stderr
    commands = workflow_commands(log)
    names = [name for name, _ in commands]
    token = names[1]
    assert re.fullmatch(r"[0-9a-f]{32}", token)
    mismatches = sum(v != "AC" for v in VERDICTS.values())
    assert names == ["stop-commands", token] + ["error"] * mismatches
    assert commands[0][1] == f"::stop-commands::{token}" and commands[1][1] == f"::{token}::"
    paths = {s["path"] for s in graded.json()["submissions"]}
    for _, line in commands[2:]:
        file = line.removeprefix("::error file=").split(",", 1)[0]
        assert file.replace("%3A", ":").replace("%2C", ",").replace("%25", "%") in paths, line
    summary = (graded.reports / "summary.md").read_text(encoding="utf-8")
    assert workflow_commands(summary) == []
    assert "::add-mask::" in summary  # shown, as text inside a line, where it commands nothing


def test_the_console_holds_no_terminal_escape(graded: Graded) -> None:
    """No control character but the line break reaches stdout or stderr, whatever submissions print or
    are named: escape sequences and the odd file name are shown escaped."""
    for stream in (graded.done.stdout, graded.done.stderr):
        assert not [c for c in stream if unicodedata.category(c) == "Cc" and c != "\n"]
    assert SHOWN_ODD_NAME in graded.done.stdout


def test_every_report_records_the_isolation(graded: Graded) -> None:
    """JSON, JUnit, Markdown and the console summary all say which isolation graded the class."""
    assert graded.json()["isolation"] == "none"
    assert '<property name="isolation" value="none" />' in graded.text("r.xml")
    assert "isolation: none (no sandbox)" in graded.text("r.md")
    summary = [line for line in graded.done.stdout.splitlines() if "submissions got their expected verdict" in line]
    assert len(summary) == 1 and summary[0].endswith("isolation: none (no sandbox)")


def test_hidden_cases_are_not_read_back(graded: Graded) -> None:
    """A program that prints its hidden input, or raises it, or writes it to stderr, finds it in no
    report, console line or annotation: the message names the case, the verdict and the kind of
    difference only."""
    texts = [graded.done.stdout, graded.done.stderr, graded.text("r.md"), graded.text("r.csv"),
             graded.text("r.xml"), (graded.reports / "summary.md").read_text(encoding="utf-8"),
             *strings(graded.json())]  # fmt: skip
    for value in HIDDEN_VALUES:
        assert not [t for t in texts if value in t], value
    by_path = {relative(s["path"]): s for s in graded.json()["submissions"]}
    assert by_path["sigmoid__leak_hidden_output.py"]["message"] == (
        "positive_3_7: value 1 differs by more than 1 (tolerance 0.0001)"
    )
    assert by_path["sigmoid__leak_hidden_exception.py"]["message"] == "positive_3_7: ValueError"


def test_reveal_shows_hidden_cases_in_full(tmp_path: Path) -> None:
    """With --reveal (for staff), the same reports show the input, the values and the exception."""
    (tmp_path / "class").mkdir()
    for name in ("sigmoid__leak_hidden_output.py", "sigmoid__leak_hidden_exception.py"):
        shutil.copy(GRADING / name, tmp_path / "class" / name)
    done = judge_grade(tmp_path, "class", "--reveal", "--json", "r.json")
    assert done.returncode == 1, done.stderr
    messages = [s["message"] for s in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["submissions"]]
    assert messages == ["positive_3_7: ValueError: hidden input: 3.7",
                        "positive_3_7: value 1, line 1: expected 0.9759, got 3.7 (absolute error 2.72 > abs_tol 0.0001)"]  # fmt: skip


def test_verdict_folders_count_only_when_asked(tmp_path: Path) -> None:
    """The program in wrong_answer/ is a mismatch in class grading, and as expected with
    --expect-from-folders (a problem bank's own known-wrong programs)."""
    shutil.copytree(GRADING / "wrong_answer", tmp_path / "class" / "wrong_answer")
    assert judge_grade(tmp_path, "class").returncode == 1
    done = judge_grade(tmp_path, "class", "--expect-from-folders", "--json", "r.json")
    assert done.returncode == 0, done.stdout + done.stderr
    [sub] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["submissions"]
    assert (sub["expected"], sub["verdict"], sub["ok"]) == ("WA", "WA", True)


def test_grading_in_bubblewrap_says_so(tmp_path: Path) -> None:
    """By default (auto), where bubblewrap works, the class is graded inside it and reports say bwrap."""
    path, reason = probe_bwrap()
    if path is None:
        pytest.skip(f"bubblewrap cannot isolate code on this machine: {reason}")
    shutil.copy(SOLUTIONS / "sigmoid.py", tmp_path / "sigmoid.py")
    done = judge_grade(tmp_path, "sigmoid.py", "--json", "r.json", env={"JUDGE_SANDBOX": "auto"})
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["isolation"] == "bwrap"
    assert "isolation: bwrap" in done.stdout
