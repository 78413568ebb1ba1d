"""The bubblewrap probe: a success is remembered in the data folder while the binary, the kernel and
its settings stay the same; a failure never is; a sandbox that fails to start forgets it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from judge.sandbox import Sandbox, SandboxMode, probe_bwrap, resolve_sandbox


def fake_bwrap(folder: Path, exit_code: int) -> Path:
    """A `bwrap` that counts its runs in `runs` beside it and exits with `exit_code`."""
    folder.mkdir(exist_ok=True)
    path = folder / "bwrap"
    path.write_text(f"#!/bin/sh\necho run >> {folder / 'runs'}\necho 'bwrap: no namespace' >&2\nexit {exit_code}\n")
    path.chmod(0o755)
    return path


def runs(folder: Path) -> int:
    counter = folder / "runs"
    return len(counter.read_text().splitlines()) if counter.exists() else 0


def test_a_success_is_probed_once_until_the_binary_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second judge trusts the remembered success; a new bwrap binary (another mtime) is probed."""
    binary = fake_bwrap(tmp_path / "bin", 0)
    monkeypatch.setenv("PATH", str(binary.parent))
    cache = tmp_path / "home" / "bwrap-probe"
    assert probe_bwrap(cache) == (str(binary), "") and runs(binary.parent) == 1
    assert probe_bwrap(cache) == (str(binary), "") and runs(binary.parent) == 1
    os.utime(binary, ns=(0, 1_000_000_000))
    assert probe_bwrap(cache) == (str(binary), "") and runs(binary.parent) == 2
    assert probe_bwrap() == (str(binary), "") and runs(binary.parent) == 3  # no cache given: always


def test_a_failure_is_never_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every judge probes a bwrap that fails, so its reason (and the fallback) is always today's; a
    remembered success of another binary does not apply to it."""
    good = fake_bwrap(tmp_path / "good", 0)
    cache = tmp_path / "bwrap-probe"
    monkeypatch.setenv("PATH", str(good.parent))
    probe_bwrap(cache)
    bad = fake_bwrap(tmp_path / "bad", 1)
    monkeypatch.setenv("PATH", str(bad.parent))
    for expected_runs in (1, 2):
        path, reason = probe_bwrap(cache)
        assert path is None and "no namespace" in reason
        assert runs(bad.parent) == expected_runs
    with pytest.raises(Exception, match="no namespace"):
        resolve_sandbox(SandboxMode.BWRAP, cache)


def test_a_sandbox_that_fails_to_start_forgets_the_probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A remembered success that no longer holds fails closed (the worker cannot start: IE), and is
    forgotten, so the next judge probes again and says why."""
    binary = fake_bwrap(tmp_path / "bin", 0)
    monkeypatch.setenv("PATH", str(binary.parent))
    cache = tmp_path / "bwrap-probe"
    chosen = resolve_sandbox(SandboxMode.AUTO, cache)
    assert chosen.bwrap == str(binary) and chosen.probe_cache == cache and cache.exists()
    chosen.forget_probe()
    assert not cache.exists()
    chosen.forget_probe()  # already gone: nothing to do
    Sandbox(None).forget_probe()
