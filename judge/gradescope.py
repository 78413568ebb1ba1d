"""A gradebook as Gradescope's autograder `results.json`.

The format followed is Gradescope's "Autograder Specifications", section "Output format"
(https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level `score` (which, given,
overrides the sum of the tests), `execution_time` in seconds, `output`, `stdout_visibility`, and
`tests`, each with `name`, `score`, `max_score`, `status` ("passed" or "failed"), `output` and
`visibility` ("visible", "hidden", "after_due_date" or "after_published"). One test per submission
(a problem, for one student), or one per case. Every text is already shown by the hidden-case rules;
hidden cases' own tests are seen by students only once grades are published, unless revealed.
"""

from __future__ import annotations

import json
from typing import Any

from judge.gradebook import Entry, Gradebook, ShownCase
from judge.report import Verdict
from judge.scores import DECIMALS


def to_gradescope(book: Gradebook, per_case: bool = False) -> str:
    tests: list[dict[str, Any]] = []
    for e in book.entries:
        if per_case and e.cases:
            tests += [_case_test(e, c, book.reveal) for c in e.cases]
        else:
            tests.append(_submission_test(e))
    lines = [f"dl-judge: {book.score:g}/{book.max_score:g} points over {len(book.entries)} files"]
    if book.progress:
        lines.append(book.progress)
    data = {
        "score": book.score,
        "execution_time": round(sum(e.time_s for e in book.entries), 3),
        "output": "\n".join(lines),
        "stdout_visibility": "hidden",  # the judge's log is for staff
        "tests": tests,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _name(e: Entry) -> str:
    return f"{e.problem} ({e.path})" if e.problem else e.path


def _submission_test(e: Entry) -> dict[str, Any]:
    lines = [f"{e.verdict.value} ({e.verdict.title}): passed {e.passed}/{e.total} cases"]
    if e.verdict is not Verdict.AC:
        lines.append(e.message)
    if e.diagnosis:
        lines.append(f"known mistake {e.diagnosis.mistake}: {e.diagnosis.message.strip()}")
    lines += e.traceback
    if e.cases:
        lines += [
            "",
            *(f"{c.name}: {c.verdict.value}" + (f" {c.message}" if c.message else "") for c in e.cases),
        ]
    return {
        "name": _name(e),
        "score": e.score,
        "max_score": e.max_score,
        "status": "passed" if e.verdict is Verdict.AC else "failed",
        "output": "\n".join(lines),
        "visibility": "visible",
    }


def _case_test(e: Entry, c: ShownCase, reveal: bool) -> dict[str, Any]:
    weights = sum(x.weight for x in e.cases)
    worth = round(e.max_score * c.weight / weights, DECIMALS) if weights else 0.0
    passed = c.verdict is Verdict.AC
    output = c.verdict.title + (f": {c.message}" if c.message else "")
    if e.failure and e.failure.case == c.name:
        if e.diagnosis:
            output += f"\nknown mistake {e.diagnosis.mistake}: {e.diagnosis.message.strip()}"
        output += "".join(f"\n{line}" for line in e.traceback)
    return {
        "name": f"{_name(e)}: {c.name}",
        "score": worth if passed else 0.0,
        "max_score": worth,
        "status": "passed" if passed else "failed",
        "output": output,
        "visibility": "visible" if c.sample or reveal else "after_published",
    }
