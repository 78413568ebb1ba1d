"""The runners in real processes: limits, isolation between cases, worker recovery, and the
worker and spawn runners agreeing on every verdict of the bank."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import judge.runner
import judge.sandbox
from judge import worker as protocol
from judge.catalog import Catalog
from judge.program import Program
from judge.report import Verdict, evaluate, run_failure
from judge.runner import Limits, Worker, WorkerRunner, Zygote, spawn_runner
from judge.sandbox import Sandbox, bwrap_sandbox, probe_bwrap

from conftest import PROBLEMS, ROOT, Leftovers, descendants

LIMITS = Limits(time_limit_s=1.0, memory_limit_mb=256)
NONE = Sandbox(None)


@pytest.fixture(params=[True, False], ids=["pid-namespaces", "shared-pid"])
def pid_namespaces(request: pytest.FixtureRequest) -> bool:
    """Worker tests run with a PID namespace per case (where the kernel allows one, as here) and with
    the fallback of machines where it allows none."""
    return bool(request.param)


def bwrap_or_skip() -> Sandbox:
    path, reason = probe_bwrap()
    if path is None:
        pytest.skip(f"bubblewrap cannot isolate code on this machine: {reason}")
    return bwrap_sandbox(path)


def program(tmp_path: Path, source: str, name: str = "prog.py") -> Path:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def test_each_case_gets_its_own_stdin_and_output(tmp_path: Path, pid_namespaces: bool) -> None:
    """A batch answers in order, one execution per stdin."""
    echo = program(tmp_path, "print(int(input()) * 2)\n")
    runs = list(WorkerRunner(NONE, pid_namespaces).run_batch(echo, ["1\n", "2\n", "30\n"], LIMITS))
    assert [r.stdout for r in runs] == ["2\n", "4\n", "60\n"]
    assert all(r.exit_code == 0 and r.memory_mb > 0 for r in runs)


def test_cases_are_isolated_from_one_another(tmp_path: Path, pid_namespaces: bool) -> None:
    """Monkeypatching numpy, globals, builtins and files in cwd do not leak to the next case."""
    source = """
import os, builtins, numpy as np
leaked = [hasattr(np, "patched"), os.path.exists("note.txt"), hasattr(builtins, "marker")]
e = float(np.exp(0.0))
np.patched = True
np.exp = lambda x: 0
builtins.marker = 1
open("note.txt", "w").write("x")
print(sum(leaked), e)
"""
    runs = list(WorkerRunner(NONE, pid_namespaces).run_batch(program(tmp_path, source), ["\n"] * 3, LIMITS))
    assert [r.stdout.split() for r in runs] == [["0", "1.0"]] * 3


@pytest.mark.parametrize("sandboxed", [False, True], ids=["none", "bwrap"])
def test_a_case_that_alters_its_folder_does_not_pass_it_on(
    tmp_path: Path, sandboxed: bool, pid_namespaces: bool
) -> None:
    """The folder is kept for the next case only when left empty and unchanged: a file, a new mode, a
    rename or a symlink in its place each make the worker replace it."""
    source = """
import os, stat
here = os.getcwd()
print(oct(stat.S_IMODE(os.lstat(here).st_mode)), sorted(os.listdir(".")), os.path.islink(here))
what = input()
if what == "file":
    open("left.txt", "w").write("x")
elif what == "chmod":
    os.chmod(".", 0o777)
elif what == "rename":
    os.rename(here, here + "-moved")
elif what == "link":
    os.chdir("/")
    os.rmdir(here)
    os.symlink("/", here)
elif what == "emptied":
    open("gone.txt", "w").write("x")
    os.remove("gone.txt")
"""
    stdins = ["file", "calm", "chmod", "calm", "rename", "calm", "link", "calm", "emptied", "calm"]
    sandbox = bwrap_or_skip() if sandboxed else NONE
    runs = list(
        WorkerRunner(sandbox, pid_namespaces).run_batch(
            program(tmp_path, source), [f"{s}\n" for s in stdins], LIMITS
        )
    )
    assert [r.stdout for r in runs] == ["0o700 [] False\n"] * len(stdins), [r.stderr for r in runs]


def test_a_mount_under_tmp_outlasts_every_wipe(
    tmp_path: Path, pid_namespaces: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under bwrap the interpreter's folders appear under /tmp when they live under /tmp on the host (a
    virtualenv in a temporary clone). Wiping /tmp after each case and each batch leaves them alone, and
    empties the folders that lead to them: what a case writes there does not reach the next case."""
    sandbox = bwrap_or_skip()
    shown = tmp_path / "shown"
    shown.mkdir()
    (shown / "kept.txt").write_text("kept")
    plain = judge.sandbox.bwrap_arguments
    monkeypatch.setattr(
        judge.sandbox,
        "bwrap_arguments",
        lambda root: [*plain(root), "--bind", str(shown), "/tmp/outer/inner"],
    )
    source = """
import os
print(sorted(os.listdir("/tmp/outer")), open("/tmp/outer/inner/kept.txt").read(), os.path.exists("/tmp/stray.txt"))
open("/tmp/outer/stray.txt", "w").write("x")
open("/tmp/stray.txt", "w").write("x")
"""
    runner = WorkerRunner(sandbox, pid_namespaces)
    try:
        runs = list(runner.run_batch(program(tmp_path, source), ["\n"] * 3, LIMITS))
        runs += runner.run_batch(program(tmp_path, source), ["\n"], LIMITS)  # the next batch: after a reset
    finally:
        runner.close()
    assert [r.stdout for r in runs] == ["['inner'] kept False\n"] * 4, [r.stderr for r in runs]
    assert (shown / "kept.txt").read_text() == "kept"


@pytest.mark.parametrize("sandboxed", [False, True], ids=["none", "bwrap"])
def test_the_worker_says_how_it_isolates_cases(sandboxed: bool) -> None:
    """The worker, shown to the sandbox as a file, reports its isolation: a PID namespace per case and
    the seccomp filter everywhere here; fresh mounts under bwrap, and a uid per case when that is root."""
    sandbox = bwrap_or_skip() if sandboxed else NONE
    zygote = Zygote(sandbox)
    try:
        sock, pid = zygote.fork_worker()
        worker = Worker(sock, Program("one.py", b"print(1)\n"), zygote, pid)
        # This machine lets an unprivileged user make user namespaces, and root may anyway: every
        # worker here has a fresh /tmp and /dev/shm, bubblewrap or not.
        flags = (
            protocol.ISOLATION_PID_NAMESPACE | protocol.ISOLATION_SECCOMP | protocol.ISOLATION_PRIVATE_MOUNTS
        )
        if sandboxed and os.geteuid() == 0:
            flags |= protocol.ISOLATION_UNPRIVILEGED
        assert worker.isolation == flags
        assert worker.run("\n", LIMITS).stdout == "1\n"
        worker.stop()
        argv = zygote.interpreter.process.args
        assert isinstance(argv, list) and any(str(a).endswith("worker.py") for a in argv)
        assert not any("def " in str(a) for a in argv), "the worker's source is not on the command line"
    finally:
        zygote.close()


def test_cwd_is_a_fresh_temporary_folder(tmp_path: Path, pid_namespaces: bool) -> None:
    """The solution does not run in the judge's folder."""
    runs = list(
        WorkerRunner(NONE, pid_namespaces).run_batch(
            program(tmp_path, "import os; print(os.getcwd())"), ["\n"], LIMITS
        )
    )
    folder = runs[0].stdout.strip()
    assert folder != os.getcwd() and Path(folder).name.startswith("case")


def test_environment_is_scrubbed_and_single_threaded(tmp_path: Path, pid_namespaces: bool) -> None:
    """Only a small known environment reaches the solution; BLAS uses one thread."""
    os.environ["DL_JUDGE_SECRET"] = "leak"
    try:
        source = "import os; print(os.environ.get('DL_JUDGE_SECRET'), os.environ['OPENBLAS_NUM_THREADS'])"
        runs = list(WorkerRunner(NONE, pid_namespaces).run_batch(program(tmp_path, source), ["\n"], LIMITS))
    finally:
        del os.environ["DL_JUDGE_SECRET"]
    assert runs[0].stdout.split() == ["None", "1"]


def test_a_case_cannot_kill_its_worker_in_its_own_pid_namespace(tmp_path: Path) -> None:
    """With a PID namespace per case the worker is out of the case's sight: its parent pid reads 0, and
    "killing" it signals the case's own group, where it is init: the kernel ignores it. The same worker
    runs on."""
    source = "import os, signal\nline = input()\nif line == 'kill':\n    os.kill(os.getppid(), signal.SIGKILL)\nprint(line)\n"
    stdins = ["calm\n", "kill\n", "one\n"]
    runs = list(WorkerRunner(NONE).run_batch(program(tmp_path, source), stdins, LIMITS))
    assert [r.worker_died for r in runs] == [False, False, False]
    assert [r.stdout for r in runs] == ["calm\n", "kill\n", "one\n"]


def test_the_worker_is_replaced_when_a_case_kills_it(tmp_path: Path) -> None:
    """Without PID namespaces a case can kill its parent: it is reported, and the cases after it (the
    next one was already sent to the dead worker) run in a new worker."""
    source = "import os, signal\nline = input()\nif line == 'kill':\n    os.kill(os.getppid(), signal.SIGKILL)\nprint(line)\n"
    stdins = ["calm\n", "kill\n", "one\n", "two\n", "kill\n", "three\n"]
    runs = list(WorkerRunner(NONE, pid_namespaces=False).run_batch(program(tmp_path, source), stdins, LIMITS))
    assert [r.worker_died for r in runs] == [False, True, False, False, True, False]
    assert [r.stdout for r in runs if not r.worker_died] == ["calm\n", "one\n", "two\n", "three\n"]


def test_a_case_that_never_starts_is_run_again_then_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PID namespaces, a case whose child was killed before its go (by the case before it) is
    run again in a new worker; past RUNS_PER_CASE runs it is an internal error that says so, not the
    submission's RTE. With them, the case before cannot even see the next one's child."""
    hostile = ROOT / "tests" / "data" / "hostile" / "sigmoid__signal_next_case.py"
    stdins = ["1\n", "2\n"]  # not 0: it kills (at 0 it stops) the next case's child
    runs = list(WorkerRunner(NONE, pid_namespaces=False).run_batch(hostile, stdins, LIMITS))
    assert [r.stdout for r in runs] == ["0.7311\n", "0.8808\n"]
    monkeypatch.setattr(judge.runner, "RUNS_PER_CASE", 1)
    runs = list(WorkerRunner(NONE, pid_namespaces=False).run_batch(hostile, stdins, LIMITS))
    assert runs[0].stdout == "0.7311\n"
    assert runs[1].internal_error is not None and "killed before it started" in runs[1].internal_error
    assert run_failure(runs[1], LIMITS) == (Verdict.IE, runs[1].internal_error)
    runs = list(WorkerRunner(NONE).run_batch(hostile, stdins, LIMITS))
    assert [r.stdout for r in runs] == ["0.7311\n", "0.8808\n"]


@pytest.mark.parametrize("lookahead", [0, 1])
def test_a_case_is_sent_ahead_only_when_the_runner_looks_ahead(
    tmp_path: Path, lookahead: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With lookahead 0 (verify and grade, batches side by side) a batch that stops at its first case
    never starts a second one; with 1 (a single run) the next case's child is forked while one runs."""
    sent: list[str] = []
    submit = Worker.submit

    def counted(self: Worker, stdin: str, limits: Limits) -> None:
        sent.append(stdin)
        submit(self, stdin, limits)

    monkeypatch.setattr(Worker, "submit", counted)
    runner = WorkerRunner(NONE, lookahead=lookahead)
    try:
        batch = runner.run_batch(program(tmp_path, "print(input())\n"), ["a\n", "b\n", "c\n"], LIMITS)
        first = next(batch)
        batch.close()  # the consumer stops here, as verify does at a known mistake's first failure
    finally:
        runner.close()
    assert first.stdout == "a\n"
    assert sent == ["a\n", "b\n"][: lookahead + 1]
    assert judge.runner.lookahead_for(1) == 1 and judge.runner.lookahead_for(4) == 0  # run; verify, grade


def test_stopping_early_ends_the_case_sent_ahead(tmp_path: Path, pid_namespaces: bool) -> None:
    """At a first failure the consumer stops; the next case, already running, is killed at once."""
    source = "import time\nif input() == 'slow':\n    time.sleep(60)\nprint('done')\n"
    runner = WorkerRunner(NONE, pid_namespaces)
    started = time.monotonic()
    batch = runner.run_batch(program(tmp_path, source), ["fast\n", "slow\n", "slow\n"], LIMITS)
    first = next(batch)
    batch.close()
    assert first.stdout == "done\n"
    assert time.monotonic() - started < LIMITS.wall_limit_s
    runner.close()


def test_stdout_is_capped(tmp_path: Path, pid_namespaces: bool) -> None:
    """Past the output limit the case is cut off and flagged."""
    flood = program(tmp_path, "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n")
    limits = Limits(time_limit_s=2.0, memory_limit_mb=256, output_limit_bytes=1 << 20)
    run = next(iter(WorkerRunner(NONE, pid_namespaces).run_batch(flood, ["\n"], limits)))
    assert run.output_exceeded
    assert len(run.stdout) == 1 << 20


def test_memory_over_the_limit_is_stopped_near_the_limit(tmp_path: Path, pid_namespaces: bool) -> None:
    """The worker watches resident memory: a growing case ends close to its limit, not at the
    address-space backstop (twice the limit), so MLE comes fast and cheap."""
    hog = program(tmp_path, "chunks = []\nfor _ in range(256):\n    chunks.append(b'x' * (8 << 20))\n")
    limits = Limits(time_limit_s=5.0, memory_limit_mb=256)
    run = next(iter(WorkerRunner(NONE, pid_namespaces).run_batch(hog, ["\n"], limits)))
    assert limits.memory_limit_mb < run.memory_mb < 1.5 * limits.memory_limit_mb
    assert run.signal == 9 and not run.timed_out
    assert run_failure(run, limits) == (
        Verdict.MLE,
        f"memory over the 256 MB limit (peak {run.memory_mb:.0f} MB)",
    )


def test_stderr_keeps_its_tail_while_a_flood_is_dropped(tmp_path: Path, pid_namespaces: bool) -> None:
    """stderr is not limited, but only its tail is kept: a slow 24 MB flood is dropped as it goes (the
    worker frees all but the last 64 KiB past 4 MB) and the end comes back whole, with no gap shown."""
    source = (
        "import sys, time\n"
        "for i in range(24):\n"
        "    sys.stderr.write('x' * (1 << 20))\n"
        "    sys.stderr.flush()\n"
        "    time.sleep(0.01)\n"
        "sys.stderr.write('the end\\n')\n"
        "print('ok')\n"
    )
    run = next(iter(WorkerRunner(NONE, pid_namespaces).run_batch(program(tmp_path, source), ["\n"], LIMITS)))
    assert run.stdout == "ok\n" and run.exit_code == 0
    assert run.stderr == ("x" * (1 << 20) + "the end\n")[-64 * 1024 :]
    assert "\0" not in run.stderr and len(run.stderr) <= 64 * 1024


def test_cpu_time_limit_ends_a_busy_loop(tmp_path: Path, pid_namespaces: bool) -> None:
    """An endless loop is stopped by the CPU limit."""
    run = next(
        iter(
            WorkerRunner(NONE, pid_namespaces).run_batch(
                program(tmp_path, "while True: pass"), ["\n"], LIMITS
            )
        )
    )
    assert run.cpu_s >= LIMITS.time_limit_s or run.timed_out


def test_wall_limit_ends_a_sleeper(tmp_path: Path, pid_namespaces: bool) -> None:
    """Sleeping uses no CPU; the wall clock (3× the CPU limit) stops it."""
    run = next(
        iter(
            WorkerRunner(NONE, pid_namespaces).run_batch(
                program(tmp_path, "import time; time.sleep(60)"), ["\n"], LIMITS
            )
        )
    )
    assert run.timed_out
    assert run.wall_s < LIMITS.wall_limit_s + 2


def test_compile_error_is_reported_for_every_case(tmp_path: Path) -> None:
    """A file that does not compile is CE on every case, without running anything."""
    runs = list(spawn_runner(NONE).run_batch(program(tmp_path, "def f(:\n"), ["\n", "\n"], LIMITS))
    assert all(r.compile_error and "line 1" in r.compile_error for r in runs)


def bank_runs(runner: WorkerRunner) -> dict[tuple[str, str], str]:
    """Verdict of every reference and most known submissions of the bank under one runner: a known submission
    up to its first failing case, a reference on its first three cases (the worker runs every case of
    every reference in test_problem_bank; at about 0.1 s a case, the spawn runner would take minutes)."""
    catalog = Catalog(PROBLEMS)
    jobs = []
    for problem_id in catalog.ids():
        problem = catalog.load(problem_id)
        jobs.append((problem, catalog.solution(problem_id), False))
        for i, (folder, path) in enumerate(catalog.known_submissions(problem_id)):
            # Every crash, limit and compile error; one wrong answer in three (they run alike); the hostile
            # suite has its own tests.
            if problem_id != "sigmoid" and (folder != "wrong_answer" or i % 3 == 0):
                jobs.append((problem, path, True))

    def verdict(job: tuple) -> tuple[tuple[str, str], str]:  # type: ignore[type-arg]
        problem, path, fail_fast = job
        cases = None if fail_fast else problem.cases[:3]
        report = evaluate(problem, path, runner, cases=cases, fail_fast=fail_fast)
        return (problem.id, path.name), report.verdict.value

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(verdict, jobs))


@pytest.mark.slow
def test_worker_and_spawn_runners_agree_on_the_whole_bank() -> None:
    """Every reference and known submission gets the same verdict from both runners."""
    by_worker = bank_runs(WorkerRunner(NONE))
    by_spawn = bank_runs(spawn_runner(NONE))
    differing = {k: (by_worker[k], by_spawn[k]) for k in by_worker if by_worker[k] != by_spawn[k]}
    assert not differing
    assert Verdict.AC.value in by_worker.values()


def test_a_bwrap_sandbox_knows_by_itself_when_the_judge_is_root() -> None:
    """However a Sandbox is made, as root it takes no user namespace (bwrap's would map the case to host
    root) and keeps no capability for the case: each case takes a uid of its own."""
    argv = Sandbox("/usr/bin/bwrap").wrap(["python"])
    root = os.geteuid() == 0
    assert Sandbox("/usr/bin/bwrap").as_root is root
    assert ("--unshare-all" in argv) is not root
    assert "--unshare-user" not in argv and ("--cap-drop" in argv) is root


def test_a_runner_used_from_a_thread_that_ends_still_runs_from_another(tmp_path: Path) -> None:
    """A zygote started while a short-lived thread used the runner (diagnosis does this) is still
    alive once that thread has ended: the next batch, from another thread, runs rather than IE."""
    sandbox = bwrap_or_skip()
    echo = program(tmp_path, "print(input())\n")
    with WorkerRunner(sandbox) as runner:
        with ThreadPoolExecutor(max_workers=2) as pool:
            first = list(pool.map(lambda s: list(runner.run_batch(echo, [s], LIMITS)), ["a\n", "b\n"]))
        assert [r[0].stdout for r in first] == ["a\n", "b\n"]
        time.sleep(0.5)  # the pool's threads have ended: the death signal, if tied to them, has fired
        with ThreadPoolExecutor(max_workers=1) as pool:
            again = pool.submit(lambda: list(runner.run_batch(echo, ["c\n", "d\n"], LIMITS))).result()
        assert [r.internal_error for r in again] == [None, None]
        assert [r.stdout for r in again] == ["c\n", "d\n"]


DYING_JUDGE = """
import sys, threading, time
from pathlib import Path
from judge.runner import Limits, WorkerRunner
from judge.sandbox import Sandbox
runner = WorkerRunner(Sandbox(sys.argv[1] or None))
sleeper = Path(sys.argv[2])
limits = Limits(time_limit_s=30.0, memory_limit_mb=256)
for stdin in ("0\\n", "60\\n"):  # the first from a thread that ends; the second runs when we die
    threading.Thread(target=lambda: list(runner.run_batch(sleeper, [stdin], limits))).start()
    time.sleep(1.0)
print("running", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("sandboxed", [False, True], ids=["none", "bwrap"])
def test_nothing_the_runner_started_outlives_the_judge(
    tmp_path: Path, sandboxed: bool, leftovers: Leftovers
) -> None:
    """A judge killed outright (SIGKILL: no cleanup runs) while a case sleeps, its runner having been
    used from a thread that ended too: its zygotes, workers and cases all end with it."""
    sandbox = bwrap_or_skip() if sandboxed else NONE
    sleeper = program(tmp_path, "import time\ntime.sleep(float(input()))\n")
    judge = subprocess.Popen(
        [sys.executable, "-c", DYING_JUDGE, sandbox.bwrap or "", str(sleeper)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert judge.stdout is not None and judge.stdout.readline() == "running\n"
    assert len(descendants(judge.pid)) >= 3  # zygote(s), a worker, the sleeping case
    judge.send_signal(signal.SIGKILL)
    judge.wait()
    assert leftovers.survivors() == []


def test_a_sandbox_that_cannot_start_is_an_internal_error_and_forgets_its_probe(tmp_path: Path) -> None:
    """A remembered probe success that no longer holds (here bwrap is /bin/false) fails closed: IE,
    never a run without isolation; the remembered success is forgotten for the next judge."""
    cache = tmp_path / "bwrap-probe"
    cache.write_text("a success remembered yesterday")
    broken = Sandbox("/bin/false", probe_cache=cache)
    runs = list(WorkerRunner(broken).run_batch(program(tmp_path, "print(1)\n"), ["\n"], LIMITS))
    assert runs[0].internal_error is not None and "cannot start the worker" in runs[0].internal_error
    assert not cache.exists()


def transparent_huge_pages() -> str:
    """The kernel's THP mode ("always", "madvise" or "never"), or "" where it has none."""
    try:
        text = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text(encoding="ascii")
    except OSError:
        return ""
    return text.split("[", 1)[1].split("]", 1)[0] if "[" in text else ""


HEAP_PROBE = """
import sys
from judge.worker import heap_bounds, huge_page_heap
settle = huge_page_heap() if sys.argv[1] == "huge" else None
blocks = [bytes(1000) for _ in range(60000)]  # 60 MB of malloc'd blocks, all on the C heap
if settle is not None:
    settle()
start, end = heap_bounds()  # before anything else could free a large block (and trim the heap)
for line in open("/proc/self/smaps_rollup"):
    if line.startswith("AnonHugePages:"):
        print(int(line.split()[1]))
print((end - start) >> 20)
"""


@pytest.mark.parametrize("mode", ["huge", "plain"])
def test_the_torch_zygote_heap_is_backed_by_huge_pages(mode: str) -> None:
    """What torch allocates on the C heap after huge_page_heap lands in 2 MB pages (cheaper forks);
    without it, with THP on request only, none does. Either way the heap ends near what it holds:
    the 1 GiB pad is given back (it would widen every case's address-space limit)."""
    setting = transparent_huge_pages()
    if setting not in ("always", "madvise"):
        pytest.skip(f"transparent huge pages are {setting or 'absent'} on this kernel")
    if mode == "plain" and setting == "always":
        pytest.skip("every mapping gets huge pages here: nothing to compare against")
    done = subprocess.run(
        [sys.executable, "-c", HEAP_PROBE, mode], capture_output=True, text=True, check=True, cwd=ROOT
    )
    huge_kb, heap_mb = (int(word) for word in done.stdout.split())
    assert 60 <= heap_mb < 256, done.stdout
    if mode == "huge":
        assert huge_kb >= 20 << 10, done.stdout
    else:
        assert huge_kb == 0, done.stdout


WARM_UP_PROBE = """
import os
import torch
from judge import worker
seed, state = torch.initial_seed(), torch.get_rng_state()
worker.preload_torch()
print(len(os.listdir("/proc/self/task")))
print(torch.initial_seed() == seed and torch.equal(torch.get_rng_state(), state))
worker.warm_up_torch(torch)  # raises here, where preload_torch swallows it
"""


def test_the_torch_warm_up_runs_on_this_torch_starts_no_thread_and_keeps_the_random_state() -> None:
    """preload_torch swallows a failing warm-up (cases still run, only slower): this test is what
    notices when a torch release breaks it. The zygote forks: it must stay one thread. And cases start
    from the random state torch's import left: the warm-up's draws are not theirs."""
    pytest.importorskip("torch")
    done = subprocess.run(
        [sys.executable, "-c", WARM_UP_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=judge.runner.scrubbed_environment(os.environ.get("TMPDIR", "/tmp")),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "True"]


def test_the_zygote_probes_pid_namespaces_once_for_its_workers() -> None:
    """Forced off, there is nothing to probe; where the kernel allows them (as here: root, or a user
    namespace), a child set up as a worker makes one. None would send every worker to probe again."""
    assert protocol.probe_pid_namespaces({"shared-pid"}) is False
    found = protocol.probe_pid_namespaces(set())
    if found is None and os.geteuid() != 0:
        pytest.skip("this kernel gives an unprivileged process no user namespace, so no PID namespace")
    assert found is True  # as root (CI), always
