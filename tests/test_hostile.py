"""Hostile submissions: each gets its verdict, the judge returns in time, and no process it started survives.

Every program runs with bubblewrap (skipped, with the reason, only where bwrap cannot work) and without a
sandbox. The programs live in tests/data/hostile/, apart from the bank's known submissions: they test the
runner, not a problem, so `judge verify` does not run them, nor does diagnosis take them for mistakes.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

import judge
import judge.sandbox
from judge.answer import Mode, strip_main
from judge.catalog import Catalog
from judge.problem import Case, Problem
from judge.program import Program
from judge.render import render_report
from judge.report import Report, Verdict, evaluate
from judge.runner import Runner, WorkerRunner, spawn_runner
from judge.sandbox import Sandbox, SandboxMode, bwrap_sandbox, probe_bwrap, resolve_sandbox

from conftest import LEFTOVER_GRACE_S, PROBLEMS, ROOT, SOLUTIONS, SUBMISSIONS, Leftovers

HOSTILE = ROOT / "tests" / "data" / "hostile"

SIGMOID = Catalog(PROBLEMS).load("sigmoid")
# Small problems keep the suite short: the real limits where they matter, fewer cases everywhere.
PROBLEMS_BY_NAME: dict[str, Problem] = {
    "one": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1]),
    "two": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:2]),
    "three": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:3]),
    "fast": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1], time_limit_s=0.5),
    "one_second": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1], time_limit_s=1.0),
    "small_memory": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1], memory_limit_mb=128),
    "output": dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1], time_limit_s=1.0),
}


@functools.cache
def bwrap_probe() -> tuple[str | None, str]:
    """probe_bwrap, once per test session."""
    return probe_bwrap()


def bwrap_or_skip() -> Sandbox:
    path, reason = bwrap_probe()
    if path is None:
        pytest.skip(f"bubblewrap cannot isolate code on this machine: {reason}")
    return bwrap_sandbox(path)


@pytest.fixture(params=["bwrap", "none"])
def sandbox(request: pytest.FixtureRequest) -> Sandbox:
    """Each test runs under bubblewrap (when it works here) and with no sandbox."""
    return bwrap_or_skip() if request.param == "bwrap" else Sandbox(None)


def judged(
    problem: Problem,
    program: Path | Program,
    runner: Runner,
    leftovers: Leftovers,
    fail_fast: bool = True,
    slack: float = 1.0,
    mode: Mode | None = None,
) -> Report:
    """Evaluate, and check the two things every hostile run must respect: the deadline and no survivor
    (`slack` stretches the deadline: forking a torch interpreter's 300 MB of mappings costs more)."""
    started = time.monotonic()
    report = evaluate(problem, program, runner, fail_fast=fail_fast, mode=mode)
    elapsed = time.monotonic() - started
    budget = max(1, len(report.results)) * (3 * problem.time_limit_s + 2.0) * slack
    assert elapsed <= budget, f"the judge took {elapsed:.1f} s, over {budget:.1f} s"
    assert leftovers.survivors(idle_allowed=True) == [], "processes survived the run"
    close = getattr(runner, "close", None)
    if close is not None:
        close()
    assert leftovers.survivors() == [], "processes survived closing the runner"
    return report


def failure_message(report: Report) -> str:
    return report.first_failure.message if report.first_failure else ""


# --- the table of hostile programs -----------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    path: str  # under tests/data
    verdict: Verdict
    problem: str = "two"
    message: str = ""  # a piece of the first failure's message
    bwrap_verdict: Verdict | None = None  # when the sandbox changes the outcome
    fail_fast: bool = True
    also: tuple[Verdict, ...] = ()  # other verdicts the brief accepts

    @property
    def program(self) -> Path:
        return ROOT / "tests" / "data" / self.path

    def expected(self, sandbox: Sandbox) -> Verdict:
        return self.bwrap_verdict if sandbox.bwrap and self.bwrap_verdict else self.verdict


TLE, MLE, OLE, RTE, WA, AC, CE = (Verdict[v] for v in ("TLE", "MLE", "OLE", "RTE", "WA", "AC", "CE"))
TABLE = [
    Hostile("hostile/sigmoid__infinite_loop.py", TLE, "fast"),
    Hostile("hostile/sigmoid__sleep_forever.py", TLE, "fast", "wall time"),
    Hostile("hostile/sigmoid__busy_threads.py", TLE, "fast"),
    Hostile("hostile/sigmoid__memory_bomb.py", MLE, "small_memory"),
    Hostile("hostile/sigmoid__numpy_huge_array.py", MLE, "one"),
    Hostile("hostile/sigmoid__stdout_flood.py", OLE, "output"),
    Hostile("hostile/sigmoid__stderr_flood.py", AC),
    Hostile("hostile/sigmoid__bom_crlf.py", AC),
    Hostile("hostile/sigmoid__fork_sleepers.py", AC, "one"),
    Hostile("hostile/sigmoid__daemon.py", AC),
    Hostile("hostile/sigmoid__case_isolation.py", AC, "three"),
    Hostile("hostile/sigmoid__segfault.py", RTE, message="SIGSEGV"),
    Hostile("hostile/sigmoid__sys_exit_3.py", RTE, message="3"),
    # In its own PID namespace a case cannot see its worker: "killing the parent" is ignored (AC or WA);
    # with the fallback (no PID namespaces) it kills it (RTE), and the judge goes on.
    Hostile("hostile/sigmoid__kill_parent.py", WA, "three", fail_fast=False, also=(AC,)),
    Hostile("hostile/sigmoid__unbounded_recursion.py", RTE, message="RecursionError"),
    # Python 3.12 has its own limit on C recursion: a RecursionError instead of a crash, RTE all the same.
    Hostile(
        "hostile/sigmoid__c_stack_overflow.py",
        RTE,
        message="SIGSEGV" if sys.version_info < (3, 12) else "RecursionError",
    ),
    Hostile("hostile/sigmoid__read_past_eof.py", RTE, message="EOFError"),
    Hostile("hostile/sigmoid__escape_in_exception.py", RTE, message="ValueError"),
    Hostile("hostile/sigmoid__syntax_error.py", CE, message="SyntaxError"),
    Hostile("hostile/sigmoid__not_utf8.py", CE, message="not UTF-8"),
    Hostile("hostile/sigmoid__rich_markup.py", WA),
    Hostile("hostile/sigmoid__close_stdout.py", WA, also=(RTE,)),
    Hostile("hostile/sigmoid__empty.py", WA, message="empty output"),
    Hostile("hostile/sigmoid__daemon_then_kill_parent.py", TLE, "fast"),
    Hostile("hostile/sigmoid__read_problem_yaml.py", AC, bwrap_verdict=WA),
    Hostile("hostile/sigmoid__signal_next_case.py", AC, "three"),  # stops, then kills, the next one
    # Kernel interfaces and privileges: each program prints a wrong answer if it gets anywhere.
    Hostile("hostile/sigmoid__core_pattern.py", AC),
    Hostile("hostile/sigmoid__capabilities.py", AC),
    Hostile("hostile/sigmoid__new_user_namespace.py", AC, "one"),
    Hostile("hostile/sigmoid__mount_and_chroot.py", AC, "one"),
    Hostile("hostile/sigmoid__ptrace.py", AC, "one"),
    Hostile("hostile/sigmoid__keyring.py", AC, "one"),
    Hostile("hostile/sigmoid__kernel_surface.py", AC, "one"),
    # Resources no RSS or wait4 shows: counted, or capped.
    Hostile("hostile/sigmoid__fill_scratch.py", AC, "one"),
    Hostile("hostile/sigmoid__memfd_hoard.py", AC, "one"),
    Hostile("hostile/sigmoid__sysv_shm_hoard.py", AC, "one"),
    Hostile("hostile/sigmoid__fork_memory.py", MLE, "small_memory"),
    Hostile("hostile/sigmoid__grandchild_cpu.py", TLE, "one_second", "CPU time"),
    Hostile("hostile/sigmoid__zombie_cpu.py", TLE, "one_second", "CPU time"),
    Hostile("hostile/sigmoid__big_file.py", AC, "one"),
    Hostile("hostile/sigmoid__descriptor_exhaustion.py", AC, "one"),
    # Processes that try to outlive their case.
    Hostile("hostile/sigmoid__process_chain.py", AC),
    Hostile("hostile/sigmoid__fork_bomb.py", AC, "one"),
    # The judge's own channels.
    Hostile("hostile/sigmoid__forge_report.py", RTE, "one", "descriptor 3"),
    Hostile("hostile/sigmoid__forge_report_flood.py", RTE, "one", "descriptor 3"),
    # The checker: linear in the output, capped in values and nesting.
    Hostile("hostile/sigmoid__checker_nesting.py", WA, "one", "nested deeper than 64"),
    Hostile("hostile/sigmoid__checker_backtracking.py", WA, "one"),
    Hostile("hostile/sigmoid__checker_many_values.py", WA, "one", "more than 100000 values"),
]
# Root without a sandbox: the kernel does not count root's processes (RLIMIT_NPROC), so a fork bomb runs
# to its own end of 2000 processes and may take the wall limit or, with what each child writes, the
# memory limit of the tree; the judge still ends them all.
ROOT_WITHOUT_SANDBOX = {"sigmoid__fork_bomb.py": (TLE, MLE)}
# What the programs above may print on stderr for the tests to check: (how much, at most).
STDERR_BOUNDS = {
    "sigmoid__big_file.py": ("wrote", 128 << 20),
    "sigmoid__descriptor_exhaustion.py": ("opened", 256),
}


# Programs with a test of their own below (they need a port, or look at the host's /tmp).
OWN_TESTS = (
    "sigmoid__network.py",
    "sigmoid__tmp_and_home_writes.py",
    "sigmoid__steal_from_worker.py",
    "sigmoid__write_everywhere.py",
    "sigmoid__kill_judge.py",
    "sigmoid__judge_memory.py",
)


@pytest.mark.parametrize("hostile", TABLE, ids=lambda h: Path(h.path).stem.split("__")[1])
def test_hostile_program_gets_its_verdict(hostile: Hostile, sandbox: Sandbox, leftovers: Leftovers) -> None:
    """A hostile program gets its verdict in time, and nothing it started outlives the run."""
    problem = PROBLEMS_BY_NAME[hostile.problem]
    report = judged(problem, hostile.program, WorkerRunner(sandbox), leftovers, hostile.fail_fast)
    expected = hostile.expected(sandbox)
    allowed = (expected, *hostile.also)
    if sandbox.bwrap is None and os.geteuid() == 0:
        allowed += ROOT_WITHOUT_SANDBOX.get(hostile.program.name, ())
    assert report.verdict in allowed, (failure_message(report), report.results[0].execution.stderr[-500:])
    if report.verdict is expected:
        assert hostile.message in failure_message(report)
    name = hostile.program.name
    for result in report.results:
        stderr = result.execution.stderr
        if name in STDERR_BOUNDS:
            word, bound = STDERR_BOUNDS[name]
            amount = int(stderr.split(word)[-1].split()[0])
            assert amount <= bound, stderr
        if name == "sigmoid__fill_scratch.py":
            got = json.loads(stderr)
            assert all(size <= 64 << 20 for size in got.values()), got
        if name == "sigmoid__capabilities.py" and sandbox.bwrap is not None and os.geteuid() == 0:
            assert "0" not in json.loads(stderr)["uid"], "a case ran as host root under bwrap"


@pytest.mark.parametrize("name", ["infinite_loop", "busy_threads"])
def test_a_cpu_hog_is_ended_at_its_cpu_limit(name: str, sandbox: Sandbox, leftovers: Leftovers) -> None:
    """A case that burns CPU ends within a poll of its CPU limit, not at the kernel's hard limit a
    second later, nor at the wall limit (as PID 1 of its namespace it never gets SIGXCPU)."""
    problem = dataclasses.replace(SIGMOID, cases=SIGMOID.cases[:1], time_limit_s=1.0)
    program = HOSTILE / f"sigmoid__{name}.py"
    report = judged(problem, program, WorkerRunner(sandbox), leftovers)
    execution = report.results[0].execution
    assert report.verdict is TLE and "CPU time" in failure_message(report)
    assert 1.0 < execution.cpu_s <= 1.4, execution
    assert execution.wall_s < 2.2, execution


# The programs that exhaust a limit or must be accepted despite what they do, written as a function:
# through the harness they get the same verdicts.
AS_FUNCTIONS = ("infinite_loop", "sleep_forever", "busy_threads", "memory_bomb", "numpy_huge_array",
                "stdout_flood", "stderr_flood", "fork_sleepers", "daemon", "case_isolation")  # fmt: skip
FUNCTION_TABLE = [h for h in TABLE if Path(h.path).stem.split("__")[1] in AS_FUNCTIONS]


@pytest.mark.parametrize("hostile", FUNCTION_TABLE, ids=lambda h: Path(h.path).stem.split("__")[1])
def test_hostile_function_gets_its_verdict(hostile: Hostile, sandbox: Sandbox, leftovers: Leftovers) -> None:
    """The same program without its main block, answered in function mode: the harness calls the
    hostile function; the limits and the clean-up hold as for the program."""
    problem = PROBLEMS_BY_NAME[hostile.problem]
    assert problem.entry == "sigmoid"
    source = strip_main(hostile.program.read_text(encoding="utf-8"))
    function = Program(hostile.program.name, source.encode())
    report = judged(problem, function, WorkerRunner(sandbox), leftovers, hostile.fail_fast, mode=Mode.FUNCTION)
    assert report.mode is Mode.FUNCTION
    assert report.verdict is hostile.expected(sandbox), failure_message(report)
    assert hostile.message in failure_message(report)


TORCH_TABLE = [
    h
    for h in TABLE
    if Path(h.path).stem.split("__")[1]
    in ("infinite_loop", "memory_bomb", "fork_memory", "grandchild_cpu", "capabilities", "fork_bomb")
]


@pytest.mark.parametrize("hostile", TORCH_TABLE, ids=lambda h: Path(h.path).stem.split("__")[1])
def test_hostile_program_on_a_torch_worker(hostile: Hostile, sandbox: Sandbox, leftovers: Leftovers) -> None:
    """The same programs, importing torch, run on a worker forked from a zygote that has torch imported
    (its memory not counted to a case): the same verdicts, nothing outlives them."""
    pytest.importorskip("torch")
    problem = PROBLEMS_BY_NAME[hostile.problem]
    source = b"import torch\n" + hostile.program.read_bytes()
    program = Program(hostile.program.name, source)
    runner = WorkerRunner(sandbox)
    warm = Program("warm.py", b"import torch\nprint(0.5)\n")  # the zygote imports torch once, here
    assert evaluate(problem, warm, runner).results[0].execution.exit_code == 0
    report = judged(problem, program, runner, leftovers, hostile.fail_fast, slack=3.0)
    assert report.results[0].execution.baseline_mb > 50, "not run on a torch-preloaded worker"
    expected = hostile.expected(sandbox)
    allowed = (expected, *hostile.also)
    if hostile.program.name == "sigmoid__fork_bomb.py":
        # Each fork of a torch interpreter runs torch's at-fork handlers and owns a few MB: 256
        # children may pass 512 MB. MLE ends the tree as surely as the process count does.
        allowed += (MLE,)
    if sandbox.bwrap is None and os.geteuid() == 0:
        allowed += ROOT_WITHOUT_SANDBOX.get(hostile.program.name, ())
    assert report.verdict in allowed, failure_message(report)
    if report.verdict is expected:
        assert hostile.message in failure_message(report)


@pytest.mark.parametrize("runner_kind", ["worker", "spawn"])
@pytest.mark.parametrize(
    "path",
    ["hostile/sigmoid__kill_parent.py", "hostile/sigmoid__daemon_then_kill_parent.py"],
)
def test_without_pid_namespaces_a_program_that_kills_its_parent_is_rte(
    path: str, runner_kind: str, sandbox: Sandbox, leftovers: Leftovers
) -> None:
    """Where the kernel gives no PID namespace, a case can kill its worker: RTE, a new worker for the
    next case, and nobody left behind. (The spawn runner keeps PID namespaces: there the signal goes
    nowhere, and the judge goes on all the same.)"""
    runner: Runner = (
        WorkerRunner(sandbox, pid_namespaces=False) if runner_kind == "worker" else spawn_runner(sandbox)
    )
    problem = PROBLEMS_BY_NAME["fast"] if "daemon" in path else PROBLEMS_BY_NAME["two"]
    problem = dataclasses.replace(problem, cases=SIGMOID.cases[:2])
    report = judged(problem, ROOT / "tests" / "data" / path, runner, leftovers, fail_fast=False)
    if runner_kind == "worker":
        assert [r.verdict for r in report.results] == [Verdict.RTE, Verdict.RTE]
    else:
        expected = [Verdict.TLE] * 2 if "daemon" in path else [Verdict.AC, Verdict.WA]
        assert [r.verdict for r in report.results] == expected


def first_line(path: Path) -> bytes:
    return path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]


def test_table_covers_every_hostile_program() -> None:
    """Each hostile file is in the table, with its folder's verdict and a first line that says what it does."""
    listed = {h.program for h in TABLE} | {HOSTILE / name for name in OWN_TESTS}
    on_disk = set(HOSTILE.glob("sigmoid__*.py"))
    assert on_disk <= listed
    known = {p for p in SUBMISSIONS.glob("*/sigmoid__*.py") if first_line(p).lstrip(b"\xef\xbb\xbf").startswith(b"# Hostile")}
    assert not known, "hostile programs belong in tests/data/hostile, not among the bank's known submissions"
    for hostile in TABLE:
        first = first_line(hostile.program)
        assert first.startswith(b"# Hostile") or hostile.program.name == "sigmoid__empty.py", hostile.path
        if hostile.program.name != "sigmoid__empty.py":
            assert first.startswith(b"# Hostile: ")
            for verdict in (hostile.verdict, hostile.bwrap_verdict or hostile.verdict):
                assert verdict.value.encode() in first


# --- output: bounded memory, escaped rendering ---------------------------------------------------


def test_stdout_flood_keeps_the_judge_small(leftovers: Leftovers) -> None:
    """200 MB of stdout: OLE, and the judge holds at most the output limit, not the whole flood."""
    problem = PROBLEMS_BY_NAME["output"]
    tracemalloc.start()
    try:
        report = judged(
            problem,
            HOSTILE / "sigmoid__stdout_flood.py",
            WorkerRunner(Sandbox(None)),
            leftovers,
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, f"the judge allocated {peak / 2**20:.0f} MB"
    assert len(report.results[0].execution.stdout) <= 16 * 1024 * 1024
    assert report.verdict is Verdict.OLE, failure_message(report)


def rendered(report: Report) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None, force_terminal=False, highlight=False)
    render_report(console, report, "en")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "path",
    ["hostile/sigmoid__rich_markup.py", "hostile/sigmoid__escape_in_exception.py"],
)
def test_markup_and_escapes_from_a_program_are_shown_escaped(path: str, leftovers: Leftovers) -> None:
    """Markup and terminal escapes printed or raised by a program reach the terminal as inert text."""
    report = judged(
        PROBLEMS_BY_NAME["one"], ROOT / "tests" / "data" / path, WorkerRunner(Sandbox(None)), leftovers
    )
    text = rendered(report)
    assert "\x1b" not in text and "\x07" not in text, repr(
        [line for line in text.splitlines() if "\x1b" in line]
    )
    assert "[bold red]x[/]" in text
    assert "\\x1b[2J" in text


# --- what bubblewrap hides ------------------------------------------------------------------------


def probe(
    paths: list[str], sandbox: Sandbox, leftovers: Leftovers, runner: Runner | None = None
) -> dict[str, object]:
    """What the probe program sees of each path from inside the sandbox (None: it does not exist)."""
    case = Case("probe", json.dumps(paths) + "\n", "0\n")
    problem = dataclasses.replace(SIGMOID, cases=(case,))
    report = judged(problem, HOSTILE / "probe__paths.py", runner or WorkerRunner(sandbox), leftovers)
    execution = report.results[0].execution
    assert execution.exit_code == 0, (execution.stderr, execution.error)
    seen: dict[str, object] = json.loads(execution.stdout)
    return seen


def test_bwrap_hides_answers_and_the_host_filesystem(tmp_path: Path, leftovers: Leftovers) -> None:
    """Under bwrap the problems, the references, the judge's package, /work and the test's files are gone."""
    sandbox = bwrap_or_skip()
    secret = tmp_path / "secret.txt"
    secret.write_text("the answer is 0.7311\n")
    hidden = [
        str(PROBLEMS / "sigmoid.yaml"),
        str(PROBLEMS),
        str(SOLUTIONS / "sigmoid.py"),
        str(SOLUTIONS),
        str(Path(judge.__file__).parent / "report.py"),
        str(ROOT),
        "/work",
        str(secret),
        str(tmp_path),
        "/etc/passwd",
        "/home",
        "/root",
    ]
    seen = probe(hidden, sandbox, leftovers)
    # A folder on the way to the bound interpreter (/work/main for /work/main/.venv, /root for
    # ~/.pyenv) exists in the sandbox, holding that way alone: nothing else of the host.
    bound = {Path(p) for p in (sys.prefix, sys.base_prefix)} | {Path(sys.executable).resolve()}
    for path in hidden:
        on_the_way = {b.relative_to(path).parts[0] for b in bound if Path(path) in b.parents}
        assert seen[path] is None or (isinstance(seen[path], list) and set(seen[path]) <= on_the_way), (
            path,
            seen[path],
        )


def test_without_sandbox_the_probe_sees_the_answers(tmp_path: Path, leftovers: Leftovers) -> None:
    """The probe is not blind: with no sandbox it reads the host's files and the problem file (so the bwrap
    test means something). A checkout under /tmp is the exception: the worker's fresh /tmp hides it."""
    problem = str(PROBLEMS / "sigmoid.yaml")
    seen = probe([problem, "/etc/passwd"], Sandbox(None), leftovers)
    assert str(seen["/etc/passwd"]).startswith("root:")
    if not PROBLEMS.resolve().is_relative_to("/tmp"):
        assert str(seen[problem]).startswith("format_version")


def test_network_is_out_of_reach_under_bwrap(sandbox: Sandbox, leftovers: Leftovers) -> None:
    """A program cannot reach a port the host listens on under bwrap (WA); without a sandbox it can (AC)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        case = Case("loopback", f"0\n{port}\n", "0.5000\n")
        problem = dataclasses.replace(SIGMOID, cases=(case,))
        report = judged(problem, HOSTILE / "sigmoid__network.py", WorkerRunner(sandbox), leftovers)
        server.setblocking(False)
        try:
            connection, _ = server.accept()
            connection.close()
            reached = True
        except BlockingIOError:
            reached = False
    if sandbox.bwrap:
        assert (report.verdict, reached) == (Verdict.WA, False)
    else:
        assert (report.verdict, reached) == (Verdict.AC, True)


def test_a_case_cannot_take_descriptors_from_the_worker_or_the_next_case(
    sandbox: Sandbox, leftovers: Leftovers
) -> None:
    """pidfd_getfd on the worker (the judge's socket) or on the next case's child forked ahead fails,
    even as root with no sandbox: they are not dumpable, out of the case's PID namespace, the case has no
    capability left, and the seccomp filter refuses pidfd_getfd; with PID namespaces shared too."""
    program = HOSTILE / "sigmoid__steal_from_worker.py"
    for pid_namespaces in (True, False):
        report = judged(PROBLEMS_BY_NAME["two"], program, WorkerRunner(sandbox, pid_namespaces), leftovers)
        assert report.verdict is Verdict.AC, failure_message(report)


def in_judge_folders(*names: str) -> list[Path]:
    """Files or folders with one of these names in the judge's temporary folders (os.walk skips what
    is deleted meanwhile)."""
    return [
        Path(root) / name
        for folder in Path(tempfile.gettempdir()).glob("dl-judge-*")
        for root, folders, files in os.walk(folder)
        for name in names
        if name in files or name in folders
    ]


def eventually(found: Callable[[], list[Path]], within_s: float = LEFTOVER_GRACE_S) -> list[Path]:
    """What `found` still returns after the judge had time to clean up (it may do so after answering)."""
    deadline = time.monotonic() + within_s
    while (left := found()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_files_written_to_tmp_and_home_do_not_persist(sandbox: Sandbox, leftovers: Leftovers) -> None:
    """Files a case writes to $HOME and /tmp go with the batch, even for the pool's next batch."""
    marker = Path("/tmp/dl-judge-hostile-marker")
    marker.unlink(missing_ok=True)
    runner = WorkerRunner(sandbox)
    try:
        problem = PROBLEMS_BY_NAME["one"]
        report = evaluate(problem, HOSTILE / "sigmoid__tmp_and_home_writes.py", runner, fail_fast=True)
        assert report.verdict is Verdict.AC, failure_message(report)
        assert not eventually(lambda: in_judge_folders(marker.name, "dl-judge-hostile-files"))
        # Each worker has a /tmp of its own (a mount namespace: always under bwrap, and without it where
        # the kernel gives one, as here): nothing reaches the host's.
        assert not marker.exists()
        if sandbox.bwrap:
            # The next batch of the same runner may reuse the sandbox: it must not see the file.
            assert probe([str(marker)], sandbox, leftovers, runner) == {str(marker): None}
    finally:
        marker.unlink(missing_ok=True)
        runner.close()


# --- the command line: doctor, --sandbox bwrap without bwrap, --sandbox auto --------------------


def judge_command(*args: str, path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`judge ARGS` in a fresh process that finds programs on the given PATH only."""
    env = {"PATH": path, "HOME": str(cwd), "JUDGE_HOME": str(cwd / "judge-home"), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "judge", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def no_bwrap_path(tmp_path: Path) -> str:
    """A PATH without bubblewrap on it."""
    folder = tmp_path / "bin"
    folder.mkdir()
    return str(folder)


def test_doctor_says_which_isolation_this_machine_gives(tmp_path: Path, no_bwrap_path: str) -> None:
    """`judge doctor` names bwrap when it works, and says what to install when it is missing."""
    path, _ = probe_bwrap()
    done = judge_command("doctor", path=os.environ.get("PATH", "/usr/bin:/bin"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "bubblewrap" in done.stdout and "numpy" in done.stdout
    if path is not None:
        assert path in done.stdout and "no network" in done.stdout
    missing = judge_command("doctor", path=no_bwrap_path, cwd=tmp_path)
    assert missing.returncode == 1, missing.stderr  # partial isolation: CI can gate on it
    said = " ".join((missing.stdout + missing.stderr).split())
    assert "bubblewrap is not installed" in said and "apt-get install bubblewrap" in said


def test_sandbox_bwrap_without_bwrap_exits_2_with_one_line(tmp_path: Path, no_bwrap_path: str) -> None:
    """`--sandbox bwrap` where bwrap is missing: exit 2, one line saying what to install, nothing run."""
    done = judge_command(
        "run",
        "sigmoid",
        str(SOLUTIONS / "sigmoid.py"),
        "--sandbox",
        "bwrap",
        "--problems",
        str(PROBLEMS),
        path=no_bwrap_path,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "bubblewrap is not installed" in lines[0] and "apt-get install bubblewrap" in lines[0]


def test_sandbox_bwrap_that_cannot_work_exits_2_with_the_reason(tmp_path: Path) -> None:
    """A bwrap that fails (e.g. user namespaces blocked) is reported with its own error and a fix."""
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    done = judge_command(
        "run",
        "sigmoid",
        str(SOLUTIONS / "sigmoid.py"),
        "--sandbox",
        "bwrap",
        "--problems",
        str(PROBLEMS),
        path=f"{folder}:/usr/bin:/bin",
        cwd=tmp_path,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "No permissions to create new namespace" in lines[0] and "user namespaces" in lines[0]


def test_sandbox_auto_without_bwrap_warns_once_and_runs(tmp_path: Path, no_bwrap_path: str) -> None:
    """`--sandbox auto` where bwrap is missing: one warning line on stderr, and the run still happens."""
    done = judge_command(
        "run",
        "sigmoid",
        str(SOLUTIONS / "sigmoid.py"),
        "--samples",
        "--json",
        "--problems",
        str(PROBLEMS),
        path=no_bwrap_path,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "AC"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("warning:") and "bubblewrap" in lines[0]


def test_resolve_sandbox_matches_the_probe() -> None:
    """resolve_sandbox gives bwrap exactly when the probe says it works, and never warns then."""
    path, _ = probe_bwrap()
    chosen = resolve_sandbox(SandboxMode.AUTO)
    assert chosen.bwrap == path
    assert (chosen.warning == "") is (path is not None)
    assert resolve_sandbox(SandboxMode.NONE) == Sandbox(None)


# --- more of what a case must not reach -------------------------------------------------------------

# The programs whose point is the process tree, run again with the fallback where the kernel gives no
# PID namespace: the worker then kills every process below it until none is left.
TREE_PROGRAMS = [
    h
    for h in TABLE
    if Path(h.path).name
    in (
        "sigmoid__daemon.py",
        "sigmoid__fork_sleepers.py",
        "sigmoid__process_chain.py",
        "sigmoid__fork_bomb.py",
        "sigmoid__grandchild_cpu.py",
        "sigmoid__zombie_cpu.py",
        "sigmoid__fork_memory.py",
        "sigmoid__case_isolation.py",
    )
]


@pytest.mark.parametrize("hostile", TREE_PROGRAMS, ids=lambda h: Path(h.path).stem.split("__")[1])
def test_process_trees_end_without_pid_namespaces(
    hostile: Hostile, sandbox: Sandbox, leftovers: Leftovers
) -> None:
    """Without PID namespaces (forced here), the same programs get the same verdicts and leave nobody."""
    problem = PROBLEMS_BY_NAME[hostile.problem]
    report = judged(
        problem, hostile.program, WorkerRunner(sandbox, pid_namespaces=False), leftovers, hostile.fail_fast
    )
    allowed = (hostile.expected(sandbox), *hostile.also)
    if sandbox.bwrap is None and os.geteuid() == 0:
        allowed += ROOT_WITHOUT_SANDBOX.get(hostile.program.name, ())
    assert report.verdict in allowed, failure_message(report)


def test_what_a_case_writes_reaches_no_later_or_parallel_submission(leftovers: Leftovers) -> None:
    """Under bwrap a case can write only its own /tmp and /dev/shm, and nothing it wrote is there for the
    next batch of the same pooled sandbox, nor for a batch in another sandbox."""
    sandbox = bwrap_or_skip()
    masks = [
        str(p)
        for p in judge.sandbox.masked_paths(judge.sandbox._interpreter_paths(), judge.sandbox.secret_paths())
    ]
    case = Case("everywhere", f"0\n{json.dumps(masks)}\n", "0.5000\n")
    problem = dataclasses.replace(SIGMOID, cases=(case,))
    runner, other = WorkerRunner(sandbox), WorkerRunner(sandbox)
    try:
        report = evaluate(problem, HOSTILE / "sigmoid__write_everywhere.py", runner)
        assert report.verdict is Verdict.AC, failure_message(report)
        written = json.loads(report.results[0].execution.stderr)
        assert written and all(p.startswith(("/tmp/", "/dev/shm/")) for p in written), written
        for pool in (runner, other):
            look = Case("probe", json.dumps(written) + "\n", "[]\n")
            seen = evaluate(dataclasses.replace(SIGMOID, cases=(look,)), HOSTILE / "probe__markers.py", pool)
            assert seen.results[0].execution.stdout.strip() == "[]", seen.results[0].execution.stdout
    finally:
        runner.close()
        other.close()
    assert leftovers.survivors() == []


@pytest.mark.parametrize("program", ["sigmoid__kill_judge.py", "sigmoid__judge_memory.py"])
def test_a_case_cannot_kill_the_judge_or_open_its_memory(
    program: str, sandbox: Sandbox, leftovers: Leftovers
) -> None:
    """Given the judge's pid, a case can neither signal it (it is outside the case's PID namespace) nor
    open its memory (the judge is not dumpable when it runs cases without a sandbox)."""
    case = Case("judge", f"0\n{os.getpid()}\n", "0.5000\n")
    report = judged(
        dataclasses.replace(SIGMOID, cases=(case,)), HOSTILE / program, WorkerRunner(sandbox), leftovers
    )
    assert report.verdict is Verdict.AC, (failure_message(report), report.results[0].execution.stderr)


def test_a_huge_source_is_ce_before_anything_runs(tmp_path: Path, leftovers: Leftovers) -> None:
    """A 3 MiB file is CE "file too large", read only up to the limit, never compiled or sent."""
    path = tmp_path / "sigmoid.py"
    path.write_text("print(0.5)\n" + "#" * (3 << 20) + "\n")
    report = judged(PROBLEMS_BY_NAME["two"], path, WorkerRunner(Sandbox(None)), leftovers)
    assert report.verdict is Verdict.CE and "file too large" in failure_message(report)


def test_answers_stay_masked_through_a_symlinked_prefix(
    tmp_path: Path, leftovers: Leftovers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A secret under a folder the sandbox shows is masked at every path that leads to it: through a
    symlink to that folder (a symlinked virtualenv or prefix) as well as at its real place."""
    sandbox = bwrap_or_skip()
    real = tmp_path / "real-prefix"
    (real / "judge").mkdir(parents=True)
    (real / "judge" / "answer.txt").write_text("0.7311\n")
    (real / "kept.txt").write_text("kept\n")
    link = tmp_path / "linked-prefix"
    link.symlink_to(real)
    plain = judge.sandbox._interpreter_paths
    monkeypatch.setattr(judge.sandbox, "_interpreter_paths", lambda: [*plain(), link, real])
    monkeypatch.setattr(judge.sandbox, "secret_paths", lambda: [real / "judge"])
    seen = probe(
        [str(link / "judge" / "answer.txt"), str(real / "judge" / "answer.txt"), str(link / "kept.txt")],
        sandbox,
        leftovers,
    )
    assert seen[str(link / "judge" / "answer.txt")] is None
    assert seen[str(real / "judge" / "answer.txt")] is None
    assert seen[str(link / "kept.txt")] == "kept\n"


def test_masked_paths_cover_every_way_in(tmp_path: Path) -> None:
    """masked_paths: a secret below a bound folder is masked under that folder's path, whether the
    folder is bound by its real path or by a link to it; secrets outside every bound folder are not."""
    real = tmp_path / "venv"
    (real / "lib" / "judge").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    masks = judge.sandbox.masked_paths([link, real], [real / "lib" / "judge", outside])
    assert masks == sorted([link / "lib" / "judge", real / "lib" / "judge"])
