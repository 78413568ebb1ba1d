"""Independent checks of the momentum, Nesterov, AdaGrad and RMSProp references: scalar loops, closed forms, identities."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import case_stdins, load_solution

momentum = load_solution("sgd_momentum")
nag = load_solution("nesterov")
adagrad = load_solution("adagrad")
rmsprop = load_solution("rmsprop")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}
FEW = settings(max_examples=30, deadline=None)
SEEDS = range(6)

nonzero = st.floats(-20, 20).filter(lambda z: abs(z) > 1e-3)
gradients = st.lists(nonzero, min_size=1, max_size=4)


def random_quadratic(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random SPD matrix A, centre c and start x0: f(x) = (x-c)^T A (x-c) / 2."""
    rng = np.random.default_rng(seed)
    d = int(rng.integers(1, 5))
    a = rng.normal(size=(d, d))
    A = a @ a.T / d + np.eye(d)
    return A, rng.normal(size=d), rng.normal(size=d) * 2


def partial(A: np.ndarray, c: np.ndarray):  # type: ignore[no-untyped-def]
    """The i-th partial derivative of the quadratic, with plain Python sums."""
    return lambda x, i: sum(A[i, j] * (x[j] - c[j]) for j in range(len(x)))


# ---------------------------------------------------------------- momentum


def momentum_scaled_velocity(grad_i, x0: list[float], lr: float, mu: float, steps: int) -> list[list[float]]:
    """Momentum in the other common form u = mu*u + lr*g, x = x - u, coordinate by coordinate."""
    x, u, out = list(x0), [0.0] * len(x0), []
    for _ in range(steps):
        g = [grad_i(x, i) for i in range(len(x))]
        u = [mu * u[i] + lr * g[i] for i in range(len(x))]
        x = [x[i] - u[i] for i in range(len(x))]
        out.append(x)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_momentum_matches_scaled_velocity_loop(seed: int) -> None:
    """The reference equals the lr-inside-the-velocity form written as a scalar loop."""
    A, c, x0 = random_quadratic(seed)
    rng = np.random.default_rng(seed)
    lr, mu, steps = float(rng.uniform(0.01, 0.3)), float(rng.uniform(0, 0.95)), int(rng.integers(1, 30))
    got = momentum.sgd_momentum(lambda x: A @ (x - c), x0, lr, mu, steps)
    np.testing.assert_allclose(
        got, momentum_scaled_velocity(partial(A, c), x0.tolist(), lr, mu, steps), **CLOSE
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_momentum_on_quadratic_is_a_matrix_power(seed: int) -> None:
    """On a quadratic, (x_t - c, v_t) evolves by a fixed linear map; its powers give every point of the trajectory."""
    A, c, x0 = random_quadratic(seed)
    lr, mu, steps, d = 0.1, 0.8, 15, len(c)
    eye = np.eye(d)
    # v' = mu v + A e ; e' = e - lr v'  with e = x - c
    M = np.block([[eye - lr * A, -lr * mu * eye], [A, mu * eye]])
    state = np.concatenate([x0 - c, np.zeros(d)])
    expected = [c + (np.linalg.matrix_power(M, t) @ state)[:d] for t in range(1, steps + 1)]
    got = momentum.sgd_momentum(lambda x: A @ (x - c), x0, lr, mu, steps)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


@FEW
@given(g=gradients, lr=st.floats(0.001, 1.0), mu=st.floats(0.0, 0.99), steps=st.integers(1, 25))
def test_momentum_constant_gradient_closed_form(g: list[float], lr: float, mu: float, steps: int) -> None:
    """A constant gradient gives v_t = g (1 - mu^t)/(1 - mu), so x_t = x0 - lr g sum_k (1 - mu^k)/(1 - mu)."""
    g_arr = np.array(g)
    got = momentum.sgd_momentum(lambda x: g_arr, np.zeros(len(g)), lr, mu, steps)
    for t in range(1, steps + 1):
        total = sum((1 - mu**k) / (1 - mu) for k in range(1, t + 1))
        np.testing.assert_allclose(got[t - 1], -lr * g_arr * total, rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------- nesterov


def nesterov_sutskever(grad_i, x0: list[float], lr: float, mu: float, steps: int) -> list[list[float]]:
    """NAG as u = mu*u + lr*grad(x - mu*u), x = x - u, coordinate by coordinate."""
    x, u, out = list(x0), [0.0] * len(x0), []
    for _ in range(steps):
        ahead = [x[i] - mu * u[i] for i in range(len(x))]
        u = [mu * u[i] + lr * grad_i(ahead, i) for i in range(len(x))]
        x = [x[i] - u[i] for i in range(len(x))]
        out.append(x)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_nesterov_matches_sutskever_loop(seed: int) -> None:
    """The reference equals Sutskever's look-ahead form written as a scalar loop."""
    A, c, x0 = random_quadratic(10 + seed)
    rng = np.random.default_rng(seed)
    lr, mu, steps = float(rng.uniform(0.01, 0.3)), float(rng.uniform(0, 0.95)), int(rng.integers(1, 30))
    got = nag.nesterov(lambda x: A @ (x - c), x0, lr, mu, steps)
    np.testing.assert_allclose(got, nesterov_sutskever(partial(A, c), x0.tolist(), lr, mu, steps), **CLOSE)


@pytest.mark.parametrize("seed", SEEDS)
def test_nesterov_pytorch_form_tracks_the_lookahead_point(seed: int) -> None:
    """PyTorch's rewrite p -= lr*(g(p) + mu*v) produces p_t = x_t - lr*mu*v_t = x_t + mu*(x_t - x_{t-1})."""
    rng = np.random.default_rng(20 + seed)
    x0 = rng.normal(size=3)
    grad = lambda x: np.array([x[0] ** 3 - x[0], 2 * x[1] + np.sin(x[2]), x[2] - 0.5 + 0.1 * x[0] * x[1]])  # noqa: E731
    lr, mu, steps = 0.05, 0.9, 20
    traj = nag.nesterov(grad, x0, lr, mu, steps)
    p, v = x0.copy(), np.zeros(3)
    previous = x0
    for t in range(steps):
        g = grad(p)
        v = mu * v + g
        p = p - lr * (g + mu * v)
        np.testing.assert_allclose(p, traj[t] + mu * (traj[t] - previous), rtol=1e-9, atol=1e-9)
        previous = traj[t]


@pytest.mark.parametrize("seed", SEEDS)
def test_nesterov_reduces_to_momentum_when_the_gradient_ignores_x(seed: int) -> None:
    """With no momentum NAG is gradient descent, and with a constant gradient it equals plain momentum."""
    A, c, x0 = random_quadratic(30 + seed)
    grad = lambda x: A @ (x - c)  # noqa: E731
    gd = [x0]
    for _ in range(10):
        gd.append(gd[-1] - 0.1 * grad(gd[-1]))
    np.testing.assert_allclose(nag.nesterov(grad, x0, 0.1, 0.0, 10), gd[1:], **CLOSE)
    const = lambda x: c  # noqa: E731
    np.testing.assert_allclose(
        nag.nesterov(const, x0, 0.1, 0.9, 10), momentum.sgd_momentum(const, x0, 0.1, 0.9, 10), **CLOSE
    )


# ---------------------------------------------------------------- adagrad


def adagrad_scalar(grad_i, x0: list[float], lr: float, eps: float, steps: int) -> list[list[float]]:
    """AdaGrad coordinate by coordinate with math.sqrt."""
    x, G, out = list(x0), [0.0] * len(x0), []
    for _ in range(steps):
        g = [grad_i(x, i) for i in range(len(x))]
        for i in range(len(x)):
            G[i] += g[i] * g[i]
            x[i] -= lr * g[i] / (math.sqrt(G[i]) + eps)
        out.append(list(x))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_adagrad_matches_scalar_loop(seed: int) -> None:
    """The vectorised reference equals a coordinate-wise math.sqrt loop."""
    A, c, x0 = random_quadratic(40 + seed)
    rng = np.random.default_rng(seed)
    lr, eps, steps = float(rng.uniform(0.05, 1.0)), float(10 ** rng.uniform(-8, 0)), int(rng.integers(1, 40))
    got = adagrad.adagrad(lambda x: A @ (x - c), x0, lr, eps, steps)
    np.testing.assert_allclose(got, adagrad_scalar(partial(A, c), x0.tolist(), lr, eps, steps), **CLOSE)


@FEW
@given(g=gradients, lr=st.floats(0.001, 1.0), eps=st.floats(1e-8, 1.0), steps=st.integers(1, 25))
def test_adagrad_constant_gradient_closed_form(g: list[float], lr: float, eps: float, steps: int) -> None:
    """A constant gradient gives G_k = k g^2, so x_t = x0 - lr sum_k g / (|g| sqrt(k) + eps)."""
    g_arr = np.array(g)
    got = adagrad.adagrad(lambda x: g_arr, np.zeros(len(g)), lr, eps, steps)
    for t in range(1, steps + 1):
        expected = -lr * sum(g_arr / (np.abs(g_arr) * math.sqrt(k) + eps) for k in range(1, t + 1))
        np.testing.assert_allclose(got[t - 1], expected, rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------- rmsprop


def rmsprop_scalar(
    grad_i, x0: list[float], lr: float, rho: float, eps: float, steps: int
) -> list[list[float]]:
    """RMSProp coordinate by coordinate with math.sqrt."""
    x, s, out = list(x0), [0.0] * len(x0), []
    for _ in range(steps):
        g = [grad_i(x, i) for i in range(len(x))]
        for i in range(len(x)):
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i]
            x[i] -= lr * g[i] / (math.sqrt(s[i]) + eps)
        out.append(list(x))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_rmsprop_matches_scalar_loop(seed: int) -> None:
    """The vectorised reference equals a coordinate-wise math.sqrt loop."""
    A, c, x0 = random_quadratic(50 + seed)
    rng = np.random.default_rng(seed)
    lr, rho = float(rng.uniform(0.005, 0.2)), float(rng.uniform(0, 0.99))
    eps, steps = float(10 ** rng.uniform(-8, 0)), int(rng.integers(1, 40))
    got = rmsprop.rmsprop(lambda x: A @ (x - c), x0, lr, rho, eps, steps)
    np.testing.assert_allclose(got, rmsprop_scalar(partial(A, c), x0.tolist(), lr, rho, eps, steps), **CLOSE)


@FEW
@given(
    g=gradients,
    lr=st.floats(0.001, 1.0),
    rho=st.floats(0.0, 0.999),
    eps=st.floats(1e-8, 1.0),
    steps=st.integers(1, 25),
)
def test_rmsprop_constant_gradient_closed_form(
    g: list[float], lr: float, rho: float, eps: float, steps: int
) -> None:
    """A constant gradient gives s_k = (1 - rho^k) g^2, so x_t = x0 - lr sum_k g / (|g| sqrt(1 - rho^k) + eps)."""
    g_arr = np.array(g)
    got = rmsprop.rmsprop(lambda x: g_arr, np.zeros(len(g)), lr, rho, eps, steps)
    for t in range(1, steps + 1):
        expected = -lr * sum(g_arr / (np.abs(g_arr) * math.sqrt(1 - rho**k) + eps) for k in range(1, t + 1))
        np.testing.assert_allclose(got[t - 1], expected, rtol=1e-7, atol=1e-9)


# ---------------------------------------------------------------- shared properties

ADAPTIVE = [
    ("adagrad", lambda grad, x0, eps: adagrad.adagrad(grad, x0, 0.3, eps, 20)),
    ("rmsprop", lambda grad, x0, eps: rmsprop.rmsprop(grad, x0, 0.05, 0.9, eps, 20)),
]


@pytest.mark.parametrize(("name", "run"), ADAPTIVE, ids=[name for name, _ in ADAPTIVE])
@pytest.mark.parametrize("seed", SEEDS)
def test_adaptive_methods_are_scale_invariant_and_separable(name: str, run, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Scaling the gradient and eps by c leaves the path unchanged, and coordinates evolve independently."""
    rng = np.random.default_rng(70 + seed)
    scales = rng.uniform(0.2, 5.0, size=3)
    x0 = rng.normal(size=3) * 2
    grad = lambda x: scales * np.tanh(x)  # noqa: E731
    base = run(grad, x0, 1e-3)
    np.testing.assert_allclose(run(lambda x: 1e4 * grad(x), x0, 1e1), base, rtol=1e-9, atol=1e-9)
    for i in range(3):
        alone = run(lambda x, i=i: scales[i] * np.tanh(x), x0[i : i + 1], 1e-3)
        np.testing.assert_allclose(alone[:, 0], base[:, i], **CLOSE)


@pytest.mark.parametrize("problem_id", ["sgd_momentum", "nesterov", "adagrad", "rmsprop"])
def test_case_gradients_are_conservative(problem_id: str) -> None:
    """Every case's grad lambda has a symmetric Jacobian (finite differences), so it is the gradient of some f."""
    for lines in case_stdins(problem_id):
        grad = eval(lines[0])
        x0 = np.array(eval(lines[1]), dtype=float)
        h = 1e-6
        J = np.array(
            [(np.asarray(grad(x0 + h * e)) - np.asarray(grad(x0 - h * e))) / (2 * h) for e in np.eye(len(x0))]
        )
        np.testing.assert_allclose(J, J.T, atol=1e-5)
