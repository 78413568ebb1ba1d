"""The problem bank on disk: where problems, reference solutions and known submissions live.

A bank is a folder of `<id>.yaml`; references are in `../solutions/<id>.py`, known submissions in
`../tests/data/submissions/<verdict>/<id>__<what>.py` (or, in the wheel, `../mistakes/`).
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.error import JudgeError
from judge.problem import CHAPTERS, Problem, ProblemError, parse_problem

PACKAGE_DIR = Path(__file__).resolve().parent


class NotFoundError(JudgeError):
    pass


def bundled_problems_dir() -> Path:
    """The problems shipped with dl-judge: inside the package (wheel) or the source checkout."""
    installed = PACKAGE_DIR / "problems"
    if installed.is_dir() and any(installed.glob("*.yaml")):
        return installed
    return PACKAGE_DIR.parent / "problems"


@dataclass(frozen=True)
class Catalog:
    problems_dir: Path

    @property
    def solutions_dir(self) -> Path:
        return self.problems_dir.parent / "solutions"

    @property
    def submissions_dir(self) -> Path:
        """Known submissions by verdict folder: tests/data/submissions in a source checkout,
        judge/submissions (wrong answers and run-time errors only) in the wheel."""
        shipped = self.problems_dir.parent / "submissions"
        return shipped if shipped.is_dir() else self.problems_dir.parent / "tests" / "data" / "submissions"

    def ids(self) -> list[str]:
        if not self.problems_dir.is_dir():
            raise NotFoundError(
                f"problem folder {self.problems_dir} does not exist; pass --problems DIR "
                "(or set JUDGE_PROBLEMS) to a folder of <id>.yaml files"
            )
        return sorted(p.stem for p in self.problems_dir.glob("*.yaml"))

    def chosen_ids(self, ids: Sequence[str] | None) -> list[str]:
        """`ids`, each checked to name a problem of the bank; every id when none is given."""
        chosen = list(ids) if ids else self.ids()
        for problem_id in chosen:
            self.path(problem_id)
        return chosen

    def path(self, problem_id: str) -> Path:
        path = self.problems_dir / f"{problem_id}.yaml"
        if not path.is_file():
            known = self.ids()
            close = difflib.get_close_matches(problem_id, known, n=1)
            if close:
                raise NotFoundError.say("error.not_found", id=problem_id, close=close[0])
            raise NotFoundError.say("error.not_found_list", id=problem_id)
        return path

    def load(self, problem_id: str) -> Problem:
        path = self.path(problem_id)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ProblemError(path, "", f"cannot read: {error.strerror}") from None
        return parse_problem(data, path)

    def fingerprint(self) -> str:
        """A digest of every problem file of the bank: reports graded against the same bank share it."""
        digest = hashlib.sha256()
        for problem_id in self.ids():
            data = (self.problems_dir / f"{problem_id}.yaml").read_bytes()
            digest.update(f"{problem_id}\0{len(data)}\0".encode())
            digest.update(data)
        return digest.hexdigest()[:16]

    def load_all(self) -> list[Problem]:
        return [self.load(i) for i in self.ids()]

    def select(self, tag: str | None = None, difficulty: str | None = None) -> list[Problem]:
        """The problems with `tag` (when given; in any case: CNN is cnn) and of `difficulty` (when
        given). A tag no problem has is an error, as a misspelled one would list nothing."""
        if difficulty is not None and difficulty not in ("easy", "medium", "hard"):
            raise JudgeError.say("error.difficulty", value=difficulty)
        problems = self.load_all()
        wanted = tag.lower() if tag is not None else None
        if wanted is not None and all(wanted not in (t.lower() for t in p.tags) for p in problems):
            raise JudgeError.say("error.tag", value=tag, chapters=", ".join(CHAPTERS))
        return [
            p
            for p in problems
            if (wanted is None or wanted in (t.lower() for t in p.tags))
            and (difficulty is None or p.difficulty.value == difficulty)
        ]

    def solution(self, problem_id: str) -> Path:
        path = self.solutions_dir / f"{problem_id}.py"
        if not path.is_file():
            raise NotFoundError(f"reference solution {path} is missing; write solutions/{problem_id}.py")
        return path

    def known_submissions(self, problem_id: str) -> list[tuple[str, Path]]:
        """(verdict folder, path) of every known submission of a problem, sorted."""
        root = self.submissions_dir
        if not root.is_dir():
            return []
        found = [(path.parent.name, path) for path in root.glob(f"*/{problem_id}__*.py")]
        return sorted(found)

    def mistake_programs(self, problem_id: str) -> dict[str, Path]:
        """name -> program of each known wrong answer or crash of a problem (for diagnosis)."""
        return {
            path.stem.split("__", 1)[1]: path
            for folder, path in self.known_submissions(problem_id)
            if folder in ("wrong_answer", "run_time_error")
        }
