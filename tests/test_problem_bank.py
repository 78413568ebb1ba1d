"""The problem bank is tested like code: every problem loads and meets the quality bar, its reference
is AC, every known submission gets its folder's verdict, and the template stub fails."""

from __future__ import annotations

import os

import pytest

from judge.bank import Check, verify
from judge.catalog import Catalog
from judge.problem import CHAPTERS
from judge.runner import WorkerRunner
from judge.sandbox import SandboxMode, resolve_sandbox

from conftest import PROBLEMS, SOLUTIONS, SUBMISSIONS

CATALOG = Catalog(PROBLEMS)
IDS = CATALOG.ids()
CATALOG_IDS = ["sigmoid", "softmax", "single_neuron", "neuron_backprop", "log_softmax", "kl_divergence", "adam", "conv2d", "rnn_forward", "cross_entropy", "sgd_momentum", "nesterov", "adagrad", "rmsprop", "dropout", "l1_l2_penalty", "pooling", "receptive_field", "conv_transpose2d", "depthwise_separable", "residual_block", "lstm_forward", "token_embedding", "positional_encoding", "multi_head_attention", "feed_forward", "layer_norm", "batch_norm", "instance_norm", "group_norm", "two_layer_backprop", "upsample", "ar_forecast", "gaussian_mle", "gmm_em_step", "vae_loss", "vector_quantize", "gan_loss", "ddpm_forward", "ddpm_reverse_step"]
ROUND_2_IDS = ["attention_backward", "batch_norm_backward", "beam_search", "bpe_train", "cfg_guidance",
    "classification_metrics", "conv2d_backward", "cosine_schedule", "ddim_step", "decision_stump", "dpo_loss",
    "grouped_query_attention", "grpo_advantage", "im2col_conv", "kmeans", "knn", "kv_cache_decode",
    "label_smoothing_ce", "layer_norm_backward", "linear_regression", "logistic_regression", "lora_linear",
    "maxpool_backward", "mlp_backward", "moe_router", "nms", "online_softmax_attention", "patchify", "pca",
    "perplexity", "ppo_clip_loss", "rms_norm", "rnn_bptt", "roc_auc", "rope", "sampling", "softmax_ce_backward",
    "swiglu_ffn"]  # CATALOG.md, "Round 2"


def test_every_catalog_id_exists() -> None:
    """Every id of CATALOG.md is a problem with a reference solution."""
    missing = [i for i in CATALOG_IDS + ROUND_2_IDS if i not in IDS or not (SOLUTIONS / f"{i}.py").is_file()]
    assert not missing


@pytest.mark.parametrize("problem_id", IDS)
def test_problem_meets_the_quality_bar(problem_id: str) -> None:
    """≥ 12 cases with 2–3 samples, ≥ 3 hints, a chapter tag, ≥ 2 explained wrong answers."""
    problem = CATALOG.load(problem_id)
    assert len(problem.cases) >= 12
    assert 2 <= len(problem.samples) <= 3
    assert len(problem.hints) >= 3
    assert problem.chapter in CHAPTERS
    wrong = [p for v, p in CATALOG.known_submissions(problem_id) if v == "wrong_answer"]
    assert len(wrong) >= 2
    explained = {m.name for m in problem.mistakes}
    assert {p.stem.split("__", 1)[1] for p in wrong} <= explained
    assert "raise NotImplementedError" in problem.template


@pytest.fixture(scope="module")
def checks() -> dict[str, list[Check]]:
    runner = WorkerRunner(resolve_sandbox(SandboxMode.AUTO))
    found: dict[str, list[Check]] = {}
    for check in verify(CATALOG, IDS, runner, jobs=2 * (os.cpu_count() or 1)):
        found.setdefault(check.problem, []).append(check)
    return found


@pytest.mark.parametrize("problem_id", IDS)
def test_verify_passes(problem_id: str, checks: dict[str, list[Check]]) -> None:
    """Reference AC, each known submission gets its folder's verdict, the stub is not AC."""
    failed = [f"{c.subject}: expected {c.expected}, got {c.got} ({c.detail})" for c in checks[problem_id] if not c.ok]
    assert not failed
    subjects = {c.subject for c in checks[problem_id]}
    assert {"reference", "template stub"} <= subjects
    # Both answer modes: the reference, the stub and every known mistake also as a function.
    assert {"reference (function mode)", "template stub (function mode)"} <= subjects
    for folder, path in CATALOG.known_submissions(problem_id):
        if folder == "wrong_answer":
            assert f"{folder}/{path.name} (function mode)" in subjects


def test_every_known_submission_names_a_problem() -> None:
    """Files under tests/data/submissions/<verdict>/ are named <problem>__<what>.py."""
    for path in SUBMISSIONS.glob("*/*.py"):
        problem = path.stem.split("__", 1)[0]
        assert "__" in path.stem and problem in IDS, path
