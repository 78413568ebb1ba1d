"""Independent checks of the adam, conv2d and rnn_forward references: scalar loops, closed forms, FFT, identities."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import case_stdins, conv2d_loop, load_solution

adam = load_solution("adam")
conv = load_solution("conv2d")
rnn = load_solution("rnn_forward")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}
FEW = settings(max_examples=30, deadline=None)
SEEDS = range(6)


# ---------------------------------------------------------------- adam


def adam_scalar(
    grad_i, x0: list[float], lr: float, b1: float, b2: float, eps: float, steps: int
) -> list[float]:
    """Adam written coordinate by coordinate with the math module; grad_i(x, i) gives one partial."""
    x = list(x0)
    m = [0.0] * len(x)
    v = [0.0] * len(x)
    for t in range(1, steps + 1):
        g = [grad_i(x, i) for i in range(len(x))]
        for i in range(len(x)):
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            m_hat = m[i] / (1 - b1**t)
            v_hat = v[i] / (1 - b2**t)
            x[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
    return x


@pytest.mark.parametrize("seed", SEEDS)
def test_adam_matches_scalar_loop(seed: int) -> None:
    """The vectorised reference equals a coordinate-wise math-module loop on a random coupled quadratic."""
    rng = np.random.default_rng(seed)
    d = int(rng.integers(1, 6))
    a = rng.normal(size=(d, d))
    A = a @ a.T + d * np.eye(d)
    c = rng.normal(size=d)
    x0 = rng.normal(size=d) * 2
    lr, b1, b2 = float(rng.uniform(0.01, 0.3)), float(rng.uniform(0, 0.95)), float(rng.uniform(0.5, 0.999))
    eps, steps = float(10 ** rng.uniform(-8, -1)), int(rng.integers(1, 40))

    def grad_i(x: list[float], i: int) -> float:
        return sum(A[i, j] * (x[j] - c[j]) for j in range(d))

    got = adam.adam_optimizer(None, lambda x: A @ (x - c), x0, lr, b1, b2, eps, steps)
    np.testing.assert_allclose(got, adam_scalar(grad_i, x0.tolist(), lr, b1, b2, eps, steps), **CLOSE)


@FEW
@given(
    g=st.lists(st.floats(-50, 50).filter(lambda z: abs(z) > 1e-3), min_size=1, max_size=4),
    lr=st.floats(0.001, 1.0),
    b1=st.floats(0.0, 0.99),
    b2=st.floats(0.5, 0.9999),
    eps=st.floats(1e-8, 1.0),
    steps=st.integers(1, 30),
)
def test_adam_constant_gradient_closed_form(
    g: list[float], lr: float, b1: float, b2: float, eps: float, steps: int
) -> None:
    """With a constant gradient bias correction makes m_hat = g and v_hat = g^2 exactly, so each step is lr*g/(|g|+eps)."""
    g_arr = np.array(g)
    x0 = np.zeros(len(g))
    got = adam.adam_optimizer(None, lambda x: g_arr, x0, lr, b1, b2, eps, steps)
    expected = x0 - steps * lr * g_arr / (np.abs(g_arr) + eps)
    np.testing.assert_allclose(got, expected, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_adam_is_separable_and_scale_invariant(seed: int) -> None:
    """A separable problem runs like d one-dimensional problems, and scaling grad and eps by c changes nothing."""
    rng = np.random.default_rng(100 + seed)
    d = 4
    scales = rng.uniform(0.5, 5.0, size=d)
    x0 = rng.normal(size=d)
    args = (0.05, 0.9, 0.999, 1e-3, 25)
    together = adam.adam_optimizer(None, lambda x: scales * np.sin(x), x0, *args)
    alone = [
        adam.adam_optimizer(None, lambda x, s=s: s * np.sin(x), x0[i : i + 1], *args)[0]
        for i, s in enumerate(scales)
    ]
    np.testing.assert_allclose(together, alone, **CLOSE)
    c = 1000.0
    scaled = adam.adam_optimizer(None, lambda x: c * scales * np.sin(x), x0, *args[:3], args[3] * c, args[4])
    np.testing.assert_allclose(scaled, together, rtol=1e-9, atol=1e-9)


def test_adam_converges_to_minimiser() -> None:
    """On a strictly convex quadratic, many small Adam steps end near the minimiser found by a linear solve."""
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    x = adam.adam_optimizer(None, lambda x: A @ x - b, np.array([4.0, -3.0]), 0.01, 0.9, 0.999, 1e-8, 3000)
    np.testing.assert_allclose(x, np.linalg.solve(A, b), atol=5e-3)


@pytest.mark.parametrize("lines", case_stdins("adam"), ids=lambda lines: lines[2][:30])
def test_adam_case_gradients_match_finite_differences(lines: list[str]) -> None:
    """Every case's grad lambda is the gradient of its f (central finite differences at a few points)."""
    f, grad = eval(lines[0]), eval(lines[1])
    x0 = np.array(eval(lines[2]), dtype=float)
    rng = np.random.default_rng(0)
    h = 1e-5
    for x in (x0, x0 + rng.normal(size=x0.shape), x0 - 0.5):
        numeric = np.array(
            [(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))],
        )
        np.testing.assert_allclose(np.asarray(grad(x), dtype=float), numeric, rtol=1e-5, atol=1e-7)


# ---------------------------------------------------------------- conv2d


def conv2d_fft(x: np.ndarray, k: np.ndarray, padding: int, stride: int) -> np.ndarray:
    """Cross-correlation through the FFT: multiply by the conjugate spectrum, keep valid lags, subsample by stride."""
    p = np.pad(x, padding)
    P, Q = p.shape
    kh, kw = k.shape
    shape = (P + kh, Q + kw)
    spectrum = np.fft.rfft2(p, shape) * np.conj(np.fft.rfft2(k, shape))
    full = np.fft.irfft2(spectrum, shape)
    return full[: P - kh + 1 : stride, : Q - kw + 1 : stride]


conv_inputs = st.integers(1, 9).flatmap(
    lambda H: st.integers(1, 9).flatmap(
        lambda W: st.tuples(
            st.just((H, W)),
            st.integers(0, 2),
            st.integers(1, 3),
            st.integers(1, 4),
            st.integers(1, 4),
            st.integers(0, 2**31 - 1),
        )
    )
)


@FEW
@given(conv_inputs)
def test_conv2d_matches_loop_and_fft(params: tuple) -> None:
    """The reference equals the scalar-loop definition and the FFT cross-correlation on random shapes."""
    (H, W), padding, stride, kh, kw, seed = params
    if kh > H + 2 * padding or kw > W + 2 * padding:
        return
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(H, W))
    k = rng.normal(size=(kh, kw))
    got = conv.simple_conv2d(x, k, padding, stride)
    assert got.shape == ((H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1)
    np.testing.assert_allclose(got, conv2d_loop(x, k, padding, stride), **CLOSE)
    np.testing.assert_allclose(got, conv2d_fft(x, k, padding, stride), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv2d_delta_kernel_shifts_without_flip(seed: int) -> None:
    """A kernel with a single 1 at (a, b) reads the padded input at offset (a, b): proof that nothing is flipped."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(6, 5))
    a, b = int(rng.integers(0, 3)), int(rng.integers(0, 2))
    k = np.zeros((3, 2))
    k[a, b] = 1.0
    padded = np.pad(x, 1)
    expected = padded[a : a + padded.shape[0] - 2, b : b + padded.shape[1] - 1]
    np.testing.assert_array_equal(conv.simple_conv2d(x, k, 1, 1), expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv2d_is_bilinear(seed: int) -> None:
    """The output is linear in the input and in the kernel."""
    rng = np.random.default_rng(50 + seed)
    x1, x2 = rng.normal(size=(2, 7, 6))
    k1, k2 = rng.normal(size=(2, 3, 2))
    s, t = rng.normal(size=2)
    lhs = conv.simple_conv2d(s * x1 + t * x2, k1, 1, 2)
    rhs = s * conv.simple_conv2d(x1, k1, 1, 2) + t * conv.simple_conv2d(x2, k1, 1, 2)
    np.testing.assert_allclose(lhs, rhs, **CLOSE)
    lhs = conv.simple_conv2d(x1, s * k1 + t * k2, 2, 1)
    rhs = s * conv.simple_conv2d(x1, k1, 2, 1) + t * conv.simple_conv2d(x1, k2, 2, 1)
    np.testing.assert_allclose(lhs, rhs, **CLOSE)


@pytest.mark.parametrize("lines", case_stdins("conv2d"), ids=lambda lines: lines[0][:30])
def test_conv2d_cases_agree_with_fft(lines: list[str]) -> None:
    """On every stored case the reference agrees with the FFT computation."""
    x = np.array(eval(lines[0]), dtype=float)
    k = np.array(eval(lines[1]), dtype=float)
    padding, stride = int(lines[2]), int(lines[3])
    np.testing.assert_allclose(
        conv.simple_conv2d(x, k, padding, stride), conv2d_fft(x, k, padding, stride), atol=1e-9
    )


# ---------------------------------------------------------------- rnn_forward


def rnn_scalar(
    seq: list[list[float]], h0: list[float], Wx: list[list[float]], Wh: list[list[float]], b: list[float]
) -> list[float]:
    """The recurrence with explicit sums and math.tanh, one hidden unit at a time."""
    h = list(h0)
    for x in seq:
        h = [
            math.tanh(
                sum(Wx[i][j] * x[j] for j in range(len(x)))
                + sum(Wh[i][j] * h[j] for j in range(len(h)))
                + b[i]
            )
            for i in range(len(h))
        ]
    return h


def random_rnn(rng: np.random.Generator) -> tuple:
    """A random sequence and weights with independent sizes T, D, H."""
    T, D, H = (int(n) for n in rng.integers(1, 7, size=3))
    return (
        rng.normal(size=(T, D)),
        rng.normal(size=H),
        rng.normal(size=(H, D)) * 0.7,
        rng.normal(size=(H, H)) * 0.7,
        rng.normal(size=H) * 0.5,
    )


@pytest.mark.parametrize("seed", range(12))
def test_rnn_matches_scalar_loop(seed: int) -> None:
    """The reference equals a math.tanh loop with explicit sums, for D != H and non-symmetric weights."""
    seq, h0, Wx, Wh, b = random_rnn(np.random.default_rng(seed))
    got = rnn.rnn_forward(seq.tolist(), h0.tolist(), Wx.tolist(), Wh.tolist(), b.tolist())
    expected = rnn_scalar(seq.tolist(), h0.tolist(), Wx.tolist(), Wh.tolist(), b.tolist())
    np.testing.assert_allclose(got, expected, **CLOSE)


@pytest.mark.parametrize("seed", SEEDS)
def test_rnn_splits_over_time(seed: int) -> None:
    """Running the first k steps and continuing from that state equals running the whole sequence."""
    seq, h0, Wx, Wh, b = random_rnn(np.random.default_rng(20 + seed))
    seq = np.concatenate([seq, seq[::-1]])
    k = len(seq) // 2
    middle = rnn.rnn_forward(seq[:k], h0, Wx, Wh, b)
    np.testing.assert_allclose(
        rnn.rnn_forward(seq[k:], middle, Wx, Wh, b), rnn.rnn_forward(seq, h0, Wx, Wh, b), **CLOSE
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_rnn_is_equivariant_to_relabelling_hidden_units(seed: int) -> None:
    """Permuting the hidden units (rows of Wx, rows and columns of Wh, b, h0) permutes the final state."""
    rng = np.random.default_rng(40 + seed)
    seq, h0, Wx, Wh, b = random_rnn(rng)
    perm = rng.permutation(len(h0))
    got = rnn.rnn_forward(seq, h0[perm], Wx[perm], Wh[np.ix_(perm, perm)], b[perm])
    np.testing.assert_allclose(got, rnn.rnn_forward(seq, h0, Wx, Wh, b)[perm], **CLOSE)


@pytest.mark.parametrize("seed", SEEDS)
def test_rnn_small_weights_follow_linear_recurrence(seed: int) -> None:
    """With weights and inputs scaled by s -> 0, h/s tends to the linear recurrence (tanh(z) = z + O(z^3))."""
    seq, h0, Wx, Wh, b = random_rnn(np.random.default_rng(60 + seed))
    s = 1e-6
    h_lin = s * h0
    for x in seq:
        h_lin = Wx @ (s * x) + Wh @ h_lin + s * b
    got = np.asarray(rnn.rnn_forward(s * seq, s * h0, Wx, Wh, s * b))
    np.testing.assert_allclose(got / s, h_lin / s, rtol=1e-6, atol=1e-6)
