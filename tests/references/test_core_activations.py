"""Independent checks of the core references: sigmoid, softmax, log_softmax, kl_divergence,
single_neuron, neuron_backprop. Each is compared with a second computation (50-digit Decimal
arithmetic, numeric integration, Monte Carlo, pure-Python loops, central finite differences)."""

from __future__ import annotations

import math
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_solution

getcontext().prec = 50

sigmoid_ref = load_solution("sigmoid")
softmax_ref = load_solution("softmax")
log_softmax_ref = load_solution("log_softmax")
kl_ref = load_solution("kl_divergence")
neuron_ref = load_solution("single_neuron")
backprop_ref = load_solution("neuron_backprop")

reals = st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False)
score_lists = st.lists(reals, min_size=1, max_size=20)
FAST = settings(max_examples=60, deadline=None)


def decimal_sigmoid(z: float) -> Decimal:
    return 1 / (1 + Decimal(-z).exp())


# sigmoid


@FAST
@given(reals)
def test_sigmoid_matches_50_digit_decimal(z: float) -> None:
    """The stable sigmoid equals 1 / (1 + e^-z) in 50-digit decimals, where nothing overflows."""
    assert sigmoid_ref.sigmoid(z) == pytest.approx(float(decimal_sigmoid(z)), rel=1e-13, abs=1e-300)


@pytest.mark.parametrize(
    "z", [1000.0, -1000.0, 710.0, -710.0, 1e308, -1e308, 50.0, -50.0, 1e-8, 0.0]
)
def test_sigmoid_extremes_are_finite_and_correct(z: float) -> None:
    """Huge |z| neither raises nor gives nan, and rounds to the decimal value."""
    value = sigmoid_ref.sigmoid(z)
    assert math.isfinite(value)
    clipped = max(min(z, 5000.0), -5000.0)  # sigma is 0 or 1 to 50 digits beyond +-5000
    assert round(value, 4) == round(float(decimal_sigmoid(clipped)), 4)


@FAST
@given(reals)
def test_sigmoid_symmetry_and_tanh_identity(z: float) -> None:
    """sigma(z) + sigma(-z) = 1 and sigma(z) = (1 + tanh(z / 2)) / 2."""
    assert sigmoid_ref.sigmoid(z) + sigmoid_ref.sigmoid(-z) == pytest.approx(1.0, abs=1e-15)
    assert sigmoid_ref.sigmoid(z) == pytest.approx((1 + math.tanh(z / 2)) / 2, abs=1e-15)


# softmax and log-softmax


def decimal_softmax(scores: list[float]) -> list[Decimal]:
    exps = [Decimal(s).exp() for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@FAST
@given(score_lists)
def test_softmax_matches_50_digit_decimal_loop(scores: list[float]) -> None:
    """The vectorised, max-shifted softmax equals the plain formula in 50-digit decimals."""
    got = softmax_ref.softmax(scores)
    want = [float(p) for p in decimal_softmax(scores)]
    assert got == pytest.approx(want, abs=1e-12)


@FAST
@given(score_lists, st.floats(min_value=-500, max_value=500))
def test_softmax_is_shift_invariant_and_normalised(scores: list[float], shift: float) -> None:
    """Adding a constant to every score leaves softmax unchanged; the output is a distribution."""
    p = softmax_ref.softmax(scores)
    q = softmax_ref.softmax([s + shift for s in scores])
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0, abs=1e-12)
    assert q == pytest.approx(p, abs=1e-9)


@FAST
@given(score_lists)
def test_log_softmax_matches_50_digit_decimal(scores: list[float]) -> None:
    """log_softmax equals s_i - ln(sum_j e^s_j) computed in 50-digit decimals."""
    log_total = sum(Decimal(s).exp() for s in scores).ln()
    want = [float(Decimal(s) - log_total) for s in scores]
    assert log_softmax_ref.log_softmax(scores) == pytest.approx(want, abs=1e-9)


@FAST
@given(st.lists(st.floats(min_value=-30, max_value=30), min_size=1, max_size=20))
def test_exp_of_log_softmax_is_softmax(scores: list[float]) -> None:
    """exp(log_softmax) agrees with the softmax reference where nothing underflows."""
    assert np.exp(log_softmax_ref.log_softmax(scores)) == pytest.approx(
        softmax_ref.softmax(scores), abs=1e-12
    )


def test_log_softmax_of_opposite_huge_scores_is_exact() -> None:
    """[-1000, 0, 1000] gives [-2000, -1000, 0] (up to e^-1000), never -inf."""
    assert log_softmax_ref.log_softmax([-1000, 0, 1000]).tolist() == [-2000.0, -1000.0, 0.0]


# KL divergence of two normals


def normal_logpdf(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return -np.log(sigma) - 0.5 * np.log(2 * np.pi) - (x - mu) ** 2 / (2 * sigma**2)


def random_normal_pairs(seed: int, count: int) -> list[tuple[float, float, float, float]]:
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0, 3), rng.uniform(0.2, 4), rng.normal(0, 3), rng.uniform(0.2, 4))
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kl_matches_numeric_integration(seed: int) -> None:
    """The closed form equals the integral of p(x) log(p(x)/q(x)) by the trapezoid rule."""
    for mu_p, sigma_p, mu_q, sigma_q in random_normal_pairs(seed, 5):
        x = np.linspace(mu_p - 14 * sigma_p, mu_p + 14 * sigma_p, 200_001)
        log_p = normal_logpdf(x, mu_p, sigma_p)
        integrand = np.exp(log_p) * (log_p - normal_logpdf(x, mu_q, sigma_q))
        numeric = np.trapezoid(integrand, x) if hasattr(np, "trapezoid") else np.trapz(integrand, x)
        assert kl_ref.kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q) == pytest.approx(
            numeric, rel=1e-7, abs=1e-9
        )


@pytest.mark.parametrize("seed", [10, 11])
def test_kl_matches_monte_carlo(seed: int) -> None:
    """The closed form is within 5 standard errors of the Monte Carlo mean of log p - log q."""
    rng = np.random.default_rng(seed)
    for mu_p, sigma_p, mu_q, sigma_q in random_normal_pairs(seed, 4):
        x = rng.normal(mu_p, sigma_p, 400_000)
        terms = normal_logpdf(x, mu_p, sigma_p) - normal_logpdf(x, mu_q, sigma_q)
        stderr = terms.std() / math.sqrt(len(terms))
        closed = kl_ref.kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q)
        assert abs(closed - terms.mean()) < 5 * stderr + 1e-12


@FAST
@given(st.floats(-50, 50), st.floats(0.01, 50), st.floats(-50, 50), st.floats(0.01, 50))
def test_kl_is_non_negative_and_zero_on_equal(
    mu_p: float, sigma_p: float, mu_q: float, sigma_q: float
) -> None:
    """KL(P||Q) >= 0, and KL(P||P) = 0."""
    assert kl_ref.kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q) >= -1e-12
    assert kl_ref.kl_divergence_normal(mu_p, sigma_p, mu_p, sigma_p) == pytest.approx(
        0.0, abs=1e-12
    )


# single neuron


def loop_neuron(features, labels, weights, bias):  # type: ignore[no-untyped-def]
    """Example by example, with 50-digit decimals (no numpy, no overflow)."""
    probabilities = []
    for x in features:
        z = sum(Decimal(w) * Decimal(v) for w, v in zip(weights, x, strict=True)) + Decimal(bias)
        probabilities.append(1 / (1 + (-z).exp()))
    mse = sum((p - Decimal(y)) ** 2 for p, y in zip(probabilities, labels, strict=True)) / len(
        labels
    )
    return [float(p) for p in probabilities], float(mse)


def random_problem(rng: np.random.Generator, scale: float = 1.0):  # type: ignore[no-untyped-def]
    m, n = rng.integers(1, 9), rng.integers(1, 6)
    features = rng.normal(0, scale, (m, n)).tolist()
    labels = rng.integers(0, 2, m).tolist()
    weights = rng.normal(0, 1, n).tolist()
    return features, labels, weights, float(rng.normal())


@pytest.mark.parametrize("seed", range(6))
def test_single_neuron_matches_decimal_loop(seed: int) -> None:
    """The vectorised neuron equals a per-example decimal loop, saturated inputs included."""
    rng = np.random.default_rng(seed)
    for scale in (1.0, 300.0):
        features, labels, weights, bias = random_problem(rng, scale)
        probabilities, mse = neuron_ref.single_neuron_model(features, labels, weights, bias)
        want_p, want_mse = loop_neuron(features, labels, weights, bias)
        assert np.asarray(probabilities) == pytest.approx(want_p, abs=1e-13)
        assert mse == pytest.approx(want_mse, abs=1e-13)


@pytest.mark.parametrize("seed", range(6))
def test_mse_from_rounded_probabilities_is_within_tolerance(seed: int) -> None:
    """The two accepted MSE conventions (rounded or unrounded p) differ by at most 2e-4."""
    rng = np.random.default_rng(100 + seed)
    for _ in range(50):
        features, labels, weights, bias = random_problem(rng, 2.0)
        probabilities, mse = neuron_ref.single_neuron_model(features, labels, weights, bias)
        rounded = np.round(probabilities, 4)
        mse_rounded = np.mean((rounded - np.asarray(labels)) ** 2)
        assert abs(round(float(mse_rounded), 4) - round(float(mse), 4)) <= 2e-4 + 1e-9


# training a neuron with backprop


def loop_mse(features, labels, weights, bias) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for x, y in zip(features, labels, strict=True):
        z = sum(w * v for w, v in zip(weights, x, strict=True)) + bias
        total += (1 / (1 + math.exp(-z)) - y) ** 2
    return total / len(labels)


def finite_difference_gradients(features, labels, weights, bias, h=1e-6):  # type: ignore[no-untyped-def]
    grad_w = []
    for k in range(len(weights)):
        plus = [w + h * (i == k) for i, w in enumerate(weights)]
        minus = [w - h * (i == k) for i, w in enumerate(weights)]
        grad_w.append(
            (loop_mse(features, labels, plus, bias) - loop_mse(features, labels, minus, bias))
            / (2 * h)
        )
    grad_b = (
        loop_mse(features, labels, weights, bias + h)
        - loop_mse(features, labels, weights, bias - h)
    ) / (2 * h)
    return grad_w, grad_b


@pytest.mark.parametrize("seed", range(8))
def test_backprop_gradients_match_central_differences(seed: int) -> None:
    """dL/dw and dL/db of the reference equal central finite differences of the MSE."""
    features, labels, weights, bias = random_problem(np.random.default_rng(200 + seed), 1.5)
    grad_w, grad_b = backprop_ref.gradients(
        np.asarray(features), np.asarray(labels, dtype=float), np.asarray(weights), bias
    )
    want_w, want_b = finite_difference_gradients(features, labels, weights, bias)
    assert grad_w == pytest.approx(want_w, abs=1e-8)
    assert grad_b == pytest.approx(want_b, abs=1e-8)


@pytest.mark.parametrize("seed", range(4))
def test_training_matches_finite_difference_descent(seed: int) -> None:
    """Training equals a loop that records the loss, then steps along numeric gradients."""
    rng = np.random.default_rng(300 + seed)
    features, labels, weights, bias = random_problem(rng, 1.0)
    learning_rate, epochs = float(rng.uniform(0.1, 3.0)), int(rng.integers(1, 8))
    got_w, got_b, got_losses = backprop_ref.train_neuron(
        features, labels, weights, bias, learning_rate, epochs
    )
    losses = []
    for _ in range(epochs):
        losses.append(loop_mse(features, labels, weights, bias))  # before this epoch's update
        grad_w, grad_b = finite_difference_gradients(features, labels, weights, bias)
        weights = [w - learning_rate * g for w, g in zip(weights, grad_w, strict=True)]
        bias -= learning_rate * grad_b
    assert np.asarray(got_w) == pytest.approx(weights, abs=1e-7)
    assert got_b == pytest.approx(bias, abs=1e-7)
    assert got_losses == pytest.approx(losses, abs=1e-10)


def test_zero_learning_rate_keeps_parameters_and_loss() -> None:
    """With learning rate 0 nothing moves and every epoch records the initial loss."""
    features, labels, weights, bias = [[1.0, 2.0], [3.0, -1.0]], [0, 1], [0.4, 0.1], -0.2
    got_w, got_b, losses = backprop_ref.train_neuron(features, labels, weights, bias, 0.0, 4)
    assert np.asarray(got_w).tolist() == weights and got_b == bias
    assert losses == pytest.approx([loop_mse(features, labels, weights, bias)] * 4, abs=1e-15)
