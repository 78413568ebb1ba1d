"""Backward problems print a forward value then gradients under labels (`y: ...`, `dx: ...`): a wrong
gradient is named, and when the forward matched the message says the backward pass is what differs."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.catalog import Catalog
from judge.checker import compare
from judge.messages import describe_difference
from judge.report import Verdict, evaluate
from judge.runner import WorkerRunner
from judge.sandbox import Sandbox

from conftest import PROBLEMS, SUBMISSIONS

EXPECTED = "y: [[1.0, 2.0], [3.0, 4.0]]\ndx: [[0.5, 0.25], [0.1, 0.2]]\ndgamma: [1.0, 2.0]\n"


def test_a_wrong_gradient_is_named_and_the_forward_cleared() -> None:
    got = EXPECTED.replace("0.25", "0.35")
    c = compare(EXPECTED, got)
    assert c.label == "dx" and c.matched_labels == ("y",)
    assert c.message.startswith("value 8 in dx, line 2: expected 0.25, got 0.35")
    assert "your forward output (y) matches, so the backward pass is what differs" in c.message
    assert describe_difference(c, "en") == c.message
    zh = describe_difference(c, "zh")
    assert zh.startswith("dx 中的第 8 个值（第 2 行）") and "错在反向传播" in zh


def test_a_later_gradient_lists_only_forward_lines_as_matched() -> None:
    c = compare(EXPECTED, EXPECTED.replace("[1.0, 2.0]\n", "[1.5, 2.0]\n"))
    assert c.label == "dgamma" and c.matched_labels == ("y", "dx")
    assert "your forward output (y) matches" in c.message


def test_a_wrong_forward_is_not_blamed_on_the_backward() -> None:
    c = compare(EXPECTED, EXPECTED.replace("4.0", "4.5"))
    assert c.label == "y" and c.matched_labels == ()
    assert "backward" not in c.message


@pytest.mark.parametrize(
    "output",
    ["[1.0, 2.0, 3.0]\n", "loss 1.0\n2.0 3.0\n", "x:1.0 y: 2.0 3.0\n"],
    ids=["unlabelled", "label-without-colon", "label-not-at-line-start"],
)
def test_outputs_without_line_labels_keep_the_plain_message(output: str) -> None:
    c = compare(output, output.replace("3.0", "3.5"))
    assert not c.ok and "backward" not in c.message
    if output.startswith("["):
        assert c.label is None and c.message.startswith("value 3, line 1")


@pytest.mark.parametrize(
    ("program", "label"),
    [
        ("wrong_answer/layer_norm_backward__variance_as_constant.py", "dx"),
        ("wrong_answer/softmax_ce_backward__no_batch_mean.py", "dlogits"),
        ("wrong_answer/attention_backward__dk_transposed.py", "dK"),
        ("wrong_answer/mlp_backward__relu_mask_from_gradient.py", "dW1"),
        ("wrong_answer/maxpool_backward__mask_over_whole_input.py", "dX"),
    ],
)
def test_known_backward_slips_are_named_by_their_gradient(program: str, label: str) -> None:
    path = SUBMISSIONS / program
    catalog = Catalog(PROBLEMS)
    problem = catalog.load(Path(program).stem.split("__")[0])
    with WorkerRunner(Sandbox(None)) as runner:
        report = evaluate(problem, path, runner, fail_fast=True)
    failure = report.first_failure
    assert failure is not None and failure.verdict is Verdict.WA
    assert f" in {label}, line " in failure.message, failure.message
    assert "so the backward pass is what differs" in failure.message
