"""Strict validation of problem files: every bad file gives one line naming file, key path and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.catalog import Catalog, NotFoundError
from judge.problem import Difficulty, ProblemError, parse_problem

VALID = """\
format_version: 1
id: toy
title: {en: Toy, zh: 玩具}
difficulty: easy
tags: [activations]
source: "000 §1.1"
time_limit_s: 2.0
memory_limit_mb: 512
tolerance: {abs_tol: 1.0e-4}
statement: {en: Double x., zh: 把 x 乘以 2。}
input_format: {en: One float., zh: 一个浮点数。}
output_format: {en: One float., zh: 一个浮点数。}
hints:
  - {en: Multiply., zh: 乘法。}
template: |
  print(float(input()) * 2)
mistakes:
  halves: {en: Halves instead., zh: 除以二了。}
cases:
  - {name: sample_1, sample: true, stdin: "1\\n", stdout: "2.0\\n"}
  - {name: big, stdin: "1000\\n", stdout: "2000.0\\n"}
"""


def parse(text: str | bytes, name: str = "toy.yaml") -> object:
    data = text.encode() if isinstance(text, str) else text
    return parse_problem(data, Path("problems") / name)


def test_valid_file_parses_into_typed_values() -> None:
    """A valid file becomes a Problem with typed fields."""
    problem = parse(VALID)
    assert problem.id == "toy"  # type: ignore[attr-defined]
    assert problem.difficulty is Difficulty.EASY  # type: ignore[attr-defined]
    assert [c.name for c in problem.samples] == ["sample_1"]  # type: ignore[attr-defined]
    assert problem.tolerance.abs_tol == 1e-4  # type: ignore[attr-defined]
    assert problem.mistakes[0].explanation.get("zh") == "除以二了。"  # type: ignore[attr-defined]


BAD = [
    ("yaml syntax", VALID.replace("tags: [activations]", "tags: [activations"), "line", "YAML syntax error"),
    ("unknown key", VALID + "author: me\n", "author", "unknown key"),
    ("case without stdout", VALID.replace(', stdout: "2000.0\\n"}', "}"), "cases[1]", "missing 'stdout'"),
    ("tolerance as string", VALID.replace("1.0e-4", "1e-4"), "tolerance.abs_tol", "write it with a dot"),
    ("id differs", VALID.replace("id: toy", "id: other"), "id", "differs from the file name"),
    ("missing zh", VALID.replace("title: {en: Toy, zh: 玩具}", "title: {en: Toy}"), "title", "missing 'zh'"),
    ("duplicate case", VALID.replace("name: big", "name: sample_1"), "cases[1].name", "duplicate case name"),
    ("nan expected", VALID.replace('"2000.0\\n"', '"nan\\n"'), "cases[1].stdout", "holds nan"),
    ("empty file", "", "", "empty"),
    ("not a mapping", "- 1\n- 2\n", "", "expected a mapping"),
    ("bad difficulty", VALID.replace("difficulty: easy", "difficulty: trivial"), "difficulty", "easy, medium or hard"),
    ("chapter first", VALID.replace("tags: [activations]", "tags: [numerics]"), "tags[0]", "chapter"),
    ("stdin not a string", VALID.replace('stdin: "1\\n"', "stdin: 1"), "cases[0].stdin", "expected a string"),
    ("format version", VALID.replace("format_version: 1", "format_version: 2"), "format_version", "must be 1"),
    ("entry not a name", VALID + "entry: 2x\n", "entry", "not a Python name"),
    ("entry not defined", VALID + "entry: double\n", "entry", "defines no top-level function or class 'double'"),
    ("points zero", VALID + "points: 0\n", "points", "must be > 0"),
    ("points string", VALID + "points: ten\n", "points", "expected a number"),
    ("points infinite", VALID + "points: .inf\n", "points", "must be a finite number"),
    ("weight negative", VALID.replace("name: big,", "name: big, weight: -1,"), "cases[1].weight", "must be >= 0"),
    ("weight boolean", VALID.replace("name: big,", "name: big, weight: true,"), "cases[1].weight", "expected a number"),
    ("all weights zero", VALID.replace("sample: true,", "sample: true, weight: 0,").replace("name: big,", "name: big, weight: 0,"),
     "cases", "give at least one case a weight > 0"),
]


@pytest.mark.parametrize(("label", "text", "where", "fragment"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_give_one_clear_line(label: str, text: str, where: str, fragment: str) -> None:
    """Each defect is one line: the file, the key path, what is wrong."""
    with pytest.raises(ProblemError) as caught:
        parse(text)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("problems/toy.yaml: ")
    assert where in message
    assert fragment in message


def test_non_utf8_bytes_are_reported() -> None:
    """Bytes that are not UTF-8 name the offending byte and offset."""
    with pytest.raises(ProblemError, match=r"not UTF-8 \(byte 0xff at offset 0\)"):
        parse(b"\xff" + VALID.encode())


def test_unknown_problem_suggests_the_closest_id(tmp_path: Path) -> None:
    """A typo in an id suggests the right one."""
    (tmp_path / "softmax.yaml").write_text(VALID.replace("id: toy", "id: softmax"), encoding="utf-8")
    with pytest.raises(NotFoundError, match=r"problem 'sofmax' not found \(did you mean 'softmax'\?\)"):
        Catalog(tmp_path).load("sofmax")


def test_catalog_loads_a_course_bank(tmp_path: Path) -> None:
    """--problems DIR points at another bank of <id>.yaml files."""
    (tmp_path / "toy.yaml").write_text(VALID, encoding="utf-8")
    catalog = Catalog(tmp_path)
    assert catalog.ids() == ["toy"]
    assert catalog.load("toy").title.en == "Toy"


def test_entry_names_a_function_the_template_defines() -> None:
    """`entry:` is the function (or class) the learner writes; the template must define it at top level."""
    text = VALID.replace(
        "template: |\n  print(float(input()) * 2)\n",
        "template: |\n  def double(x):\n      raise NotImplementedError\n  if __name__ == '__main__':\n      print(double(float(input())))\n",
    )
    problem = parse(text + "entry: double\n")
    assert problem.entry == "double"  # type: ignore[attr-defined]
    assert parse(VALID).entry is None  # type: ignore[attr-defined]


def test_points_and_weights_default_to_one_and_parse_when_given() -> None:
    """`points:` (default 1) and per-case `weight:` (default 1) are optional numbers."""
    default = parse(VALID)
    assert default.points == 1.0  # type: ignore[attr-defined]
    assert [c.weight for c in default.cases] == [1.0, 1.0]  # type: ignore[attr-defined]
    weighted = parse(VALID.replace("name: big,", "name: big, weight: 3,") + "points: 10\n")
    assert weighted.points == 10.0  # type: ignore[attr-defined]
    assert [c.weight for c in weighted.cases] == [1.0, 3.0]  # type: ignore[attr-defined]
