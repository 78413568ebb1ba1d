"""Independent checks of the normalization references: plain loops, identities, cross-norm equalities."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import case_params, load_solution

ln = load_solution("layer_norm")
bn = load_solution("batch_norm")
inn = load_solution("instance_norm")
gn = load_solution("group_norm")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}
FEW = settings(max_examples=40, deadline=None)


def normalize_list(values: list[float], eps: float) -> list[float]:
    """Plain-Python (v - mean) / sqrt(biased var + eps) of one flat list."""
    mean = math.fsum(values) / len(values)
    var = math.fsum((v - mean) ** 2 for v in values) / len(values)
    return [(v - mean) / math.sqrt(var + eps) for v in values]


def loop_layer_norm(
    x: list[list[float]], gamma: list[float], beta: list[float], eps: float
) -> list[list[float]]:
    """Row by row, feature by feature."""
    out = []
    for row in x:
        z = normalize_list(row, eps)
        out.append([gamma[j] * z[j] + beta[j] for j in range(len(row))])
    return out


def loop_group_norm(
    x: np.ndarray, G: int, gamma: list[float], beta: list[float], eps: float
) -> np.ndarray:
    """Collects each (sample, group) block element by element, normalizes it, writes it back."""
    N, C, H, W = x.shape
    size = C // G
    y = np.zeros_like(x, dtype=float)
    for n in range(N):
        for g in range(G):
            idx = [
                (c, h, w)
                for c in range(g * size, (g + 1) * size)
                for h in range(H)
                for w in range(W)
            ]
            z = normalize_list([float(x[n, c, h, w]) for c, h, w in idx], eps)
            for (c, h, w), v in zip(idx, z, strict=True):
                y[n, c, h, w] = gamma[c] * v + beta[c]
    return y


def loop_batch_norm(x: np.ndarray, gamma: list[float], beta: list[float], eps: float) -> np.ndarray:
    """Per channel, gathering every sample and pixel by hand."""
    N, C, H, W = x.shape
    y = np.zeros_like(x, dtype=float)
    for c in range(C):
        idx = [(n, h, w) for n in range(N) for h in range(H) for w in range(W)]
        z = normalize_list([float(x[n, c, h, w]) for n, h, w in idx], eps)
        for (n, h, w), v in zip(idx, z, strict=True):
            y[n, c, h, w] = gamma[c] * v + beta[c]
    return y


def loop_instance_norm(
    x: np.ndarray, gamma: list[float], beta: list[float], eps: float
) -> np.ndarray:
    """Per sample and channel, over the pixels by hand."""
    N, C, H, W = x.shape
    y = np.zeros_like(x, dtype=float)
    for n in range(N):
        for c in range(C):
            idx = [(h, w) for h in range(H) for w in range(W)]
            z = normalize_list([float(x[n, c, h, w]) for h, w in idx], eps)
            for (h, w), v in zip(idx, z, strict=True):
                y[n, c, h, w] = gamma[c] * v + beta[c]
    return y


def random_inputs(seed: int, shape: tuple[int, ...], channels: int, scale: float):
    """x of the given shape, and gamma / beta of length `channels`, from one seed."""
    rng = np.random.default_rng(seed)
    x = rng.normal(rng.normal(0, 3), scale, size=shape)
    gamma = rng.normal(1.0, 1.0, size=channels)
    beta = rng.normal(0.0, 1.0, size=channels)
    return x, gamma, beta


seeds = st.integers(0, 2**32 - 1)
dims = st.integers(1, 4)
scales = st.sampled_from([1e-3, 0.05, 1.0, 20.0])
epsilons = st.sampled_from([1e-5, 1e-3, 0.1, 1.0])


@FEW
@given(seed=seeds, seq=st.integers(1, 6), d=st.integers(1, 8), scale=scales, eps=epsilons)
def test_layer_norm_matches_loop(seed: int, seq: int, d: int, scale: float, eps: float) -> None:
    """The vectorised LayerNorm equals a row-by-row plain-Python loop."""
    x, gamma, beta = random_inputs(seed, (seq, d), d, scale)
    expected = loop_layer_norm(x.tolist(), gamma.tolist(), beta.tolist(), eps)
    np.testing.assert_allclose(
        ln.layer_norm(x.tolist(), gamma.tolist(), beta.tolist(), eps), expected, **CLOSE
    )


@FEW
@given(
    seed=seeds,
    seq=st.integers(1, 5),
    d=st.integers(2, 8),
    eps=epsilons,
    g=st.floats(-3, 3),
    b=st.floats(-3, 3),
)
def test_layer_norm_row_mean_and_variance(
    seed: int, seq: int, d: int, eps: float, g: float, b: float
) -> None:
    """With gamma = g and beta = b everywhere, a row has mean b and variance g^2 s^2 / (s^2 + eps)."""
    x, _, _ = random_inputs(seed, (seq, d), d, 1.0)
    y = ln.layer_norm(x, [g] * d, [b] * d, eps)
    for row_x, row_y in zip(x.tolist(), y, strict=True):
        s2 = float(np.var(row_x))
        assert np.mean(row_y) == pytest.approx(b, abs=1e-9)
        assert np.var(row_y) == pytest.approx(g * g * s2 / (s2 + eps), rel=1e-9, abs=1e-12)


@FEW
@given(seed=seeds, seq=st.integers(1, 5), d=st.integers(1, 8), shift=st.floats(-100, 100))
def test_layer_norm_ignores_a_per_row_shift(seed: int, seq: int, d: int, shift: float) -> None:
    """Adding a constant to a row leaves its LayerNorm unchanged."""
    x, gamma, beta = random_inputs(seed, (seq, d), d, 1.0)
    shifts = np.arange(seq).reshape(-1, 1) * shift
    np.testing.assert_allclose(
        ln.layer_norm(x + shifts, gamma, beta, 1e-5), ln.layer_norm(x, gamma, beta, 1e-5), atol=1e-8
    )


def test_layer_norm_constant_row_is_beta() -> None:
    """A constant row has zero variance and maps to beta exactly."""
    y = ln.layer_norm([[7.0, 7.0, 7.0], [1.0, 2.0, 4.0]], [2.0, -1.0, 3.0], [0.5, 0.25, -1.0], 1e-5)
    assert y[0].tolist() == [0.5, 0.25, -1.0]


def test_layer_norm_eps_inside_the_root() -> None:
    """For [0, 2] the biased variance is 1: the output is +-1/sqrt(1 + eps), not +-1/(1 + eps)."""
    y = ln.layer_norm([[0.0, 2.0]], [1.0, 1.0], [0.0, 0.0], 0.5)
    assert y[0, 1] == pytest.approx(1 / math.sqrt(1.5))


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, scale=scales, eps=epsilons)
def test_batch_norm_matches_loop(
    seed: int, n: int, c: int, h: int, w: int, scale: float, eps: float
) -> None:
    """The vectorised BatchNorm equals a per-channel loop over samples and pixels."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, scale)
    np.testing.assert_allclose(
        bn.batch_norm(x.tolist(), gamma, beta, eps),
        loop_batch_norm(x, list(gamma), list(beta), eps),
        **CLOSE,
    )


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, eps=epsilons)
def test_batch_norm_channel_mean_and_variance(
    seed: int, n: int, c: int, h: int, w: int, eps: float
) -> None:
    """Over (N, H, W) a channel has mean beta_c and variance gamma_c^2 s_c^2 / (s_c^2 + eps)."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, 1.0)
    y = bn.batch_norm(x, gamma, beta, eps)
    for k in range(c):
        s2 = float(np.var(x[:, k]))
        assert np.mean(y[:, k]) == pytest.approx(beta[k], abs=1e-9)
        assert np.var(y[:, k]) == pytest.approx(
            gamma[k] ** 2 * s2 / (s2 + eps), rel=1e-9, abs=1e-12
        )


@FEW
@given(seed=seeds, n=st.integers(1, 6), c=st.integers(1, 6), eps=epsilons)
def test_batch_norm_on_1x1_maps_is_layer_norm_of_the_transpose(
    seed: int, n: int, c: int, eps: float
) -> None:
    """With H = W = 1, BatchNorm of (N, C) columns is LayerNorm of the transposed (C, N) rows."""
    x, gamma, beta = random_inputs(seed, (n, c), c, 1.0)
    y = bn.batch_norm(x[:, :, None, None], gamma, beta, eps)[:, :, 0, 0]
    z = ln.layer_norm(x.T, np.ones(n), np.zeros(n), eps).T * gamma + beta
    np.testing.assert_allclose(y, z, **CLOSE)


@FEW
@given(seed=seeds, c=dims, h=dims, w=dims, eps=epsilons)
def test_batch_norm_of_one_sample_is_instance_norm(
    seed: int, c: int, h: int, w: int, eps: float
) -> None:
    """With N = 1 the batch statistics are the sample's own, so BatchNorm equals InstanceNorm."""
    x, gamma, beta = random_inputs(seed, (1, c, h, w), c, 1.0)
    np.testing.assert_allclose(
        bn.batch_norm(x, gamma, beta, eps), inn.instance_norm(x, gamma, beta, eps), **CLOSE
    )


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, scale=scales, eps=epsilons)
def test_instance_norm_matches_loop(
    seed: int, n: int, c: int, h: int, w: int, scale: float, eps: float
) -> None:
    """The vectorised InstanceNorm equals a per-(sample, channel) loop over pixels."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, scale)
    np.testing.assert_allclose(
        inn.instance_norm(x.tolist(), gamma, beta, eps),
        loop_instance_norm(x, list(gamma), list(beta), eps),
        **CLOSE,
    )


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, eps=epsilons)
def test_instance_norm_map_mean_and_variance(
    seed: int, n: int, c: int, h: int, w: int, eps: float
) -> None:
    """Over its own pixels a map has mean beta_c and variance gamma_c^2 s^2 / (s^2 + eps)."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, 1.0)
    y = inn.instance_norm(x, gamma, beta, eps)
    for i in range(n):
        for k in range(c):
            s2 = float(np.var(x[i, k]))
            assert np.mean(y[i, k]) == pytest.approx(beta[k], abs=1e-9)
            assert np.var(y[i, k]) == pytest.approx(
                gamma[k] ** 2 * s2 / (s2 + eps), rel=1e-9, abs=1e-12
            )


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims)
def test_instance_norm_treats_samples_independently(
    seed: int, n: int, c: int, h: int, w: int
) -> None:
    """Normalizing the batch at once equals normalizing each sample alone."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, 1.0)
    whole = inn.instance_norm(x, gamma, beta, 1e-5)
    for i in range(n):
        np.testing.assert_allclose(
            whole[i : i + 1], inn.instance_norm(x[i : i + 1], gamma, beta, 1e-5), **CLOSE
        )


group_shapes = st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 3)).flatmap(
    lambda gs: st.tuples(st.just(gs[0] * gs[1]), st.just(gs[0]))  # (C, G) with C divisible by G
)


@FEW
@given(seed=seeds, n=dims, cg=group_shapes, h=dims, w=dims, scale=scales, eps=epsilons)
def test_group_norm_matches_loop(
    seed: int, n: int, cg: tuple[int, int], h: int, w: int, scale: float, eps: float
) -> None:
    """The reshape-based GroupNorm equals a loop over blocks of consecutive channels."""
    c, g = cg
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, scale)
    np.testing.assert_allclose(
        gn.group_norm(x.tolist(), g, gamma, beta, eps),
        loop_group_norm(x, g, list(gamma), list(beta), eps),
        **CLOSE,
    )


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, eps=epsilons)
def test_group_norm_with_one_group_is_layer_norm(
    seed: int, n: int, c: int, h: int, w: int, eps: float
) -> None:
    """G = 1 is LayerNorm over each flattened (C, H, W) sample, then the per-channel affine."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, 1.0)
    flat = ln.layer_norm(x.reshape(n, -1), np.ones(c * h * w), np.zeros(c * h * w), eps).reshape(
        n, c, h, w
    )
    expected = flat * gamma.reshape(1, c, 1, 1) + beta.reshape(1, c, 1, 1)
    np.testing.assert_allclose(gn.group_norm(x, 1, gamma, beta, eps), expected, **CLOSE)


@FEW
@given(seed=seeds, n=dims, c=dims, h=dims, w=dims, eps=epsilons)
def test_group_norm_with_one_channel_per_group_is_instance_norm(
    seed: int, n: int, c: int, h: int, w: int, eps: float
) -> None:
    """G = C gives every channel its own statistics, exactly InstanceNorm."""
    x, gamma, beta = random_inputs(seed, (n, c, h, w), c, 1.0)
    np.testing.assert_allclose(
        gn.group_norm(x, c, gamma, beta, eps), inn.instance_norm(x, gamma, beta, eps), **CLOSE
    )


@FEW
@given(seed=seeds, n=dims, cg=group_shapes, h=dims, w=dims, eps=epsilons)
def test_group_norm_group_mean_and_variance(
    seed: int, n: int, cg: tuple[int, int], h: int, w: int, eps: float
) -> None:
    """With gamma = 1, beta = 0, each (sample, group) block has mean 0, variance s^2 / (s^2 + eps)."""
    c, g = cg
    x, _, _ = random_inputs(seed, (n, c, h, w), c, 1.0)
    y = gn.group_norm(x, g, np.ones(c), np.zeros(c), eps)
    size = c // g
    for i in range(n):
        for k in range(g):
            block_x, block_y = x[i, k * size : (k + 1) * size], y[i, k * size : (k + 1) * size]
            s2 = float(np.var(block_x))
            assert np.mean(block_y) == pytest.approx(0.0, abs=1e-9)
            assert np.var(block_y) == pytest.approx(s2 / (s2 + eps), rel=1e-9, abs=1e-12)


def test_group_norm_groups_are_consecutive_channels() -> None:
    """C = 4, G = 2: shifting channels 2-3 leaves channels 0-1 alone (groups are consecutive)."""
    x = np.arange(8.0).reshape(1, 4, 1, 2)
    moved = x.copy()
    moved[:, 2:] += 100.0
    a = gn.group_norm(x, 2, np.ones(4), np.zeros(4), 1e-5)
    b = gn.group_norm(moved, 2, np.ones(4), np.zeros(4), 1e-5)
    np.testing.assert_allclose(a[:, :2], b[:, :2], **CLOSE)


@pytest.mark.parametrize(("name", "lines"), case_params("layer_norm"))
def test_layer_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference agrees with the loop and prints no nan."""
    x, gamma, beta, eps = eval(lines[0]), eval(lines[1]), eval(lines[2]), float(lines[3])
    y = ln.layer_norm(x, gamma, beta, eps)
    assert np.isfinite(y).all()
    np.testing.assert_allclose(y, loop_layer_norm(x, gamma, beta, eps), **CLOSE)


@pytest.mark.parametrize(("name", "lines"), case_params("batch_norm"))
def test_batch_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference agrees with the loop and prints no nan."""
    x, gamma, beta, eps = (
        np.array(eval(lines[0]), dtype=float),
        eval(lines[1]),
        eval(lines[2]),
        float(lines[3]),
    )
    y = bn.batch_norm(x, gamma, beta, eps)
    assert np.isfinite(y).all()
    np.testing.assert_allclose(y, loop_batch_norm(x, gamma, beta, eps), **CLOSE)


@pytest.mark.parametrize(("name", "lines"), case_params("instance_norm"))
def test_instance_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference agrees with the loop and prints no nan."""
    x, gamma, beta, eps = (
        np.array(eval(lines[0]), dtype=float),
        eval(lines[1]),
        eval(lines[2]),
        float(lines[3]),
    )
    y = inn.instance_norm(x, gamma, beta, eps)
    assert np.isfinite(y).all()
    np.testing.assert_allclose(y, loop_instance_norm(x, gamma, beta, eps), **CLOSE)


@pytest.mark.parametrize(("name", "lines"), case_params("group_norm"))
def test_group_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case C is divisible by G and the reference agrees with the loop."""
    x, g = np.array(eval(lines[0]), dtype=float), int(lines[1])
    gamma, beta, eps = eval(lines[2]), eval(lines[3]), float(lines[4])
    assert x.shape[1] % g == 0
    y = gn.group_norm(x, g, gamma, beta, eps)
    assert np.isfinite(y).all()
    np.testing.assert_allclose(y, loop_group_norm(x, g, gamma, beta, eps), **CLOSE)
