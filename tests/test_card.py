"""Concept cards: the bundled deck, strict deck validation, the FSRS schedule replayed from the log,
due problems, the drill loop, stats, and `judge cards` / `judge list --due` on a plain pipe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from judge.card import (
    DAY_S,
    Face,
    bundled_deck_dir,
    card_stats,
    chosen_deck,
    drill,
    drill_due,
    due_problems,
    due_queue,
    load_deck,
    moment,
    parse_deck,
    replay,
    select,
)
from judge.error import JudgeError
from judge.problem import CHAPTERS
from judge.progress import Attempt, Progress, Review

from conftest import ROOT

NOW = 1_750_000_000.0  # a fixed clock: 2025-06-15, mid-day UTC
CJK = "\u4e00-\u9fff"
GOOD_CARD = """\
format_version: 1
cards:
  - id: bn_vs_ln
    chapter: normalization
    source: notes §2
    question: {en: BN vs LN?, zh: BN 和 LN 的区别？}
    answer: {en: Batch axis vs feature axis., zh: 一个沿 batch，一个沿特征。}
"""


def judge(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUDGE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "judge", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60, check=False)  # fmt: skip


def test_bundled_deck_has_80_bilingual_cards_in_known_chapters() -> None:
    """The shipped deck loads strictly, holds at least 80 cards, each in a problem chapter with a source."""
    deck = load_deck(bundled_deck_dir())
    assert len(deck) >= 80
    assert len({c.id for c in deck}) == len(deck)
    assert {c.chapter for c in deck} <= set(CHAPTERS)
    assert {"cnn", "rnn", "transformer", "normalization", "generative", "probabilistic"} <= {c.chapter for c in deck}
    assert all(re.match(r"00[0-4]_", c.source) for c in deck)


def test_chinese_texts_use_full_width_punctuation() -> None:
    """Next to a Chinese character, punctuation is full-width (，。：；？), as a Chinese engineer writes it."""
    ascii_next_to_cjk = re.compile(f"[{CJK}][,;:?!]|[,;:?!][{CJK}]|[{CJK}]\\.(\\s|$)")
    for card in load_deck(bundled_deck_dir()):
        for text in (card.question.zh, card.answer.zh):
            assert not ascii_next_to_cjk.search(text), (card.id, text)
            assert re.search(f"[{CJK}]", text), (card.id, "no Chinese")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_CARD.replace("format_version: 1", "format_version: 2"), "format_version: must be 1"),
        ("format_version: 1\ncards: []\n", "cards: expected a non-empty list"),
        (GOOD_CARD.replace("    source: notes §2\n", ""), "cards[0]: missing 'source'"),
        (GOOD_CARD + "    hint: no\n", "cards[0].hint: unknown key"),
        (GOOD_CARD.replace("normalization", "normalisation"), "cards[0].chapter: 'normalisation' is not a chapter"),
        (GOOD_CARD.replace("bn_vs_ln", "BN-vs-LN"), "cards[0].id: 'BN-vs-LN' is not snake_case"),
        (GOOD_CARD.replace("zh: BN 和 LN 的区别？", "fr: BN ou LN ?"), "cards[0].question.fr: unknown key"),
        (GOOD_CARD.replace("zh: 一个沿 batch，一个沿特征。", "zh: ''"), "cards[0].answer.zh: must not be empty"),
        (GOOD_CARD + GOOD_CARD.split("cards:\n")[1], "cards[1].id: duplicate card id 'bn_vs_ln' (also cards[0])"),
        ("format_version: 1\ncards: [\n", "line 3"),
    ],
)
def test_deck_validation_names_file_and_key(text: str, message: str) -> None:
    """A broken deck file is one error naming the file, the key path and what is wrong."""
    with pytest.raises(JudgeError) as raised:
        parse_deck(text.encode(), "course/deck.yaml")
    assert str(raised.value).startswith("course/deck.yaml: ")
    assert message in str(raised.value)


def test_duplicate_across_files_unknown_tag_and_empty_folder(tmp_path: Path) -> None:
    """Ids are unique across a deck's files; an unknown --tag and a folder without YAML are errors."""
    with pytest.raises(JudgeError, match=r"holds no \.yaml"):
        load_deck(tmp_path)
    (tmp_path / "a.yaml").write_text(GOOD_CARD, encoding="utf-8")
    deck = load_deck(tmp_path)
    assert [c.id for c in deck] == ["bn_vs_ln"]
    with pytest.raises(JudgeError, match="not a chapter of this deck; its chapters are: normalization"):
        select(deck, "cnn")
    (tmp_path / "b.yaml").write_text(GOOD_CARD, encoding="utf-8")
    with pytest.raises(JudgeError, match="card id 'bn_vs_ln' is also in"):
        load_deck(tmp_path)


def test_again_comes_back_sooner_than_easy() -> None:
    """Through fsrs: a card rated again is due within minutes, one rated easy days later; reviews move dues."""
    memories = replay([Review("a", 1, NOW), Review("e", 4, NOW), Review("g", 3, NOW)])
    again, easy, good = (memories[k].state.due - moment(NOW) for k in ("a", "e", "g"))
    assert again.total_seconds() <= 600
    assert easy.days >= 1
    assert again < good < easy
    later = replay([Review("e", 4, NOW), Review("e", 3, NOW + 9 * DAY_S)])["e"].state.due
    assert later - moment(NOW + 9 * DAY_S) > easy  # a second success pushes it further out


def test_queue_puts_due_cards_first_then_new_ones_up_to_the_daily_allowance(tmp_path: Path) -> None:
    """Due reviewed cards come first; new cards are limited by --new minus those started today."""
    deck = load_deck(bundled_deck_dir())
    reviews = [Review(deck[5].id, 3, NOW - 30 * DAY_S), Review(deck[6].id, 1, NOW - 60)]
    queue = due_queue(deck, reviews, NOW, new_per_day=3)
    assert [c.id for c in queue[:2]] == [deck[5].id, deck[6].id]
    assert [c.id for c in queue[2:]] == [deck[0].id, deck[1].id]  # deck[6] was new today: 3 - 1
    started_today = [Review(deck[i].id, 4, NOW - 10) for i in range(3)]
    assert due_queue(deck, started_today, NOW, new_per_day=3) == []


def scripted(keys: list[str]) -> Iterator[str | None]:
    yield from keys
    while True:
        yield None


def test_drill_shows_question_then_answer_records_ratings_and_repeats_a_forgotten_card() -> None:
    """Any key shows the answer; 1-4 rates; a card rated again comes back in the same session; q stops."""
    deck = load_deck(bundled_deck_dir())[:2]
    keys = scripted(["", "x", "1", " ", "4", "", "g", "", "q"])
    faces: list[Face] = []
    recorded: list[Review] = []
    clock = iter(NOW + i for i in range(100))
    done = drill(deck, [], lambda: next(keys), faces.append, recorded.append, lambda: next(clock))
    assert done == 3
    assert [(r.card, r.rating) for r in recorded] == [(deck[0].id, 1), (deck[1].id, 4), (deck[0].id, 3)]
    assert [(f.card.id, f.answer_shown) for f in faces[:3]] == [(deck[0].id, False), (deck[0].id, True), (deck[0].id, True)]


def test_drill_due_records_ratings_and_gives_the_stats_after(tmp_path: Path) -> None:
    """`judge cards` through fakes: two new cards rated, the stats after say none is new; a second
    drill the same day finds nothing due."""
    deck = chosen_deck(None, "rnn")[:2]
    store = Progress(tmp_path / "p.sqlite3")
    keys = scripted(["", "4", "", "4"])
    faces: list[Face] = []
    warnings: list[str] = []
    drilled = drill_due(deck, store, 5, lambda: next(keys), faces.append, lambda: NOW, warnings.append)
    assert drilled is not None and drilled.done == 2 and drilled.after.new == 0 and warnings == []
    assert [r.card for r in store.reviews()[0]] == [c.id for c in deck]
    assert drill_due(deck, store, 5, lambda: next(keys), faces.append, lambda: NOW, warnings.append) is None


def test_drill_due_on_a_corrupt_store_warns_and_stops_quietly_on_ctrl_c(tmp_path: Path) -> None:
    """A corrupt store warns before the drill and once after it, whatever was rated; Ctrl-C is done=None."""
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    deck = chosen_deck(None, "rnn")[:1]
    warnings: list[str] = []
    keys = scripted(["", "3"])
    drilled = drill_due(deck, Progress(path), 1, lambda: next(keys), lambda _: None, lambda: NOW, warnings.append)
    assert drilled is not None and drilled.done == 1
    assert len(warnings) == 2 and all("corrupt" in w for w in warnings)

    def interrupt() -> str | None:
        raise KeyboardInterrupt

    stopped = drill_due(deck, Progress(tmp_path / "q.sqlite3"), 1, interrupt, lambda _: None, lambda: NOW, warnings.append)
    assert stopped is not None and stopped.done is None and stopped.after.new == 1


def test_stats_count_due_new_reviewed_retention_and_streak() -> None:
    """Stats over a deck: due by the end of today, never reviewed, today's ratings, recall share, streak."""
    deck = load_deck(bundled_deck_dir())
    a, b = deck[0].id, deck[1].id
    reviews = [
        Review(a, 4, NOW - 40 * DAY_S),
        Review(a, 3, NOW - 2 * DAY_S),  # learned, recalled
        Review(b, 4, NOW - 1 * DAY_S),
        Review(b, 1, NOW - 10),  # forgotten today
        Review("not_in_deck", 3, NOW),
    ]
    stats = card_stats(deck, reviews, NOW)
    assert stats.total == len(deck) and stats.new == len(deck) - 2
    assert stats.reviewed == 1 and stats.reviews == 4
    assert stats.streak == 3  # two days ago, yesterday, today
    assert stats.due >= 1  # b, forgotten, is due within minutes
    assert stats.retention is not None and 0 < stats.retention <= 1
    assert set(stats.to_json()) >= {"total", "due", "new", "reviewed"}


def test_a_problem_solved_days_ago_comes_back_due() -> None:
    """FSRS over the runs: solved ten days ago is due now, not the day after; re-solved moves it out."""
    solved = [Attempt("softmax", "h", "WA", 1, 14, True, NOW - 10 * DAY_S), Attempt("softmax", "h", "AC", 14, 14, True, NOW - 10 * DAY_S + 60)]
    assert due_problems(solved, NOW) == {"softmax"}
    assert due_problems(solved, NOW - 9.5 * DAY_S) == set()
    attempted = [Attempt("adam", "h", "WA", 1, 12, True, NOW - 20 * DAY_S)]
    samples_only = [Attempt("sigmoid", "h", "AC", 3, 3, False, NOW - 20 * DAY_S)]
    assert due_problems(attempted + samples_only, NOW) == set()
    again = [*solved, Attempt("softmax", "h", "AC", 14, 14, True, NOW - 60)]
    assert due_problems(again, NOW) == set()


def test_cards_on_a_pipe_records_reviews_and_stats_json(tmp_path: Path) -> None:
    """`judge cards` on a pipe reads lines: Enter shows the answer, a number rates; stats --json counts."""
    home = tmp_path / "home"
    shown = judge(home, "cards", "--tag", "rnn", "--new", "2", "--lang", "en", stdin="\n4\n\n4\n")
    assert shown.returncode == 0, shown.stderr
    assert "press Enter to see the answer" in shown.stdout and "Answer" in shown.stdout
    assert "2 cards reviewed" in shown.stdout
    stats = json.loads(judge(home, "cards", "stats", "--json", "--tag", "rnn").stdout)
    assert stats["reviewed"] == 2 and stats["new"] == stats["total"] - 2 and stats["due"] == 0
    again = judge(home, "cards", "--tag", "rnn", "--new", "2", "--lang", "zh")
    assert "现在没有到期的卡片" in again.stdout
    zh = judge(home, "cards", "stats", "--lang", "zh")
    assert "今天已复习" in zh.stdout


def test_broken_course_deck_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """--cards with an invalid file: one line on stderr naming file and key, exit code 2."""
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "mine.yaml").write_text(GOOD_CARD.replace("chapter: normalization", "chapter: norms"), encoding="utf-8")
    result = judge(tmp_path / "home", "cards", "--cards", str(deck))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "mine.yaml: cards[0].chapter: 'norms' is not a chapter" in result.stderr
    assert "Traceback" not in result.stderr
    (deck / "mine.yaml").write_text(GOOD_CARD, encoding="utf-8")
    ok = judge(tmp_path / "home", "cards", "--cards", str(deck), stdin="\n3\n")
    assert ok.returncode == 0 and "BN vs LN?" in ok.stdout


def test_corrupt_database_warns_and_cards_still_run(tmp_path: Path) -> None:
    """A corrupt progress database: the drill still runs, with one warning, and no traceback."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    result = judge(home, "cards", "--tag", "rnn", "--new", "1", stdin="\n3\n")
    assert result.returncode == 0, result.stderr
    assert "corrupt" in result.stderr and "Traceback" not in result.stderr
    stats = judge(home, "cards", "stats", "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["reviewed"] == 0


def test_list_due_marks_solved_problems_due_again(tmp_path: Path) -> None:
    """`judge list --due` lists only solved problems whose review has come; --json carries `due`."""
    home = tmp_path / "home"
    store = Progress(home / "progress.sqlite3")
    store.record(Attempt("softmax", "h", "AC", 14, 14, True, NOW - 400 * DAY_S))
    store.record(Attempt("sigmoid", "h", "AC", 16, 16, True, 4e9))  # solved "later": not due yet
    due = judge(home, "list", "--due", "--lang", "en")
    assert due.returncode == 0, due.stderr
    assert "softmax" in due.stdout and "sigmoid" not in due.stdout
    assert "1 solved problem is due again" in due.stdout
    listing = {p["id"]: p["due"] for p in json.loads(judge(home, "list", "--json").stdout)}
    assert listing["softmax"] is True and listing["sigmoid"] is False and listing["adam"] is False


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux; .ci/run installs it)")
@pytest.mark.parametrize(("lang", "show", "answer", "done"), [("en", "press any key", "Answer", "1 card reviewed"), ("zh", "按任意键查看答案", "答案", "本次复习 1 张")])
def test_cards_in_a_real_terminal_take_single_keys(tmp_path: Path, lang: str, show: str, answer: str, done: str) -> None:
    """In tmux with NO_COLOR: a key (no Enter) shows the answer, 4 (easy) rates it, the session ends."""
    from test_watch import tmux, wait_for

    session = f"dl-judge-cards-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {ROOT} && NO_COLOR=1 JUDGE_HOME={tmp_path / 'home'} {sys.executable} -m judge "
        f"cards --tag rnn --new 1 --lang {lang}; echo EXIT=$?; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", command)
    try:
        wait_for(session, show)
        tmux("send-keys", "-t", session, "x")
        wait_for(session, answer)
        tmux("send-keys", "-t", session, "4")
        shown = wait_for(session, "EXIT=")
        assert done in shown and "EXIT=0" in shown and "Traceback" not in shown
        coloured = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7])(?:;[0-9;]*)?m")  # bold or dim stay
        assert not coloured.search(tmux("capture-pane", "-p", "-e", "-t", session)), "NO_COLOR is ignored"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
