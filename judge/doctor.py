"""What this machine gives the judge: Python, numpy, and each protection with why it is or is not active."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from judge.messages import say
from judge.sandbox import probe_bwrap, protections


@dataclass(frozen=True)
class Fact:
    name: str
    ok: bool
    detail: str


def examine(lang: str = "en") -> tuple[list[Fact], str | None]:
    """The facts (told in `lang`), and why isolation is partial (None when bubblewrap works)."""
    python = say(lang, "doctor.detail.python", version=platform.python_version(), path=sys.executable)
    facts = [Fact("python", sys.version_info >= (3, 10), python)]
    try:  # the installed version, without importing numpy into the judge
        facts.append(Fact("numpy", True, metadata.version("numpy")))
    except metadata.PackageNotFoundError:
        facts.append(Fact("numpy", False, say(lang, "doctor.detail.numpy_missing")))
    try:  # optional: solutions that import torch run on a worker that imported it once
        facts.append(Fact("torch", True, say(lang, "doctor.detail.torch", version=metadata.version("torch"))))
    except metadata.PackageNotFoundError:
        facts.append(Fact("torch", True, say(lang, "doctor.detail.torch_missing")))
    path, reason = probe_bwrap()
    facts += [Fact(p.name, p.active, p.detail) for p in protections(path, reason, os.getuid(), lang)]
    return facts, None if path is not None else reason
