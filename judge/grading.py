"""Grading many submissions: discover, shard, judge in parallel, and report as JSON, JUnit, Markdown, CSV.

Submissions are untrusted. Each is read once, as a regular file reached without a link; whatever goes
wrong with one becomes that submission's result and grading goes on; every string that comes from a
submission (its name, output, messages) is made inert before a report or a log holds it; hidden cases
show no value of their input or expected output unless revealed. A submission's problem is its file
stem up to the first `__`; every submission is expected AC, unless `expect_from_folders` lets a parent
folder named for a verdict (`wrong_answer`, ...) state otherwise. Reports are sorted by path.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import math
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge.catalog import Catalog, NotFoundError
from judge.checker import Comparison, Difference
from judge.error import JudgeError
from judge.problem import Problem
from judge.program import Program, UnreadableProgram, read_program, shown_path
from judge.report import CaseResult, Report, Verdict, evaluate
from judge.runner import Execution, Runner

REPORT_VERSION = 1
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
    shown = "".join(c if c.isprintable() else _escape(c) for c in text)
    shown = shown.replace("##[", "#\\x23[")
    if shown.lstrip().startswith("::"):
        at = shown.index(":")
        shown = f"{shown[:at]}\\x3a{shown[at + 1 :]}"
    return shown


def _escape(c: str) -> str:
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


@dataclass(frozen=True)
class Graded:
    """The outcome of one submission; `report` is None when it could not be judged at all, and
    `reason` then says why. `reveal` is what its messages may show of hidden cases."""

    submission: Submission
    verdict: Verdict
    report: Report | None
    reason: str = ""
    reveal: bool = False

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

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "problem": self.problem,
            "expected": self.submission.expected.value,
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": self.total,
            "ok": self.ok,
            "message": self.first_message,
            "cases": [self._case_json(r) for r in self.report.results] if self.report else [],
        }

    def _case_json(self, result: CaseResult) -> dict[str, Any]:
        return {**result.to_json(reveal=self.reveal), "message": shown_message(result, self.reveal)}


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' with 1 <= K <= N."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise ShardError(f"--shard {text!r} is not K/N (e.g. 2/3)") from None
    if not 1 <= k <= n:
        raise ShardError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def discover(paths: Sequence[Path], expect_from_folders: bool = False) -> list[Submission]:
    """Every submission under the paths, sorted: the .py files, and every entry that is neither a
    regular file nor a folder (a link, a FIFO, a device...), which is then refused on its own line
    rather than skipped in silence or followed. Folders are walked without following links."""
    found: dict[Path, str] = {}
    for path in paths:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            raise JudgeError(
                f"{inert(shown_path(path))} does not exist; pass submission files or folders"
            ) from None
        except OSError as error:
            found[path] = f"cannot be read ({error.strerror})"
            continue
        if stat.S_ISDIR(mode):
            for entry, why in _walk(path).items():
                found.setdefault(entry, why)
        else:
            found.setdefault(path, "")  # named on the command line: graded whatever its name
    submissions = []
    for path in sorted(found):
        expected = Verdict.AC
        if expect_from_folders:
            folders = (Verdict.from_folder(parent.name) for parent in path.parents)
            expected = next((v for v in folders if v is not None), Verdict.AC)
        submissions.append(Submission(path, path.stem.split("__", 1)[0], expected, found[path]))
    return submissions


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
            path = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                    continue
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            if not regular or entry.name.endswith(".py"):
                found[path] = ""
    return found


def shard(submissions: Sequence[Submission], k: int, n: int) -> list[Submission]:
    """The K-th of N disjoint shards; together they are the whole list."""
    return [s for i, s in enumerate(submissions) if i % n == k - 1]


Loaded = Problem | tuple[Verdict, str]  # a problem, or the verdict and reason of its submissions


def grade_one(problem: Loaded, submission: Submission, runner: Runner, reveal: bool = False) -> Graded:
    """Judge one submission. Whatever fails, here or in the judge, is this submission's result only:
    CE when the file cannot be judged (not a regular file, unreadable, no such problem), IE when the
    judge itself failed."""
    try:
        if submission.unreadable:
            return Graded(submission, Verdict.CE, None, submission.unreadable, reveal)
        program = read_program(submission.path)
        if not isinstance(problem, Problem):
            return Graded(submission, problem[0], None, problem[1], reveal)
        # What was read is what runs; its name (in tracebacks) is printable whatever the file's bytes.
        report = evaluate(problem, Program(shown_path(program.name), program.source), runner)
        return Graded(submission, report.verdict, report, reveal=reveal)
    except UnreadableProgram as error:
        return Graded(submission, Verdict.CE, None, error.what, reveal)
    except Exception as error:  # a bug of the judge: reported for this submission, the others go on
        reason = f"internal error of the judge: {type(error).__name__}: {error}"
        return Graded(submission, Verdict.IE, None, reason, reveal)


def _load_each(catalog: Catalog, ids: Iterable[str]) -> dict[str, Loaded]:
    """Every problem a class uses, parsed once (a class has many submissions per problem)."""
    loaded: dict[str, Loaded] = {}
    for problem_id in ids:
        if problem_id in loaded:
            continue
        try:
            loaded[problem_id] = catalog.load(problem_id)
        except (NotFoundError, OSError) as error:  # the file's name names no problem
            hint = "a submission's problem is its file name up to the first '__' (conv2d__alice.py)"
            loaded[problem_id] = (Verdict.CE, f"{error}; {hint}")
        except Exception as error:  # the course's problem file is broken: not the student's doing
            loaded[problem_id] = (Verdict.IE, f"internal error: the problem does not load: {error}")
    return loaded


def grade(
    catalog: Catalog,
    submissions: Sequence[Submission],
    runner: Runner,
    jobs: int,
    on_result: Callable[[Graded, list[Graded]], None] | None = None,
    reveal: bool = False,
) -> list[Graded]:
    """Grade in parallel; after each result, `on_result(result, all results so far, sorted)`."""
    done: list[Graded] = []
    order = {s.path: i for i, s in enumerate(submissions)}
    problems = _load_each(catalog, (s.problem for s in submissions))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        pending: set[Future[Graded]] = {
            pool.submit(grade_one, problems[s.problem], s, runner, reveal) for s in submissions
        }
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    result = future.result()
                    done.append(result)
                    done.sort(key=lambda g: order[g.submission.path])
                    if on_result is not None:
                        on_result(result, list(done))
        except BaseException:
            # Interrupted: nothing new starts, and the batches running now end at once.
            for future in pending:
                future.cancel()
            runner.close()
            raise
    return done


def to_json(results: Iterable[Graded], isolation: str) -> str:
    items = list(results)
    data = {
        "version": REPORT_VERSION,
        "ok": all(g.ok for g in items),
        "isolation": isolation,
        "submissions": [g.to_json() for g in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_junit(results: Iterable[Graded], isolation: str) -> str:
    """JUnit XML: one testcase per submission; a differing verdict is a failure with its first message."""
    items = list(results)
    failures = str(sum(not g.ok for g in items))
    suite = ET.Element("testsuite", name="dl-judge", tests=str(len(items)), failures=failures, errors="0")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="isolation", value=isolation)
    for g in items:
        seconds = sum(r.time_s for r in g.report.results) if g.report else 0.0
        case = ET.SubElement(
            suite, "testcase", classname=_xml_safe(g.problem), name=_xml_safe(g.path), time=f"{seconds:.3f}"
        )
        if not g.ok:
            failure = ET.SubElement(case, "failure", message=_xml_safe(g.mismatch), type=g.verdict.value)
            failure.text = _xml_safe(f"{g.mismatch}\npassed {g.passed}/{g.total} cases")
    root = ET.Element("testsuites", name="dl-judge", tests=str(len(items)), failures=failures)
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters, lone surrogates, U+FFFE/U+FFFF, even escaped;
    report text is already inert, so this is only the last guard."""
    return _XML_ILLEGAL.sub(lambda m: _escape(m.group()), text)


# Markdown that a cell must not start: a row or table break (|), raw HTML and entities (< > &), code
# spans (`), links and images ([ ]), math ($) and @mentions (a pull-request comment notifies them).
_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "$": "\\$", "&": "&amp;", "<": "&lt;",
     ">": "&gt;", "`": "&#96;", "@": "&#64;"}
)  # fmt: skip


def _cell(text: str) -> str:
    """Inert text as one Markdown table cell that shows as written."""
    return text.translate(_MARKDOWN)


def to_markdown(results: Iterable[Graded], isolation: str) -> str:
    """A summary table for a pull-request comment or $GITHUB_STEP_SUMMARY."""
    items = list(results)
    ok = sum(g.ok for g in items)
    counts: dict[str, int] = {}
    for g in items:
        counts[g.verdict.value] = counts.get(g.verdict.value, 0) + 1
    lines = [
        "## dl-judge results",
        "",
        f"**{ok}/{len(items)}** submissions got their expected verdict · "
        + " · ".join(f"{v} {n}" for v, n in sorted(counts.items())),
        "",
        f"isolation: {ISOLATION.get(isolation, isolation)}",
        "",
        "| | submission | problem | expected | verdict | passed | first failure |",
        "|---|---|---|---|---|---|---|",
    ]
    for g in items:
        failure = "" if g.verdict is Verdict.AC else _cell(g.first_message[:200])
        lines.append(
            f"| {'✅' if g.ok else '❌'} | {_cell(g.path)} | {_cell(g.problem)} | "
            f"{g.submission.expected.value} | {g.verdict.value} | {g.passed}/{g.total} | {failure} |"
        )
    return "\n".join(lines) + "\n"


def _csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading ' (OWASP)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(results: Iterable[Graded]) -> str:
    """One row per submission, for a gradebook."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["path", "problem", "expected", "verdict", "ok", "passed", "total", "score", "message"])
    for g in results:
        score = f"{g.passed / g.total:.4f}" if g.total else "0.0000"
        writer.writerow(
            [
                _csv_cell(g.path),
                _csv_cell(g.problem),
                g.submission.expected.value,
                g.verdict.value,
                str(g.ok).lower(),
                g.passed,
                g.total,
                score,
                _csv_cell(g.first_message),
            ]
        )
    return buffer.getvalue()


def _command_property(text: str) -> str:
    """A workflow command's property value, escaped as the runner unescapes it (% first)."""
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotations(results: Iterable[Graded]) -> list[str]:
    """Workflow commands that GitHub Actions shows as errors on the files."""
    return [
        f"::error file={_command_property(g.path)},title={_command_property('dl-judge ' + g.problem)}"
        f"::{_command_data(g.mismatch)}"
        for g in results
        if not g.ok
    ]
