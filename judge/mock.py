"""A timed mock interview: unsolved problems chosen reproducibly, files graded with no hint or
diagnosis until the end, then a report of what was held back. The session lives in the progress
database, so another terminal can submit to it and an interrupted one can be resumed.

Nothing here prints or reads the clock: the time is passed in (`now`), so tests run on a fake clock.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from judge.error import JudgeError
from judge.problem import Problem
from judge.progress import MockSession, MockSubmission, Progress

if TYPE_CHECKING:
    from judge.catalog import Catalog
    from judge.runner import Runner


def choose(problems: Sequence[Problem], solved: set[str], count: int, seed: int) -> tuple[Problem, ...]:
    """`count` problems not yet solved, the same ones for the same seed and bank, easiest first."""
    candidates = sorted((p for p in problems if p.id not in solved), key=lambda p: p.id)
    if not candidates:
        raise JudgeError.say("mock.none_left")
    picked = random.Random(seed).sample(candidates, min(count, len(candidates)))
    order = {"easy": 0, "medium": 1, "hard": 2}
    return tuple(sorted(picked, key=lambda p: order[p.difficulty.value]))


def open_session(store: Progress) -> MockSession | None:
    """The mock still running (the latest one not ended), if any."""
    sessions, warning = store.mocks()
    if warning is not None:
        raise JudgeError.say("mock.database", why=warning)
    return next((s for s in reversed(sessions) if s.ended is None), None)


def running(store: Progress) -> MockSession:
    """The mock still running; an error saying how to start one when there is none."""
    session = open_session(store)
    if session is None:
        raise JudgeError.say("mock.no_session")
    return session


def begin(
    catalog: Catalog,
    store: Progress,
    resume: bool,
    tag: str | None,
    difficulty: str | None,
    count: int,
    seed: int | None,
    minutes: float,
    now: float,
    warn: Callable[[str], None],
) -> MockSession:
    """`judge mock`: the paused mock (`resume`), or a new one on `count` unsolved problems of a tag and
    difficulty, with a random seed unless one is given."""
    if resume:
        return running(store)
    chosen_seed = seed if seed is not None else random.SystemRandom().randrange(10**6)
    statuses, warning = store.statuses()
    if warning is not None:
        warn(warning)
    solved = {k for k, v in statuses.items() if v == "solved"}
    problems = choose(catalog.select(tag, difficulty), solved, count, chosen_seed)
    return start(store, problems, chosen_seed, minutes, now)


def start(store: Progress, problems: Sequence[Problem], seed: int, minutes: float, now: float) -> MockSession:
    if open_session(store) is not None:
        raise JudgeError.say("mock.running")
    mock_id, warning = store.start_mock(seed, [p.id for p in problems], minutes, now)
    if mock_id is None:
        raise JudgeError.say("mock.database", why=warning)
    return MockSession(mock_id, seed, tuple(p.id for p in problems), minutes, now, None)


def left_s(session: MockSession, now: float) -> float:
    return max(0.0, session.started + session.minutes * 60 - now)


def solved(session: MockSession) -> set[str]:
    return {s.problem for s in session.submissions if s.verdict == "AC"}


def is_over(session: MockSession, now: float) -> bool:
    """Ended, out of time, or every problem accepted."""
    return session.ended is not None or left_s(session, now) <= 0 or solved(session) >= set(session.problems)


def submit(store: Progress, session: MockSession, submission: MockSubmission) -> MockSession:
    """Record a graded file; the session as it now stands (ended when that was the last problem)."""
    if submission.problem not in session.problems:
        raise JudgeError.say("mock.not_in_mock", id=submission.problem, ids=", ".join(session.problems))
    warning = store.record_mock_submission(session.id, submission)
    if warning is not None:
        raise JudgeError.say("mock.database", why=warning)
    return dataclasses.replace(session, submissions=(*session.submissions, submission))


def finish(store: Progress, session: MockSession, now: float) -> MockSession:
    """End the session: at `now`, or when its time ran out if that came first."""
    ended = min(now, session.started + session.minutes * 60)
    warning = store.end_mock(session.id, ended)
    if warning is not None:
        raise JudgeError.say("mock.database", why=warning)
    return dataclasses.replace(session, ended=ended)


@dataclass(frozen=True)
class Outcome:
    """One problem of an ended mock: its best verdict, when it was first accepted, the attempts, and
    the diagnosis held back from its last failing file."""

    problem: str
    verdict: str | None  # None: never submitted
    first_ac_s: float | None
    attempts: int
    diagnosis: str | None


def outcomes(session: MockSession) -> list[Outcome]:
    result = []
    for problem in session.problems:
        mine = [s for s in session.submissions if s.problem == problem]
        accepted = [s for s in mine if s.verdict == "AC"]
        failed = [s for s in mine if s.verdict != "AC"]
        result.append(
            Outcome(
                problem,
                "AC" if accepted else (mine[-1].verdict if mine else None),
                accepted[0].at - session.started if accepted else None,
                len(mine),
                failed[-1].diagnosis if failed else None,
            )
        )
    return result


def grader(
    catalog: Catalog,
    store: Progress,
    runner: Runner,
    language: str,
    now: Callable[[], float],
    warn: Callable[[str], None],
) -> Callable[[str], MockSubmission]:
    """Grade a file named for a problem (recorded as an attempt too); the diagnosis is kept for the
    report, not shown."""
    from judge import practice

    def grade(name: str) -> MockSubmission:
        path = Path(name)
        problem = catalog.load(practice.problem_of(path))
        solution = practice.solution_file(path, problem.id)
        report, warning = practice.judge_solution(catalog, problem, solution, runner, store, language)
        if warning is not None:
            warn(warning)
        held = report.diagnosis.message if report.diagnosis is not None else None
        return MockSubmission(problem.id, report.verdict.value, report.passed, report.total, now(), held)

    return grade


@dataclass(frozen=True)
class Submitted:
    """What `judge mock submit` did: the file's grade (None: the mock was over, nothing was graded),
    the session after it, and the ended session when the mock is now over."""

    submission: MockSubmission | None
    session: MockSession
    ended: MockSession | None


def submit_file(
    store: Progress,
    file: str,
    grader: Callable[[], Callable[[str], MockSubmission]],
    now: Callable[[], float],
) -> Submitted:
    """Grade `file` in the running mock (`grader` is made only when there is time left to grade it)."""
    session = running(store)
    if is_over(session, now()):
        return Submitted(None, session, finish(store, session, now()))
    submission = grader()(file)
    session = submit(store, session, submission)
    return Submitted(submission, session, finish(store, session, now()) if is_over(session, now()) else None)


def reload(store: Progress, session: MockSession) -> MockSession:
    """The session as the database now holds it (another terminal may have submitted)."""
    sessions, warning = store.mocks()
    if warning is not None:
        raise JudgeError.say("mock.database", why=warning)
    return next((s for s in sessions if s.id == session.id), session)


def run_screen(
    store: Progress,
    session: MockSession,
    poll: Callable[[float], str | None],
    grade: Callable[[str], MockSubmission],
    show: Callable[[MockSession, MockSubmission], None],
    now: Callable[[], float],
    interval: float = 1.0,
) -> MockSession | None:
    """Until the mock is over: show each graded file (from here or another terminal), grade a FILE
    typed here; q ends it. `poll(timeout)` gives a typed line, "" when none came, None at the end of
    input. Returns the ended session, or None when paused (end of input or Ctrl-C) with the clock still
    running."""
    shown = len(session.submissions)
    try:
        while True:
            session = reload(store, session)
            for submission in session.submissions[shown:]:
                show(session, submission)
            shown = len(session.submissions)
            if is_over(session, now()):
                return finish(store, session, now())
            line = poll(interval)
            if line is None:
                return None
            if line.strip().lower() in ("q", "end"):
                return finish(store, session, now())
            if line.strip():
                submit(store, session, grade(line.strip()))
    except KeyboardInterrupt:
        return None
