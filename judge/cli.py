"""The `judge` command: parses arguments, calls the library, prints through render, picks the exit code.

Exit codes: 0 success or AC, 1 not accepted, 2 bad input or usage. A JudgeError becomes one line on
stderr and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import enum
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from judge import launch
from judge.answer import Mode as AnswerMode
from judge.catalog import Catalog, bundled_problems_dir
from judge.error import JudgeError
from judge.launch import RunnerKind, data_home
from judge.progress import Progress
from judge.sandbox import SandboxMode
from judge.terminal import QuietStdout

if TYPE_CHECKING:
    from collections.abc import Callable

    from judge.card import Face
    from judge.progress import MockSession, MockSubmission
    from judge.runner import Runner

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="dl-judge: practise hand-written deep-learning code; graded to 4 decimals.",
)


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


ProblemsOption = Annotated[
    Path | None,
    typer.Option(
        "--problems",
        envvar="JUDGE_PROBLEMS",
        help="Folder of <id>.yaml problems (default: the bundled bank).",
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of texts: en or zh (default: JUDGE_LANG, then the locale)."),
]
SandboxOption = Annotated[
    SandboxMode,
    typer.Option(
        "--sandbox",
        envvar="JUDGE_SANDBOX",
        help="auto: bubblewrap when it works; bwrap: require it; none: no isolation (default: "
        "JUDGE_SANDBOX, else auto).",
    ),
]
RunnerOption = Annotated[
    RunnerKind,
    typer.Option("--runner", help="worker: fork per case (fast); spawn: a new Python per case."),
]

# The reports `grade` writes and `merge` rebuilds.
JsonReport = Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")]
JunitReport = Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")]
MarkdownReport = Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary here.")]
CsvReport = Annotated[Path | None, typer.Option("--csv", help="Write one CSV row per submission here.")]
StudentReport = Annotated[
    Path | None, typer.Option("--by-student", help="Write one CSV row per student here.")
]
GradescopeReport = Annotated[
    Path | None, typer.Option("--gradescope", help="Write Gradescope's results.json here.")
]
GradescopeCases = Annotated[
    bool, typer.Option("--gradescope-cases", help="One Gradescope test per case, not per problem.")
]

IdArgument = Annotated[str, typer.Argument(metavar="ID")]
# `judge run FILE` and `judge watch FILE`: the problem then comes from the file's name.
IdOrFileArgument = Annotated[
    str, typer.Argument(metavar="[ID]", help="The problem (default: from FILE's name).")
]
DifficultyOption = Annotated[str | None, typer.Option("--difficulty", help="easy, medium or hard.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ChapterOption = Annotated[str | None, typer.Option("--tag", help="Only cards of this chapter.")]
CardsOption = Annotated[
    Path | None,
    typer.Option(
        "--cards",
        envvar="JUDGE_CARDS",
        help="Folder of a deck's .yaml files (default: the bundled deck).",
    ),
]


def resolve_lang(lang: Lang | None) -> str:
    from judge.messages import language_of

    return language_of(lang.value if lang is not None else None, os.environ)


class Command(TyperCommand):
    """Usage lines as a person writes them (`judge run [ID] FILE`), not typer's `{ID} {FILE}`, and
    arguments listed without typer's `<list[Path]>`."""

    def _arguments(self, ctx: click.Context) -> list[click.Parameter]:
        return [p for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[OPTIONS]", *(p.metavar or (p.name or "").upper() for p in self._arguments(ctx))]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [(p.metavar or "", getattr(p, "help", None) or "") for p in self._arguments(ctx)]
        options = [
            record
            for p in self.get_params(ctx)
            if p.param_type_name == "option" and (record := p.get_help_record(ctx)) is not None
        ]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def echo(text: str) -> None:
    print(text, flush=True)


def echo_json(data: object, indent: int | None = None) -> None:
    echo(json.dumps(data, ensure_ascii=False, indent=indent))


def warn(message: str | None) -> None:
    if message:
        from judge.render import err_console

        err_console().print(message, markup=False, highlight=False, soft_wrap=True)


def fail(error: JudgeError, lang: str) -> NoReturn:
    from judge.messages import say

    warn(say(lang, "error", message=error.text(lang)))
    sys.exit(2)


def lang_of_argv(argv: list[str]) -> str:
    """The --lang of the command line, for an error raised before a command could resolve it."""
    chosen = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
    if "--lang" in argv[:-1]:
        chosen = argv[argv.index("--lang") + 1]
    return resolve_lang(Lang(chosen) if chosen in ("en", "zh") else None)


def catalog_of(problems: Path | None) -> Catalog:
    return Catalog(problems if problems is not None else bundled_problems_dir())


def make_runner(sandbox: SandboxMode, kind: RunnerKind = RunnerKind.worker, jobs: int = 1) -> Runner:
    made, warning = launch.make_runner(sandbox, kind, jobs=jobs)
    warn(warning)
    return made


@app.command("list", cls=Command)
def list_problems(
    tag: Annotated[str | None, typer.Option("--tag", help="Only problems with this tag (chapter).")] = None,
    difficulty: DifficultyOption = None,
    only_due: Annotated[
        bool, typer.Option("--due", help="Only solved problems due again (spaced repetition).")
    ] = False,
    as_json: JsonFlag = False,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """List the problems, with your solved/attempted status and the solved ones due again (↻)."""
    from judge.progress import listing

    store = Progress.in_home(data_home())
    chosen = listing(catalog_of(problems), store, tag, difficulty, only_due, time.time(), warn)
    language = resolve_lang(lang)
    if as_json:
        echo_json(chosen.to_json(language), indent=2)
        return
    from judge.render import out_console, render_list

    render_list(out_console(), chosen.problems, chosen.statuses, language, chosen.due)


@app.command(cls=Command)
def show(problem_id: IdArgument, problems: ProblemsOption = None, lang: LangOption = None) -> None:
    """Show a problem: statement, input and output formats, samples."""
    from judge.render import out_console, render_show

    render_show(out_console(), catalog_of(problems).load(problem_id), resolve_lang(lang))


@app.command(cls=Command)
def hint(
    problem_id: IdArgument,
    level: Annotated[int, typer.Option("--level", min=1, help="Show hints 1..N.")] = 1,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Show hints 1..N, from a nudge to nearly the answer."""
    from judge.render import out_console, render_hints

    problem = catalog_of(problems).load(problem_id)
    render_hints(out_console(), problem, min(level, len(problem.hints)), resolve_lang(lang))


@app.command(cls=Command)
def new(
    problem_id: IdArgument,
    file: Annotated[
        Path | None, typer.Argument(metavar="[FILE]", help="Where to write (default: ID.py).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    mode: Annotated[
        AnswerMode,
        typer.Option("--mode", help="program: the stub and the I/O harness; function: the stub alone."),
    ] = AnswerMode.PROGRAM,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Write the starter program of a problem (or only its function, with --mode function)."""
    from judge.messages import say
    from judge.practice import write_starter

    target = file or Path(f"{problem_id}.py")
    write_starter(catalog_of(problems).load(problem_id), target, force, mode)
    echo(say(resolve_lang(lang), "new.wrote", file=target, id=problem_id))


@app.command(cls=Command)
def run(
    context: typer.Context,
    problem_id: IdOrFileArgument,
    file: Annotated[Path | None, typer.Argument(metavar="FILE", help="Your program.")] = None,
    samples: Annotated[bool, typer.Option("--samples", help="Run only the sample cases.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failing case.")] = False,
    run_all: Annotated[
        bool, typer.Option("--all", help="Run every case, even after a TLE (they are skipped by default).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    custom: Annotated[
        str | None,
        typer.Option("--input", help="Run on this input instead; compare with the reference."),
    ] = None,
    custom_file: Annotated[
        Path | None, typer.Option("--input-file", help="Like --input, read from a file.")
    ] = None,
    mode: Annotated[
        AnswerMode | None,
        typer.Option(
            "--mode",
            help="program: the file reads stdin and prints; function: it defines the problem's function, "
            "run through the problem's harness (default: found from the file).",
        ),
    ] = None,
    sandbox: SandboxOption = SandboxMode.AUTO,
    runner: RunnerOption = RunnerKind.worker,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Run your program (or just your function) on every case; exit 0 when accepted, 1 when not."""
    from judge import render

    active, warning = launch.adopt_runner(context.obj, sandbox, runner)
    warn(warning)
    from judge import practice

    catalog = catalog_of(problems)
    problem, solution = practice.chosen_solution(catalog, problem_id, file)
    language = resolve_lang(lang)
    console = render.out_console()
    if custom is not None or custom_file is not None:
        tried = practice.try_input(catalog, problem, solution, custom, custom_file, active)
        if as_json:
            echo_json(tried.to_json())
        else:
            render.render_custom(console, tried, language)
        raise typer.Exit(0 if tried.accepted else 1)
    progress = render.CaseProgress(
        console, problem, len(practice.cases_to_run(problem, samples)), language, as_json
    )
    try:
        with progress:
            report, warning = practice.judge_solution(
                catalog, problem, solution, active, Progress.in_home(data_home()), language, samples,
                fail_fast, run_all, progress.advance, mode,
            )  # fmt: skip
    except KeyboardInterrupt:
        render.render_interrupted(render.err_console(), progress.done, progress.total, language)
        raise typer.Exit(130) from None
    finally:
        active.close()
    warn(warning)
    if as_json:
        echo_json(report.to_json())
    else:
        render.render_report(console, report, language, table=not progress.plain)
    raise typer.Exit(0 if report.verdict.value == "AC" else 1)


@app.command(cls=Command)
def watch(
    problem_id: IdOrFileArgument,
    file: Annotated[
        Path | None, typer.Argument(metavar="FILE", help="Your program (it may not exist yet).")
    ] = None,
    interval: Annotated[
        float, typer.Option("--interval", min=0.05, help="Seconds between checks for a save.")
    ] = 0.3,
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Re-run on every save; press h for the next hint, r to re-run, q (or Ctrl-C) to quit."""
    from judge.messages import say
    from judge.practice import watched_file
    from judge.render import CaseProgress, out_console, render_watch
    from judge.terminal import TerminalKeys
    from judge.watch import watch_solution

    catalog = catalog_of(problems)
    problem, watched = watched_file(catalog, problem_id, file)
    language = resolve_lang(lang)
    active = make_runner(sandbox)
    console = out_console()

    def rows() -> CaseProgress:
        # Rows as cases finish on a terminal; the screen is redrawn with the report once they are done.
        return CaseProgress(console, problem, len(problem.cases), language, quiet=not console.is_terminal)

    with TerminalKeys(sys.stdin) as keys:
        watch_solution(
            catalog, problem, watched, active, Progress.in_home(data_home()), language, keys,
            lambda screen: render_watch(console, problem, watched, screen, language), rows, warn, interval,
        )  # fmt: skip
    console.print(say(language, "watch.stopped"), markup=False)


@app.command(cls=Command)
def stats(problems: ProblemsOption = None, lang: LangOption = None) -> None:
    """Your progress: solved by chapter and difficulty, first-try solves, recent attempts."""
    from judge.render import out_console, render_mock_history, render_stats

    store = Progress.in_home(data_home())
    summary, warning = store.stats(catalog_of(problems).load_all())
    warn(warning)
    console = out_console()
    render_stats(console, summary, resolve_lang(lang))
    render_mock_history(console, store.mocks()[0], resolve_lang(lang))


@app.command(cls=Command)
def verify(
    problem_ids: Annotated[list[str] | None, typer.Argument(metavar="[ID]...")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=0, help="Parallel runs (default: twice the cores).")] = 0,
    sandbox: SandboxOption = SandboxMode.AUTO,
    runner: RunnerOption = RunnerKind.worker,
    problems: ProblemsOption = None,
) -> None:
    """Prove the bank: references AC, known submissions get their folder's verdict, stubs fail."""
    from judge.bank import verify as verify_bank
    from judge.render import out_console, render_checks

    catalog = catalog_of(problems)
    ids = catalog.chosen_ids(problem_ids)
    # Twice the cores: time-limit programs mostly wait on the wall clock.
    jobs = jobs or 2 * (os.cpu_count() or 1)
    checks = verify_bank(catalog, ids, make_runner(sandbox, runner, jobs), jobs)
    render_checks(out_console(), checks)
    raise typer.Exit(0 if all(c.ok for c in checks) else 1)


@app.command(cls=Command)
def grade(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Submission files or folders.")],
    json_file: JsonReport = None,
    junit_file: JunitReport = None,
    markdown_file: MarkdownReport = None,
    csv_file: CsvReport = None,
    by_student: StudentReport = None,
    gradescope: GradescopeReport = None,
    gradescope_cases: GradescopeCases = False,
    jobs: Annotated[int, typer.Option("--jobs", min=0, help="Parallel submissions (default: cores).")] = 0,
    shard_text: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="K/N",
            help="Grade only shard K of N; auto: from JUDGE_SHARD_INDEX/JUDGE_SHARD_COUNT, "
            "JOB_COMPLETION_INDEX/JUDGE_SHARD_COUNT (Kubernetes) or SLURM_ARRAY_TASK_ID/_COUNT (Slurm).",
        ),
    ] = None,
    reveal: Annotated[
        bool,
        typer.Option(
            "--reveal",
            help="Show hidden cases in full (inputs, expected and printed values, exception messages) "
            "in every report: for staff, never for a log students read.",
        ),
    ] = False,
    expect_from_folders: Annotated[
        bool,
        typer.Option(
            "--expect-from-folders",
            help="A parent folder named for a verdict (wrong_answer/, ...) states the expected verdict: "
            "for a problem bank's own known-wrong programs; without it every submission is expected AC.",
        ),
    ] = False,
    diagnose: Annotated[
        bool,
        typer.Option("--diagnose/--no-diagnose", help="Name the known mistake behind each failure."),
    ] = True,
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Grade many submissions; exit 1 when any verdict differs from the expected one."""
    from judge import classroom
    from judge.render import GradeProgress, err_console, out_console

    files = classroom.ReportFiles(
        json_file, junit_file, markdown_file, csv_file, by_student, gradescope, gradescope_cases
    )
    options = classroom.GradeOptions(expect_from_folders, shard_text, reveal, resolve_lang(lang), diagnose)
    in_ci = os.environ.get("CI") == "true" or os.environ.get("GITHUB_ACTIONS") == "true"
    live = not in_ci and sys.stdout.isatty()

    def rows(count: int, isolation: str) -> GradeProgress:
        return GradeProgress(out_console(), count, isolation, live=live)

    try:
        catalog, jobs = catalog_of(problems), jobs or (os.cpu_count() or 1)
        book = classroom.grade_paths(catalog, paths, sandbox, files, jobs, rows, echo, os.environ, options)
    except classroom.Interrupted as stop:
        err_console().print(f"interrupted; {stop.book.progress}; the reports hold them", markup=False)
        raise typer.Exit(130) from None
    raise typer.Exit(0 if book.ok else 1)


@app.command(cls=Command)
def merge(
    reports: Annotated[
        list[Path], typer.Argument(metavar="REPORT.json...", help="The shards' JSON reports.")
    ],
    json_file: JsonReport = None,
    junit_file: JunitReport = None,
    markdown_file: MarkdownReport = None,
    csv_file: CsvReport = None,
    by_student: StudentReport = None,
    gradescope: GradescopeReport = None,
    gradescope_cases: GradescopeCases = False,
) -> None:
    """Rebuild every report of a class from its shards' JSON reports; exit 1 when any verdict differs
    from the expected one or a shard is missing."""
    from judge import classroom

    files = classroom.ReportFiles(
        json_file, junit_file, markdown_file, csv_file, by_student, gradescope, gradescope_cases
    )
    book = classroom.merge_class(reports, files, echo, os.environ)
    raise typer.Exit(0 if book.ok and book.complete else 1)


@app.command(cls=Command)
def bless(
    problem_ids: Annotated[list[str], typer.Argument(metavar="ID...")],
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
) -> None:
    """Maintainers: store the reference's output as each case's expected stdout."""
    from judge.bank import bless as bless_problem

    catalog = catalog_of(problems)
    active = make_runner(sandbox)
    for problem_id in problem_ids:
        echo(f"blessed {problem_id}: {bless_problem(catalog, problem_id, active)} cases")


@app.command(cls=Command)
def bench(
    cases: Annotated[int, typer.Option("--cases", min=2, help="N for the worker measurement.")] = 200,
    spawn_cases: Annotated[
        int, typer.Option("--spawn-cases", min=2, help="N for the spawn measurement.")
    ] = 12,
    grade_count: Annotated[
        int,
        typer.Option("--grade", min=0, help="Submissions for the grading throughput (0: skip)."),
    ] = 100,
    problem_id: Annotated[
        str, typer.Option("--problem", help="Problem whose reference is timed.")
    ] = "sigmoid",
    jobs: Annotated[
        int,
        typer.Option("--jobs", min=0, help="Parallel submissions when grading (default: cores)."),
    ] = 0,
    rounds: Annotated[
        int, typer.Option("--rounds", min=1, help="Interleaved rounds of floor and worker timings.")
    ] = 5,
    command_cases: Annotated[
        int,
        typer.Option("--command-cases", min=0, help="N for whole `judge run` processes (under 2: skip)."),
    ] = 1000,
    problems: ProblemsOption = None,
) -> None:
    """Per-case overhead: worker vs spawn, with and without bwrap, against the fork floor."""
    from judge.bench import bench_runners, run_bench
    from judge.render import out_console

    runners, warning = bench_runners()
    warn(warning)
    console = out_console()
    run_bench(
        catalog_of(problems),
        runners,
        problem_id,
        cases,
        spawn_cases,
        grade_count,
        jobs or (os.cpu_count() or 1),
        lambda line: console.print(line, markup=False, soft_wrap=True),
        rounds,
        command_cases,
    )


@app.command(cls=Command)
def doctor(lang: LangOption = None) -> None:
    """What this machine gives the judge: Python, numpy, which isolation is active; exit 1 when partial."""
    from judge.doctor import examine
    from judge.messages import say
    from judge.render import out_console, render_doctor

    language = resolve_lang(lang)
    facts, partial = examine(language)
    render_doctor(out_console(), facts, language)
    if partial is not None:
        warn(say(language, "doctor.partial", reason=partial))
        raise typer.Exit(1)


cards_app = typer.Typer(rich_markup_mode=None)
app.add_typer(cards_app, name="cards")


@cards_app.callback(invoke_without_command=True, cls=TyperGroup)
def cards(
    ctx: typer.Context,
    tag: ChapterOption = None,
    new_per_day: Annotated[int, typer.Option("--new", min=0, help="New cards a day.")] = 10,
    cards: CardsOption = None,
    lang: LangOption = None,
) -> None:
    """Drill the concept cards that are due, one at a time: question, answer, then rate 1-4."""
    if ctx.invoked_subcommand is not None:
        return
    from judge.card import chosen_deck, drill_due
    from judge.messages import say
    from judge.render import out_console, render_card
    from judge.terminal import TerminalKeys, key_reader, line_reader

    deck = chosen_deck(cards, tag)
    language = resolve_lang(lang)
    console = out_console()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()

    def draw(face: Face) -> None:
        if interactive:
            console.clear()
        render_card(console, face, language, interactive)

    with TerminalKeys(sys.stdin) as keys:
        read = key_reader(keys) if interactive else line_reader(sys.stdin)
        drilled = drill_due(deck, Progress.in_home(data_home()), new_per_day, read, draw, time.time, warn)
    if drilled is None:
        console.print(say(language, "cards.nothing_due"), markup=False)
    elif drilled.done is not None:
        after = drilled.after
        console.print(say(language, "cards.done", n=drilled.done, due=after.due, new=after.new), markup=False)


@cards_app.command("stats", cls=Command)
def cards_stats(
    tag: ChapterOption = None,
    as_json: JsonFlag = False,
    cards: CardsOption = None,
    lang: LangOption = None,
) -> None:
    """Due today, new, reviewed today, retention and streak."""
    from judge.card import card_stats, chosen_deck

    deck = chosen_deck(cards, tag)
    reviews, warning = Progress.in_home(data_home()).reviews()
    warn(warning)
    stats = card_stats(deck, reviews, time.time())
    if as_json:
        echo_json(stats.to_json())
        return
    from judge.render import out_console, render_card_stats

    render_card_stats(out_console(), stats, resolve_lang(lang))


mock_app = typer.Typer(rich_markup_mode=None)
app.add_typer(mock_app, name="mock")


def show_mock_end(session: MockSession, catalog: Catalog, language: str) -> None:
    from judge.mock import outcomes
    from judge.render import out_console, render_mock_report

    problems = {p: catalog.load(p) for p in session.problems}
    render_mock_report(out_console(), outcomes(session), problems, session.minutes, language)


@mock_app.callback(invoke_without_command=True, cls=TyperGroup)
def mock(
    ctx: typer.Context,
    minutes: Annotated[float, typer.Option("--minutes", min=1, help="Length of the interview.")] = 45,
    count: Annotated[
        int, typer.Option("--count", min=1, help="How many problems (--problems names the bank folder).")
    ] = 2,
    tag: Annotated[str | None, typer.Option("--tag", help="Only problems with this tag.")] = None,
    difficulty: DifficultyOption = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Choose the same problems again (default: random).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the mock that was paused.")] = False,
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """A timed mock interview on unsolved problems: no hints or diagnosis until the end."""
    if ctx.invoked_subcommand is not None:
        return
    from judge import mock as mocks
    from judge.messages import say
    from judge.render import clock, mock_graded_line, out_console, render_mock_start
    from judge.terminal import line_poller

    catalog = catalog_of(problems)
    language = resolve_lang(lang)
    store = Progress.in_home(data_home())
    session = mocks.begin(catalog, store, resume, tag, difficulty, count, seed, minutes, time.time(), warn)
    console = out_console()
    render_mock_start(console, session, [catalog.load(p) for p in session.problems], language)
    console.print(say(language, "mock.how", left=clock(mocks.left_s(session, time.time()))), markup=False)

    def show(current: MockSession, submission: MockSubmission) -> None:
        console.print(
            mock_graded_line(submission, mocks.left_s(current, time.time()), language), markup=False
        )

    grade = mocks.grader(catalog, store, make_runner(sandbox), language, time.time, warn)
    ended = mocks.run_screen(store, session, line_poller(sys.stdin), grade, show, time.time)
    if ended is None:
        console.print(say(language, "mock.paused"), markup=False)
        return
    show_mock_end(ended, catalog, language)


@mock_app.command("submit", cls=Command)
def mock_submit(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Your program, named for its problem.")],
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Grade FILE in the running mock: its verdict and case count only; exit 0 when accepted."""
    from judge import mock as mocks
    from judge.render import mock_graded_line

    catalog = catalog_of(problems)
    language = resolve_lang(lang)
    store = Progress.in_home(data_home())

    def grader() -> Callable[[str], MockSubmission]:
        return mocks.grader(catalog, store, make_runner(sandbox), language, time.time, warn)

    done = mocks.submit_file(store, str(file), grader, time.time)
    if done.submission is not None:
        echo(mock_graded_line(done.submission, mocks.left_s(done.session, time.time()), language))
    if done.ended is not None:
        show_mock_end(done.ended, catalog, language)
    raise typer.Exit(0 if done.submission is not None and done.submission.verdict == "AC" else 1)


@mock_app.command("end", cls=Command)
def mock_end(problems: ProblemsOption = None, lang: LangOption = None) -> None:
    """End the running mock now and show its report."""
    from judge import mock as mocks

    store = Progress.in_home(data_home())
    ended = mocks.finish(store, mocks.running(store), time.time())
    show_mock_end(ended, catalog_of(problems), resolve_lang(lang))


def main(early: launch.EarlyRunner | None = None) -> None:
    """The command; `early` is the runner `judge.launch` started before this module was imported."""
    sys.stdout = QuietStdout(sys.stdout)
    try:
        app(obj=early)
    except JudgeError as error:
        fail(error, lang_of_argv(sys.argv))
