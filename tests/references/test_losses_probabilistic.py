"""Independent checks of cross_entropy, dropout, l1_l2_penalty, two_layer_backprop, gaussian_mle,
gmm_em_step and ar_forecast: each reference is compared with a second computation (pure-Python
loops, 50-digit Decimal arithmetic, Monte Carlo, convexity, stationarity of the optimum, the
document's worked numbers), and every gradient the problems ask for with central finite
differences."""

from __future__ import annotations

import math
import statistics
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_solution

getcontext().prec = 50

ce_ref = load_solution("cross_entropy")
dropout_ref = load_solution("dropout")
penalty_ref = load_solution("l1_l2_penalty")
net_ref = load_solution("two_layer_backprop")
mle_ref = load_solution("gaussian_mle")
gmm_ref = load_solution("gmm_em_step")
ar_ref = load_solution("ar_forecast")

FAST = settings(max_examples=40, deadline=None)
SEEDS = range(8)


def central_difference(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Gradient of the scalar function f at x by central differences, entry by entry."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[idx] = h
        grad[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


# cross_entropy


@st.composite
def distribution_pairs(draw):  # type: ignore[no-untyped-def]
    """Two distributions over the same outcomes; p may hold zeros, q > 0 wherever p > 0."""
    n = draw(st.integers(min_value=1, max_value=12))
    p_weights = draw(st.lists(st.sampled_from([0, 0, 1, 2, 3, 5, 8]), min_size=n, max_size=n))
    if sum(p_weights) == 0:
        p_weights[0] = 1
    q_weights = [draw(st.integers(min_value=1 if pw > 0 else 0, max_value=9)) for pw in p_weights]
    p = [w / sum(p_weights) for w in p_weights]
    q = [w / sum(q_weights) for w in q_weights]
    return p, q


@FAST
@given(distribution_pairs())
def test_cross_entropy_matches_loops_over_definitions(pair) -> None:  # type: ignore[no-untyped-def]
    """H(p), H(p,q) and KL(p||q) equal their defining sums with math.log, skipping p_i = 0."""
    p, q = pair
    h = -sum(pi * math.log(pi) for pi in p if pi > 0)
    ce = -sum(pi * math.log(qi) for pi, qi in zip(p, q, strict=False) if pi > 0)
    kl = sum(pi * math.log(pi / qi) for pi, qi in zip(p, q, strict=False) if pi > 0)
    assert ce_ref.entropy(p) == pytest.approx(h, abs=1e-12)
    assert ce_ref.cross_entropy(p, q) == pytest.approx(ce, abs=1e-12)
    assert ce_ref.kl_divergence(p, q) == pytest.approx(kl, abs=1e-12)
    assert math.isfinite(ce_ref.kl_divergence(p, q))


@pytest.mark.parametrize("n", range(1, 11))
def test_entropy_of_uniform_is_ln_n(n: int) -> None:
    """The entropy of the uniform distribution over n outcomes is ln n (natural log, nats)."""
    assert ce_ref.entropy([1.0 / n] * n) == pytest.approx(math.log(n), abs=1e-12)


@FAST
@given(distribution_pairs())
def test_gibbs_inequality(pair) -> None:  # type: ignore[no-untyped-def]
    """KL(p||q) >= 0, with equality when q = p."""
    p, q = pair
    assert ce_ref.kl_divergence(p, q) >= -1e-12
    assert ce_ref.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_cross_entropy_equals_monte_carlo_surprise(seed: int) -> None:
    """H(p,q) is the mean of -ln q(X) for X drawn from p (Monte Carlo, fixed seed)."""
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(6))
    p[rng.integers(6)] = 0.0
    p /= p.sum()
    q = rng.dirichlet(np.ones(6))
    draws = rng.choice(6, size=400_000, p=p)
    estimate = float(np.mean(-np.log(q[draws])))
    assert ce_ref.cross_entropy(p, q) == pytest.approx(estimate, abs=0.02)


# dropout


def dropout_loop(x, mask, keep_prob, mode):  # type: ignore[no-untyped-def]
    """Element by element, the inverted-dropout rule."""
    x = np.array(x, dtype=float)
    mask = np.array(mask)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        if mode == "eval":
            out[idx] = x[idx]
        else:
            out[idx] = x[idx] / keep_prob if mask[idx] == 1 else 0.0
    return out


def random_dropout_case(seed: int, shape=(3, 4)):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    keep_prob = float(rng.uniform(0.2, 1.0))
    x = rng.normal(size=shape)
    mask = (rng.random(shape) < keep_prob).astype(int)
    grad_out = rng.normal(size=shape)
    return x, mask, keep_prob, grad_out


@pytest.mark.parametrize("mode", ["train", "eval"])
@pytest.mark.parametrize("seed", SEEDS)
def test_dropout_forward_matches_loop(seed: int, mode: str) -> None:
    """The vectorised forward pass equals the element-by-element rule."""
    x, mask, keep_prob, _ = random_dropout_case(seed)
    got = dropout_ref.dropout_forward(x.tolist(), mask.tolist(), keep_prob, mode)
    np.testing.assert_allclose(got, dropout_loop(x, mask, keep_prob, mode), atol=1e-12)


@pytest.mark.parametrize("mode", ["train", "eval"])
@pytest.mark.parametrize("seed", SEEDS)
def test_dropout_backward_matches_finite_differences(seed: int, mode: str) -> None:
    """dL/dx of L = sum(grad_out * y(x)) equals central finite differences."""
    x, mask, keep_prob, grad_out = random_dropout_case(seed)

    def loss(v: np.ndarray) -> float:
        return float(np.sum(grad_out * dropout_ref.dropout_forward(v, mask, keep_prob, mode)))

    got = dropout_ref.dropout_backward(grad_out.tolist(), mask.tolist(), keep_prob, mode)
    np.testing.assert_allclose(got, central_difference(loss, x), atol=1e-6)


@pytest.mark.parametrize("keep_prob", [0.3, 0.5, 0.8])
def test_inverted_dropout_is_unbiased(keep_prob: float) -> None:
    """Averaged over random Bernoulli(keep_prob) masks, train output equals the eval output."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=5)
    masks = (rng.random((200_000, 5)) < keep_prob).astype(int)
    mean_train = dropout_ref.dropout_forward(x, masks, keep_prob, "train").mean(axis=0)
    np.testing.assert_allclose(
        mean_train, dropout_ref.dropout_forward(x, None, keep_prob, "eval"), atol=0.03
    )


# l1_l2_penalty


def penalty_case(seed: int, zero_weights: bool = False):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(3, 9)), int(rng.integers(1, 6))
    X = rng.normal(size=(n, d))
    y = rng.normal(size=n)
    w = rng.normal(size=d)
    w = np.where(np.abs(w) < 0.05, 0.3, w)  # keep |w| away from the kink of |w|
    if zero_weights:
        w[rng.integers(d)] = 0.0
    lam = float(rng.uniform(0.05, 2.0))
    return X, y, w, lam


def penalty_loss(X, y, w, lam, kind) -> float:  # type: ignore[no-untyped-def]
    return float(penalty_ref.regularized_loss_and_grad(X, y, w, lam, kind)[0])


@pytest.mark.parametrize("kind", ["l1", "l2"])
@pytest.mark.parametrize("seed", SEEDS)
def test_penalty_loss_matches_loop(seed: int, kind: str) -> None:
    """J equals the MSE plus lam*sum|w| (l1) or lam/2*sum w^2 (l2), summed with plain loops."""
    X, y, w, lam = penalty_case(seed, zero_weights=seed % 2 == 0)
    n, d = X.shape
    mse = sum((sum(X[i, j] * w[j] for j in range(d)) - y[i]) ** 2 for i in range(n)) / n
    if kind == "l1":
        expected = mse + lam * sum(abs(v) for v in w)
    else:
        expected = mse + lam / 2 * sum(v * v for v in w)
    assert penalty_loss(X, y, w, lam, kind) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("kind", ["l1", "l2"])
@pytest.mark.parametrize("seed", SEEDS)
def test_penalty_gradient_matches_finite_differences(seed: int, kind: str) -> None:
    """Away from w_j = 0 the gradient equals central differences of J."""
    X, y, w, lam = penalty_case(seed)
    _, grad = penalty_ref.regularized_loss_and_grad(X, y, w, lam, kind)
    numeric = central_difference(lambda v: penalty_loss(X, y, v, lam, kind), w)
    np.testing.assert_allclose(grad, numeric, atol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_l1_gradient_at_zero_is_the_zero_subgradient(seed: int) -> None:
    """At w_j = 0 the L1 gradient is the data gradient (sign 0 = 0), between one-sided slopes."""
    X, y, w, lam = penalty_case(seed, zero_weights=True)
    _, grad = penalty_ref.regularized_loss_and_grad(X, y, w, lam, "l1")
    _, data_grad = penalty_ref.regularized_loss_and_grad(X, y, w, 0.0, "l1")
    h = 1e-7
    for j in np.flatnonzero(w == 0):
        step = np.zeros_like(w)
        step[j] = h
        right = (penalty_loss(X, y, w + step, lam, "l1") - penalty_loss(X, y, w, lam, "l1")) / h
        left = (penalty_loss(X, y, w, lam, "l1") - penalty_loss(X, y, w - step, lam, "l1")) / h
        assert grad[j] == pytest.approx(data_grad[j], abs=1e-12)
        assert left - 1e-5 <= grad[j] <= right + 1e-5
        assert right - left == pytest.approx(2 * lam, abs=1e-5)


# two_layer_backprop


def network_case(seed: int):  # type: ignore[no-untyped-def]
    """Random network whose pre-activations all stay at least 0.05 away from the ReLU kink."""
    rng = np.random.default_rng(seed)
    while True:
        d, h = int(rng.integers(1, 6)), int(rng.integers(1, 7))
        x = rng.normal(size=d)
        W1, b1 = rng.normal(size=(h, d)), rng.normal(size=h)
        W2, b2 = rng.normal(size=h), float(rng.normal())
        if np.min(np.abs(W1 @ x + b1)) > 0.05:
            return x, W1, b1, W2, b2, float(rng.normal())


def network_loss(x, y, W1, b1, W2, b2) -> float:  # type: ignore[no-untyped-def]
    """Forward pass written with loops, loss 1/2 (y_hat - y)^2."""
    h, d = np.shape(W1)
    a1 = [max(0.0, sum(W1[j][i] * x[i] for i in range(d)) + b1[j]) for j in range(h)]
    y_hat = sum(W2[j] * a1[j] for j in range(h)) + b2
    return 0.5 * (y_hat - y) ** 2


@pytest.mark.parametrize("seed", range(12))
def test_backprop_gradients_match_finite_differences(seed: int) -> None:
    """dW1, db1, dW2, db2 all equal central differences of the loop-written loss."""
    x, W1, b1, W2, b2, y = network_case(seed)
    _y_hat, loss, (dW1, db1, dW2, db2), _ = net_ref.train_step(x, y, W1, b1, W2, b2, 0.1)
    assert loss == pytest.approx(network_loss(x, y, W1, b1, W2, b2), abs=1e-12)
    np.testing.assert_allclose(
        dW1, central_difference(lambda v: network_loss(x, y, v, b1, W2, b2), W1), atol=1e-6
    )
    np.testing.assert_allclose(
        db1, central_difference(lambda v: network_loss(x, y, W1, v, W2, b2), b1), atol=1e-6
    )
    np.testing.assert_allclose(
        dW2, central_difference(lambda v: network_loss(x, y, W1, b1, v, b2), W2), atol=1e-6
    )
    numeric_db2 = central_difference(
        lambda v: network_loss(x, y, W1, b1, W2, float(v[0])), np.array([b2])
    )
    assert db2 == pytest.approx(float(numeric_db2[0]), abs=1e-6)


def test_backprop_reproduces_the_documents_worked_example() -> None:
    """The numbers worked out by hand in 003 §1.1 (x = (1, 2), y = 1)."""
    W1 = [[0.5, -0.5], [0.3, 0.8]]
    y_hat, loss, (dW1, db1, dW2, db2), _ = net_ref.train_step(
        [1.0, 2.0], 1.0, W1, [0.1, -0.2], [0.2, -0.4], 0.5, 0.1
    )
    assert y_hat == pytest.approx(-0.18)
    assert loss == pytest.approx(0.5 * 1.18**2)
    np.testing.assert_allclose(dW2, [0.0, -2.006], atol=1e-12)
    assert db2 == pytest.approx(-1.18)
    np.testing.assert_allclose(dW1, [[0.0, 0.0], [0.472, 0.944]], atol=1e-12)
    np.testing.assert_allclose(db1, [0.0, 0.472], atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_update_is_one_descent_step_from_old_parameters(seed: int) -> None:
    """New parameters are old minus lr times the gradient, and a small step lowers the loss."""
    x, W1, b1, W2, b2, y = network_case(seed)
    lr = 1e-3
    _, loss, grads, new = net_ref.train_step(x, y, W1, b1, W2, b2, lr)
    for old, grad, updated in zip((W1, b1, W2, b2), grads, new, strict=False):
        np.testing.assert_allclose(updated, np.asarray(old) - lr * np.asarray(grad), atol=1e-12)
    assert network_loss(x, y, *new) <= loss + 1e-12


def test_relu_passes_no_gradient_at_exactly_zero() -> None:
    """A hidden unit with pre-activation exactly 0 gets zero gradient (the stated convention)."""
    _, _, (dW1, db1, _, _), _ = net_ref.train_step(
        [1.0, 2.0], 1.0, [[0.4, -0.2], [0.3, 0.8]], [0.0, -0.2], [0.5, -1.0], 0.2, 0.1
    )
    assert db1[0] == 0.0 and list(dW1[0]) == [0.0, 0.0]


# gaussian_mle


@FAST
@given(
    st.lists(st.floats(min_value=-100, max_value=100), min_size=2, max_size=40).filter(
        lambda v: max(v) - min(v) > 1e-3
    )
)
def test_mle_matches_statistics_and_log_density_loop(x: list[float]) -> None:
    """mu, var equal statistics.fmean/pvariance; the log-likelihood is a loop of log-densities."""
    mu, var, ll = mle_ref.gaussian_mle(x)
    assert mu == pytest.approx(statistics.fmean(x), abs=1e-9)
    assert var == pytest.approx(statistics.pvariance(x), rel=1e-9)
    s = statistics.pvariance(x)
    m = statistics.fmean(x)
    loop = sum(-0.5 * math.log(2 * math.pi * s) - (xi - m) ** 2 / (2 * s) for xi in x)
    assert ll == pytest.approx(loop, rel=1e-9, abs=1e-9)


def gaussian_log_likelihood(x: np.ndarray, mu: float, var: float) -> float:
    return float(np.sum(-0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var)))


@pytest.mark.parametrize("seed", SEEDS)
def test_mle_is_a_stationary_maximum(seed: int) -> None:
    """At (mu, var) the finite-difference gradient is zero and every nearby point is lower."""
    rng = np.random.default_rng(seed)
    x = rng.normal(rng.uniform(-5, 5), rng.uniform(0.5, 3), size=int(rng.integers(5, 50)))
    mu, var, ll = mle_ref.gaussian_mle(x)
    grad = central_difference(
        lambda t: gaussian_log_likelihood(x, t[0], t[1]), np.array([mu, var]), h=1e-5
    )
    np.testing.assert_allclose(grad, [0.0, 0.0], atol=1e-4)
    assert ll == pytest.approx(gaussian_log_likelihood(x, mu, var), abs=1e-9)
    for dmu, dvar in [(0.05, 0), (-0.05, 0), (0, 0.05 * var), (0, -0.05 * var), (0.05, 0.05 * var)]:
        assert gaussian_log_likelihood(x, mu + dmu, var + dvar) < ll


def test_mle_log_likelihood_survives_underflow() -> None:
    """With 400 spread-out samples the density product is 0, yet the log-likelihood is finite."""
    x = np.random.default_rng(1).normal(0, 80, 400)
    mu, var, ll = mle_ref.gaussian_mle(x)
    densities = np.exp(-((x - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    assert np.prod(densities) == 0.0
    assert ll == pytest.approx(-len(x) / 2 * (math.log(2 * math.pi * var) + 1), rel=1e-12)


# gmm_em_step


def em_loop(x, pi, mu, var):  # type: ignore[no-untyped-def]
    """One EM step with plain loops and 50-digit decimals (no underflow at any distance)."""
    n, K = len(x), len(pi)
    resp, log_likelihood = [], Decimal(0)
    for xi in x:
        joint = [
            Decimal(pi[k])
            / (2 * Decimal(math.pi) * Decimal(var[k])).sqrt()
            * (-((Decimal(xi) - Decimal(mu[k])) ** 2) / (2 * Decimal(var[k]))).exp()
            for k in range(K)
        ]
        total = sum(joint)
        resp.append([float(j / total) for j in joint])
        log_likelihood += total.ln()
    nk = [sum(resp[i][k] for i in range(n)) for k in range(K)]
    new_mu = [sum(resp[i][k] * x[i] for i in range(n)) / nk[k] for k in range(K)]
    new_var = [
        sum(resp[i][k] * (x[i] - new_mu[k]) ** 2 for i in range(n)) / nk[k] for k in range(K)
    ]
    return resp, [v / n for v in nk], new_mu, new_var, float(log_likelihood)


def gmm_case(seed: int, far: bool = False):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    K = int(rng.integers(1, 4))
    centres = np.sort(rng.uniform(-6, 6, K)) + np.arange(K) * 4
    x = np.concatenate([rng.normal(c, 1.0, 8) for c in centres])
    if far:
        x = np.append(x, centres[-1] + 60.0)
    pi = rng.dirichlet(np.ones(K) * 3)
    mu = centres + rng.normal(0, 0.5, K)
    var = rng.uniform(0.3, 2.5, K)
    return x.tolist(), pi.tolist(), mu.tolist(), var.tolist()


@pytest.mark.parametrize("far", [False, True])
@pytest.mark.parametrize("seed", SEEDS)
def test_em_step_matches_decimal_loop(seed: int, far: bool) -> None:
    """Responsibilities, M-step and log-likelihood equal a 50-digit loop, even 60 away."""
    x, pi, mu, var = gmm_case(seed, far)
    got = gmm_ref.em_step(x, pi, mu, var)
    expected = em_loop(x, pi, mu, var)
    for g, e in zip(got, expected, strict=False):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_em_never_decreases_the_likelihood(seed: int) -> None:
    """The log-likelihood under the new parameters is at least the one under the old parameters."""
    x, pi, mu, var = gmm_case(seed)
    _, new_pi, new_mu, new_var, old_ll = gmm_ref.em_step(x, pi, mu, var)
    new_ll = gmm_ref.em_step(x, new_pi, new_mu, new_var)[4]
    assert new_ll >= old_ll - 1e-9


@pytest.mark.parametrize("seed", SEEDS)
def test_m_step_is_stationary_for_expected_complete_log_likelihood(seed: int) -> None:
    """With r fixed, Q has zero gradient in (mu, var) at the new values and dQ/dpi_k = n."""
    x, pi, mu, var = gmm_case(seed)
    resp, new_pi, new_mu, new_var, _ = gmm_ref.em_step(x, pi, mu, var)
    xs = np.array(x)[:, None]

    def q(p: np.ndarray, m: np.ndarray, v: np.ndarray) -> float:
        return float(
            np.sum(resp * (np.log(p) - 0.5 * np.log(2 * np.pi * v) - (xs - m) ** 2 / (2 * v)))
        )

    np.testing.assert_allclose(
        central_difference(lambda m: q(new_pi, m, new_var), new_mu), 0.0, atol=1e-5
    )
    np.testing.assert_allclose(
        central_difference(lambda v: q(new_pi, new_mu, v), new_var), 0.0, atol=1e-5
    )
    np.testing.assert_allclose(
        central_difference(lambda p: q(p, new_mu, new_var), new_pi), len(x), rtol=1e-6
    )
    np.testing.assert_allclose(np.sum(resp, axis=1), 1.0, atol=1e-12)


def test_single_component_em_is_the_gaussian_mle() -> None:
    """With K = 1 every responsibility is 1; the M-step gives the mean and biased variance."""
    x = [1.0, 3.0, 4.0, 8.0, -2.5]
    resp, new_pi, new_mu, new_var, _ = gmm_ref.em_step(x, [1.0], [0.0], [2.0])
    np.testing.assert_allclose(resp, np.ones((5, 1)))
    assert new_pi[0] == pytest.approx(1.0)
    assert new_mu[0] == pytest.approx(statistics.fmean(x))
    assert new_var[0] == pytest.approx(statistics.pvariance(x))


# ar_forecast


def solve_linear(A: list[list[float]], b: list[float]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting, in pure Python."""
    n = len(b)
    M = [[*row[:], b[i]] for i, row in enumerate(A)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(M[r][col]))
        M[col], M[pivot] = M[pivot], M[col]
        for r in range(n):
            if r != col:
                factor = M[r][col] / M[col][col]
                M[r] = [a - factor * c for a, c in zip(M[r], M[col], strict=False)]
    return [M[i][n] / M[i][i] for i in range(n)]


def ar_series(seed: int, n: int = 40):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    p = int(rng.integers(1, 5))
    phi = rng.uniform(-0.4, 0.4, p)
    c = float(rng.uniform(-2, 2))
    y = list(rng.normal(size=p))
    while len(y) < n:
        y.append(c + sum(phi[i] * y[-i - 1] for i in range(p)) + float(rng.normal(0, 0.5)))
    return y, p, c, phi


@pytest.mark.parametrize("seed", SEEDS)
def test_ar_fit_matches_normal_equations_built_with_loops(seed: int) -> None:
    """lstsq coefficients solve X^T X b = X^T y, assembled and solved in pure Python."""
    y, p, _, _ = ar_series(seed)
    rows = [[1.0] + [y[t - i] for i in range(1, p + 1)] for t in range(p, len(y))]
    targets = y[p:]
    xtx = [[sum(r[a] * r[b] for r in rows) for b in range(p + 1)] for a in range(p + 1)]
    xty = [sum(r[a] * t for r, t in zip(rows, targets, strict=False)) for a in range(p + 1)]
    np.testing.assert_allclose(ar_ref.fit_ar(y, p), solve_linear(xtx, xty), atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_ar_fit_minimises_squared_residuals(seed: int) -> None:
    """The central-difference gradient of the residual sum of squares vanishes at the fit."""
    y, p, _, _ = ar_series(seed)

    def sse(coef: np.ndarray) -> float:
        return sum(
            (y[t] - coef[0] - sum(coef[i] * y[t - i] for i in range(1, p + 1))) ** 2
            for t in range(p, len(y))
        )

    coef = ar_ref.fit_ar(y, p)
    np.testing.assert_allclose(central_difference(sse, coef, h=1e-5), 0.0, atol=1e-5)
    assert sse(coef) <= sse(coef + 0.01) and sse(coef) <= sse(coef - 0.01)


@pytest.mark.parametrize("seed", SEEDS)
def test_ar_recovers_noise_free_process_and_continues_it(seed: int) -> None:
    """Noise-free AR(p) data give back c and phi, and the forecast continues the recursion."""
    rng = np.random.default_rng(seed)
    p = int(rng.integers(1, 4))
    phi = rng.uniform(-0.9, 0.9, p)
    c = float(rng.uniform(-1, 1))
    y = list(rng.normal(size=p) * 3)
    n_observed = 3 * p + 4  # short, so the transient still carries information about every lag
    while len(y) < n_observed + 6:
        y.append(c + sum(phi[i] * y[-i - 1] for i in range(p)))
    observed, future = y[:n_observed], y[n_observed:]
    coef = ar_ref.fit_ar(observed, p)
    np.testing.assert_allclose(coef, [c, *phi], atol=1e-8)
    np.testing.assert_allclose(ar_ref.forecast(observed, coef, 6), future, atol=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
def test_ar_forecast_matches_loop(seed: int) -> None:
    """Each forecast step is c plus phi_i times the i-th latest value, forecasts included."""
    y, p, c, phi = ar_series(seed)
    coef = np.concatenate([[c], phi])
    history = list(y)
    for _ in range(7):
        history.append(c + sum(phi[i - 1] * history[len(history) - i] for i in range(1, p + 1)))
    np.testing.assert_allclose(ar_ref.forecast(y, coef, 7), history[len(y) :], atol=1e-12)
