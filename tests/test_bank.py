"""`judge bless` writes expected outputs from the reference; a failing reference blesses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROBLEMS, SOLUTIONS


def bank_without_outputs(root: Path) -> Path:
    """A one-problem bank whose cases have no stdout yet, beside its own solutions folder."""
    (root / "problems").mkdir()
    (root / "solutions").mkdir()
    raw = yaml.safe_load((PROBLEMS / "sigmoid.yaml").read_text(encoding="utf-8"))
    for case in raw["cases"]:
        del case["stdout"]
    (root / "problems" / "sigmoid.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    shutil.copy(SOLUTIONS / "sigmoid.py", root / "solutions" / "sigmoid.py")
    return root / "problems"


def judge(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUDGE_HOME": str(cwd / "home")}
    return subprocess.run([sys.executable, "-m", "judge", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)  # fmt: skip


def test_bless_fills_every_expected_output_from_the_reference(tmp_path: Path) -> None:
    """After bless, each case's stdout is what the reference prints, and the file loads again."""
    bank = bank_without_outputs(tmp_path)
    done = judge("bless", "sigmoid", "--problems", str(bank), "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    blessed = yaml.safe_load((bank / "sigmoid.yaml").read_text(encoding="utf-8"))["cases"]
    original = yaml.safe_load((PROBLEMS / "sigmoid.yaml").read_text(encoding="utf-8"))["cases"]
    assert [c["stdout"] for c in blessed] == [c["stdout"] for c in original]
    assert judge("verify", "sigmoid", "--problems", str(bank), "--sandbox", "none", cwd=tmp_path).returncode == 0


def test_bless_refuses_a_failing_reference_and_keeps_the_file(tmp_path: Path) -> None:
    """A reference that crashes names the case and its verdict; the problem file is untouched."""
    bank = bank_without_outputs(tmp_path)
    before = (bank / "sigmoid.yaml").read_bytes()
    (tmp_path / "solutions" / "sigmoid.py").write_text("import sys\nsys.exit(4)\n", encoding="utf-8")
    done = judge("bless", "sigmoid", "--problems", str(bank), "--sandbox", "none", cwd=tmp_path)
    assert done.returncode == 2
    assert "cases[0]" in done.stderr and "gets RTE" in done.stderr and "SystemExit: 4" in done.stderr
    assert (bank / "sigmoid.yaml").read_bytes() == before
