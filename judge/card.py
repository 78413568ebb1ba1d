"""Concept cards: the deck (YAML validated as strictly as problems) and its FSRS schedule.

The schedule is never stored: it is replayed with the `fsrs` library from the review log (cards) and
from the recorded runs (problems), so the log is the one source of truth and a changed deck cannot
leave stale state behind. Nothing here prints or reads a terminal; the drill loop gets its I/O passed in.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from judge.error import JudgeError
from judge.problem import _ID, CHAPTERS, Text, _Reader, load_yaml
from judge.progress import Attempt, Progress, Review

if TYPE_CHECKING:
    import fsrs

FORMAT_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parent
DAY_S = 86400.0
# A card rated within the session that falls due again this soon is shown again before the end,
# as Anki's "learn ahead" does: a learning step of 1 or 10 minutes is not a reason to stop.
LEARN_AHEAD = timedelta(minutes=20)
RATINGS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}  # keys -> fsrs.Rating
QUIT = frozenset({"q", "\x1b", "\x04"})


@dataclass(frozen=True)
class Card:
    """One question a candidate is asked between two coding tasks, with a concise answer."""

    id: str
    chapter: str
    source: str
    question: Text
    answer: Text


_CARD_KEYS = ("id", "chapter", "source", "question", "answer")


def bundled_deck_dir() -> Path:
    """The deck shipped with dl-judge: inside the package (wheel) or the source checkout."""
    installed = PACKAGE_DIR / "deck"
    if installed.is_dir() and any(installed.glob("*.yaml")):
        return installed
    return PACKAGE_DIR.parent / "deck"


def parse_deck(data: bytes, path: Path | str) -> tuple[Card, ...]:
    """Parse and validate one deck file: `format_version: 1` and a non-empty list `cards`."""
    r = _Reader(path)
    raw = r.mapping(load_yaml(data, path), "", ("format_version", "cards"))
    if raw["format_version"] != FORMAT_VERSION:
        raise r.fail("format_version", f"must be {FORMAT_VERSION}, got {raw['format_version']!r}")
    if not isinstance(raw["cards"], list) or not raw["cards"]:
        raise r.fail("cards", "expected a non-empty list of cards (id, chapter, source, question, answer)")
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for i, value in enumerate(raw["cards"]):
        where = f"cards[{i}]"
        entry: dict[str, Any] = r.mapping(value, where, _CARD_KEYS)
        card_id = r.string(entry["id"], f"{where}.id")
        if not _ID.match(card_id):
            raise r.fail(f"{where}.id", f"'{card_id}' is not snake_case (lowercase letters, digits, _)")
        if card_id in seen:
            raise r.fail(f"{where}.id", f"duplicate card id '{card_id}' (also cards[{seen[card_id]}])")
        seen[card_id] = i
        chapter = r.string(entry["chapter"], f"{where}.chapter")
        if chapter not in CHAPTERS:
            raise r.fail(f"{where}.chapter", f"'{chapter}' is not a chapter: {', '.join(CHAPTERS)}")
        cards.append(
            Card(
                id=card_id,
                chapter=chapter,
                source=r.string(entry["source"], f"{where}.source"),
                question=r.text(entry["question"], f"{where}.question"),
                answer=r.text(entry["answer"], f"{where}.answer"),
            )
        )
    return tuple(cards)


def load_deck(folder: Path) -> tuple[Card, ...]:
    """Every card of the `*.yaml` files of `folder`, in file then list order; ids unique across files."""
    if not folder.is_dir():
        raise JudgeError.say("cards.no_folder", folder=folder)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise JudgeError.say("cards.empty_folder", folder=folder)
    cards: list[Card] = []
    where: dict[str, Path] = {}
    for file in files:
        for card in parse_deck(file.read_bytes(), file):
            if card.id in where:
                raise JudgeError.say("cards.duplicate", id=card.id, file=file, other=where[card.id])
            where[card.id] = file
            cards.append(card)
    return tuple(cards)


def chosen_deck(folder: Path | None, tag: str | None) -> tuple[Card, ...]:
    """The cards of a chapter (all with no tag) from the deck in `folder`, else the bundled deck."""
    return select(load_deck(folder if folder is not None else bundled_deck_dir()), tag)


def select(deck: Sequence[Card], tag: str | None) -> tuple[Card, ...]:
    """The cards of one chapter (all with no tag); an unknown chapter is an error, not an empty deck."""
    if tag is None:
        return tuple(deck)
    chosen = tuple(c for c in deck if c.chapter == tag)
    if not chosen:
        chapters = sorted({c.chapter for c in deck})
        raise JudgeError.say("cards.unknown_tag", tag=tag, chapters=", ".join(chapters))
    return chosen


def moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, timezone.utc)


def card_scheduler() -> fsrs.Scheduler:
    """FSRS with its default weights and learning steps; no fuzz, so that a schedule is reproducible."""
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)


def problem_scheduler() -> fsrs.Scheduler:
    """For problems: a solve is a day-scale event, so no minute-long learning steps."""
    import fsrs

    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


@dataclass(frozen=True)
class Memory:
    """What the replayed log says about one card: its FSRS state and how its recalls went."""

    state: fsrs.Card
    reviews: int
    recalls: int  # reviews of a card already learned (Review state) not rated again
    lapses: int  # reviews of a card already learned rated again


def replay(reviews: Iterable[Review], scheduler: fsrs.Scheduler | None = None) -> dict[str, Memory]:
    """Each reviewed card's FSRS state after its ratings, in the order they were given."""
    import fsrs

    active = scheduler or card_scheduler()
    memories: dict[str, Memory] = {}
    for review in reviews:
        before = memories.get(review.card)
        state = before.state if before else fsrs.Card(card_id=1, due=moment(review.at))
        learned = state.state is fsrs.State.Review
        after, _ = active.review_card(state, fsrs.Rating(review.rating), moment(review.at))
        again = review.rating == fsrs.Rating.Again
        memories[review.card] = Memory(
            after,
            (before.reviews if before else 0) + 1,
            (before.recalls if before else 0) + (learned and not again),
            (before.lapses if before else 0) + (learned and again),
        )
    return memories


def utc_day(at: float) -> int:
    return int(at // DAY_S)


def due_queue(deck: Sequence[Card], reviews: Sequence[Review], now: float, new_per_day: int) -> list[Card]:
    """The cards to drill now: those due (oldest due first), then up to today's allowance of new ones."""
    memories = replay(reviews)
    now_dt = moment(now)
    due = sorted(
        (c for c in deck if c.id in memories and memories[c.id].state.due <= now_dt),
        key=lambda c: memories[c.id].state.due,
    )
    first_seen: dict[str, float] = {}
    for review in reviews:
        first_seen.setdefault(review.card, review.at)
    started_today = sum(1 for at in first_seen.values() if utc_day(at) == utc_day(now))
    fresh = [c for c in deck if c.id not in memories][: max(0, new_per_day - started_today)]
    return [*due, *fresh]


@dataclass(frozen=True)
class CardStats:
    total: int
    due: int  # reviewed cards due by the end of today (UTC)
    new: int  # never reviewed
    reviewed: int  # ratings given today
    reviews: int  # ratings ever given
    retention: float | None  # of learned cards asked again, the share recalled (None before any)
    streak: int  # consecutive days with a review, up to today (or yesterday, when not yet today)

    def to_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "due": self.due,
            "new": self.new,
            "reviewed": self.reviewed,
            "reviews": self.reviews,
            "retention": self.retention,
            "streak": self.streak,
        }


def card_stats(deck: Sequence[Card], reviews: Sequence[Review], now: float) -> CardStats:
    ids = {c.id for c in deck}
    mine = [r for r in reviews if r.card in ids]
    memories = replay(mine)
    end_of_day = moment((utc_day(now) + 1) * DAY_S)
    asked = sum(m.recalls + m.lapses for m in memories.values())
    days = {utc_day(r.at) for r in mine}
    today = utc_day(now)
    start = today if today in days else today - 1
    streak = sum(1 for _ in itertools.takewhile(lambda d: d in days, itertools.count(start, -1)))
    return CardStats(
        total=len(deck),
        due=sum(1 for m in memories.values() if m.state.due < end_of_day),
        new=len(ids - memories.keys()),
        reviewed=sum(1 for r in mine if utc_day(r.at) == today),
        reviews=len(mine),
        retention=sum(m.recalls for m in memories.values()) / asked if asked else None,
        streak=streak,
    )


def due_problems(attempts: Sequence[Attempt], now: float) -> set[str]:
    """Solved problems whose FSRS review has come: time to solve them again before forgetting.

    Each day (UTC) with full runs of a solved problem at or after its due time is one review: good
    when the day's first run is accepted, hard when a later one is, again when none is. The first day
    it is solved starts its schedule; runs before it is due leave the schedule alone."""
    import fsrs

    scheduler = problem_scheduler()
    due: set[str] = set()
    runs = sorted((a for a in attempts if a.full_run), key=lambda a: (a.problem, a.at))
    for problem, its_runs in itertools.groupby(runs, key=lambda a: a.problem):
        state: fsrs.Card | None = None
        for _, day_runs in itertools.groupby(its_runs, key=lambda a: utc_day(a.at)):
            counted = [a for a in day_runs if state is None or moment(a.at) >= state.due]
            accepted = [a for a in counted if a.verdict == "AC"]
            if not counted or (state is None and not accepted):
                continue
            rating = fsrs.Rating.Good if counted[0].verdict == "AC" else fsrs.Rating.Hard
            if not accepted:
                rating = fsrs.Rating.Again
            at = (accepted or counted)[0].at
            state, _ = scheduler.review_card(
                state or fsrs.Card(card_id=1, due=moment(at)), rating, moment(at)
            )
        if state is not None and state.due <= moment(now):
            due.add(problem)
    return due


@dataclass(frozen=True)
class Face:
    """What the drill shows: a card, whether its answer is visible, and where the session stands."""

    card: Card
    answer_shown: bool
    done: int
    left: int


def drill(
    queue: Sequence[Card],
    reviews: Sequence[Review],
    read: Callable[[], str | None],
    draw: Callable[[Face], None],
    record: Callable[[Review], None],
    now: Callable[[], float],
) -> int:
    """Show each card, then on any key its answer, then take a rating (1-4 or a/h/g/e); q or the end
    of input stops. A card that falls due again within LEARN_AHEAD is asked again. Returns the count
    of ratings given."""
    import fsrs

    scheduler = card_scheduler()
    states = {card_id: memory.state for card_id, memory in replay(reviews, scheduler).items()}
    pending = list(queue)
    done = 0
    while pending:
        card = pending.pop(0)
        draw(Face(card, False, done, len(pending) + 1))
        key = read()
        if key is None or key.lower() in QUIT:
            break
        draw(Face(card, True, done, len(pending) + 1))
        while (key := read()) is not None and key.lower() not in QUIT and key.lower() not in RATINGS:
            draw(Face(card, True, done, len(pending) + 1))
        if key is None or key.lower() in QUIT:
            break
        at = now()
        rating = RATINGS[key.lower()]
        record(Review(card.id, rating, at))
        state = states.get(card.id) or fsrs.Card(card_id=1, due=moment(at))
        states[card.id], _ = scheduler.review_card(state, fsrs.Rating(rating), moment(at))
        done += 1
        if states[card.id].due <= moment(at) + LEARN_AHEAD:
            pending.append(card)
    return done


@dataclass(frozen=True)
class Drilled:
    """A drill of the due cards: how many ratings it took (None: stopped by Ctrl-C), and the deck's
    stats after it."""

    done: int | None
    after: CardStats


def drill_due(
    deck: Sequence[Card],
    progress: Progress,
    new_per_day: int,
    read: Callable[[], str | None],
    draw: Callable[[Face], None],
    now: Callable[[], float],
    warn: Callable[[str], None],
) -> Drilled | None:
    """`judge cards`: drill the cards due now (and up to `new_per_day` new ones), recording each
    rating; None when none is due. A store that cannot save a rating warns once, after the drill."""
    reviews, warning = progress.reviews()
    if warning is not None:
        warn(warning)
    queue = due_queue(deck, reviews, now(), new_per_day)
    if not queue:
        return None
    problems: set[str] = set()

    def record(review: Review) -> None:
        if (problem := progress.record_review(review)) is not None:
            problems.add(problem)

    done: int | None
    try:
        done = drill(queue, reviews, read, draw, record, now)
    except KeyboardInterrupt:
        done = None
    for text in sorted(problems):
        warn(text)
    return Drilled(done, card_stats(deck, progress.reviews()[0], now()))
