"""The message catalogue: every key in both languages with the same placeholders; the checker's
structured differences worded as the checker words them; the main screens in Chinese hold no English."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from judge.catalog import Catalog
from judge.checker import compare
from judge.messages import LANGUAGES, MESSAGES, describe_difference, language_of, placeholders, say
from judge.practice import Custom
from judge.problem import Case
from judge.render import render_custom, render_list, render_report, render_show, render_watch
from judge.report import evaluate, judge_case
from judge.runner import ErrorReport, Execution
from judge.watch import Screen

from conftest import PROBLEMS, FakeRunner


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    """Each text exists in en and zh, fills in the same names, and a pair is a pair in English only."""
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), key
    assert placeholders(texts["en"]) == placeholders(texts["zh"]), key
    assert isinstance(texts["zh"], str), "Chinese has no plural forms"


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        ("[1, 2, 3]", ""),
        ("[1, 2, 3]", "[1, 2]"),
        ("[[1, 2], [3, 4]]", "[[1, 2, 3], [4, 5, 6]]"),
        ("[[1, 2, 3], [4, 5, 6]]", "[1, 2, 3, 4, 5, 6, 7]"),
        ("[[1, 2], [3, 4]]", "[[1, 2, 3, 4]]"),
        ("[[1, 2], [3, 4]]", "[[1], [2, 3, 4]]"),
        ("[0.5, 0.25]", "[0.5, 0.2]"),
        ("[0.12345]", "[0.12]"),
        ("[0.5]", "[nan]"),
        ("[-inf]", "[inf]"),
        ("True", "False"),
        ("[0.5]", "[shape]"),
        ("ok", "no"),
    ],
)
def test_english_difference_is_the_checkers_message(expected: str, actual: str) -> None:
    """Rebuilt from the structured fields, the English text is exactly Comparison.message (reports
    keep that one; it says to print more decimals when the output looks rounded, which a table row
    leaves to the panel), and the Chinese one is different text."""
    comparison = compare(expected, actual)
    assert not comparison.ok
    rounded = comparison.rounded_to is not None
    assert describe_difference(comparison, "en", advice=rounded) == comparison.message
    assert ("rounded" in describe_difference(comparison, "en", advice=False)) is False
    assert describe_difference(comparison, "zh", advice=False) != comparison.message


def test_words_among_numbers_say_to_print_debug_output_to_stderr() -> None:
    """print("shape", x.shape) before the answer: the message names the line and says stderr."""
    comparison = compare("[0.09, 0.2447, 0.6652]\n", "shape (3,)\n[0.09, 0.2447, 0.6652]\n")
    assert comparison.line == 1 and comparison.got == "shape" and comparison.span == (0, 5)
    text = describe_difference(comparison, "en")
    assert "line 1 of your output holds words ('shape')" in text and "stderr" in text
    assert "stderr" in describe_difference(comparison, "zh")


def test_plural_forms() -> None:
    """'1 problem', '2 problems'."""
    assert say("en", "list.summary", n=1, solved=0) == "1 problem · 0 solved"
    assert say("en", "list.summary", n=2, solved=1) == "2 problems · 1 solved"
    assert say("en", "summary.passed", passed=1, n=1) == "1/1 case passed"


@pytest.mark.parametrize(
    ("chosen", "environ", "lang"),
    [
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LANG": "en_US.UTF-8", "JUDGE_LANG": "zh"}, "zh"),
        ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_from_the_option_then_judge_lang_then_the_locale(
    chosen: str | None, environ: dict[str, str], lang: str
) -> None:
    """--lang wins, then JUDGE_LANG, then LC_ALL / LC_MESSAGES / LANG."""
    assert language_of(chosen, environ) == lang


# English sentences: three or more English words in a row. Ids, numbers, code and file names pass.
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
ALLOWED = ("Softmax", "judge hint", "judge list", "judge show", "file=sys.stderr", "q or Ctrl")


def english_left(text: str) -> list[str]:
    found = [m.group() for m in ENGLISH.finditer(text)]
    return [f for f in found if not any(a in f for a in ALLOWED)]


def zh_screen(draw: object) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False, record=True)
    draw(console)  # type: ignore[operator]
    return console.export_text()


def test_main_screens_in_chinese_hold_no_english_sentence() -> None:
    """`judge list`, `show`, `run` (WA with stderr, RTE, TLE), `--input` and `watch` in zh."""
    catalog = Catalog(PROBLEMS)
    softmax = catalog.load("softmax")

    def wrong(i: int, stdin: str) -> Execution:
        if i == 0:
            return Execution(stdout="shape (3,)\n[0.09, 0.2447, 0.6652]\n", stderr="debug\n", cpu_s=0.01)
        if i == 1:
            error = ErrorReport("ValueError", "ValueError: bad", ('  File "my.py", line 3, in <module>',))
            return Execution(exit_code=1, error=error)
        return Execution(exit_code=None, signal=9, cpu_s=5.0)

    report = evaluate(softmax, Path("my.py"), FakeRunner(wrong))
    reference = Execution(stdout="[0.5, 0.5]\n")
    mine = judge_case(softmax, Case("custom", "[1, 1]\n", reference.stdout), Execution(stdout="[1, 1]\n"))
    tried = Custom(softmax, mine, reference, compare(reference.stdout, mine.execution.stdout))
    screens = [
        zh_screen(lambda c: render_list(c, catalog.select("activations"), {}, "zh")),
        zh_screen(lambda c: render_report(c, report, "zh")),
        zh_screen(lambda c: render_custom(c, tried, "zh")),
        zh_screen(lambda c: render_watch(c, softmax, Path("s.py"), Screen(report, 1), "zh")),
        zh_screen(lambda c: render_watch(c, softmax, Path("s.py"), Screen(None, 0), "zh")),
    ]
    for text in screens:
        assert english_left(text) == [], text
    show = zh_screen(lambda c: render_show(c, softmax, "zh"))
    assert "Input" not in show and "Sample" not in show and "easy" not in show


def test_every_chapter_has_a_name_in_both_languages() -> None:
    """`judge stats` names chapters in the learner's language; the English name is the tag itself
    (what `judge list --tag` takes), and the Chinese one shows the tag too."""
    from judge.problem import CHAPTERS

    for chapter in CHAPTERS:
        assert say("en", f"chapter.{chapter}") == chapter
        assert chapter in say("zh", f"chapter.{chapter}") != chapter


@pytest.mark.parametrize("bwrap", ["/usr/bin/bwrap", None])
@pytest.mark.parametrize("uid", [0, 1000])
def test_doctor_details_are_in_chinese_too(bwrap: str | None, uid: int) -> None:
    """Every detail `judge doctor --lang zh` prints is Chinese (the bubblewrap row is a path or the
    system's own reason), whichever isolation the machine gives."""
    from judge.sandbox import protections

    english = protections(bwrap, "no user namespaces", uid, "en")
    chinese = protections(bwrap, "no user namespaces", uid, "zh")
    assert [p.name for p in english] == [p.name for p in chinese]
    for en, zh in zip(english, chinese, strict=True):
        if en.name != "bubblewrap":
            assert zh.detail != en.detail and any("\u4e00" <= ch <= "\u9fff" for ch in zh.detail), zh
