"""`judge watch` for real in a terminal: tmux starts it, a saved fix turns WA into AC, h shows a hint,
Ctrl-C ends it cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from judge.sandbox import probe_bwrap

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux; .ci/run installs it)")

WRONG = "import math\nz = float(input())\nprint(round(math.tanh(z), 4))\n"
RIGHT = (
    "import math\nz = float(input())\n"
    "print(1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z)))\n"
)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-J", "-t", session, "-S", "-200")


def wait_for(session: str, text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; screen:\n{screen(session)}")


@pytest.mark.parametrize("sandbox", ["none", "bwrap"])
def test_watch_reruns_on_save_shows_hints_and_quits_on_ctrl_c(tmp_path: Path, sandbox: str) -> None:
    """Start, see WA, press h for a hint, save a fix, see AC, Ctrl-C: a clean exit. Under bubblewrap
    too, where the diagnosis of the WA once left dead zygotes that made the next run IE."""
    if sandbox == "bwrap" and probe_bwrap()[0] is None:
        pytest.skip(f"bubblewrap cannot isolate code on this machine: {probe_bwrap()[1]}")
    solution = tmp_path / "mine.py"
    solution.write_text(WRONG, encoding="utf-8")
    session = f"dl-judge-test-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {tmp_path} && JUDGE_HOME={tmp_path / 'home'} PYTHONPATH={ROOT} {sys.executable} -m judge "
        f"watch sigmoid mine.py --sandbox {sandbox} --interval 0.1 --lang en; echo EXIT=$?; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", command)
    try:
        wait_for(session, "WA Wrong Answer")
        tmux("send-keys", "-t", session, "h")
        wait_for(session, "Hint 1 of")
        time.sleep(0.2)
        solution.write_text(RIGHT, encoding="utf-8")
        shown = wait_for(session, "Accepted")
        assert "AC Accepted" in shown and "Internal Error" not in shown
        tmux("send-keys", "-t", session, "C-c")
        shown = wait_for(session, "EXIT=")
        assert "stopped watching" in shown
        assert "EXIT=0" in shown
        assert "Traceback" not in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
