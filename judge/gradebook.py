"""The gradebook of a class: one entry per submission, as every report shows it, and the reports.

An `Entry` holds only what reports may show: paths and messages already inert, hidden cases already
hidden (unless revealed). The JSON report is the gradebook itself, read back by `from_json` (so `judge
merge` rebuilds every report from shards); JUnit, Markdown, the CSVs, Gradescope's results and GitHub
annotations are written from it. Entries keep the class's path order.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from judge.grading import ISOLATION, Graded, escape, inert, shown_message
from judge.report import CaseResult, Diagnosis, Verdict
from judge.scores import StudentTable, by_student, total

REPORT_VERSION = 1
_FRAME = re.compile(r'^  File ".*", line (\d+), in ')


@dataclass(frozen=True)
class ShownCase:
    """A case of a submission as class reports show it."""

    name: str
    sample: bool
    verdict: Verdict
    time_s: float
    memory_mb: float
    message: str
    weight: float
    stdin: str | None = None  # a hidden case's input, only when revealed


@dataclass(frozen=True)
class Failure:
    """The first failing case of a submission."""

    case: str
    verdict: Verdict
    message: str


@dataclass(frozen=True)
class Entry:
    index: int  # place in the whole class (sorted by path), kept by shards
    path: str
    student: str
    problem: str
    expected: Verdict
    verdict: Verdict
    passed: int
    total: int
    score: float
    max_score: float
    message: str  # the first failure as one line, or why the file could not be judged
    failure: Failure | None = None
    diagnosis: Diagnosis | None = None
    traceback: tuple[str, ...] = ()  # the learner's frames of a crash, where the case may be shown
    line: int | None = None  # the learner's line where it crashed
    cases: tuple[ShownCase, ...] = ()

    @property
    def ok(self) -> bool:
        return self.verdict is self.expected

    @property
    def time_s(self) -> float:
        return sum(c.time_s for c in self.cases)

    @property
    def mismatch(self) -> str:
        return f"expected {self.expected.value}, got {self.verdict.value}: {self.message}"


def entry_of(graded: Graded) -> Entry:
    """A graded submission as reports show it: hidden cases by the rules of `shown_message`."""
    s, report, reveal = graded.submission, graded.report, graded.reveal
    first = report.first_failure if report else None
    failure = Failure(first.case.name, first.verdict, shown_message(first, reveal)) if first else None
    frames = _frames(first, reveal) if first else ()
    lines = [int(m.group(1)) for m in map(_FRAME.match, frames) if m]
    return Entry(
        index=s.index,
        path=graded.path,
        student=inert(s.student),
        problem=graded.problem,
        expected=s.expected,
        verdict=graded.verdict,
        passed=graded.passed,
        total=graded.total,
        score=graded.score,
        max_score=graded.max_score,
        message=graded.first_message,
        failure=failure,
        diagnosis=graded.diagnosis,
        traceback=frames,
        line=lines[-1] if lines else None,
        cases=tuple(_shown_case(r, reveal) for r in report.results) if report else (),
    )


def _frames(result: CaseResult, reveal: bool) -> tuple[str, ...]:
    """The learner's own frames of a crash. Only where the case may be shown: the line numbers of a
    crash on a hidden case are chosen by the program, and could spell out its input."""
    error = result.execution.error
    if result.verdict is not Verdict.RTE or error is None or not (reveal or result.case.sample):
        return ()
    return tuple(inert(line) for line in error.traceback)


def _shown_case(result: CaseResult, reveal: bool) -> ShownCase:
    hidden_input = result.case.stdin if reveal and not result.case.sample else None
    return ShownCase(
        name=result.case.name,
        sample=result.case.sample,
        verdict=result.verdict,
        time_s=round(result.time_s, 4),
        memory_mb=round(result.memory_mb, 1),
        message=shown_message(result, reveal),
        weight=result.case.weight,
        stdin=hidden_input,
    )


@dataclass(frozen=True)
class Gradebook:
    """The entries of one run (or of merged shards) and what the run was."""

    entries: tuple[Entry, ...]
    size: int  # submissions this run was to grade: complete when all of them are entries
    isolation: str
    bank: str  # the problem bank's fingerprint: shards graded against different banks do not merge
    class_size: int  # submissions in the whole class, over every shard
    shard: tuple[int, int] | None = None
    reveal: bool = False
    lang: str = "en"

    @property
    def complete(self) -> bool:
        return len(self.entries) == self.size

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.entries)

    @property
    def score(self) -> float:
        return total(e.score for e in self.entries)

    @property
    def max_score(self) -> float:
        return total(e.max_score for e in self.entries)

    @property
    def headline(self) -> str:
        ok = sum(e.ok for e in self.entries)
        line = f"{ok}/{len(self.entries)} submissions got their expected verdict"
        line += f" · score {self.score:g}/{self.max_score:g}"
        return f"{line} · {self.progress}" if self.progress else line

    @property
    def progress(self) -> str:
        """'' when complete, else how far it got."""
        return "" if self.complete else f"incomplete: {len(self.entries)} of {self.size} graded"

    def students(self) -> StudentTable:
        return by_student(self.entries)


# --- JSON: the gradebook itself --------------------------------------------------------------------


def to_json(book: Gradebook) -> str:
    data = {
        "version": REPORT_VERSION,
        "ok": book.ok,
        "complete": book.complete,
        "graded": len(book.entries),
        "size": book.size,
        "isolation": book.isolation,
        "score": book.score,
        "max_score": book.max_score,
        "bank": book.bank,
        "shard": {"k": book.shard[0], "n": book.shard[1]} if book.shard else None,
        "class_size": book.class_size,
        "reveal": book.reveal,
        "lang": book.lang,
        "submissions": [_entry_json(e) for e in book.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _entry_json(e: Entry) -> dict[str, Any]:
    return {
        "index": e.index,
        "path": e.path,
        "student": e.student,
        "problem": e.problem,
        "expected": e.expected.value,
        "verdict": e.verdict.value,
        "passed": e.passed,
        "total": e.total,
        "score": e.score,
        "max_score": e.max_score,
        "ok": e.ok,
        "message": e.message,
        "first_failure": (
            {"case": e.failure.case, "verdict": e.failure.verdict.value, "message": e.failure.message}
            if e.failure
            else None
        ),
        "diagnosis": e.diagnosis.to_json() if e.diagnosis else None,
        "traceback": list(e.traceback),
        "line": e.line,
        "cases": [_case_json(c) for c in e.cases],
    }


def _case_json(c: ShownCase) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": c.name,
        "sample": c.sample,
        "verdict": c.verdict.value,
        "time_s": c.time_s,
        "memory_mb": c.memory_mb,
        "message": c.message,
        "weight": c.weight,
    }
    if c.stdin is not None:
        data["stdin"] = c.stdin
    return data


class ReportFormatError(ValueError):
    """A JSON report that is not one this version of dl-judge writes."""


def from_json(text: str) -> Gradebook:
    """The gradebook a JSON report holds; ReportFormatError says what is missing or wrong."""
    try:
        data = json.loads(text)
        if data.get("version") != REPORT_VERSION:
            raise ReportFormatError(f"report version {data.get('version')!r}, not {REPORT_VERSION}")
        shard = data["shard"]
        return Gradebook(
            entries=tuple(_entry_from(e) for e in data["submissions"]),
            size=int(data["size"]),
            isolation=str(data["isolation"]),
            bank=str(data["bank"]),
            class_size=int(data["class_size"]),
            shard=(int(shard["k"]), int(shard["n"])) if shard else None,
            reveal=bool(data["reveal"]),
            lang=str(data["lang"]),
        )
    except ReportFormatError:
        raise
    except json.JSONDecodeError as error:
        raise ReportFormatError(f"not JSON ({error.msg} at line {error.lineno})") from None
    except KeyError as error:
        raise ReportFormatError(
            f"no {error.args[0]!r} field (was it written by `judge grade --json`?)"
        ) from None
    except (TypeError, ValueError, AttributeError) as error:
        raise ReportFormatError(f"a field has the wrong type ({error})") from None


def _entry_from(e: dict[str, Any]) -> Entry:
    failure, diagnosis = e["first_failure"], e["diagnosis"]
    return Entry(
        index=int(e["index"]),
        path=str(e["path"]),
        student=str(e["student"]),
        problem=str(e["problem"]),
        expected=Verdict(e["expected"]),
        verdict=Verdict(e["verdict"]),
        passed=int(e["passed"]),
        total=int(e["total"]),
        score=float(e["score"]),
        max_score=float(e["max_score"]),
        message=str(e["message"]),
        failure=Failure(str(failure["case"]), Verdict(failure["verdict"]), str(failure["message"]))
        if failure
        else None,
        diagnosis=Diagnosis(str(diagnosis["mistake"]), str(diagnosis["message"])) if diagnosis else None,
        traceback=tuple(str(line) for line in e["traceback"]),
        line=None if e["line"] is None else int(e["line"]),
        cases=tuple(
            ShownCase(
                name=str(c["name"]),
                sample=bool(c["sample"]),
                verdict=Verdict(c["verdict"]),
                time_s=float(c["time_s"]),
                memory_mb=float(c["memory_mb"]),
                message=str(c["message"]),
                weight=float(c["weight"]),
                stdin=None if c.get("stdin") is None else str(c["stdin"]),
            )
            for c in e["cases"]
        ),
    )


def _one_line(diagnosis: Diagnosis) -> str:
    """A known mistake and its explanation (the bank's text, over several lines) on one line."""
    return f"{diagnosis.mistake}: {' '.join(diagnosis.message.split())}"


# --- JUnit XML --------------------------------------------------------------------------------------


def to_junit(book: Gradebook) -> str:
    """JUnit XML: one testcase per submission; a differing verdict is a failure with its first message."""
    items = book.entries
    failures = str(sum(not e.ok for e in items))
    suite = ET.Element("testsuite", name="dl-judge", tests=str(len(items)), failures=failures, errors="0")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="isolation", value=book.isolation)
    ET.SubElement(properties, "property", name="complete", value=str(book.complete).lower())
    for e in items:
        case = ET.SubElement(
            suite, "testcase", classname=_xml_safe(e.problem), name=_xml_safe(e.path), time=f"{e.time_s:.3f}"
        )
        if not e.ok:
            failure = ET.SubElement(case, "failure", message=_xml_safe(e.mismatch), type=e.verdict.value)
            details = [e.mismatch, f"passed {e.passed}/{e.total} cases, score {e.score:g}/{e.max_score:g}"]
            if e.diagnosis:
                details.append(f"known mistake {inert(_one_line(e.diagnosis), 2000)}")
            failure.text = _xml_safe("\n".join([*details, *e.traceback]))
    root = ET.Element("testsuites", name="dl-judge", tests=str(len(items)), failures=failures)
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters, lone surrogates, U+FFFE/U+FFFF, even escaped;
    report text is already inert, so this is only the last guard."""
    return _XML_ILLEGAL.sub(lambda m: escape(m.group()), text)


# --- Markdown ---------------------------------------------------------------------------------------

# Markdown that a cell must not start: a row or table break (|), raw HTML and entities (< > &), code
# spans (`), links and images ([ ]), math ($) and @mentions (a pull-request comment notifies them).
_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "$": "\\$", "&": "&amp;", "<": "&lt;",
     ">": "&gt;", "`": "&#96;", "@": "&#64;"}
)  # fmt: skip


def _cell(text: str) -> str:
    """Inert text as one Markdown table cell that shows as written."""
    return text.translate(_MARKDOWN)


def to_markdown(book: Gradebook) -> str:
    """A summary for a pull-request comment or $GITHUB_STEP_SUMMARY: a row per student, then a row
    per submission."""
    items = book.entries
    ok = sum(e.ok for e in items)
    counts: dict[str, int] = {}
    for e in items:
        counts[e.verdict.value] = counts.get(e.verdict.value, 0) + 1
    lines = [
        "## dl-judge results",
        "",
        f"**{ok}/{len(items)}** submissions got their expected verdict · "
        + " · ".join(f"{v} {n}" for v, n in sorted(counts.items())),
        "",
        f"score: {book.score:g}/{book.max_score:g} · "
        f"isolation: {ISOLATION.get(book.isolation, book.isolation)}",
        "",
    ]
    if not book.complete:
        lines += [f"**{book.progress}**", ""]
    table = book.students()
    lines += [
        "### Students",
        "",
        "| student | "
        + " | ".join(f"{_cell(p)} ({m:g})" for p, m in zip(table.problems, table.max_scores, strict=True))
        + " | total | % |",
        "|---|" + "---|" * len(table.problems) + "---|---|",
    ]
    for row in table.rows:
        marks = " | ".join(f"{v:g}" for v in row.scores)
        lines.append(
            f"| {_cell(row.student)} | {marks} | {row.total:g}/{row.max_score:g} | {row.percent:g} |"
        )
    lines += [
        "",
        "### Submissions",
        "",
        "| | submission | problem | expected | verdict | passed | score | first failure | known mistake |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in items:
        failure = "" if e.verdict is Verdict.AC else _cell(e.message[:200])
        mistake = _cell(inert(_one_line(e.diagnosis), 300)) if e.diagnosis else ""
        lines.append(
            f"| {'✅' if e.ok else '❌'} | {_cell(e.path)} | {_cell(e.problem)} | {e.expected.value} | "
            f"{e.verdict.value} | {e.passed}/{e.total} | {e.score:g}/{e.max_score:g} | {failure} | "
            f"{mistake} |"
        )
    return "\n".join(lines) + "\n"


# --- CSV --------------------------------------------------------------------------------------------


def _csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading ' (OWASP)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_COLUMNS = ["path", "student", "problem", "expected", "verdict", "ok", "passed", "total", "score",
               "max_score", "message", "mistake"]  # fmt: skip


def to_csv(book: Gradebook) -> str:
    """One row per submission, for a gradebook."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in book.entries:
        writer.writerow(
            [
                _csv_cell(e.path),
                _csv_cell(e.student),
                _csv_cell(e.problem),
                e.expected.value,
                e.verdict.value,
                str(e.ok).lower(),
                e.passed,
                e.total,
                f"{e.score:g}",
                f"{e.max_score:g}",
                _csv_cell(e.message),
                e.diagnosis.mistake if e.diagnosis else "",
            ]
        )
    return buffer.getvalue()


def to_student_csv(book: Gradebook) -> str:
    """One row per student: a column per problem with the student's score, then total, max and %."""
    table = book.students()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *(_csv_cell(p) for p in table.problems), "total", "max_score", "percent"])
    for row in table.rows:
        marks = [f"{v:g}" for v in row.scores]
        writer.writerow(
            [_csv_cell(row.student), *marks, f"{row.total:g}", f"{row.max_score:g}", f"{row.percent:g}"]
        )
    return buffer.getvalue()


# --- GitHub Actions ---------------------------------------------------------------------------------


def _command_property(text: str) -> str:
    """A workflow command's property value, escaped as the runner unescapes it (% first)."""
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotations(entries: Iterable[Entry]) -> list[str]:
    """Workflow commands that GitHub Actions shows as errors on the files (on the line of a crash)."""
    return [
        f"::error file={_command_property(e.path)},"
        + (f"line={e.line}," if e.line is not None else "")
        + f"title={_command_property('dl-judge ' + (e.problem or 'submission'))}::{_command_data(e.mismatch)}"
        for e in entries
        if not e.ok
    ]


def gradebook(
    results: Sequence[Graded],
    size: int,
    isolation: str,
    bank: str,
    class_size: int | None = None,
    shard: tuple[int, int] | None = None,
    reveal: bool = False,
    lang: str = "en",
) -> Gradebook:
    """The gradebook of graded results (in class order)."""
    entries = tuple(entry_of(g) for g in results)
    whole = size if class_size is None else class_size
    return Gradebook(entries, size, isolation, bank, whole, shard, reveal, lang)
