"""Grading many submissions: discover, shard, judge (and diagnose) in parallel; what reports may show.

Submissions are untrusted. Each is read once, as a regular file reached without a link; whatever goes
wrong with one becomes that submission's result and grading goes on; every string that comes from a
submission (its name, output, messages) is made inert before a report or a log holds it; hidden cases
show no value of their input or expected output unless revealed. A submission's problem is its file
stem up to the first `__`; every submission is expected AC, unless `expect_from_folders` lets a parent
folder named for a verdict (`wrong_answer`, ...) state otherwise. Results keep the class's path order.
The reports written from the results are `gradebook`'s.
"""

from __future__ import annotations

import builtins
import difflib
import math
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from judge.catalog import Catalog, NotFoundError
from judge.checker import Comparison, Difference
from judge.error import JudgeError
from judge.problem import Problem
from judge.program import Program, UnreadableProgram, read_program, shown_path
from judge.report import CaseResult, Diagnosis, Report, Verdict, evaluate
from judge.runner import Execution, Runner
from judge.scores import score

MAX_MESSAGE_CHARS = 500
ISOLATION = {"bwrap": "bwrap (a bubblewrap sandbox)", "none": "none (no sandbox)"}
# Exceptions whose name is fixed text; any other class name could be made up to carry hidden data.
_NUMPY_EXCEPTIONS = frozenset({"LinAlgError", "AxisError", "UFuncTypeError", "DTypePromotionError"})


class ShardError(JudgeError):
    pass


def inert(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Untrusted text as one printable line that no terminal, report format or CI runner acts on.

    What is not printable (control characters and escape sequences, line breaks, tabs, zero-width and
    bidi marks, lone surrogates) is written as \\xNN or \\uNNNN. The GitHub Actions runner reads a log
    line as a workflow command when, after leading whitespace, it starts with `::` and holds a second
    `::`, or when it holds `##[` anywhere (the legacy form): a leading `:` and every `##[` are written
    with an escape too, so the text cannot give a command even where it starts a line.
    """
    if len(text) > limit:
        text = text[:limit] + "…"
    shown = "".join(c if c.isprintable() else escape(c) for c in text)
    shown = shown.replace("##[", "#\\x23[")
    if shown.lstrip().startswith("::"):
        at = shown.index(":")
        shown = f"{shown[:at]}\\x3a{shown[at + 1 :]}"
    return shown


def escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown_message(result: CaseResult, reveal: bool) -> str:
    """What a class report may say of a case: all of it for a sample or with `reveal`; for a hidden
    case, nothing from which its input or expected output could be read."""
    if reveal or result.case.sample:
        return inert(result.message)
    if result.verdict is Verdict.WA:
        return _hidden_difference(result.comparison)
    if result.verdict is Verdict.RTE:
        return _hidden_crash(result.execution, result.message)
    # CE, TLE, MLE, OLE, IE: the judge's own text, about the file or the limits
    return inert(result.message)


def _hidden_difference(comparison: Comparison | None) -> str:
    """The kind of difference and its order of size. Never a value: a program that prints its own
    input, or 0, would read the hidden input or the expected value back from an exact error."""
    if comparison is None:
        return "the output differs from the expected one"
    if comparison.index is not None:
        where = f"value {comparison.index + 1}"
        error = comparison.error
        if error is not None and math.isnan(error):
            return f"{where} differs: nan is never accepted"
        if error is None or not math.isfinite(error) or error <= 0:
            return f"{where} differs"
        size = 10.0 ** math.floor(math.log10(error))
        bound = f" (tolerance {comparison.tolerance:g})" if comparison.tolerance is not None else ""
        return f"{where} differs by more than {size:g}{bound}"
    kind = comparison.kind
    expected, got = comparison.expected_count, comparison.got_count
    if kind in (Difference.COUNT, Difference.EMPTY) and expected is not None:
        noun = comparison.noun or "value"
        nouns = noun if expected == 1 else f"{noun}s"
        more = "none" if kind is Difference.EMPTY or not got else "fewer" if got < expected else "more"
        return f"expected {expected} {nouns}, got {more}"
    if kind is Difference.SHAPE:
        return "the shape differs from the expected one"
    if kind in (Difference.TOO_MANY, Difference.TOO_MANY_MARKS, Difference.TOO_DEEP):
        return inert(comparison.message)
    return "the output differs from the expected one"


def _hidden_crash(execution: Execution, message: str) -> str:
    """The exception type alone: a program can raise an exception whose message is its input."""
    if execution.worker_died:
        return inert(message)
    if execution.signal is not None:
        return "killed by a signal"
    error = execution.error
    if error is None:
        return "exited with a non-zero code"
    builtin = getattr(builtins, error.type, None)
    known = isinstance(builtin, type) and issubclass(builtin, BaseException)
    return error.type if known or error.type in _NUMPY_EXCEPTIONS else "an exception of its own class"


@dataclass(frozen=True)
class Submission:
    path: Path
    problem: str
    expected: Verdict = Verdict.AC
    unreadable: str = ""  # why it cannot be judged at all, found while walking (a folder not listable)
    student: str = ""  # the first folder under the graded root, else the file stem after `__`
    index: int = 0  # its place in the whole class, sorted by path: shards keep it, merge sorts by it


@dataclass(frozen=True)
class Graded:
    """The outcome of one submission; `report` is None when it could not be judged at all, and
    `reason` then says why. `reveal` is what its messages may show of hidden cases."""

    submission: Submission
    verdict: Verdict
    report: Report | None
    reason: str = ""
    reveal: bool = False
    diagnosis: Diagnosis | None = None
    max_score: float = 0.0  # the problem's points; 0 for a file that names no problem

    @property
    def score(self) -> float:
        return score(self.report.problem, self.report.results) if self.report else 0.0

    @property
    def ok(self) -> bool:
        return self.verdict is self.submission.expected

    @property
    def passed(self) -> int:
        return self.report.passed if self.report else 0

    @property
    def total(self) -> int:
        return self.report.total if self.report else 0

    @property
    def path(self) -> str:
        """The path as any report or terminal may show it."""
        return inert(shown_path(self.submission.path))

    @property
    def problem(self) -> str:
        return inert(self.submission.problem)

    @property
    def first_message(self) -> str:
        failure = self.report.first_failure if self.report else None
        if failure is not None:
            return f"{failure.case.name}: {shown_message(failure, self.reveal)}"
        return inert(self.reason)

    @property
    def mismatch(self) -> str:
        return f"expected {self.submission.expected.value}, got {self.verdict.value}: {self.first_message}"


def parse_shard(text: str, environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """'K/N' with 1 <= K <= N, or 'auto': K and N from the environment of an array job (`environ`)."""
    if text == "auto":
        return _shard_from(environ or {})
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise ShardError(f"--shard {text!r} is not K/N (e.g. 2/3) or auto") from None
    if not 1 <= k <= n:
        raise ShardError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


AUTO_SHARD_VARIABLES = (
    "JUDGE_SHARD_INDEX (1..N) and JUDGE_SHARD_COUNT (any CI matrix)",
    "JOB_COMPLETION_INDEX (0..N-1, a Kubernetes Indexed Job) and JUDGE_SHARD_COUNT",
    "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm array over a contiguous range)",
)


def _shard_from(environ: Mapping[str, str]) -> tuple[int, int]:
    """The shard of this task of an array job: the first of the variable pairs that is set."""
    if "JUDGE_SHARD_INDEX" in environ:
        index, count, base = "JUDGE_SHARD_INDEX", "JUDGE_SHARD_COUNT", "1"
    elif "JOB_COMPLETION_INDEX" in environ:
        index, count, base = "JOB_COMPLETION_INDEX", "JUDGE_SHARD_COUNT", "0"
    elif "SLURM_ARRAY_TASK_ID" in environ:
        index, count = "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"
        base = environ.get("SLURM_ARRAY_TASK_MIN", "0")  # --array=1-10 numbers tasks from 1
    else:
        raise ShardError("--shard auto needs one of: " + "; ".join(AUTO_SHARD_VARIABLES))
    try:
        k = int(environ[index]) - int(base) + 1
        n = int(environ[count])
    except KeyError:
        raise ShardError(
            f"--shard auto: {index} is set but {count} is not; set it to the number of shards"
        ) from None
    except ValueError:
        raise ShardError(f"--shard auto: {index} and {count} must be whole numbers") from None
    if not 1 <= k <= n:
        raise ShardError(f"--shard auto: {index}={environ[index]} is outside the {n} shards of {count}")
    return k, n


def discover(paths: Sequence[Path], expect_from_folders: bool = False) -> list[Submission]:
    """Every submission under the paths, sorted and numbered: every file (one that is not a `.py` is
    refused on its own line), and every entry that is neither a regular file nor a folder (a link, a
    FIFO, a device...), which is then refused on its own line rather than skipped in silence or
    followed. Folders are walked without following links; names starting with `.` (`.git/`,
    `.DS_Store`) are not submissions. A file's student is the first folder under the PATH it was found
    in, or, for a file directly in it, its stem after `__` (`softmax__alice.py`: alice)."""
    found: dict[Path, tuple[str, str]] = {}  # path -> (why it cannot be judged, student)
    for path in paths:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            raise JudgeError(
                f"{inert(shown_path(path))} does not exist; pass submission files or folders"
            ) from None
        except OSError as error:
            found[path] = (f"cannot be read ({error.strerror})", _student_of(path.name))
            continue
        if stat.S_ISDIR(mode):
            for entry, why in _walk(path).items():
                relative = entry.relative_to(path).parts
                student = relative[0] if len(relative) > 1 else _student_of(entry.name)
                found.setdefault(entry, (why, student))
        else:
            found.setdefault(path, ("", _student_of(path.name)))  # named on the command line: graded
    submissions = []
    for index, path in enumerate(sorted(found)):
        expected = Verdict.AC
        if expect_from_folders:
            folders = (Verdict.from_folder(parent.name) for parent in path.parents)
            expected = next((v for v in folders if v is not None), Verdict.AC)
        why, student = found[path]
        problem = path.stem.split("__", 1)[0] if path.name.endswith(".py") else ""
        submissions.append(Submission(path, problem, expected, why, student, index))
    return submissions


def _student_of(name: str) -> str:
    """The student of a file directly under a graded folder: its stem after `__`, else its stem."""
    stem = name[:-3] if name.endswith(".py") else name
    return stem.split("__", 1)[1] if "__" in stem else stem


def has_python(submissions: Iterable[Submission]) -> bool:
    """Whether there is anything to grade: a class with no `.py` file in it is a mistake of the PATHs."""
    return any(s.path.name.endswith(".py") for s in submissions)


def _walk(root: Path) -> dict[Path, str]:
    """path -> "" for each candidate under root, or -> why, for a folder that cannot be listed."""
    found: dict[Path, str] = {}
    folders = [root]  # a stack, not recursion: nesting depth is the submitter's choice
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            found[folder] = f"is a folder that cannot be read ({error.strerror})"
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                    continue
            except OSError:
                pass
            found[path] = ""
    return found


def shard(submissions: Sequence[Submission], k: int, n: int) -> list[Submission]:
    """The K-th of N disjoint shards; together they are the whole list."""
    return [s for i, s in enumerate(submissions) if i % n == k - 1]


Loaded = Problem | tuple[Verdict, str]  # a problem, or the verdict and reason of its submissions
Diagnoser = Callable[[Problem, Report], Diagnosis | None]
NOT_PYTHON = "is not a Python file; only <problem>.py and <problem>__<anything>.py files are graded"


def grade_one(
    problem: Loaded,
    submission: Submission,
    runner: Runner,
    reveal: bool = False,
    diagnoser: Diagnoser | None = None,
) -> Graded:
    """Judge one submission. Whatever fails, here or in the judge, is this submission's result only:
    CE when the file cannot be judged (not a regular file, unreadable, not a .py, no such problem),
    IE when the judge itself failed. A failure is diagnosed when a `diagnoser` is given."""
    points = problem.points if isinstance(problem, Problem) else 0.0

    def refused(verdict: Verdict, reason: str) -> Graded:
        return Graded(submission, verdict, None, reason, reveal, max_score=points)

    try:
        if submission.unreadable:
            return refused(Verdict.CE, submission.unreadable)
        program = read_program(submission.path)
        if not submission.path.name.endswith(".py"):
            return refused(Verdict.CE, NOT_PYTHON)
        if not isinstance(problem, Problem):
            return refused(*problem)
        # What was read is what runs; its name (in tracebacks) is printable whatever the file's bytes.
        report = evaluate(problem, Program(shown_path(program.name), program.source), runner)
        found = diagnoser(problem, report) if diagnoser and report.first_failure else None
        return Graded(submission, report.verdict, report, reveal=reveal, diagnosis=found, max_score=points)
    except UnreadableProgram as error:
        return refused(Verdict.CE, error.what)
    except Exception as error:  # a bug of the judge: reported for this submission, the others go on
        return refused(Verdict.IE, f"internal error of the judge: {type(error).__name__}: {error}")


def _load_each(catalog: Catalog, ids: Iterable[str]) -> dict[str, Loaded]:
    """Every problem a class uses, parsed once (a class has many submissions per problem)."""
    loaded: dict[str, Loaded] = {}
    for problem_id in ids:
        if problem_id in loaded:
            continue
        try:
            loaded[problem_id] = catalog.load(problem_id)
        except (NotFoundError, OSError):  # the file's name names no problem
            loaded[problem_id] = (Verdict.CE, _no_such_problem(catalog, problem_id))
        except Exception as error:  # the course's problem file is broken: not the student's doing
            loaded[problem_id] = (Verdict.IE, f"internal error: the problem does not load: {error}")
    return loaded


def _no_such_problem(catalog: Catalog, problem_id: str) -> str:
    try:
        close = difflib.get_close_matches(problem_id, catalog.ids(), n=1)
    except JudgeError:
        close = []
    guess = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no problem named '{problem_id}': name the file <problem>.py or <problem>__<anything>.py{guess}"


def grade(
    catalog: Catalog,
    submissions: Sequence[Submission],
    runner: Runner,
    jobs: int,
    on_result: Callable[[Graded, list[Graded]], None] | None = None,
    reveal: bool = False,
    diagnose_in: str | None = None,
    diagnosis_runner: Callable[[], Runner] | None = None,
) -> list[Graded]:
    """Grade in parallel; after each result, `on_result(result, all results so far, in class order)`.
    With `diagnose_in` (a language), each failure is matched against the problem's known mistakes,
    run by a runner from `diagnosis_runner` (by `runner` when None)."""
    done: list[Graded] = []
    problems = _load_each(catalog, (s.problem for s in submissions))
    diagnoser = _diagnoser(catalog, runner, diagnose_in, diagnosis_runner) if diagnose_in else None
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        pending: set[Future[Graded]] = {
            pool.submit(grade_one, problems[s.problem], s, runner, reveal, diagnoser) for s in submissions
        }
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    result = future.result()
                    done.append(result)
                    done.sort(key=lambda g: g.submission.index)
                    if on_result is not None:
                        on_result(result, list(done))
        except BaseException:
            # Interrupted: nothing new starts, and the batches running now end at once.
            for future in pending:
                future.cancel()
            runner.close()
            raise
    return done


def _diagnoser(catalog: Catalog, runner: Runner, lang: str, fresh: Callable[[], Runner] | None) -> Diagnoser:
    """Diagnosis of a failing report by the problem's known-wrong programs (listed once per problem).

    With `fresh`, each diagnosis gets its own runner, closed after it: `diagnose` runs the programs
    from threads of its own, and a sandboxed worker started from a thread dies with that thread
    (bwrap's --die-with-parent), so one given back to the grading runner's pool would fail the next
    submission with IE.
    """
    from judge.diagnosis import diagnose

    programs: dict[str, dict[str, Path]] = {}

    def diagnoser(problem: Problem, report: Report) -> Diagnosis | None:
        if problem.id not in programs:
            programs[problem.id] = catalog.mistake_programs(problem.id)
        if not programs[problem.id]:
            return None
        if fresh is None:
            return diagnose(problem, report.results, programs[problem.id], runner, lang)
        own = fresh()
        try:
            return diagnose(problem, report.results, programs[problem.id], own, lang)
        finally:
            own.close()

    return diagnoser
