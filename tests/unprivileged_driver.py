"""Run hostile programs through the judge's runner and print their verdicts as JSON: started by
tests/test_unprivileged.py as an unprivileged user, so the sandbox is tested as a non-root judge too.

stdin: {"sandbox": "bwrap" | "none", "runs": [{"name", "program", "time_limit_s", "memory_limit_mb",
"cases", "fail_fast"}]}; stdout: {name: {"verdict", "message", "stderr", "uid"}}.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

from judge.catalog import Catalog
from judge.report import evaluate
from judge.runner import WorkerRunner
from judge.sandbox import SandboxMode, resolve_sandbox

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    spec = json.load(sys.stdin)
    sigmoid = Catalog(ROOT / "problems").load("sigmoid")
    mode = SandboxMode.BWRAP if spec["sandbox"] == "bwrap" else SandboxMode.NONE
    found = {}
    with WorkerRunner(resolve_sandbox(mode)) as runner:
        for run in spec["runs"]:
            problem = dataclasses.replace(
                sigmoid,
                cases=sigmoid.cases[: run["cases"]],
                time_limit_s=run["time_limit_s"],
                memory_limit_mb=run["memory_limit_mb"],
            )
            report = evaluate(
                problem, ROOT / "tests" / "data" / run["program"], runner, fail_fast=run["fail_fast"]
            )
            failure = report.first_failure
            found[run["name"]] = {
                "verdict": report.verdict.value,
                "message": failure.message if failure else "",
                "stderr": report.results[0].execution.stderr[-2000:] if report.results else "",
            }
    found["judge"] = {"uid": os.getuid()}
    json.dump(found, sys.stdout)


if __name__ == "__main__":
    main()
