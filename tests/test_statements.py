"""Every problem as `judge show` and `judge hint` draw it, in both languages, read for what a person
should never see: LaTeX left over, runs of blank lines, words turned into subscripts, a file hash."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from judge.catalog import Catalog
from judge.problem import Problem
from judge.render import render_hints, render_show

from conftest import PROBLEMS

CATALOG = Catalog(PROBLEMS)
IDS = CATALOG.ids()
# Code in a text is shown as written, so a brace, a backslash or a dollar sign there is no residue.
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
SUBSCRIPT_OF_A_WORD = re.compile(r"[ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ][a-z]")


def screen(problem: Problem, lang: str) -> str:
    """What `judge show` then every hint prints, on a console wide enough not to wrap formulas."""
    console = Console(file=io.StringIO(), width=400, color_system=None, force_terminal=False, record=True)
    render_show(console, problem, lang)
    render_hints(console, problem, len(problem.hints), lang)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def texts(problem: Problem, lang: str) -> list[str]:
    """The texts a screen shows, and the samples in its panels."""
    shown = [problem.statement, problem.input_format, problem.output_format, *problem.hints]
    samples = [text for case in problem.samples for text in (case.stdin, case.stdout)]
    return [text.get(lang) for text in shown] + samples + [problem.title.get(lang), problem.id]


def in_code(problem: Problem, lang: str, characters: str) -> int:
    """How many of `characters` the texts hold in code and samples, where they are shown as written."""
    written = texts(problem, lang)
    code = [match for text in written[: -2 - 2 * len(problem.samples)] for match in CODE.findall(text)]
    samples = written[-2 - 2 * len(problem.samples) : -2]
    return sum(text.count(c) for text in code + samples for c in characters)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem_id", IDS)
def test_no_latex_residue(problem_id: str, lang: str) -> None:
    """No backslash command, dollar sign or grouping brace is left over from the LaTeX."""
    problem = CATALOG.load(problem_id)
    shown = screen(problem, lang)
    for characters in ("\\", "$", "{}"):
        count = sum(shown.count(c) for c in characters)
        assert count == in_code(problem, lang, characters), f"{characters!r} left in:\n{shown}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem_id", IDS)
def test_no_run_of_blank_lines(problem_id: str, lang: str) -> None:
    """Between paragraphs, formulas and code there is at most one blank line."""
    shown = screen(CATALOG.load(problem_id), lang)
    assert "\n\n\n" not in shown, shown


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem_id", IDS)
def test_no_subscript_of_a_word(problem_id: str, lang: str) -> None:
    """A subscript never runs into a word (log\\_softmax is not logₛoftmax)."""
    shown = screen(CATALOG.load(problem_id), lang)
    assert not SUBSCRIPT_OF_A_WORD.search(shown), SUBSCRIPT_OF_A_WORD.findall(shown)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem_id", IDS)
def test_each_input_line_is_a_line(problem_id: str, lang: str) -> None:
    """An input format that describes its lines one by one shows each on a line of its own."""
    shown = screen(CATALOG.load(problem_id), lang)
    for line in shown.splitlines():
        assert len(re.findall(r"\bLine \d+:|第 ?\d+ ?行", line)) <= 1, line


@pytest.mark.parametrize("problem_id", IDS)
def test_source_reads_as_a_citation(problem_id: str) -> None:
    """The header cites the notes by name and section, not by a file name."""
    header = screen(CATALOG.load(problem_id), "en").splitlines()[:3]
    assert not re.search(r"[0-9a-f]{16}|\.txt\b", "\n".join(header)), header


CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH = "，。：；？！（）、“”‘’《》【】"
# In Chinese text: a space (or a line break Markdown shows as one) beside Chinese characters and
# full-width punctuation, ASCII punctuation right after a Chinese character, straight quotes.
STRAY_SPACE = re.compile(f"[{CJK}{FULL_WIDTH}]\\**(?:[ \\t]+|[ \\t]*\\n[ \\t]*)\\**[{CJK}{FULL_WIDTH}]")
ASCII_PUNCTUATION = re.compile(f"[{CJK}][,:;.?!]")
STRAIGHT_QUOTES = re.compile(f'"[^"\\n]*[{CJK}][^"\\n]*"')
FORMULA = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.DOTALL)


def chinese_texts(problem: Problem) -> list[tuple[str, str]]:
    """Every zh text of a problem, with its key, code and formulas left out."""
    fields = [("title", problem.title), ("statement", problem.statement)]
    fields += [("input_format", problem.input_format), ("output_format", problem.output_format)]
    fields += [(f"hints[{i}]", hint) for i, hint in enumerate(problem.hints)]
    fields += [(f"mistakes.{m.name}", m.explanation) for m in problem.mistakes]
    return [(key, FORMULA.sub(" $ ", CODE.sub(" ` ", text.get("zh")))) for key, text in fields]


@pytest.mark.parametrize("problem_id", IDS)
def test_chinese_typography(problem_id: str) -> None:
    """Chinese texts join their lines without spaces, use full-width punctuation and “” quotes."""
    for key, text in chinese_texts(CATALOG.load(problem_id)):
        for rule in (STRAY_SPACE, ASCII_PUNCTUATION, STRAIGHT_QUOTES):
            assert not rule.search(text), f"{problem_id}: {key}: {rule.findall(text)}"


@pytest.mark.parametrize("problem_id", IDS)
def test_chinese_screen_has_no_stray_space(problem_id: str) -> None:
    """What `judge show --lang zh` prints has no space between Chinese characters or punctuation."""
    shown = screen(CATALOG.load(problem_id), "zh")
    spaced = re.compile(f"[{CJK}{FULL_WIDTH}] +[{CJK}{FULL_WIDTH}]")
    assert not spaced.search(shown), spaced.findall(shown)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem_id", IDS)
def test_show_gives_the_signature_of_the_function_mode_answer(problem_id: str, lang: str) -> None:
    """`judge show` says how the entry is declared, so a learner can answer in function mode without
    opening the starter: `def softmax(scores)`, `class Swish(torch.autograd.Function)`."""
    problem = CATALOG.load(problem_id)
    assert problem.entry is not None
    declared = re.compile(rf"^\s*((?:def|class) {re.escape(problem.entry)}\b[^:]*):", re.MULTILINE)
    signature = declared.search(problem.template)
    assert signature is not None
    shown = " ".join(screen(problem, lang).split())
    assert " ".join(signature.group(1).split()) in shown
    assert f"judge new {problem_id} --mode function" in shown
