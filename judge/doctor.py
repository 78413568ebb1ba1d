"""What this machine gives the judge: Python, numpy, and each protection with why it is or is not active."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from judge.sandbox import probe_bwrap, protections


@dataclass(frozen=True)
class Fact:
    name: str
    ok: bool
    detail: str


def examine() -> tuple[list[Fact], str | None]:
    """The facts, and why isolation is partial (None when bubblewrap works)."""
    facts = [Fact("python", sys.version_info >= (3, 10), f"{platform.python_version()} at {sys.executable}")]
    try:  # the installed version, without importing numpy into the judge
        facts.append(Fact("numpy", True, metadata.version("numpy")))
    except metadata.PackageNotFoundError:
        facts.append(Fact("numpy", False, "not installed: pip install numpy"))
    path, reason = probe_bwrap()
    facts += [Fact(p.name, p.active, p.detail) for p in protections(path, reason, os.getuid())]
    return facts, None if path is not None else reason
