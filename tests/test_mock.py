"""The mock interview: seeded choice of unsolved problems, submissions with verdicts only, the report
with what was held back, time running out on a fake clock, resume, and the commands on a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from judge import mock
from judge.catalog import Catalog
from judge.error import JudgeError
from judge.progress import Attempt, MockSubmission, Progress

from conftest import PROBLEMS, ROOT, SOLUTIONS

NOW = 1_750_000_000.0


def judge(home: Path, cwd: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUDGE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "judge", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)  # fmt: skip


def test_choice_is_seeded_skips_solved_and_runs_out() -> None:
    """The same seed picks the same problems; solved ones are never picked; none left is an error."""
    easy = Catalog(PROBLEMS).select(None, "easy")
    first = mock.choose(easy, set(), 3, seed=7)
    assert [p.id for p in first] == [p.id for p in mock.choose(easy, set(), 3, seed=7)]
    assert len(first) == 3
    other = {p.id for p in mock.choose(easy, {first[0].id}, 50, seed=7)}
    assert first[0].id not in other and len(other) == len(easy) - 1
    with pytest.raises(JudgeError, match="every problem of this selection is solved"):
        mock.choose(easy, {p.id for p in easy}, 2, seed=1)


def test_session_end_to_end_on_a_fake_clock(tmp_path: Path) -> None:
    """Start, a WA then an AC: the report gives time to first AC, attempts and the held-back diagnosis;
    time running out ends the session at its deadline; a second mock cannot start while one runs."""
    store = Progress(tmp_path / "p.sqlite3")
    problems = Catalog(PROBLEMS).select(None, "easy")[:2]
    a, b = (p.id for p in problems)
    session = mock.start(store, problems, seed=1, minutes=45, now=NOW)
    with pytest.raises(JudgeError, match="already running"):
        mock.start(store, problems, seed=2, minutes=45, now=NOW + 1)
    session = mock.submit(store, session, MockSubmission(a, "WA", 1, 9, NOW + 60, "you forgot the max"))
    session = mock.submit(store, session, MockSubmission(a, "AC", 9, 9, NOW + 300))
    with pytest.raises(JudgeError, match="not in this mock"):
        mock.submit(store, session, MockSubmission("adam", "AC", 9, 9, NOW + 301))
    assert not mock.is_over(session, NOW + 44 * 60)
    assert mock.is_over(session, NOW + 45 * 60)
    resumed = mock.open_session(store)  # what another process sees
    assert resumed is not None and resumed.id == session.id and len(resumed.submissions) == 2
    ended = mock.finish(store, resumed, NOW + 3600)
    assert ended.ended == NOW + 45 * 60  # time ran out before the learner came back
    assert mock.open_session(store) is None
    first, second = mock.outcomes(ended)
    assert (first.problem, first.verdict, first.first_ac_s, first.attempts) == (a, "AC", 300.0, 2)
    assert first.diagnosis == "you forgot the max"
    assert (second.problem, second.verdict, second.first_ac_s, second.attempts) == (b, None, None, 0)


def test_all_accepted_ends_the_mock(tmp_path: Path) -> None:
    """Once every problem is accepted the mock is over, before its time."""
    store = Progress(tmp_path / "p.sqlite3")
    problems = Catalog(PROBLEMS).select(None, "easy")[:1]
    session = mock.start(store, problems, seed=1, minutes=45, now=NOW)
    session = mock.submit(store, session, MockSubmission(problems[0].id, "AC", 3, 3, NOW + 10))
    assert mock.is_over(session, NOW + 11)


def lines(*typed: str | None) -> Iterator[str | None]:
    yield from typed


def test_screen_grades_typed_files_pauses_at_end_of_input_and_ends_on_q(tmp_path: Path) -> None:
    """The mock screen: a typed FILE is graded and shown; end of input pauses (resume later); q ends."""
    store = Progress(tmp_path / "p.sqlite3")
    problems = Catalog(PROBLEMS).select(None, "easy")[:2]
    session = mock.start(store, problems, seed=1, minutes=45, now=NOW)
    shown: list[str] = []
    typed = lines(f"{problems[0].id}.py\n", "", None)

    def grade(name: str) -> MockSubmission:
        return MockSubmission(Path(name).stem, "WA", 1, 5, NOW + 5, "held")

    paused = mock.run_screen(store, session, lambda _: next(typed), grade, lambda _, s: shown.append(s.verdict), lambda: NOW + 5)
    assert paused is None and shown == ["WA"]
    session = mock.open_session(store)
    assert session is not None
    typed = lines("q\n")
    ended = mock.run_screen(store, session, lambda _: next(typed), grade, lambda _, s: shown.append(s.verdict), lambda: NOW + 9)
    assert ended is not None and ended.ended == NOW + 9 and shown == ["WA"]


def test_begin_resumes_or_starts_on_unsolved_problems_and_submit_file_grades_in_time(tmp_path: Path) -> None:
    """No mock to resume is an error saying so; a new one skips solved problems; a file is graded while
    there is time, and once time is out it is not graded and the mock ends."""
    store = Progress(tmp_path / "p.sqlite3")
    catalog = Catalog(PROBLEMS)
    with pytest.raises(JudgeError, match="judge mock"):
        mock.begin(catalog, store, True, None, "easy", 2, 1, 45, NOW, print)
    easy = [p.id for p in catalog.select(None, "easy")]
    store.record(Attempt(easy[0], "h", "AC", 3, 3, True, NOW - 10))
    session = mock.begin(catalog, store, False, None, "easy", 2, 7, 45, NOW, print)
    assert easy[0] not in session.problems and len(session.problems) == 2 and session.seed == 7
    assert mock.begin(catalog, store, True, None, None, 9, None, 1, NOW, print).id == session.id
    made: list[str] = []

    def grader() -> Callable[[str], MockSubmission]:
        made.append("grader")
        return lambda name: MockSubmission(Path(name).stem, "WA", 1, 5, NOW + 5, "held")

    graded = mock.submit_file(store, f"{session.problems[0]}.py", grader, lambda: NOW + 5)
    assert graded.submission is not None and graded.ended is None and len(graded.session.submissions) == 1
    late = mock.submit_file(store, f"{session.problems[1]}.py", grader, lambda: NOW + 46 * 60)
    assert late.submission is None and late.ended is not None and made == ["grader"]
    assert mock.open_session(store) is None


def test_grader_judges_a_file_named_for_its_problem_and_holds_the_diagnosis(tmp_path: Path) -> None:
    """The grader runs the file (a fake runner here), records the attempt, and keeps the diagnosis."""
    from judge.runner import Execution

    from conftest import FakeRunner

    store = Progress(tmp_path / "p.sqlite3")
    catalog = Catalog(PROBLEMS)
    wrong = tmp_path / "sigmoid.py"
    wrong.write_text("print(0)\n", encoding="utf-8")
    grade = mock.grader(catalog, store, FakeRunner(lambda *_: Execution(stdout="9\n")), "en", lambda: NOW, print)
    submission = grade(str(wrong))
    assert (submission.problem, submission.verdict, submission.passed, submission.at) == ("sigmoid", "WA", 0, NOW)
    assert [a.verdict for a in store.attempts()[0]] == ["WA"]


def test_mock_commands_on_a_pipe(tmp_path: Path) -> None:
    """judge mock shows statements (samples, hidden count) and pauses at end of input; submit prints the
    verdict only; --resume then q prints the report; judge stats lists the mock; errors are one line."""
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    started = judge(home, work, "mock", "--seed", "3", "--count", "1", "--difficulty", "easy", "--sandbox", "none", "--lang", "en")
    assert started.returncode == 0, started.stderr
    assert "Mock interview · 1 problem · 45 min · seed 3" in started.stdout
    assert "hidden case" in started.stdout and "mock paused" in started.stdout
    problem = next(line.split("(")[-1].rstrip(") ") for line in started.stdout.splitlines() if line.rstrip().endswith(")") and "  (" in line)
    again = judge(home, work, "mock", "--seed", "3")
    assert again.returncode == 2 and "already running" in again.stderr and again.stderr.count("\n") == 1
    wrong = work / f"{problem}.py"
    wrong.write_text("print(0)\n", encoding="utf-8")
    graded = judge(home, work, "mock", "submit", wrong.name, "--sandbox", "none")
    assert graded.returncode == 1 and f"{problem}: WA" in graded.stdout
    assert "Diagnosis" not in graded.stdout and "Hint" not in graded.stdout and "Expected" not in graded.stdout
    report = judge(home, work, "mock", "--resume", "--sandbox", "none", "--lang", "zh", stdin="q\n")
    assert report.returncode == 0, report.stderr
    assert "模拟面试报告 · 通过 0/1" in report.stdout and "提示 1/" in report.stdout
    stats = judge(home, work, "stats")
    assert "Mock interviews" in stats.stdout and "0/1 accepted" in stats.stdout
    assert judge(home, work, "mock", "submit", wrong.name).returncode == 2


def test_submit_the_reference_solves_and_reports(tmp_path: Path) -> None:
    """Submitting an accepted file for the last open problem ends the mock with its report."""
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    started = judge(home, work, "mock", "--seed", "3", "--count", "1", "--tag", "activations", "--difficulty", "easy", "--sandbox", "none")
    problem = next(line.split("(")[-1].rstrip(") ") for line in started.stdout.splitlines() if line.rstrip().endswith(")") and "  (" in line)
    (work / f"{problem}.py").write_bytes((SOLUTIONS / f"{problem}.py").read_bytes())
    done = judge(home, work, "mock", "submit", f"{problem}.py", "--sandbox", "none", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert f"{problem}: AC" in done.stdout and "Mock report · 1/1 accepted" in done.stdout
