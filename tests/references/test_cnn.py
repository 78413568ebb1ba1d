"""Independent checks of the CNN references: loops against vectorised code, adjoints, factorised weights, empirical fields."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import case_stdins, conv2d_loop, load_solution

pool = load_solution("pooling")
rf = load_solution("receptive_field")
convt = load_solution("conv_transpose2d")
dws = load_solution("depthwise_separable")
res = load_solution("residual_block")
up = load_solution("upsample")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}
FEW = settings(max_examples=40, deadline=None)
SEEDS = range(8)


# ---------------------------------------------------------------- pooling


def pool_windows(x: np.ndarray, k: int, s: int, mode: str) -> np.ndarray:
    """Vectorised pooling: every k x k window via sliding_window_view, keeping every s-th start."""
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k))[::s, ::s]
    return windows.max(axis=(2, 3)) if mode == "max" else windows.mean(axis=(2, 3))


@st.composite
def pool_args(draw: st.DrawFn) -> tuple[np.ndarray, int, int, str]:
    """A random non-square matrix, a window that fits, a stride and a mode."""
    H, W = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    k = draw(st.integers(1, min(H, W)))
    s = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 10_000))
    x = np.random.default_rng(seed).normal(size=(H, W)) * 3
    return x, k, s, draw(st.sampled_from(["max", "avg"]))


@FEW
@given(pool_args())
def test_pooling_matches_sliding_window_view(args: tuple[np.ndarray, int, int, str]) -> None:
    """The loop reference equals a strided sliding-window reduction."""
    x, k, s, mode = args
    np.testing.assert_allclose(pool.pool2d(x.tolist(), k, s, mode), pool_windows(x, k, s, mode), **CLOSE)


@FEW
@given(pool_args())
def test_avg_pooling_is_conv_with_box_kernel(args: tuple[np.ndarray, int, int, str]) -> None:
    """Average pooling equals a stride-s, padding-0 cross-correlation with a constant 1/k^2 kernel."""
    x, k, s, _ = args
    box = np.full((k, k), 1.0 / (k * k))
    np.testing.assert_allclose(pool.pool2d(x.tolist(), k, s, "avg"), conv2d_loop(x, box, 0, s), **CLOSE)


@FEW
@given(pool_args())
def test_pooling_shape_counts_windows_that_fit(args: tuple[np.ndarray, int, int, str]) -> None:
    """The output has one entry per window start i*s with i*s + k <= n, counted by brute force."""
    x, k, s, mode = args
    fits_h = sum(1 for start in range(0, x.shape[0], s) if start + k <= x.shape[0])
    fits_w = sum(1 for start in range(0, x.shape[1], s) if start + k <= x.shape[1])
    assert pool.pool2d(x.tolist(), k, s, mode).shape == (fits_h, fits_w)


def test_pooling_cases_match_sliding_window_view() -> None:
    """Every stored case input gives the same answer from the independent implementation."""
    for lines in case_stdins("pooling"):
        x, k, s, mode = np.array(eval(lines[0]), dtype=float), int(lines[1]), int(lines[2]), lines[3].strip()
        np.testing.assert_allclose(pool.pool2d(x.tolist(), k, s, mode), pool_windows(x, k, s, mode), **CLOSE)


# ---------------------------------------------------------------- receptive field


def empirical_field(layers: list[list[int]]) -> int:
    """Backpropagate a one-hot gradient from the first top unit through 1-D all-ones convs; span of inputs reached."""
    grad = np.ones(1)
    for k, s in reversed(layers):
        below = np.zeros((len(grad) - 1) * s + k)
        for o, g in enumerate(grad):
            below[o * s : o * s + k] += g
        grad = below
    reached = np.flatnonzero(grad)
    return int(reached[-1] - reached[0] + 1)


def top_down_field(layers: list[list[int]]) -> int:
    """The other textbook recursion, walking from the top layer down: r <- r*s + (k - s)."""
    r = 1
    for k, s in reversed(layers):
        r = r * s + (k - s)
    return r


layer_lists = st.lists(st.tuples(st.integers(1, 7), st.integers(1, 3)).map(list), min_size=1, max_size=7)


@FEW
@given(layer_lists)
def test_receptive_field_matches_gradient_propagation(layers: list[list[int]]) -> None:
    """Each per-layer value equals the span of inputs the top unit of that prefix actually depends on."""
    assert rf.receptive_fields(layers) == [empirical_field(layers[: i + 1]) for i in range(len(layers))]


@FEW
@given(layer_lists)
def test_receptive_field_matches_top_down_recursion(layers: list[list[int]]) -> None:
    """The bottom-up product-of-strides formula agrees with the top-down recursion for every prefix."""
    assert rf.receptive_fields(layers) == [top_down_field(layers[: i + 1]) for i in range(len(layers))]


def test_receptive_field_cases_match_gradient_propagation() -> None:
    """Every stored case gives the empirically measured fields."""
    for lines in case_stdins("receptive_field"):
        layers = eval(lines[0])
        assert rf.receptive_fields(layers) == [empirical_field(layers[: i + 1]) for i in range(len(layers))]


# ---------------------------------------------------------------- transposed convolution


@st.composite
def convt_args(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Random non-square input and kernel, a stride, and a padding that leaves a non-empty output."""
    H, W = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    s = draw(st.integers(1, 3))
    p_max = min((H - 1) * s + kh - 1, (W - 1) * s + kw - 1) // 2
    p = draw(st.integers(0, p_max))
    rng = np.random.default_rng(draw(st.integers(0, 10_000)))
    return rng.normal(size=(H, W)), rng.normal(size=(kh, kw)), p, s


@FEW
@given(convt_args(), st.integers(0, 10_000))
def test_conv_transpose_is_adjoint_of_conv2d(
    args: tuple[np.ndarray, np.ndarray, int, int], seed: int
) -> None:
    """<conv2d(x), y> == <x, conv_transpose2d(y)> for the same kernel, stride and padding."""
    y, k, p, s = args
    out = convt.conv_transpose2d(y.tolist(), k.tolist(), p, s)
    x = np.random.default_rng(seed).normal(size=out.shape)
    conv = conv2d_loop(x, k, p, s)
    assert conv.shape == y.shape
    assert math.isclose(float(np.sum(conv * y)), float(np.sum(x * out)), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv_transpose_is_transposed_conv_matrix(seed: int) -> None:
    """conv_transpose2d(y) == M.T @ y where M is the explicit matrix of conv2d built column by column."""
    rng = np.random.default_rng(seed)
    H, W, kh, kw = (int(v) for v in rng.integers(1, 5, size=4))
    s = int(rng.integers(1, 4))
    p = int(rng.integers(0, min((H - 1) * s + kh - 1, (W - 1) * s + kw - 1) // 2 + 1))
    y, k = rng.normal(size=(H, W)), rng.normal(size=(kh, kw))
    out_h, out_w = (H - 1) * s - 2 * p + kh, (W - 1) * s - 2 * p + kw
    columns = []
    for idx in range(out_h * out_w):
        basis = np.zeros(out_h * out_w)
        basis[idx] = 1.0
        columns.append(conv2d_loop(basis.reshape(out_h, out_w), k, p, s).ravel())
    M = np.stack(columns, axis=1)
    expected = (M.T @ y.ravel()).reshape(out_h, out_w)
    np.testing.assert_allclose(convt.conv_transpose2d(y.tolist(), k.tolist(), p, s), expected, **CLOSE)


def dilate_pad_flip(y: np.ndarray, k: np.ndarray, p: int, s: int) -> np.ndarray:
    """Textbook route: insert s-1 zeros, pad by k-1-p, cross-correlate with the 180-degree-rotated kernel."""
    kh, kw = k.shape
    dilated = np.zeros(((y.shape[0] - 1) * s + 1, (y.shape[1] - 1) * s + 1))
    dilated[::s, ::s] = y
    padded = np.pad(dilated, ((kh - 1 - p, kh - 1 - p), (kw - 1 - p, kw - 1 - p)))
    return conv2d_loop(padded, k[::-1, ::-1], 0, 1)


@FEW
@given(convt_args())
def test_conv_transpose_matches_zero_insertion_with_flipped_kernel(
    args: tuple[np.ndarray, np.ndarray, int, int],
) -> None:
    """Scatter-add without a flip equals zero-insertion + padding + convolution with the flipped kernel."""
    y, k, p, s = args
    if p > min(k.shape) - 1:
        p = min(k.shape) - 1
    np.testing.assert_allclose(
        convt.conv_transpose2d(y.tolist(), k.tolist(), p, s), dilate_pad_flip(y, k, p, s), **CLOSE
    )


def test_conv_transpose_cases_satisfy_the_adjoint_identity() -> None:
    """Every stored case is consistent with the adjoint of conv2d (random probe, fixed seed)."""
    rng = np.random.default_rng(0)
    for lines in case_stdins("conv_transpose2d"):
        y, k = np.array(eval(lines[0]), dtype=float), np.array(eval(lines[1]), dtype=float)
        p, s = int(lines[2]), int(lines[3])
        out = convt.conv_transpose2d(y.tolist(), k.tolist(), p, s)
        assert out.shape == (
            (y.shape[0] - 1) * s - 2 * p + k.shape[0],
            (y.shape[1] - 1) * s - 2 * p + k.shape[1],
        )
        x = rng.normal(size=out.shape)
        assert math.isclose(
            float(np.sum(conv2d_loop(x, k, p, s) * y)), float(np.sum(x * out)), rel_tol=1e-9, abs_tol=1e-9
        )


# ---------------------------------------------------------------- depthwise separable


def standard_conv(x: np.ndarray, weight: np.ndarray, padding: int, stride: int) -> np.ndarray:
    """A naive multi-channel convolution: out[o] = sum over c of conv2d(x[c], weight[o, c])."""
    return np.stack(
        [
            sum(conv2d_loop(x[c], weight[o, c], padding, stride) for c in range(x.shape[0]))
            for o in range(weight.shape[0])
        ]
    )


@st.composite
def dws_args(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """Random (C, H, W) input, per-channel kernels, pointwise weights, padding and stride."""
    C, C_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    H, W = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    p, s = draw(st.integers(0, 2)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, H + 2 * p)), draw(st.integers(1, W + 2 * p))
    rng = np.random.default_rng(draw(st.integers(0, 10_000)))
    return rng.normal(size=(C, H, W)), rng.normal(size=(C, kh, kw)), rng.normal(size=(C_out, C)), p, s


@FEW
@given(dws_args())
def test_depthwise_separable_equals_full_conv_with_factorised_weights(
    args: tuple[np.ndarray, np.ndarray, np.ndarray, int, int],
) -> None:
    """The separable output equals a standard conv whose weight is W[o, c] = P[o, c] * K[c]."""
    x, K, P, p, s = args
    y, _, _ = dws.depthwise_separable(x.tolist(), K.tolist(), P.tolist(), p, s)
    full_weight = P[:, :, None, None] * K[None, :, :, :]
    np.testing.assert_allclose(y, standard_conv(x, full_weight, p, s), **CLOSE)


@FEW
@given(dws_args())
def test_depthwise_separable_counts_are_array_sizes(
    args: tuple[np.ndarray, np.ndarray, np.ndarray, int, int],
) -> None:
    """The counts equal the sizes of the weight arrays actually used (no biases): K + P, and C_out x C x kh x kw."""
    x, K, P, p, s = args
    _, separable, standard = dws.depthwise_separable(x.tolist(), K.tolist(), P.tolist(), p, s)
    assert separable == K.size + P.size
    assert standard == np.empty((P.shape[0], x.shape[0], K.shape[1], K.shape[2])).size


@pytest.mark.parametrize("seed", SEEDS)
def test_depthwise_step_does_not_mix_channels(seed: int) -> None:
    """With P = identity, changing input channel c changes output channel c only."""
    rng = np.random.default_rng(seed)
    x, K = rng.normal(size=(3, 5, 4)), rng.normal(size=(3, 2, 3))
    y0, _, _ = dws.depthwise_separable(x.tolist(), K.tolist(), np.eye(3).tolist(), 1, 1)
    x[1] += rng.normal(size=(5, 4))
    y1, _, _ = dws.depthwise_separable(x.tolist(), K.tolist(), np.eye(3).tolist(), 1, 1)
    np.testing.assert_allclose(y0[[0, 2]], y1[[0, 2]], **CLOSE)
    assert not np.allclose(y0[1], y1[1])


def test_depthwise_separable_cases_match_factorised_conv() -> None:
    """Every stored case gives the factorised standard-conv answer and the array-size counts."""
    for lines in case_stdins("depthwise_separable"):
        x, K, P = (np.array(eval(line), dtype=float) for line in lines[:3])
        p, s = int(lines[3]), int(lines[4])
        y, separable, standard = dws.depthwise_separable(x.tolist(), K.tolist(), P.tolist(), p, s)
        np.testing.assert_allclose(y, standard_conv(x, P[:, :, None, None] * K[None], p, s), **CLOSE)
        assert (separable, standard) == (K.size + P.size, P.shape[0] * K.size)


# ---------------------------------------------------------------- residual block


def residual_loop(
    x: list[float], W1: list[list[float]], b1: list[float], W2: list[list[float]], b2: list[float]
) -> list[float]:
    """Plain Python: hidden units one by one, then outputs one by one, skip added before the outer relu."""
    hidden = [
        max(0.0, math.fsum(w * v for w, v in zip(row, x, strict=True)) + b)
        for row, b in zip(W1, b1, strict=True)
    ]
    branch = [
        math.fsum(w * h for w, h in zip(row, hidden, strict=True)) + b for row, b in zip(W2, b2, strict=True)
    ]
    return [max(0.0, xi + fi) for xi, fi in zip(x, branch, strict=True)]


@st.composite
def residual_args(draw: st.DrawFn) -> tuple[list[float], ...]:
    """Random x, W1 (h x d), b1, W2 (d x h), b2 with h smaller or larger than d."""
    d, h = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    rng = np.random.default_rng(draw(st.integers(0, 10_000)))
    shapes = [(d,), (h, d), (h,), (d, h), (d,)]
    return tuple(rng.normal(size=shape).tolist() for shape in shapes)


@FEW
@given(residual_args())
def test_residual_block_matches_plain_python_loop(args: tuple[list[float], ...]) -> None:
    """The vectorised block equals a scalar loop."""
    np.testing.assert_allclose(res.residual_block(*args), residual_loop(*args), **CLOSE)


@FEW
@given(residual_args())
def test_residual_block_with_zero_branch_is_relu(args: tuple[list[float], ...]) -> None:
    """With W2 = 0 and b2 = 0 the block reduces to relu(x): the skip path is the identity."""
    x, W1, b1, W2, b2 = args
    zero_W2, zero_b2 = np.zeros_like(np.array(W2)).tolist(), [0.0] * len(b2)
    np.testing.assert_allclose(res.residual_block(x, W1, b1, zero_W2, zero_b2), np.maximum(x, 0.0), **CLOSE)


def test_residual_block_cases_match_plain_python_loop() -> None:
    """Every stored case gives the scalar-loop answer."""
    for lines in case_stdins("residual_block"):
        args = [eval(line) for line in lines]
        np.testing.assert_allclose(res.residual_block(*args), residual_loop(*args), **CLOSE)


# ---------------------------------------------------------------- upsample


def bilinear_loop(x: np.ndarray, f: int) -> np.ndarray:
    """Pixel by pixel: half-pixel source coordinates, clamped, four-neighbour blend written out."""
    H, W = x.shape
    out = np.zeros((H * f, W * f))
    for i in range(H * f):
        u = max((i + 0.5) / f - 0.5, 0.0)
        r0 = math.floor(u)
        r1, t = min(r0 + 1, H - 1), u - r0
        for j in range(W * f):
            v = max((j + 0.5) / f - 0.5, 0.0)
            c0 = math.floor(v)
            c1, tc = min(c0 + 1, W - 1), v - c0
            out[i, j] = (
                (1 - t) * (1 - tc) * x[r0, c0]
                + (1 - t) * tc * x[r0, c1]
                + t * (1 - tc) * x[r1, c0]
                + t * tc * x[r1, c1]
            )
    return out


upsample_inputs = st.tuples(st.integers(1, 6), st.integers(1, 6), st.integers(1, 5), st.integers(0, 10_000))


@FEW
@given(upsample_inputs)
def test_nearest_matches_kron_with_ones(shape_factor_seed: tuple[int, int, int, int]) -> None:
    """Nearest upsampling equals the Kronecker product with an f x f block of ones."""
    H, W, f, seed = shape_factor_seed
    x = np.random.default_rng(seed).normal(size=(H, W))
    np.testing.assert_allclose(up.upsample(x.tolist(), f, "nearest"), np.kron(x, np.ones((f, f))), **CLOSE)


@FEW
@given(upsample_inputs)
def test_bilinear_matches_pixel_loop(shape_factor_seed: tuple[int, int, int, int]) -> None:
    """The separable vectorised bilinear equals the four-neighbour formula evaluated pixel by pixel."""
    H, W, f, seed = shape_factor_seed
    x = np.random.default_rng(seed).normal(size=(H, W))
    np.testing.assert_allclose(up.upsample(x.tolist(), f, "bilinear"), bilinear_loop(x, f), **CLOSE)


@FEW
@given(upsample_inputs, st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3))
def test_bilinear_reproduces_a_plane_at_half_pixel_coordinates(
    shape_factor_seed: tuple[int, int, int, int], a: float, b: float, c: float
) -> None:
    """On X[i, j] = a*i + b*j + c the result is the plane at the clamped half-pixel source coordinates."""
    H, W, f, _ = shape_factor_seed
    rows, cols = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    u = np.clip((np.arange(H * f) + 0.5) / f - 0.5, 0, H - 1)
    v = np.clip((np.arange(W * f) + 0.5) / f - 0.5, 0, W - 1)
    expected = a * u[:, None] + b * v[None, :] + c
    np.testing.assert_allclose(
        up.upsample((a * rows + b * cols + c).tolist(), f, "bilinear"), expected, rtol=1e-9, atol=1e-9
    )


def test_upsample_cases_match_independent_versions() -> None:
    """Every stored case gives the kron (nearest) or pixel-loop (bilinear) answer."""
    for lines in case_stdins("upsample"):
        x, f, mode = np.array(eval(lines[0]), dtype=float), int(lines[1]), lines[2].strip()
        expected = np.kron(x, np.ones((f, f))) if mode == "nearest" else bilinear_loop(x, f)
        np.testing.assert_allclose(up.upsample(x.tolist(), f, mode), expected, **CLOSE)
