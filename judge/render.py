"""Everything a person reads, drawn with rich on an injected Console.

User program output is data: it is shown through `untrusted()` (control characters escaped, never
parsed as markup), so a solution cannot restyle or rewrite the terminal.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from judge.answer import harness_of
from judge.latex import readable_math
from judge.messages import describe_difference, say
from judge.problem import CHAPTERS, Problem
from judge.report import CaseResult, Report, Skip, Verdict

if TYPE_CHECKING:  # imported where used: `judge run` starts faster without them
    from rich.markdown import Markdown

    from judge.bank import Check
    from judge.card import CardStats, Face
    from judge.doctor import Fact
    from judge.grading import Graded
    from judge.mock import Outcome
    from judge.practice import Custom
    from judge.progress import MockSession, MockSubmission
    from judge.watch import Screen

# Control characters (escape sequences start with one), and the marks that reorder or hide text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_STYLE = {
    Verdict.AC: "bold green",
    Verdict.WA: "bold red",
    Verdict.RTE: "bold magenta",
    Verdict.TLE: "bold yellow",
    Verdict.MLE: "bold yellow",
    Verdict.OLE: "bold yellow",
    Verdict.CE: "bold red",
    Verdict.IE: "bold red",
}
MAX_SHOWN_CHARS = 1500
MAX_TABLE_ROWS = 24  # a longer report table folds its runs of accepted cases (and of cases not run)

MAX_STDERR_LINES = 8  # the tail of a program's stderr shown under a failing case


def untrusted(text: str, limit: int = MAX_SHOWN_CHARS) -> Text:
    """User output as inert text: control characters (escape sequences included) shown escaped."""
    shown = text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"
    shown = _CONTROL.sub(lambda m: repr(m.group())[1:-1], shown)
    return Text(shown)


def verdict_text(verdict: Verdict) -> Text:
    return Text(verdict.value, style=_STYLE[verdict])


def render_list(
    console: Console,
    problems: Sequence[Problem],
    statuses: dict[str, str],
    lang: str,
    due: frozenset[str] = frozenset(),
) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("")
    for column in ("id", "title", "difficulty", "tags"):
        table.add_column(say(lang, f"head.{column}"))
    marks = {"solved": Text("✓", style="green"), "attempted": Text("✗", style="red")}
    for problem in problems:
        mark = Text("↻", style="yellow") if problem.id in due else None  # solved, and time to solve again
        table.add_row(
            mark or marks.get(statuses.get(problem.id, "new"), Text(" ")),
            problem.id,
            problem.title.get(lang),
            say(lang, f"difficulty.{problem.difficulty.value}"),
            ", ".join(problem.tags),
        )
    console.print(table)
    solved = sum(1 for p in problems if statuses.get(p.id) == "solved")
    console.print(Text(say(lang, "list.summary", n=len(problems), solved=solved)))
    if due:
        console.print(Text(say(lang, "list.due", n=len(due)), style="yellow"))


@functools.cache
def _statement_markdown_class() -> type[Markdown]:
    """Markdown whose code blocks have no blank padding lines (the blank line around them is enough);
    built on first use: markdown-it is slow to import, and `judge run` shows no statement."""
    from rich.markdown import CodeBlock, Markdown, MarkdownElement

    class TightCodeBlock(CodeBlock):
        def __rich_console__(self, console: Console, options: Any) -> Any:
            yield Syntax(
                str(self.text).rstrip(), self.lexer_name, theme=self.theme, word_wrap=True, padding=(0, 2)
            )

    class StatementMarkdown(Markdown):
        elements: ClassVar[dict[str, type[MarkdownElement]]] = {
            **Markdown.elements,
            "fence": TightCodeBlock,
            "code_block": TightCodeBlock,
        }

    return StatementMarkdown


def statement_markdown(text: str) -> Markdown:
    """A text of the bank (statement, format, hint, diagnosis) as Markdown, its LaTeX as Unicode."""
    return _statement_markdown_class()(readable_math(text))


def render_show(console: Console, problem: Problem, lang: str) -> None:
    console.print(Text(f"{problem.title.get(lang)}  ({problem.id})", style="bold"))
    meta = (
        f"{say(lang, f'difficulty.{problem.difficulty.value}')} · {', '.join(problem.tags)} · "
        f"{say(lang, 'limits')}{_colon(lang)}{problem.time_limit_s:g} s, {problem.memory_limit_mb} MB, "
        f"abs_tol {problem.tolerance.abs_tol:g}"
    )
    console.print(Text(meta, style="dim"))
    console.print(Text(problem.source, style="dim italic"))
    console.print()
    console.print(statement_markdown(problem.statement.get(lang)))
    console.print()
    console.print(Text(say(lang, "input"), style="bold"))
    console.print(statement_markdown(problem.input_format.get(lang)))
    console.print(Text(say(lang, "output"), style="bold"))
    console.print(statement_markdown(problem.output_format.get(lang)))
    if problem.entry is not None:  # a problem without an entry is answered by a whole program only
        signature = harness_of(problem.template, problem.entry).signature
        console.print(Text(say(lang, "show.answer"), style="bold"))
        console.print(statement_markdown(say(lang, "show.answer_modes", id=problem.id, signature=signature)))
    for i, case in enumerate(problem.samples, 1):
        console.print()
        for text, label in ((case.stdin, say(lang, "input")), (case.stdout, say(lang, "output"))):
            title = f"{say(lang, 'sample')} {i} · {label}"
            console.print(Panel(Text(text.rstrip("\n")), title=title, title_align="left", expand=False))


def render_hints(console: Console, problem: Problem, level: int, lang: str) -> None:
    shown = problem.hints[:level]
    for i, hint in enumerate(shown, 1):
        console.print(Text(say(lang, "hint.title", i=i, n=len(problem.hints)), style="bold cyan"))
        console.print(statement_markdown(hint.get(lang)))
        console.print()
    if level < len(problem.hints):
        console.print(Text(say(lang, "hint.more", id=problem.id, n=level + 1), style="dim"))
    else:
        console.print(Text(say(lang, "hint.last", id=problem.id), style="dim"))


def _colon(lang: str) -> str:
    """A colon after a label: ": " in English, a full-width "：" in Chinese."""
    return say(lang, "colon")


def _heading(lang: str, key: str, gap: bool = False) -> Text:
    """A bold label that ends in a colon (full-width in Chinese), after a blank line with `gap`."""
    before = "\n" if gap else ""
    return Text(f"{before}{say(lang, key)}{_colon(lang).rstrip()}", style="bold")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _table_runs(report: Report, fold: bool) -> list[tuple[int, int, list[CaseResult]]]:
    """The rows of a report's table: (first case number, last, its results). Each case has its own
    row, but with `fold`, runs of accepted cases and of cases not run share one (their worst time
    and memory shown); failures always have their own."""
    rows: list[tuple[int, int, list[CaseResult]]] = []
    kinds: list[str | None] = []  # each row's: "AC", "not run", or None (a failure: never shared)
    for number in range(1, len(report.results) + len(report.skipped) + 1):
        result = report.results[number - 1] if number <= len(report.results) else None
        kind = "not run" if result is None else "AC" if result.verdict is Verdict.AC else None
        results = [result] if result is not None else []
        if fold and kind is not None and kinds and kinds[-1] == kind:
            rows[-1] = (rows[-1][0], number, rows[-1][2] + results)
        else:
            rows.append((number, number, results))
            kinds.append(kind)
    return rows


def case_message(result: CaseResult, lang: str, advice: bool = True) -> str:
    """What a case's result says, in `lang` where the judge wrote it (a program's words stay as they
    are); `advice` adds what to do about it where the judge knows (too long for a table row)."""
    if result.comparison is not None and not result.comparison.ok:
        return describe_difference(result.comparison, lang, advice)
    if result.reason is not None:
        return result.reason.text(lang)
    return result.message


def verdict_name(verdict: Verdict, lang: str) -> str:
    return say(lang, f"verdict.{verdict.value}")


def _results_table(report: Report, lang: str, show_timing: bool = True) -> Table:
    """The per-case table: a row per case (runs folded in a long report), skipped cases included."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column(say(lang, "head.case"))
    table.add_column(say(lang, "head.verdict"))
    if show_timing:
        table.add_column(say(lang, "head.time"), justify="right")
        table.add_column(say(lang, "head.memory"), justify="right")
    table.add_column(say(lang, "head.message"), overflow="fold")
    fold = report.total > MAX_TABLE_ROWS
    for first, last, results in _table_runs(report, fold):
        span = str(first) if first == last else f"{first}–{last}"
        if not results:  # cases not run: after a failure with --fail-fast, or after a TLE
            skipped = report.skipped[first - 1 - len(report.results)]
            name = skipped.name if first == last else say(lang, "cases", n=last - first + 1)
            row: list[Any] = [span, name, Text("—")]
            row += ["", ""] if show_timing else []
            table.add_row(*row, Text(_skip_reason(report, lang), style="dim"))
            continue
        table.add_row(*_result_cells(span, results, lang, show_timing))
    return table


def _result_cells(span: str, results: list[CaseResult], lang: str, show_timing: bool) -> list[Any]:
    """A row's cells: one result, or a folded run of accepted ones (their worst time and memory)."""
    if len(results) == 1:
        result = results[0]
        name = result.case.name + (f" {say(lang, 'sample_mark')}" if result.case.sample else "")
        message = case_message(result, lang, advice=False)
        message_text = untrusted(message.splitlines()[0] if message else "", 120)
    else:
        name, message_text = say(lang, "cases", n=len(results)), Text("")
    row: list[Any] = [span, name, verdict_text(results[0].verdict)]
    if show_timing:
        row += [_ms(max(r.time_s for r in results)), f"{max(r.memory_mb for r in results):.0f} MB"]
    return [*row, message_text]


def _skip_reason(report: Report, lang: str) -> str:
    return say(lang, "skipped_tle" if report.skip is Skip.AFTER_TLE else "not_run")


def render_report(
    console: Console,
    report: Report,
    lang: str,
    show_timing: bool = True,
    watching: bool = False,
    table: bool = True,
) -> None:
    """A run's table, its first failure, a diagnosis, the summary and the next step (`watching`:
    the next step is a key of `judge watch`, not a command). Without `table` the rows were shown
    already (plain lines, as cases finished), and only the skipped cases are named here."""
    if table:
        console.print(_results_table(report, lang, show_timing))
    elif report.skipped:
        first, last = len(report.results) + 1, report.total
        span = str(first) if first == last else f"{first}–{last}"
        console.print(Text(f"{span}{_colon(lang)}{_skip_reason(report, lang)}", style="dim"))
    console.print()
    failure = report.first_failure
    if failure is not None:
        render_failure(console, failure, lang)
    if report.diagnosis is not None:
        console.print(
            Panel(
                statement_markdown(report.diagnosis.message),
                title=say(lang, "diagnosis"),
                title_align="left",
                border_style="yellow",
            )
        )
    summary = Text()
    summary.append(report.verdict.value, style=_STYLE[report.verdict])
    passed = say(lang, "summary.passed", passed=report.passed, n=report.total)
    summary.append(f" {verdict_name(report.verdict, lang)} · {passed}")
    if report.skipped:
        summary.append(" · " + say(lang, "summary.skipped", n=len(report.skipped)))
    if show_timing and report.results:
        longest = _ms(max(r.time_s for r in report.results))
        peak = f"{max(r.memory_mb for r in report.results):.0f} MB"
        summary.append(f" · {say(lang, 'summary.max_time', time=longest)}")
        summary.append(f" · {say(lang, 'summary.peak_memory', memory=peak)}")
    console.print(summary)
    accepted = report.verdict is Verdict.AC
    if watching:
        next_step = say(lang, "next.watch_ac" if accepted else "next.watch_fail")
    else:
        next_step = say(lang, "next.ac") if accepted else say(lang, "next.fail", id=report.problem.id)
    console.print(Text(next_step, style="dim"))


def stderr_tail(stderr: str) -> str | None:
    """The last lines a program wrote to stderr (its debug output), or None when it wrote none."""
    lines = stderr.strip().splitlines()
    return "\n".join(lines[-MAX_STDERR_LINES:]) if lines else None


def render_failure(console: Console, result: CaseResult, lang: str) -> None:
    verdict = result.verdict
    case = f"{result.case.name} · {verdict.value} {verdict_name(verdict, lang)}"
    title = f"{say(lang, 'first_failure')}{_colon(lang)}{case}"
    parts: list[Any] = [untrusted(case_message(result, lang))]
    parts.append(_heading(lang, "input", gap=True))
    parts.append(untrusted(result.case.stdin.rstrip("\n")))
    if verdict in (Verdict.WA, Verdict.OLE):
        parts.append(_heading(lang, "expected", gap=True))
        parts.append(untrusted(result.case.stdout.rstrip("\n")))
        parts.append(_heading(lang, "actual", gap=True))
        parts.append(highlight_difference(result, lang))
    error = result.execution.error
    if verdict is Verdict.RTE and error is not None and error.traceback:
        parts.append(_heading(lang, "traceback", gap=True))
        parts.append(untrusted("\n".join([*error.traceback, error.message])))
    elif (tail := stderr_tail(result.execution.stderr)) is not None:
        parts.append(_heading(lang, "stderr", gap=True))
        parts.append(untrusted(tail))
    console.print(
        Panel(
            Group(*parts),
            title=title,
            title_align="left",
            border_style=_STYLE[verdict].split()[-1],
        )
    )


def highlight_difference(result: CaseResult, lang: str = "en") -> Text:
    """The user's output with the first differing value marked (where the checker found it)."""
    actual = result.execution.stdout
    shown = untrusted(actual.rstrip("\n") or say(lang, "empty_output"))
    comparison = result.comparison
    if comparison is None or comparison.span is None or len(actual) > MAX_SHOWN_CHARS:
        return shown
    # The span counts characters of the output as printed; escaping a control character moves them.
    if not _CONTROL.search(actual):
        shown.stylize("bold reverse red", *comparison.span)
    return shown


def render_checks(console: Console, checks: Sequence[Check]) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("problem")
    table.add_column("subject")
    table.add_column("expected")
    table.add_column("got")
    table.add_column("")
    table.add_column("detail", overflow="fold")
    for check in checks:
        if check.ok:
            continue
        table.add_row(
            check.problem,
            check.subject,
            check.expected,
            check.got,
            Text("✗", style="red"),
            untrusted(check.detail, 200),
        )
    failed = [c for c in checks if not c.ok]
    if failed:
        console.print(table)
    problems = len({c.problem for c in checks})
    status = Text("✓ " if not failed else "✗ ", style="green" if not failed else "red")
    status.append(f"{len(checks) - len(failed)}/{len(checks)} checks passed over {problems} problems")
    console.print(status)


def render_doctor(console: Console, facts: Sequence[Fact], lang: str) -> None:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("")
    table.add_column("")
    table.add_column("", overflow="fold")
    for fact in facts:
        mark = Text("✓", style="green") if fact.ok else Text("✗", style="red")
        table.add_row(mark, say(lang, f"doctor.{fact.name}"), fact.detail)
    console.print(table)


def render_custom(console: Console, tried: Custom, lang: str) -> None:
    """A custom input: the user's output beside the reference's, whether they agree, and the tail
    of the user's stderr."""
    mine = tried.mine
    console.print(_heading(lang, "input"))
    console.print(untrusted(mine.case.stdin.rstrip("\n")))
    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=False)
    table.add_column(say(lang, "actual"))
    table.add_column(say(lang, "reference"))
    table.add_row(
        untrusted(mine.execution.stdout.rstrip("\n") or case_message(mine, lang)),
        untrusted(tried.reference.stdout.rstrip("\n")),
    )
    console.print(table)
    tail = stderr_tail(mine.execution.stderr)
    if tail is not None and not (mine.execution.error and mine.execution.error.traceback):
        console.print(_heading(lang, "stderr"))
        console.print(untrusted(tail))
    if not tried.reference_ok:
        console.print(Text(say(lang, "custom.reference_failed"), style="yellow"))
    summary = Text()
    summary.append(mine.verdict.value, style=_STYLE[mine.verdict])
    summary.append(" ")
    if tried.agreement.ok:
        summary.append(Text(say(lang, "custom.same")))
    else:
        message = case_message(mine, lang) if mine.message else describe_difference(tried.agreement, lang)
        summary.append(untrusted(message, 300))
    console.print(summary)


def render_stats(console: Console, stats: Any, lang: str) -> None:
    head = say(
        lang, "stats.head", solved=stats.solved, total=stats.total, attempted=stats.attempted, runs=stats.runs
    )
    console.print(Text(head, style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(say(lang, "stats.chapter"))
    table.add_column(say(lang, "stats.solved"), justify="right")
    for tag in CHAPTERS:  # the documents' chapters, in their order; finer tags are for `list --tag`
        if tag in stats.by_tag:
            solved, count = stats.by_tag[tag]
            table.add_row(say(lang, f"chapter.{tag}"), f"{solved}/{count}")
    for level in ("easy", "medium", "hard"):
        if level in stats.by_difficulty:
            solved, count = stats.by_difficulty[level]
            table.add_row(Text(say(lang, f"difficulty.{level}"), style="italic"), f"{solved}/{count}")
    console.print(table)
    console.print(Text(f"{say(lang, 'stats.first_try')}{_colon(lang)}" + (", ".join(stats.first_try) or "—")))
    if stats.recent:
        console.print(Text(say(lang, "stats.recent"), style="bold"))
        import datetime

        for a in stats.recent:
            when = datetime.datetime.fromtimestamp(a.at).strftime("%Y-%m-%d %H:%M")
            console.print(Text(f"  {when}  {a.problem:<22} {a.verdict:<4} {a.passed}/{a.total}"))


class GradeProgress:
    """Progress of `judge grade`: a live bar with counts by verdict on a terminal, plain lines in CI.

    Every line is one line whatever a submission holds: its name and messages arrive inert (see
    `grading.inert`), and lines are never wrapped, so no text of a submission starts a line of the log.
    """

    def __init__(self, console: Console, total: int, isolation: str, live: bool) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.console = console
        self.total = total
        self.isolation = isolation
        self.counts: dict[str, int] = {}
        self.done = 0
        self.bar = (
            Progress(
                TextColumn("grading"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=console,
                transient=True,
            )
            if live
            else None
        )
        self.task = self.bar.add_task("", total=total) if self.bar else None

    def __enter__(self) -> GradeProgress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def _line(self, text: Text) -> None:
        self.console.print(text, soft_wrap=True, markup=False, highlight=False, emoji=False)

    def advance(self, result: Graded) -> None:
        self.done += 1
        verdict = result.verdict.value
        self.counts[verdict] = self.counts.get(verdict, 0) + 1
        counts = " ".join(f"{v} {n}" for v, n in sorted(self.counts.items()))
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, description=counts)
        else:
            mark = "ok" if result.ok else "MISMATCH"
            expected = result.submission.expected.value
            self._line(
                Text(f"[{self.done}/{self.total}] {result.path}: {verdict} (expected {expected}) {mark}")
            )

    def summary(self, results: Sequence[Graded]) -> None:
        from judge.grading import ISOLATION

        ok = sum(r.ok for r in results)
        for r in results:
            if not r.ok:
                line = Text("✗ ", style="red")
                line.append(f"{r.path}: {r.mismatch[:300]}")
                self._line(line)
        counts = " · ".join(f"{v} {n}" for v, n in sorted(self.counts.items()))
        style = "green" if ok == len(results) else "red"
        head = f"{ok}/{len(results)} submissions got their expected verdict · {counts}"
        self._line(Text(f"{head} · isolation: {ISOLATION.get(self.isolation, self.isolation)}", style=style))


def render_watch(console: Console, problem: Problem, file: Path, screen: Screen, lang: str) -> None:
    """`judge watch`'s whole screen: the last report, the hints asked for, the keys."""
    console.clear()
    if screen.report is None:
        console.print(say(lang, "watch.waiting", file=file), markup=False)
    else:
        render_report(console, screen.report, lang, watching=True)
    if screen.hints_shown:
        console.print()
        render_hints(console, problem, screen.hints_shown, lang)
    console.print()
    console.print(Text(say(lang, "watch.footer", file=file), style="dim"))


class CaseProgress:
    """The rows of `judge run` as its cases finish, so a long run never shows a blank screen.

    On a terminal: a live table with the running case's number and time (transient: the report
    replaces it). Elsewhere: one plain line per case as it finishes (the report then leaves its table
    out). Quiet (for --json): it only counts, for the line an interruption prints.
    """

    def __init__(
        self, console: Console, problem: Problem, total: int, lang: str, quiet: bool = False
    ) -> None:
        self.console = console
        self.problem = problem
        self.total = total
        self.lang = lang
        self.mode: Literal["live", "plain", "quiet"] = (
            "quiet" if quiet else "live" if console.is_terminal else "plain"
        )
        self.results: list[CaseResult] = []
        self.clock = time.monotonic
        self.since = self.clock()
        self.live: Any = None
        self.interrupted = False

    @property
    def done(self) -> int:
        return len(self.results)

    @property
    def plain(self) -> bool:
        """Rows were printed as plain lines: the report need not show its table again."""
        return self.mode == "plain"

    def __enter__(self) -> CaseProgress:
        if self.mode == "live":
            from rich.live import Live

            self.live = Live(self, console=self.console, transient=True, refresh_per_second=4)
            self.live.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self.live is not None:
            if kind is not None and issubclass(kind, KeyboardInterrupt):
                # No report will replace the rows: they stay on the screen, without the running line.
                self.interrupted = True
                self.live.transient = False
                self.live.refresh()
            self.live.stop()

    def __rich__(self) -> Group:
        """What the live display shows at each refresh: the rows so far, then the running case."""
        shown = Report(self.problem, "", tuple(self.results), total=self.done)
        parts: list[Any] = [_results_table(shown, self.lang)] if self.results else []
        if self.done < self.total and not self.interrupted:
            elapsed = f"{self.clock() - self.since:.1f}"
            parts.append(
                Text(say(self.lang, "running", k=self.done + 1, n=self.total, s=elapsed), style="dim")
            )
        return Group(*parts)

    def advance(self, result: CaseResult) -> None:
        self.results.append(result)
        self.since = self.clock()
        if self.mode == "plain":
            cells = _result_cells(f"{self.done}/{self.total}", [result], self.lang, show_timing=True)
            line = Text(" ").join(cell if isinstance(cell, Text) else Text(cell) for cell in cells[:-1])
            if cells[-1]:
                line.append(" · ").append_text(cells[-1])
            self.console.print(line, soft_wrap=True, markup=False, highlight=False, emoji=False)
        elif self.live is not None:
            self.live.refresh()


def render_interrupted(console: Console, done: int, total: int, lang: str) -> None:
    console.print(Text(say(lang, "interrupted", k=done, n=total)), soft_wrap=True)


def render_card(console: Console, face: Face, lang: str, keys: bool) -> None:
    """One concept card: its question, then (once asked for) its answer and the rating prompt.
    `keys`: single keys are read (a terminal), else whole lines (a pipe)."""
    card = face.card
    where = say(
        lang, "cards.position", i=face.done + 1, left=face.left, chapter=card.chapter, source=card.source
    )
    console.print(Text(where, style="dim"))
    title = say(lang, "cards.question")
    console.print(Panel(Text(card.question.get(lang)), title=title, title_align="left", style="bold"))
    if face.answer_shown:
        title = say(lang, "cards.answer")
        console.print(Panel(Text(card.answer.get(lang)), title=title, title_align="left"))
        console.print(Text(say(lang, "cards.rate"), style="cyan"))
    else:
        console.print(Text(say(lang, "cards.show_key" if keys else "cards.show_line"), style="cyan"))


def render_card_stats(console: Console, stats: CardStats, lang: str) -> None:
    table = Table(box=None, pad_edge=False, show_header=False, title=say(lang, "cards.stats.title"))
    table.add_column(style="bold")
    table.add_column(justify="right")
    retention = "-" if stats.retention is None else f"{stats.retention:.0%}"
    rows = (
        ("total", str(stats.total)),
        ("due", str(stats.due)),
        ("new", str(stats.new)),
        ("reviewed", str(stats.reviewed)),
        ("retention", retention),
        ("streak", say(lang, "cards.stats.days", n=stats.streak)),
    )
    for key, value in rows:
        table.add_row(say(lang, f"cards.stats.{key}"), value)
    console.print(table)


def clock(seconds: float) -> str:
    """A duration as m:ss (h:mm:ss past an hour)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render_mock_start(console: Console, session: MockSession, problems: Sequence[Problem], lang: str) -> None:
    """The statements of a mock, samples shown and hidden cases only counted."""
    minutes = f"{session.minutes:g}"
    title = say(lang, "mock.title", n=len(problems), minutes=minutes, seed=session.seed)
    console.print(Text(title, style="bold"))
    for problem in problems:
        console.print(Rule())
        render_show(console, problem, lang)
        hidden = len(problem.cases) - len(problem.samples)
        console.print(Text(say(lang, "mock.hidden", n=hidden), style="dim"))
    console.print(Rule())


def render_mock_report(
    console: Console, outcomes: Sequence[Outcome], problems: dict[str, Problem], minutes: float, lang: str
) -> None:
    """Per problem the verdict, time to first AC and attempts; then the diagnoses and hints held back."""
    accepted = sum(o.verdict == "AC" for o in outcomes)
    head = say(lang, "mock.report", solved=accepted, n=len(outcomes), minutes=f"{minutes:g}")
    console.print(Text(head, style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    for key in ("mock.head.problem", "head.verdict", "mock.head.first_ac", "mock.head.attempts"):
        table.add_column(say(lang, key))
    for o in outcomes:
        verdict = verdict_text(Verdict(o.verdict)) if o.verdict else Text(say(lang, "mock.not_submitted"))
        first = clock(o.first_ac_s) if o.first_ac_s is not None else "-"
        table.add_row(o.problem, verdict, first, str(o.attempts))
    console.print(table)
    for o in outcomes:
        if o.verdict == "AC" and not o.diagnosis:
            continue
        console.print()
        console.print(Text(say(lang, "mock.held_back", id=o.problem), style="bold"))
        if o.diagnosis:
            console.print(
                Panel(Markdown(readable_math(o.diagnosis)), title=say(lang, "diagnosis"), expand=False)
            )
        if o.verdict != "AC":
            problem = problems[o.problem]
            render_hints(console, problem, len(problem.hints), lang)


def render_mock_history(console: Console, sessions: Sequence[MockSession], lang: str) -> None:
    if not sessions:
        return
    console.print()
    console.print(Text(say(lang, "mock.history"), style="bold"))
    for session in sessions:
        date = time.strftime("%Y-%m-%d %H:%M", time.localtime(session.started))
        accepted = len({s.problem for s in session.submissions if s.verdict == "AC"})
        row = say(
            lang,
            "mock.history_row",
            date=date,
            solved=accepted,
            n=len(session.problems),
            minutes=f"{session.minutes:g}",
        )
        console.print(Text(row + ("" if session.ended is not None else " " + say(lang, "mock.open"))))


def mock_graded_line(submission: MockSubmission, left_s: float, lang: str) -> str:
    """A graded file of a mock: its verdict, its case count and the time left, nothing more."""
    values = {"verdict": submission.verdict, "passed": submission.passed, "total": submission.total}
    return say(lang, "mock.graded", id=submission.problem, left=clock(left_s), **values)


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)
