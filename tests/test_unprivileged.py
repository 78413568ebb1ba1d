"""The sandbox as a user who is not root: CI runs as root, so the hostile table runs once more through a
judge started as `nobody` (setpriv), under bubblewrap and without it, in one batch per mode.

The judge's interpreter may live where `nobody` cannot go (pyenv under /root, a folder of mode 0700): in a
mount namespace of the test's own (unshare -m, invisible to the host), such a folder is covered by a
0755 tmpfs holding bind mounts of its entries, so nothing of the host changes.
"""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import PROBLEMS_BY_NAME, TABLE, bwrap_probe

from conftest import ROOT, Leftovers

NOBODY = 65534


def blocked_folders(paths: list[Path]) -> list[Path]:
    """Folders on the way to these paths that others may not enter (no o+x)."""
    blocked = set()
    for path in paths:
        for folder in [path, *path.parents]:
            try:
                mode = os.stat(folder).st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
                blocked.add(folder)
    return sorted(blocked, key=lambda p: len(p.parts))


def uncover(folder: Path, staging: Path) -> str:
    """Shell lines that put a 0755 tmpfs over `folder`, holding bind mounts of each of its entries."""
    lines = [f"mount -t tmpfs -o mode=0755 dl-judge-view {shlex.quote(str(staging))}"]
    for entry in sorted(os.listdir(folder)):
        source, target = shlex.quote(str(folder / entry)), shlex.quote(str(staging / entry))
        if os.path.islink(folder / entry):
            lines.append(f"cp -P {source} {target}")
            continue
        lines.append(f"mkdir {target}" if os.path.isdir(folder / entry) else f"touch {target}")
        lines.append(f"mount --rbind {source} {target}")
    lines.append(f"mount --move {shlex.quote(str(staging))} {shlex.quote(str(folder))}")
    return "\n".join(lines)


def as_nobody(argv: list[str], stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    needed = [Path(sys.executable).resolve(), Path(sys.prefix), ROOT]
    script = ["set -e"]
    for i, folder in enumerate(blocked_folders(needed)):
        staging = home / f"view-{i}"
        staging.mkdir()
        script.append(uncover(folder, staging))
    privileges = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all"]
    environment = ["env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", f"HOME={home}", "LANG=C.UTF-8"]
    script.append("exec " + shlex.join([*privileges, *environment, *argv]))
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(script)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="the suite already runs as a user who is not root")
@pytest.mark.parametrize("sandbox", ["bwrap", "none"])
def test_hostile_table_as_an_unprivileged_user(sandbox: str, tmp_path: Path, leftovers: Leftovers) -> None:
    """Every hostile program gets its verdict through a judge run by `nobody`, and no process survives."""
    if sandbox == "bwrap" and bwrap_probe()[0] is None:
        pytest.skip(f"bubblewrap cannot isolate code on this machine: {bwrap_probe()[1]}")
    tmp_path.chmod(0o777)
    runs = []
    for hostile in TABLE:
        problem = PROBLEMS_BY_NAME[hostile.problem]
        runs.append(
            {
                "name": hostile.path,
                "program": hostile.path,
                "time_limit_s": problem.time_limit_s,
                "memory_limit_mb": problem.memory_limit_mb,
                "cases": len(problem.cases),
                "fail_fast": hostile.fail_fast,
            }
        )
    driver = [sys.executable, str(ROOT / "tests" / "unprivileged_driver.py")]
    done = as_nobody(driver, json.dumps({"sandbox": sandbox, "runs": runs}), tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    assert found["judge"]["uid"] == NOBODY
    wrong = {}
    for hostile in TABLE:
        got = found[hostile.path]
        expected = hostile.bwrap_verdict if sandbox == "bwrap" and hostile.bwrap_verdict else hostile.verdict
        if got["verdict"] not in (expected.value, *(v.value for v in hostile.also)):
            wrong[hostile.path] = (expected.value, got)
        elif got["verdict"] == expected.value and hostile.message not in got["message"]:
            wrong[hostile.path] = (hostile.message, got)
    assert not wrong
    capabilities = json.loads(found["hostile/sigmoid__capabilities.py"]["stderr"])
    assert capabilities["uid"][0] == str(NOBODY) and not capabilities["held"]
    assert leftovers.survivors() == []
