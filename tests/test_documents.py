"""The documents' own programs, taken from the notes at test time and run on every case of the
core problems: they are accepted wherever their maths is sound, and fail exactly on the cases
where they are numerically naive (math.exp on huge inputs)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from judge.checker import compare

from conftest import PROBLEMS, ROOT

DOCS = Path(os.environ.get("DL_JUDGE_DOCS", ROOT.parent / "shared" / "docs"))
NOTES = DOCS / "000_775da9488e96f12f.txt"
TIMEOUT_S = 30.0

# The documents give adam, conv2d and rnn_forward as bare functions; these entry points read the
# catalog's stdin format (one argument per line) the way the documents' other programs do.
ADAM_MAIN = """
if __name__ == "__main__":
    f = eval(input())
    grad = eval(input())
    x0 = np.array(eval(input()))
    learning_rate = float(input())
    beta1 = float(input())
    beta2 = float(input())
    epsilon = float(input())
    num_iterations = int(input())
    print(adam_optimizer(f, grad, x0, learning_rate, beta1, beta2, epsilon, num_iterations))
"""
CONV2D_MAIN = """
if __name__ == "__main__":
    input_matrix = np.array(eval(input()))
    kernel = np.array(eval(input()))
    padding = int(input())
    stride = int(input())
    print(simple_conv2d(input_matrix, kernel, padding, stride))
"""
RNN_MAIN = """
if __name__ == "__main__":
    input_sequence = eval(input())
    initial_hidden_state = eval(input())
    Wx = eval(input())
    Wh = eval(input())
    b = eval(input())
    print(rnn_forward(input_sequence, initial_hidden_state, Wx, Wh, b))
"""


@dataclass(frozen=True)
class DocumentProgram:
    """Where one problem's program sits in the notes, and the cases it is known to fail."""

    problem: str
    heading: str  # regex matched against a heading line of the notes
    defines: str  # text the chosen ```python block must contain
    after: str = ""  # only blocks after this text in the section count
    prefix: str = ""  # imports the block forgets
    suffix: str = ""  # an entry point, for blocks without one
    # case name -> how the naive program fails there: an exception name, or "WA"
    expected_failures: tuple[tuple[str, str], ...] = ()


PROGRAMS = [
    DocumentProgram(
        "sigmoid",
        r"^###\s*1\.1\s",
        "def sigmoid",
        expected_failures=(
            ("minus_1000", "OverflowError"),  # math.exp(1000)
            ("minus_710", "OverflowError"),
            ("minus_1e308", "OverflowError"),
        ),
    ),
    DocumentProgram(
        "softmax",
        r"^###\s*1\.2\s",
        "def softmax",
        expected_failures=(
            ("huge_logits", "OverflowError"),
            ("opposite_huge", "OverflowError"),
            ("all_very_negative", "ZeroDivisionError"),  # every exp underflows to 0.0
            ("single_huge", "OverflowError"),
            ("two_huge_equal", "OverflowError"),
        ),
    ),
    DocumentProgram("single_neuron", r"^###\s*1\.3\s", "def single_neuron_model"),
    DocumentProgram(
        "neuron_backprop", r"^###\s*1\.3\s", "def train_neuron", after="如果涉及反向传播"
    ),
    DocumentProgram("log_softmax", r"^###\s*1\.4\s", "def log_softmax"),
    DocumentProgram("kl_divergence", r"^###\s*1\.5\s", "def kl_divergence_normal"),
    DocumentProgram(
        "adam",
        r"^###\s*1\.6\s",
        "def adam_optimizer",
        prefix="import numpy as np\n",
        suffix=ADAM_MAIN,
    ),
    DocumentProgram(
        "conv2d", r"^###\s*10\.\s*手撕二维卷积", "def simple_conv2d", suffix=CONV2D_MAIN
    ),
    DocumentProgram(
        "rnn_forward",
        r"^##\s*RNN",
        "def rnn_forward",
        prefix="import numpy as np\n",
        suffix=RNN_MAIN,
    ),
]
BY_PROBLEM = {program.problem: program for program in PROGRAMS}


def notes_text() -> str:
    if not NOTES.is_file():
        pytest.skip(f"the source documents are not at {DOCS} (set DL_JUDGE_DOCS to their folder)")
    return NOTES.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under the first heading matching `heading`, up to the next heading of any level."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if re.match(heading, line):
            end = next(
                (i for i in range(start + 1, len(lines)) if re.match(r"^#{1,6}\s", lines[i])),
                len(lines),
            )
            return "\n".join(lines[start + 1 : end])
    raise AssertionError(f"{NOTES.name}: no heading matches {heading!r}")


def extract(text: str, program: DocumentProgram) -> str:
    """The documents' program for `program.problem`, made runnable with its prefix and suffix."""
    body = section(text, program.heading)
    if program.after:
        assert program.after in body, (
            f"{NOTES.name}: {program.after!r} not under {program.heading!r}"
        )
        body = body.split(program.after, 1)[1]
    blocks = re.findall(r"```python[^\n]*\n(.*?)```", body, re.DOTALL)
    blocks = [block for block in blocks if program.defines in block]
    assert blocks, f"{NOTES.name}: no block with {program.defines!r} under {program.heading!r}"
    return program.prefix + blocks[0] + program.suffix


def load_cases(problem: str) -> tuple[list[dict], float, float]:
    path = PROBLEMS / f"{problem}.yaml"
    if not path.is_file():
        pytest.skip(f"problems/{problem}.yaml does not exist yet")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = data["cases"]
    if any("stdout" not in case for case in cases):
        pytest.skip(f"problems/{problem}.yaml has no stdout yet (run `judge bless {problem}`)")
    tolerance = data.get("tolerance") or {}
    return cases, float(tolerance.get("abs_tol", 1e-4)), float(tolerance.get("rel_tol", 0.0))


def run(source: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    return subprocess.run(
        [sys.executable, str(source)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=source.parent,
        env=env,
    )


@pytest.mark.parametrize("problem", list(BY_PROBLEM))
def test_document_program_is_found(problem: str) -> None:
    """Each core problem's program is found in the notes and compiles."""
    program = BY_PROBLEM[problem]
    source = extract(notes_text(), program)
    compile(source, f"<{problem} from {NOTES.name}>", "exec")
    assert 'if __name__ == "__main__":' in source
    if problem == "single_neuron":
        # two versions of the same function: the numpy one, defined second, is the one that runs
        assert source.count("def single_neuron_model") == 2


@pytest.mark.slow
@pytest.mark.parametrize("problem", list(BY_PROBLEM))
def test_document_program_on_every_case(problem: str, tmp_path: Path) -> None:
    """The documents' program is AC on every case but its listed naive ones, which fail."""
    program = BY_PROBLEM[problem]
    source_text = extract(notes_text(), program)
    cases, abs_tol, rel_tol = load_cases(problem)
    expected_failures = dict(program.expected_failures)
    names = {case["name"] for case in cases}
    assert set(expected_failures) <= names, f"unknown case names: {set(expected_failures) - names}"
    assert not any(case.get("sample") and case["name"] in expected_failures for case in cases)

    source = tmp_path / f"{problem}_from_documents.py"
    source.write_text(source_text, encoding="utf-8")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: run(source, case["stdin"]), cases))

    problems = []
    for case, result in zip(cases, results, strict=True):
        name = case["name"]
        comparison = None
        if result.returncode == 0:
            comparison = compare(case["stdout"], result.stdout, abs_tol, rel_tol)
        accepted = comparison is not None and comparison.ok
        failure = expected_failures.get(name)
        if failure is None and not accepted:
            last_line = " ".join(result.stderr.strip().splitlines()[-1:])
            problems.append(
                f"{name}: expected AC, got {comparison.message if comparison else last_line}"
            )
        elif failure == "WA" and (result.returncode != 0 or accepted):
            problems.append(f"{name}: expected WA, got exit {result.returncode}, AC={accepted}")
        elif failure not in (None, "WA") and (
            result.returncode == 0 or failure not in result.stderr
        ):
            problems.append(f"{name}: expected {failure}, got exit {result.returncode}")
    assert not problems, f"{problem}: " + "; ".join(problems)


def test_readme_states_the_requirements() -> None:
    """The README says what a machine needs: Linux (and why), python3-venv, bubblewrap and what it
    adds, whether a C compiler is needed, tmux for the watch test, how long `make test` takes."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Requirements", 1)[1].split("\n## ", 1)[0]
    for needed in ("Linux only", "namespaces", "seccomp", "/proc", "python3-venv", "apt-get install bubblewrap",
                   "no network", "C compiler", "tmux", "make test"):  # fmt: skip
        assert needed in section, needed
    compiled = [p for p in (ROOT / "judge").glob("*.py") if re.search(r"\b(gcc|cc|clang)\b", p.read_text(encoding="utf-8"))]
    assert compiled == [], "the README says nothing is compiled"
