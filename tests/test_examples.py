"""The recipes in examples/, run or read as staff would use them: the Gradescope autograder against a
copy of Gradescope's /autograder tree, a Slurm array's tasks and merge as Slurm would start them, and
the GitHub Actions and Kubernetes files checked for the wiring that makes shards and merge agree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from judge.sandbox import probe_bwrap

from conftest import ROOT, SOLUTIONS, SUBMISSIONS

EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent  # where this environment's `judge` is


def autograder(root: Path, files: dict[str, Path | str]) -> dict[str, Any]:
    """Run examples/gradescope/run_autograder against a fake /autograder tree under root."""
    submission = root / "submission"
    submission.mkdir(parents=True)
    for name, source in files.items():
        if isinstance(source, Path):
            shutil.copy(source, submission / name)
        else:
            (submission / name).write_text(source, encoding="utf-8")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "JUDGE": str(BIN / "judge"), "JUDGE_SANDBOX": "none",
           "JUDGE_HOME": str(root / "home")}  # fmt: skip
    done = subprocess.run(["bash", str(EXAMPLES / "gradescope" / "run_autograder")], env=env, cwd=root,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_gradescope_autograder_grades_the_submission_folder(tmp_path: Path) -> None:
    """run_autograder writes results/results.json: a test per file, scored, the total on top."""
    results = autograder(tmp_path, {"sigmoid.py": SOLUTIONS / "sigmoid.py",
                                    "softmax.py": SUBMISSIONS / "wrong_answer" / "softmax__forgot_exp.py",
                                    "mha.py": "print(1)\n"})  # fmt: skip
    tests = {t["name"]: t for t in results["tests"]}
    assert set(tests) == {"sigmoid (sigmoid.py)", "softmax (softmax.py)", "mha (mha.py)"}
    assert (tests["sigmoid (sigmoid.py)"]["score"], tests["sigmoid (sigmoid.py)"]["status"]) == (1.0, "passed")
    assert tests["softmax (softmax.py)"]["status"] == "failed" and "forgot_exp" in tests["softmax (softmax.py)"]["output"]
    assert "no problem named 'mha'" in tests["mha (mha.py)"]["output"]
    assert results["score"] == 1.0 + tests["softmax (softmax.py)"]["score"]
    assert (tmp_path / "results" / "dl-judge.json").is_file()


def test_gradescope_autograder_explains_an_empty_submission(tmp_path: Path) -> None:
    """Nothing to grade still gives the student a result, saying why, rather than a crashed autograder."""
    results = autograder(tmp_path, {"notes.txt": "I could not finish\n"})
    assert results["score"] == 0.0 and results["tests"] == []
    assert "nothing to grade: no .py file" in results["output"]


def test_gradescope_setup_installs_bubblewrap_and_dl_judge() -> None:
    """setup.sh is valid bash that installs bubblewrap and dl-judge where run_autograder looks for it."""
    setup = EXAMPLES / "gradescope" / "setup.sh"
    subprocess.run(["bash", "-n", str(setup)], check=True)
    text = setup.read_text(encoding="utf-8")
    assert "bubblewrap" in text and "/opt/dl-judge/bin/pip install" in text
    assert "/opt/dl-judge/bin/judge" in (EXAMPLES / "gradescope" / "run_autograder").read_text(encoding="utf-8")


def test_slurm_array_tasks_and_merge_run_as_slurm_starts_them(tmp_path: Path) -> None:
    """grade.sbatch as tasks 1 and 2 of a 2-task array, then merge.sbatch: the merged report holds the
    whole class, once each."""
    if probe_bwrap()[0] is None:
        pytest.skip("the Slurm recipe grades with --sandbox bwrap, which cannot work here")
    for i, problem in enumerate(["sigmoid", "softmax", "log_softmax", "adam"]):
        (tmp_path / "submissions" / f"s{i}").mkdir(parents=True)
        shutil.copy(SOLUTIONS / f"{problem}.py", tmp_path / "submissions" / f"s{i}" / f"{problem}.py")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "JUDGE_HOME": str(tmp_path / "home"),
           "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"}  # fmt: skip
    for task in ("1", "2"):
        subprocess.run(["bash", str(EXAMPLES / "slurm" / "grade.sbatch")], cwd=tmp_path, check=True,
                       env={**env, "SLURM_ARRAY_TASK_ID": task}, capture_output=True, timeout=600)  # fmt: skip
    subprocess.run(["bash", str(EXAMPLES / "slurm" / "merge.sbatch")], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    merged = json.loads((tmp_path / "reports" / "merged" / "grade.json").read_text(encoding="utf-8"))
    assert merged["complete"] and [s["verdict"] for s in merged["submissions"]] == ["AC"] * 4
    text = (EXAMPLES / "slurm" / "submit.sh").read_text(encoding="utf-8")
    assert "--dependency=\"afterany:" in text


def test_github_actions_matrix_feeds_shard_auto_and_a_merge_job() -> None:
    """The grade job's matrix gives JUDGE_SHARD_INDEX/COUNT to --shard auto (COUNT = the matrix's
    length); the merge job runs after every shard, downloads their reports and merges them."""
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    grade, merge = workflow["jobs"]["grade"], workflow["jobs"]["merge"]
    step = next(s for s in grade["steps"] if "judge grade" in s.get("run", ""))
    assert "--shard auto" in step["run"]
    assert step["env"] == {"JUDGE_SHARD_INDEX": "${{ matrix.shard }}", "JUDGE_SHARD_COUNT": len(grade["strategy"]["matrix"]["shard"])}
    assert merge["needs"] == "grade" and merge["if"] == "always()"
    download = next(s for s in merge["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["pattern"] == "dl-judge-reports-*" and download["with"]["merge-multiple"] is True
    assert any(s.get("run", "").startswith("judge merge shards/grade-*.json") for s in merge["steps"])


def test_kubernetes_indexed_job_and_merge() -> None:
    """An Indexed Job whose completions equal JUDGE_SHARD_COUNT, each pod grading --shard auto into a
    report named by its index on a shared volume; the merge Job merges those reports."""
    documents = list(yaml.safe_load_all((EXAMPLES / "kubernetes" / "grade-job.yaml").read_text(encoding="utf-8")))
    job = next(d for d in documents if d["kind"] == "Job")
    spec = job["spec"]
    [container] = spec["template"]["spec"]["containers"]
    count = next(e["value"] for e in container["env"] if e["name"] == "JUDGE_SHARD_COUNT")
    assert spec["completionMode"] == "Indexed" and spec["completions"] == spec["parallelism"] == int(count)
    script = container["args"][0]
    assert "--shard auto" in script and "grade-$JOB_COMPLETION_INDEX.json" in script and "judge doctor" in script
    merge = yaml.safe_load((EXAMPLES / "kubernetes" / "merge-job.yaml").read_text(encoding="utf-8"))
    assert "judge merge grade-*.json" in merge["spec"]["template"]["spec"]["containers"][0]["args"][0]
