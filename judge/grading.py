"""Grading many submissions: discover, shard, judge in parallel, and report as JSON, JUnit, Markdown, CSV.

A submission's problem is its file stem up to the first `__`; a parent folder named for a verdict
(`accepted`, `wrong_answer`, ...) states the verdict it should get (default: accepted). Reports list
submissions sorted by path, whatever order they finished in.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge.catalog import Catalog
from judge.error import JudgeError
from judge.problem import Problem
from judge.report import Report, Verdict, evaluate
from judge.runner import Runner

REPORT_VERSION = 1


@dataclass(frozen=True)
class Submission:
    path: Path
    problem: str
    expected: Verdict


@dataclass(frozen=True)
class Graded:
    """The outcome of one submission; `report` is None when it could not be judged at all."""

    submission: Submission
    verdict: Verdict
    report: Report | None
    message: str = ""

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
    def first_message(self) -> str:
        failure = self.report.first_failure if self.report else None
        if failure is not None:
            return f"{failure.case.name}: {failure.message}"
        return self.message

    def to_json(self, reveal: bool) -> dict[str, Any]:
        return {
            "path": str(self.submission.path),
            "problem": self.submission.problem,
            "expected": self.submission.expected.value,
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": self.total,
            "ok": self.ok,
            "message": self.first_message,
            "cases": [r.to_json(reveal=reveal) for r in self.report.results] if self.report else [],
        }


class ShardError(JudgeError):
    pass


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


def discover(paths: Sequence[Path]) -> list[Submission]:
    """Every .py file under the paths, sorted, with its problem and expected verdict."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*.py") if p.is_file())
        elif path.is_file():
            files.add(path)
        else:
            raise JudgeError(f"{path} does not exist; pass submission files or folders")
    submissions = []
    for file in sorted(files):
        expected = next(
            (v for parent in file.parents if (v := Verdict.from_folder(parent.name)) is not None),
            Verdict.AC,
        )
        submissions.append(Submission(file, file.stem.split("__", 1)[0], expected))
    return submissions


def shard(submissions: Sequence[Submission], k: int, n: int) -> list[Submission]:
    """The K-th of N disjoint shards; together they are the whole list."""
    return [s for i, s in enumerate(submissions) if i % n == k - 1]


def grade_one(problem: Problem | JudgeError, submission: Submission, runner: Runner) -> Graded:
    """Judge one submission; a problem that does not load is this submission's failure only."""
    if isinstance(problem, JudgeError):
        return Graded(submission, Verdict.IE, None, str(problem))
    report = evaluate(problem, submission.path, runner)
    return Graded(submission, report.verdict, report)


def _load_each(catalog: Catalog, ids: Iterable[str]) -> dict[str, Problem | JudgeError]:
    """Every problem a class uses, parsed once (a class has many submissions per problem)."""
    loaded: dict[str, Problem | JudgeError] = {}
    for problem_id in ids:
        if problem_id not in loaded:
            try:
                loaded[problem_id] = catalog.load(problem_id)
            except JudgeError as error:
                loaded[problem_id] = error
    return loaded


def grade(
    catalog: Catalog,
    submissions: Sequence[Submission],
    runner: Runner,
    jobs: int,
    on_result: Callable[[Graded, list[Graded]], None] | None = None,
) -> list[Graded]:
    """Grade in parallel; after each result, `on_result(result, all results so far, sorted)`."""
    done: list[Graded] = []
    order = {s.path: i for i, s in enumerate(submissions)}
    problems = _load_each(catalog, (s.problem for s in submissions))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        pending: set[Future[Graded]] = {
            pool.submit(grade_one, problems[s.problem], s, runner) for s in submissions
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


def to_json(results: Iterable[Graded], reveal: bool = False) -> str:
    items = list(results)
    data = {
        "version": REPORT_VERSION,
        "ok": all(g.ok for g in items),
        "submissions": [g.to_json(reveal) for g in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_junit(results: Iterable[Graded]) -> str:
    """JUnit XML: one testcase per submission; a differing verdict is a failure with its first message."""
    items = list(results)
    suite = ET.Element(
        "testsuite",
        name="dl-judge",
        tests=str(len(items)),
        failures=str(sum(not g.ok for g in items)),
        errors="0",
    )
    for g in items:
        seconds = sum(r.time_s for r in g.report.results) if g.report else 0.0
        case = ET.SubElement(
            suite,
            "testcase",
            classname=g.submission.problem,
            name=str(g.submission.path),
            time=f"{seconds:.3f}",
        )
        if not g.ok:
            message = f"expected {g.submission.expected.value}, got {g.verdict.value}: {g.first_message}"
            failure = ET.SubElement(case, "failure", message=_xml_safe(message), type=g.verdict.value)
            failure.text = _xml_safe(f"{message}\npassed {g.passed}/{g.total} cases")
    root = ET.Element(
        "testsuites",
        name="dl-judge",
        tests=str(len(items)),
        failures=str(sum(not g.ok for g in items)),
    )
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped; show them as \\xNN."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else f"\\x{ord(c):02x}" for c in text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")[:160]


def to_markdown(results: Iterable[Graded]) -> str:
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
        "| | submission | problem | expected | verdict | passed | first failure |",
        "|---|---|---|---|---|---|---|",
    ]
    for g in items:
        failure = "" if g.verdict is Verdict.AC else _cell(g.first_message)
        lines.append(
            f"| {'✅' if g.ok else '❌'} | `{_cell(str(g.submission.path))}` | {g.submission.problem} | "
            f"{g.submission.expected.value} | {g.verdict.value} | {g.passed}/{g.total} | {failure} |"
        )
    return "\n".join(lines) + "\n"


def to_csv(results: Iterable[Graded]) -> str:
    """One row per submission, for a gradebook."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["path", "problem", "expected", "verdict", "ok", "passed", "total", "score", "message"])
    for g in results:
        score = f"{g.passed / g.total:.4f}" if g.total else "0.0000"
        writer.writerow(
            [
                str(g.submission.path),
                g.submission.problem,
                g.submission.expected.value,
                g.verdict.value,
                str(g.ok).lower(),
                g.passed,
                g.total,
                score,
                g.first_message,
            ]
        )
    return buffer.getvalue()


def github_annotations(results: Iterable[Graded]) -> list[str]:
    """Workflow commands that GitHub Actions shows as errors on the files."""
    lines = []
    for g in results:
        if g.ok:
            continue
        message = f"expected {g.submission.expected.value}, got {g.verdict.value}: {g.first_message}"
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = str(g.submission.path).replace(",", "%2C").replace(":", "%3A")
        lines.append(f"::error file={path},title=dl-judge {g.submission.problem}::{message}")
    return lines
