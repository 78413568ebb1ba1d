"""The `judge` command: parses arguments, calls the library, prints through render, picks the exit code.

Exit codes: 0 success or AC, 1 not accepted, 2 bad input or usage. A JudgeError becomes one line on
stderr and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import json
import os
import platform
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from judge.catalog import Catalog, bundled_problems_dir
from judge.error import JudgeError
from judge.problem import Problem
from judge.progress import Progress
from judge.sandbox import Sandbox, SandboxMode, probe_bwrap, protections, resolve_sandbox

if TYPE_CHECKING:
    from judge import gradebook
    from judge.report import Report
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


class RunnerKind(str, enum.Enum):
    worker = "worker"
    spawn = "spawn"


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


def resolve_lang(lang: Lang | None) -> str:
    if lang is not None:
        return lang.value
    chosen = os.environ.get("JUDGE_LANG", "").strip().lower()
    if chosen in ("en", "zh"):
        return chosen
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(key, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def fail(message: str) -> NoReturn:
    err_console().print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(2)


def catalog_of(problems: Path | None) -> Catalog:
    return Catalog(problems if problems is not None else bundled_problems_dir())


def make_runner(sandbox: SandboxMode, kind: RunnerKind = RunnerKind.worker) -> Runner:
    from judge.runner import WorkerRunner, spawn_runner

    chosen = resolve_sandbox(sandbox)
    warn(chosen.warning)
    return spawn_runner(chosen) if kind is RunnerKind.spawn else WorkerRunner(chosen)


def solution_file(path: Path) -> Path:
    if not path.exists():
        raise JudgeError(f"solution file {path} does not exist; create it with `judge new ID {path}`")
    if path.is_dir():
        raise JudgeError(f"{path} is a folder; pass the solution's .py file")
    try:
        path.open("rb").close()
    except OSError as error:
        raise JudgeError(f"cannot read {path}: {error.strerror}") from None
    return path


@app.command("list")
def list_problems(
    tag: Annotated[str | None, typer.Option("--tag", help="Only problems with this tag (chapter).")] = None,
    difficulty: Annotated[str | None, typer.Option("--difficulty", help="easy, medium or hard.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """List the problems, with your solved/attempted status."""
    catalog = catalog_of(problems)
    chosen: list[Problem] = [
        p
        for p in catalog.load_all()
        if (tag is None or tag in p.tags) and (difficulty is None or p.difficulty.value == difficulty)
    ]
    if difficulty is not None and difficulty not in ("easy", "medium", "hard"):
        raise JudgeError(f"--difficulty {difficulty!r} is not one of easy, medium, hard")
    statuses = progress_statuses()
    language = resolve_lang(lang)
    if as_json:
        data = [
            {
                "id": p.id,
                "title": p.title.get(language),
                "difficulty": p.difficulty.value,
                "tags": list(p.tags),
                "status": statuses.get(p.id, "new"),
            }
            for p in chosen
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from judge.render import render_list

    render_list(out_console(), chosen, statuses, language)


def data_home() -> Path:
    """Where progress lives: JUDGE_HOME, else the XDG data folder."""
    if os.environ.get("JUDGE_HOME"):
        return Path(os.environ["JUDGE_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dl-judge"


def progress_store() -> Progress:
    return Progress(data_home() / "progress.sqlite3")


def warn(message: str | None) -> None:
    if message:
        err_console().print(message, markup=False, highlight=False, soft_wrap=True)


def progress_statuses() -> dict[str, str]:
    statuses, warning = progress_store().statuses()
    warn(warning)
    return statuses


@app.command()
def show(
    problem_id: Annotated[str, typer.Argument(metavar="ID")],
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Show a problem: statement, input and output formats, samples."""
    from judge.render import render_show

    render_show(out_console(), catalog_of(problems).load(problem_id), resolve_lang(lang))


@app.command()
def hint(
    problem_id: Annotated[str, typer.Argument(metavar="ID")],
    level: Annotated[int, typer.Option("--level", min=1, help="Show hints 1..N.")] = 1,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Show hints 1..N, from a nudge to nearly the answer."""
    from judge.render import render_hints

    problem = catalog_of(problems).load(problem_id)
    render_hints(out_console(), problem, min(level, len(problem.hints)), resolve_lang(lang))


@app.command()
def new(
    problem_id: Annotated[str, typer.Argument(metavar="ID")],
    file: Annotated[Path | None, typer.Argument(help="Where to write (default: ID.py).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    problems: ProblemsOption = None,
) -> None:
    """Write the starter program of a problem."""
    problem = catalog_of(problems).load(problem_id)
    target = file or Path(f"{problem_id}.py")
    if target.exists() and not force:
        raise JudgeError(f"{target} already exists; pass --force to overwrite it, or choose another FILE")
    if target.is_dir():
        raise JudgeError(f"{target} is a folder; give a file name")
    target.write_text(problem.template, encoding="utf-8")
    typer.echo(f"wrote {target}; run it with: judge run {problem_id} {target}")


@app.command()
def run(
    problem_id: Annotated[str, typer.Argument(metavar="ID")],
    file: Annotated[Path, typer.Argument(metavar="FILE")],
    samples: Annotated[bool, typer.Option("--samples", help="Run only the sample cases.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failing case.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    custom: Annotated[
        str | None,
        typer.Option("--input", help="Run on this input instead; compare with the reference."),
    ] = None,
    custom_file: Annotated[
        Path | None, typer.Option("--input-file", help="Like --input, read from a file.")
    ] = None,
    sandbox: SandboxOption = SandboxMode.AUTO,
    runner: RunnerOption = RunnerKind.worker,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Run your program on every case; exit 0 when accepted, 1 when not."""
    catalog = catalog_of(problems)
    problem = catalog.load(problem_id)
    solution = solution_file(file)
    language = resolve_lang(lang)
    active = make_runner(sandbox, runner)
    if custom is not None or custom_file is not None:
        raise typer.Exit(
            run_custom(catalog, problem, solution, custom, custom_file, active, language, as_json)
        )
    report = judge_solution(catalog, problem, solution, active, language, samples, fail_fast)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        from judge.render import render_report

        render_report(out_console(), report, language)
    raise typer.Exit(0 if report.verdict.value == "AC" else 1)


def judge_solution(
    catalog: Catalog,
    problem: Problem,
    solution: Path,
    active: Runner,
    language: str,
    samples: bool = False,
    fail_fast: bool = False,
) -> Report:
    """Evaluate, diagnose a failure, and record the attempt (a broken database only warns)."""
    import dataclasses
    import hashlib

    from judge.diagnosis import diagnose
    from judge.progress import Attempt
    from judge.report import evaluate

    chosen = problem.samples if samples else problem.cases
    report = evaluate(problem, solution, active, cases=chosen, fail_fast=fail_fast)
    failure = report.first_failure
    if failure is not None:
        found = diagnose(problem, report.results, catalog.mistake_programs(problem.id), active, language)
        report = dataclasses.replace(report, diagnosis=found)
    digest = hashlib.sha256(solution.read_bytes()).hexdigest()[:16]
    full = not samples and len(report.results) == len(problem.cases)
    attempt = Attempt(problem.id, digest, report.verdict.value, report.passed, report.total, full)
    warn(progress_store().record(attempt))
    return report


def run_custom(
    catalog: Catalog,
    problem: Problem,
    solution: Path,
    text: str | None,
    path: Path | None,
    active: Runner,
    language: str,
    as_json: bool,
) -> int:
    """Run the user's program and the reference on one custom input; show both outputs."""
    from judge.checker import compare
    from judge.problem import Case
    from judge.render import render_custom
    from judge.report import judge_case, limits_of

    if text is not None and path is not None:
        raise JudgeError("give --input or --input-file, not both")
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise JudgeError(f"cannot read --input-file {path}: {error}") from None
    stdin = (text or "").replace("\\n", "\n")
    stdin = stdin if stdin.endswith("\n") else stdin + "\n"
    limits = limits_of(problem)
    reference_run = next(iter(active.run_batch(catalog.solution(problem.id), [stdin], limits)))
    case = Case("custom", stdin, reference_run.stdout)
    mine = judge_case(problem, case, next(iter(active.run_batch(solution, [stdin], limits))))
    reference_ok = reference_run.exit_code == 0 and reference_run.error is None
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "version": 1,
                    "problem": problem.id,
                    "input": stdin,
                    "verdict": mine.verdict.value,
                    "message": mine.message,
                    "output": mine.execution.stdout,
                    "reference_output": reference_run.stdout,
                    "reference_ok": reference_ok,
                },
                ensure_ascii=False,
            )
        )
    else:
        agree = compare(
            reference_run.stdout,
            mine.execution.stdout,
            problem.tolerance.abs_tol,
            problem.tolerance.rel_tol,
        )
        render_custom(out_console(), mine, reference_run, reference_ok, agree, language)
    return 0 if mine.verdict.value == "AC" else 1


@app.command()
def watch(
    problem_id: Annotated[str, typer.Argument(metavar="ID")],
    file: Annotated[Path, typer.Argument(metavar="FILE")],
    interval: Annotated[
        float, typer.Option("--interval", min=0.05, help="Seconds between checks for a save.")
    ] = 0.3,
    sandbox: SandboxOption = SandboxMode.AUTO,
    problems: ProblemsOption = None,
    lang: LangOption = None,
) -> None:
    """Re-run on every save; press h for the next hint, r to re-run, q (or Ctrl-C) to quit."""
    import select
    import termios
    import tty

    from judge.render import render_hints, render_report, render_watch_footer

    catalog = catalog_of(problems)
    problem = catalog.load(problem_id)
    language = resolve_lang(lang)
    active = make_runner(sandbox)
    console = out_console()
    interactive = sys.stdin.isatty()
    hints_shown = 0
    last: tuple[float, int] | None = None
    report = None

    def signature() -> tuple[float, int] | None:
        try:
            stat = file.stat()
        except OSError:
            return None
        return (stat.st_mtime, stat.st_size)

    def redraw() -> None:
        console.clear()
        if report is None:
            console.print(f"waiting for {file} to exist…", markup=False)
        else:
            render_report(console, report, language)
        if hints_shown:
            console.print()
            render_hints(console, problem, hints_shown, language)
        render_watch_footer(console, str(file), language)

    saved = termios.tcgetattr(sys.stdin) if interactive else None
    try:
        if interactive:
            tty.setcbreak(sys.stdin.fileno())
        while True:
            current = signature()
            if current is not None and current != last:
                last = current
                with contextlib.suppress(JudgeError):
                    report = judge_solution(catalog, problem, solution_file(file), active, language)
                redraw()
            elif current is None and last is not None:
                last, report = None, None
                redraw()
            if interactive:
                ready, _, _ = select.select([sys.stdin], [], [], interval)
                key = sys.stdin.read(1) if ready else ""
                if key in ("q", "Q"):
                    break
                if key in ("h", "H"):
                    hints_shown = min(hints_shown + 1, len(problem.hints))
                    redraw()
                if key in ("r", "R"):
                    last = None
            else:
                time.sleep(interval)
    except KeyboardInterrupt:
        pass
    finally:
        if saved is not None:
            termios.tcsetattr(sys.stdin, termios.TCSADRAIN, saved)
    console.print("stopped watching", markup=False)


@app.command()
def stats(problems: ProblemsOption = None, lang: LangOption = None) -> None:
    """Your progress: solved by chapter and difficulty, first-try solves, recent attempts."""
    from judge.render import render_stats

    catalog = catalog_of(problems)
    summary, warning = progress_store().stats(catalog.load_all())
    warn(warning)
    render_stats(out_console(), summary, resolve_lang(lang))


@app.command()
def verify(
    problem_ids: Annotated[list[str] | None, typer.Argument(metavar="[ID]...")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=0, help="Parallel runs (default: twice the cores).")] = 0,
    sandbox: SandboxOption = SandboxMode.AUTO,
    runner: RunnerOption = RunnerKind.worker,
    problems: ProblemsOption = None,
) -> None:
    """Prove the bank: references AC, known submissions get their folder's verdict, stubs fail."""
    from judge.bank import verify as verify_bank
    from judge.render import render_checks

    catalog = catalog_of(problems)
    ids = problem_ids or catalog.ids()
    for problem_id in ids:
        catalog.path(problem_id)
    # Twice the cores: time-limit programs mostly wait on the wall clock.
    checks = verify_bank(catalog, ids, make_runner(sandbox, runner), jobs or 2 * (os.cpu_count() or 1))
    render_checks(out_console(), checks)
    raise typer.Exit(0 if all(c.ok for c in checks) else 1)


def grading_sandbox(mode: SandboxMode) -> Sandbox:
    """Where `judge grade` runs untrusted code: in bubblewrap, or with no isolation only when chosen."""
    if mode is SandboxMode.NONE:
        return Sandbox(None)
    path, reason = probe_bwrap()
    if path is None:
        raise JudgeError(
            f"judge grade does not run untrusted code without isolation, and {reason}; install "
            "bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces, or pass "
            "--sandbox none (or set JUDGE_SANDBOX=none) to grade without isolation"
        )
    return Sandbox(path)


@contextlib.contextmanager
def workflow_commands_paused(active: bool) -> Iterator[None]:
    """Under GitHub Actions, the runner ignores workflow commands in this block's log (stop-commands
    with a token no submission can know): GitHub's advice for logging untrusted text, kept on top of
    every untrusted string being printed inert."""
    if not active:
        yield
        return
    token = secrets.token_hex(16)
    typer.echo(f"::stop-commands::{token}")
    try:
        yield
    finally:
        typer.echo(f"::{token}::")


@app.command()
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
    from judge.render import GradeProgress
    from judge.runner import WorkerRunner

    catalog = catalog_of(problems)
    chosen = grading_sandbox(sandbox)
    files = classroom.ReportFiles(
        json_file, junit_file, markdown_file, csv_file, by_student, gradescope, gradescope_cases
    )
    files.prepare()
    plan = classroom.plan_class(catalog, paths, expect_from_folders, shard_text, os.environ)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    in_ci = os.environ.get("CI") == "true" or github
    live = not in_ci and sys.stdout.isatty()
    progress = GradeProgress(out_console(), len(plan.submissions), chosen.name, live=live)
    active = WorkerRunner(chosen)
    try:
        with workflow_commands_paused(github), progress:
            try:
                book, results = classroom.grade_class(
                    catalog, plan, active, files, jobs or (os.cpu_count() or 1), chosen.name, reveal,
                    resolve_lang(lang), diagnose, progress.advance,
                )  # fmt: skip
            except classroom.Interrupted as stop:
                err_console().print(f"interrupted; {stop.book.progress}; the reports hold them", markup=False)
                raise typer.Exit(130) from None
            progress.summary(results)
    finally:
        active.close()
    publish_to_github(book, github)
    raise typer.Exit(0 if book.ok else 1)


def publish_to_github(book: gradebook.Gradebook, github: bool) -> None:
    """Under GitHub Actions: an annotation per mismatch, and the summary in $GITHUB_STEP_SUMMARY."""
    from judge import gradebook

    if not github:
        return
    for line in gradebook.github_annotations(book.entries):
        typer.echo(line)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(gradebook.to_markdown(book))


@app.command()
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
    from judge.merge import merge as merge_reports

    files = classroom.ReportFiles(
        json_file, junit_file, markdown_file, csv_file, by_student, gradescope, gradescope_cases
    )
    files.prepare()
    book = merge_reports(reports)
    files.write(book)
    typer.echo(f"merged {len(reports)} reports: {book.headline}")
    publish_to_github(book, os.environ.get("GITHUB_ACTIONS") == "true")
    raise typer.Exit(0 if book.ok and book.complete else 1)


@app.command()
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
        count = bless_problem(catalog, problem_id, active)
        typer.echo(f"blessed {problem_id}: {count} cases")


@app.command()
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
    from judge.bench import run_bench
    from judge.runner import WorkerRunner, spawn_runner
    from judge.sandbox import Sandbox, bwrap_sandbox

    sandboxes = {"none": Sandbox(None)}
    path, reason = probe_bwrap()
    if path is not None:
        sandboxes["bwrap"] = bwrap_sandbox(path)
    else:
        warn(f"warning: {reason}; measuring without bwrap only")
    runners: dict[str, Callable[[], Runner]] = {}
    for name, sandbox in sandboxes.items():
        runners[f"worker/{name}"] = functools.partial(WorkerRunner, sandbox)
    for name, sandbox in sandboxes.items():
        runners[f"spawn/{name}"] = functools.partial(spawn_runner, sandbox)
    console = out_console()

    def report(line: str) -> None:
        console.print(line, markup=False, soft_wrap=True)

    report(f"cores: {os.cpu_count()} · python {platform.python_version()}")
    run_bench(
        catalog_of(problems),
        runners,
        problem_id,
        cases,
        spawn_cases,
        grade_count,
        jobs or (os.cpu_count() or 1),
        report,
        rounds,
        command_cases,
    )


@app.command()
def doctor() -> None:
    """What this machine gives the judge: Python, numpy, which isolation is active; exit 1 when partial."""
    from judge.render import render_doctor

    facts: list[tuple[str, bool, str]] = [
        ("python", sys.version_info >= (3, 10), f"{platform.python_version()} at {sys.executable}"),
    ]
    try:
        import numpy

        facts.append(("numpy", True, numpy.__version__))
    except ImportError:
        facts.append(("numpy", False, "not installed: pip install numpy"))
    path, reason = probe_bwrap()
    facts += [(p.name, p.active, p.detail) for p in protections(path, reason, os.getuid())]
    render_doctor(out_console(), facts)
    if path is None:
        warn(f"isolation is partial: {reason}. Install bubblewrap (apt-get install bubblewrap) and allow "
             "unprivileged user namespaces to run solutions in a sandbox; `judge grade` refuses to run "
             "without it unless given --sandbox none.")  # fmt: skip
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except JudgeError as error:
        fail(str(error))
