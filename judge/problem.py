"""The problem model (format_version 1) and its strict parser: YAML text -> Problem or ProblemError.

Every error names the file and the key path and says how to fix it. Downstream code trusts the types.
"""

from __future__ import annotations

import ast
import enum
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from judge.checker import has_nan
from judge.error import JudgeError
from judge.program import parse

FORMAT_VERSION = 1
DEFAULT_POINTS = 1.0
LANGUAGES = ("en", "zh")
CHAPTERS = (
    "activations",
    "losses",
    "optimizers",
    "regularization",
    "cnn",
    "rnn",
    "transformer",
    "normalization",
    "generative",
    "probabilistic",
    "llm",
    "backprop",
    "ml",
    "torch",
)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ProblemError(JudgeError):
    """A problem file that is not valid: `file: key.path: what is wrong (how to fix)`."""

    def __init__(self, path: Path | str, where: str, what: str) -> None:
        location = f"{path}: {where}: " if where else f"{path}: "
        super().__init__(location + what)


class Difficulty(enum.Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


@dataclass(frozen=True)
class Text:
    """A text a learner reads, in every supported language."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Tolerance:
    abs_tol: float = 1e-4
    rel_tol: float = 0.0


@dataclass(frozen=True)
class Case:
    name: str
    stdin: str
    stdout: str
    sample: bool = False
    weight: float = 1.0  # its share of the problem's points, relative to the other cases' weights


@dataclass(frozen=True)
class Mistake:
    """A known wrong way to solve the problem, named like its submission file `<id>__<name>.py`."""

    name: str
    explanation: Text


@dataclass(frozen=True)
class Problem:
    id: str
    title: Text
    difficulty: Difficulty
    tags: tuple[str, ...]
    source: str
    time_limit_s: float
    memory_limit_mb: int
    tolerance: Tolerance
    statement: Text
    input_format: Text
    output_format: Text
    hints: tuple[Text, ...]
    template: str
    mistakes: tuple[Mistake, ...]
    cases: tuple[Case, ...]
    entry: str | None = None  # the function (or class) the learner writes, as the template names it
    points: float = DEFAULT_POINTS  # what a submission passing every case scores in a class grade

    @property
    def samples(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.sample)

    @property
    def chapter(self) -> str:
        return self.tags[0]


_REQUIRED = (
    "format_version",
    "id",
    "title",
    "difficulty",
    "tags",
    "source",
    "time_limit_s",
    "memory_limit_mb",
    "statement",
    "input_format",
    "output_format",
    "hints",
    "template",
    "cases",
)
_OPTIONAL = ("tolerance", "mistakes", "entry", "points")


class _Reader:
    """Typed access to a raw YAML mapping that raises ProblemError with the key path."""

    def __init__(self, path: Path | str) -> None:
        self.path = path

    def fail(self, where: str, what: str) -> ProblemError:
        return ProblemError(self.path, where, what)

    def mapping(
        self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping with keys {', '.join(required)}, got {_kind(value)}")
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                raise self.fail(_join(where, str(key)), f"unknown key (allowed here: {allowed})")
        for key in required:
            if key not in value:
                raise self.fail(where or "top level", f"missing '{key}'")
        return value

    def string(self, value: Any, where: str, nonempty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, got {_kind(value)} (quote it)")
        if nonempty and not value.strip():
            raise self.fail(where, "must not be empty")
        return value

    def number(self, value: Any, where: str, positive: bool = True) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = ""
            if isinstance(value, str) and re.fullmatch(r"[+-]?\d+e[+-]?\d+", value.strip()):
                hint = f" (YAML reads {value!r} as a string; write it with a dot, e.g. 1.0e-4)"
            raise self.fail(where, f"expected a number, got {_kind(value)}{hint}")
        if not math.isfinite(value):
            raise self.fail(where, f"must be a finite number, got {value}")
        if positive and not value > 0:
            raise self.fail(where, f"must be > 0, got {value}")
        return float(value)

    def text(self, value: Any, where: str) -> Text:
        raw = self.mapping(value, where, LANGUAGES)
        return Text(
            en=self.string(raw["en"], _join(where, "en")),
            zh=self.string(raw["zh"], _join(where, "zh")),
        )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def load_yaml(data: bytes, path: Path | str) -> Any:
    """Decode and parse a YAML file; errors name the file and the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProblemError(
            path,
            "",
            f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8",
        ) from None
    if not text.strip():
        raise ProblemError(path, "", "the file is empty; start from an existing problem file")
    try:
        # libyaml's loader when PyYAML has it: 5-10× faster, and `judge list` reads every file
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ProblemError(path, where, f"YAML syntax error: {problem}") from None


def parse_problem(data: bytes, path: Path) -> Problem:
    """Parse and validate one problem file; its id must equal the file stem."""
    r = _Reader(path)
    raw = r.mapping(load_yaml(data, path), "", _REQUIRED, _OPTIONAL)
    version = raw["format_version"]
    if version != FORMAT_VERSION:
        raise r.fail("format_version", f"must be {FORMAT_VERSION}, got {version!r}")
    problem_id = r.string(raw["id"], "id")
    if problem_id != path.stem:
        raise r.fail("id", f"'{problem_id}' differs from the file name '{path.stem}' (rename one of them)")
    if not _ID.match(problem_id):
        raise r.fail("id", f"'{problem_id}' is not snake_case (lowercase letters, digits, _)")
    try:
        difficulty = Difficulty(raw["difficulty"])
    except ValueError:
        raise r.fail("difficulty", f"must be easy, medium or hard, got {raw['difficulty']!r}") from None
    tags = raw["tags"]
    if not isinstance(tags, list) or not tags:
        raise r.fail("tags", "expected a non-empty list; the first tag is the chapter")
    tags = [r.string(t, f"tags[{i}]") for i, t in enumerate(tags)]
    if tags[0] not in CHAPTERS:
        raise r.fail("tags[0]", f"the first tag must be a chapter: {', '.join(CHAPTERS)}")
    tolerance = Tolerance()
    if "tolerance" in raw:
        tol = r.mapping(raw["tolerance"], "tolerance", (), ("abs_tol", "rel_tol"))
        tolerance = Tolerance(
            abs_tol=r.number(tol.get("abs_tol", 1e-4), "tolerance.abs_tol", positive=False),
            rel_tol=r.number(tol.get("rel_tol", 0.0), "tolerance.rel_tol", positive=False),
        )
        if tolerance.abs_tol < 0 or tolerance.rel_tol < 0:
            raise r.fail("tolerance", "tolerances must be >= 0")
    hints = raw["hints"]
    if not isinstance(hints, list) or not hints:
        raise r.fail("hints", "expected a non-empty list of {en, zh} texts")
    mistakes_raw = raw.get("mistakes") or {}
    if not isinstance(mistakes_raw, dict):
        raise r.fail("mistakes", "expected a mapping: name -> {en, zh}")
    mistakes = tuple(
        Mistake(str(name), r.text(value, f"mistakes.{name}")) for name, value in mistakes_raw.items()
    )
    template = r.string(raw["template"], "template")
    entry = None
    if "entry" in raw:
        entry = r.string(raw["entry"], "entry")
        if not entry.isidentifier():
            raise r.fail(
                "entry", f"{entry!r} is not a Python name (the function or class the learner writes)"
            )
        if entry not in top_level_names(template):
            raise r.fail("entry", f"the template defines no top-level function or class {entry!r}")
    return Problem(
        id=problem_id,
        title=r.text(raw["title"], "title"),
        difficulty=difficulty,
        tags=tuple(tags),
        source=r.string(raw["source"], "source"),
        time_limit_s=r.number(raw["time_limit_s"], "time_limit_s"),
        memory_limit_mb=int(r.number(raw["memory_limit_mb"], "memory_limit_mb")),
        tolerance=tolerance,
        statement=r.text(raw["statement"], "statement"),
        input_format=r.text(raw["input_format"], "input_format"),
        output_format=r.text(raw["output_format"], "output_format"),
        hints=tuple(r.text(h, f"hints[{i}]") for i, h in enumerate(hints)),
        template=template,
        mistakes=mistakes,
        cases=_parse_cases(r, raw["cases"]),
        entry=entry,
        points=r.number(raw.get("points", DEFAULT_POINTS), "points"),
    )


def top_level_names(source: str) -> set[str]:
    """The functions and classes a Python source defines at its top level (none if it does not parse)."""
    try:
        tree = parse(source)
    except (SyntaxError, ValueError):
        return set()
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {node.name for node in tree.body if isinstance(node, kinds)}


def _parse_cases(r: _Reader, value: Any) -> tuple[Case, ...]:
    if not isinstance(value, list) or not value:
        raise r.fail("cases", "expected a non-empty list of cases")
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for i, raw_case in enumerate(value):
        where = f"cases[{i}]"
        raw = r.mapping(raw_case, where, ("name", "stdin", "stdout"), ("sample", "weight"))
        name = r.string(raw["name"], f"{where}.name")
        if name in seen:
            raise r.fail(f"{where}.name", f"duplicate case name '{name}' (also cases[{seen[name]}])")
        seen[name] = i
        stdout = r.string(raw["stdout"], f"{where}.stdout", nonempty=False)
        if has_nan(stdout):
            raise r.fail(
                f"{where}.stdout",
                "holds nan; an expected output never may (fix the reference, then bless)",
            )
        sample = raw.get("sample", False)
        if not isinstance(sample, bool):
            raise r.fail(f"{where}.sample", f"expected true or false, got {_kind(sample)}")
        weight = r.number(raw.get("weight", 1.0), f"{where}.weight", positive=False)
        if weight < 0:
            raise r.fail(f"{where}.weight", f"must be >= 0, got {weight}")
        stdin = r.string(raw["stdin"], f"{where}.stdin", nonempty=False)
        cases.append(Case(name, stdin, stdout, sample, weight))
    if not any(c.weight > 0 for c in cases):
        raise r.fail("cases", "every case has weight 0; give at least one case a weight > 0")
    return tuple(cases)
