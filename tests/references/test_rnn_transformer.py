"""Independent checks of the rnn/transformer references: scalar loops, closed forms and invariances."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_solution

lstm = load_solution("lstm_forward")
embedding = load_solution("token_embedding")
positional = load_solution("positional_encoding")
mha = load_solution("multi_head_attention")
ffn = load_solution("feed_forward")

SEEDS = [0, 1, 2, 3, 4, 5]


# ---------------------------------------------------------------- lstm_forward


def random_lstm(seed: int, T: int, D: int, H: int, scale: float = 1.0):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(T, D))
    h0, c0 = rng.normal(size=H), rng.normal(size=H)
    params = []
    for _ in range(4):
        params += [rng.normal(scale=scale, size=(H, H + D)), rng.normal(size=H)]
    return x, h0, c0, params


def scalar_sigmoid(a: float) -> float:
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    return math.exp(a) / (1.0 + math.exp(a))


def unit_sum(row, z, bias) -> float:  # type: ignore[no-untyped-def]
    return sum(float(w) * v for w, v in zip(row, z, strict=True)) + float(bias)


def lstm_scalar_loop(x, h0, c0, Wf, bf, Wi, bi, Wc, bc, Wo, bo):  # type: ignore[no-untyped-def]
    H = len(h0)
    h, c = [float(v) for v in h0], [float(v) for v in c0]
    outputs = []
    for xt in x:
        z = h + [float(v) for v in xt]
        new_h, new_c = [], []
        for k in range(H):
            f = scalar_sigmoid(unit_sum(Wf[k], z, bf[k]))
            i = scalar_sigmoid(unit_sum(Wi[k], z, bi[k]))
            g = math.tanh(unit_sum(Wc[k], z, bc[k]))
            o = scalar_sigmoid(unit_sum(Wo[k], z, bo[k]))
            ck = f * c[k] + i * g
            new_c.append(ck)
            new_h.append(o * math.tanh(ck))
        h, c = new_h, new_c
        outputs.append(h)
    return outputs, h, c


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_matches_scalar_loop(seed: int) -> None:
    """The vectorised LSTM equals a unit-by-unit scalar loop over [h; x]."""
    rng = np.random.default_rng(100 + seed)
    T, D, H = (int(v) for v in rng.integers(1, 6, size=3))
    x, h0, c0, params = random_lstm(seed, T, D, H)
    outputs, h, c = lstm.lstm_forward(x, h0, c0, *params)
    want_outputs, want_h, want_c = lstm_scalar_loop(x, h0, c0, *params)
    assert outputs.shape == (T, H)
    np.testing.assert_allclose(outputs, want_outputs, atol=1e-12)
    np.testing.assert_allclose(h, want_h, atol=1e-12)
    np.testing.assert_allclose(c, want_c, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_matches_fused_gate_matrix(seed: int) -> None:
    """Stacking the four gates into one (4H, H+D) matrix and splitting the columns gives the same states."""
    T, D, H = 4, 3, 5
    x, h0, c0, (Wf, bf, Wi, bi, Wc, bc, Wo, bo) = random_lstm(seed, T, D, H, scale=2.0)
    W = np.vstack([Wf, Wi, Wc, Wo])
    b = np.concatenate([bf, bi, bc, bo])
    h, c = h0.copy(), c0.copy()
    for xt in x:
        a = W[:, :H] @ h + W[:, H:] @ xt + b  # the h-columns come first
        f, i, o = (1 / (1 + np.exp(-a[k * H : (k + 1) * H])) for k in (0, 1, 3))
        c = f * c + i * np.tanh(a[2 * H : 3 * H])
        h = o * np.tanh(c)
    outputs, got_h, got_c = lstm.lstm_forward(x, h0, c0, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    np.testing.assert_allclose(got_h, h, atol=1e-12)
    np.testing.assert_allclose(got_c, c, atol=1e-12)
    np.testing.assert_allclose(outputs[-1], got_h, atol=0)


def test_lstm_saturated_gates_keep_the_cell() -> None:
    """With the forget gate at +1000 and the input gate at -1000 the cell keeps c0 and h = o * tanh(c0)."""
    T, D, H = 3, 2, 3
    x, h0, c0, (Wf, _, Wi, _, Wc, bc, Wo, bo) = random_lstm(7, T, D, H)
    bf = np.full(H, 1000.0)
    bi = np.full(H, -1000.0)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        outputs, h, c = lstm.lstm_forward(x, h0, c0, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    np.testing.assert_allclose(c, c0, atol=1e-12)
    z_last = np.concatenate([outputs[-2], x[-1]])
    o = 1 / (1 + np.exp(-(Wo @ z_last + bo)))
    np.testing.assert_allclose(h, o * np.tanh(c0), atol=1e-12)


# ------------------------------------------------------------- token_embedding


@settings(max_examples=40, deadline=None)
@given(
    vocab=st.integers(1, 12),
    d_model=st.integers(1, 10),
    seed=st.integers(0, 10_000),
    batch=st.booleans(),
)
def test_embedding_equals_scaled_one_hot_product(vocab: int, d_model: int, seed: int, batch: bool) -> None:
    """Lookup * sqrt(d_model) equals one_hot(ids) @ table * sqrt(d_model), for flat and batched ids."""
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(vocab, d_model))
    shape = (3, 4) if batch else (5,)
    ids = rng.integers(0, vocab, size=shape)
    one_hot = np.eye(vocab)[ids]
    want = one_hot @ table * math.sqrt(d_model)
    got = embedding.token_embedding(table.tolist(), ids.tolist())
    assert got.shape == (*shape, d_model)
    np.testing.assert_allclose(got, want, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_embedding_matches_loop_and_norm(seed: int) -> None:
    """Each output row is the table row times sqrt(d_model): its squared norm is d_model times the row's."""
    rng = np.random.default_rng(seed)
    vocab, d_model = 7, int(rng.integers(1, 9))
    table = rng.normal(size=(vocab, d_model)).tolist()
    ids = rng.integers(0, vocab, size=6).tolist()
    got = embedding.token_embedding(table, ids)
    for row, k in zip(got, ids, strict=True):
        assert list(row) == pytest.approx([v * d_model**0.5 for v in table[k]], abs=1e-12)
        assert float(row @ row) == pytest.approx(d_model * sum(v * v for v in table[k]), rel=1e-12)


# --------------------------------------------------------- positional_encoding


def pe_double_loop(max_len: int, d_model: int) -> list[list[float]]:
    table = []
    for pos in range(max_len):
        row = []
        for j in range(d_model):
            i = j // 2
            angle = pos / math.pow(10000.0, 2 * i / d_model)
            row.append(math.sin(angle) if j % 2 == 0 else math.cos(angle))
        table.append(row)
    return table


@pytest.mark.parametrize(
    ("max_len", "d_model"), [(1, 1), (3, 4), (4, 5), (6, 7), (20, 16), (7, 33), (100, 4)]
)
def test_positional_encoding_matches_double_loop(max_len: int, d_model: int) -> None:
    """The vectorised table equals a position-by-column loop written with math.sin / math.cos."""
    got = positional.positional_encoding(max_len, d_model)
    assert got.shape == (max_len, d_model)
    np.testing.assert_allclose(got, pe_double_loop(max_len, d_model), atol=1e-12)


@pytest.mark.parametrize(("max_len", "d_model"), [(10, 2), (30, 8), (50, 16), (9, 9)])
def test_positional_encoding_pairs_lie_on_unit_circle(max_len: int, d_model: int) -> None:
    """sin^2 + cos^2 = 1 for every (2i, 2i+1) column pair, and row 0 reads 0, 1, 0, 1, ..."""
    pe = positional.positional_encoding(max_len, d_model)
    pairs = d_model // 2
    radius = pe[:, 0 : 2 * pairs : 2] ** 2 + pe[:, 1 : 2 * pairs : 2] ** 2
    np.testing.assert_allclose(radius, 1.0, atol=1e-12)
    np.testing.assert_allclose(pe[0], [(j % 2) * 1.0 for j in range(d_model)], atol=0)


@pytest.mark.parametrize("shift", [1, 3, 10])
def test_positional_encoding_shift_is_a_rotation(shift: int) -> None:
    """PE[pos + k] is PE[pos] rotated pairwise by angle k * w_i, with w_i = 10000^(-2i/d)."""
    max_len, d_model = 40, 12
    pe = positional.positional_encoding(max_len, d_model)
    for i in range(d_model // 2):
        w = 10000.0 ** (-2 * i / d_model)
        s, c = math.sin(shift * w), math.cos(shift * w)
        sin_now, cos_now = pe[: max_len - shift, 2 * i], pe[: max_len - shift, 2 * i + 1]
        np.testing.assert_allclose(pe[shift:, 2 * i], sin_now * c + cos_now * s, atol=1e-12)
        np.testing.assert_allclose(pe[shift:, 2 * i + 1], cos_now * c - sin_now * s, atol=1e-12)


# -------------------------------------------------------- multi_head_attention


def mha_loops(query, key, value, Wq, Wk, Wv, Wo, n_head, mask):  # type: ignore[no-untyped-def]
    """One head at a time, one query at a time, with explicit sums and a per-row softmax."""
    n_q, d_model = len(query), len(Wq)
    d_k = d_model // n_head

    def project(X, W):  # type: ignore[no-untyped-def]
        return [
            [sum(X[a][r] * W[r][col] for r in range(d_model)) for col in range(d_model)]
            for a in range(len(X))
        ]

    Q, K, V = project(query, Wq), project(key, Wk), project(value, Wv)
    concat = [[0.0] * d_model for _ in range(n_q)]
    for m in range(n_head):
        cols = range(m * d_k, (m + 1) * d_k)
        for a in range(n_q):
            scores = []
            for b in range(len(K)):
                if mask is not None and mask[a][b] == 0:
                    scores.append(None)
                else:
                    scores.append(sum(Q[a][j] * K[b][j] for j in cols) / math.sqrt(d_k))
            top = max(s for s in scores if s is not None)
            weights = [0.0 if s is None else math.exp(s - top) for s in scores]
            total = sum(weights)
            for j in cols:
                concat[a][j] = sum(weights[b] / total * V[b][j] for b in range(len(V)))
    return project(concat, Wo)


def random_mha(seed: int, n_q: int, n_k: int, d_model: int, n_head: int, masked: bool):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    query, key, value = (
        rng.normal(size=(n_q, d_model)),
        rng.normal(size=(n_k, d_model)),
        rng.normal(size=(n_k, d_model)),
    )
    Ws = [rng.normal(size=(d_model, d_model)) for _ in range(4)]
    mask = None
    if masked:
        mask = (rng.random((n_q, n_k)) < 0.6).astype(int)
        mask[np.arange(n_q), rng.integers(0, n_k, size=n_q)] = 1  # never a fully hidden row
    return query, key, value, Ws, n_head, mask


@settings(max_examples=40, deadline=None)
@given(
    n_q=st.integers(1, 5),
    n_k=st.integers(1, 5),
    d_k=st.integers(1, 3),
    n_head=st.integers(1, 4),
    masked=st.booleans(),
    seed=st.integers(0, 10_000),
)
def test_mha_matches_loop_over_heads(
    n_q: int, n_k: int, d_k: int, n_head: int, masked: bool, seed: int
) -> None:
    """The batched reference equals a loop over heads and queries with a hand-written softmax."""
    query, key, value, Ws, n_head, mask = random_mha(seed, n_q, n_k, d_k * n_head, n_head, masked)
    got = mha.multi_head_attention(query, key, value, *Ws, n_head, None if mask is None else mask.tolist())
    want = mha_loops(
        query.tolist(),
        key.tolist(),
        value.tolist(),
        *(W.tolist() for W in Ws),
        n_head,
        None if mask is None else mask.tolist(),
    )
    assert got.shape == (n_q, d_k * n_head)
    np.testing.assert_allclose(got, want, atol=1e-10)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_mha_large_scores_stay_finite(seed: int) -> None:
    """Scores in the thousands give a finite output equal to the loop version (no exp overflow)."""
    query, key, value, Ws, n_head, mask = random_mha(seed, 3, 4, 4, 2, masked=True)
    query, key = 40.0 * query, 40.0 * key
    got = mha.multi_head_attention(query, key, value, *Ws, n_head, mask)
    want = mha_loops(
        query.tolist(), key.tolist(), value.tolist(), *(W.tolist() for W in Ws), n_head, mask.tolist()
    )
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, want, atol=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
def test_mha_is_equivariant_to_key_order(seed: int) -> None:
    """Permuting the keys and values (and the mask columns) together leaves the output unchanged."""
    query, key, value, Ws, n_head, mask = random_mha(seed, 4, 6, 6, 3, masked=True)
    perm = np.random.default_rng(seed).permutation(6)
    base = mha.multi_head_attention(query, key, value, *Ws, n_head, mask)
    moved = mha.multi_head_attention(query, key[perm], value[perm], *Ws, n_head, mask[:, perm])
    np.testing.assert_allclose(moved, base, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_mha_ignores_keys_hidden_from_every_query(seed: int) -> None:
    """Changing a key and value that the mask hides from every query does not change the output."""
    query, key, value, Ws, n_head, mask = random_mha(seed, 3, 5, 4, 2, masked=False)
    mask = np.ones((3, 5), dtype=int)
    mask[:, 2] = 0
    base = mha.multi_head_attention(query, key, value, *Ws, n_head, mask)
    key2, value2 = key.copy(), value.copy()
    key2[2] += 50.0
    value2[2] -= 50.0
    np.testing.assert_allclose(
        mha.multi_head_attention(query, key2, value2, *Ws, n_head, mask), base, atol=1e-12
    )


def test_mha_uniform_weights_average_the_values() -> None:
    """With Wq = 0 every score is 0, so each head averages the visible values (checked per query)."""
    d_model, n_head = 4, 2
    rng = np.random.default_rng(3)
    query, key, value = (
        rng.normal(size=(3, d_model)),
        rng.normal(size=(3, d_model)),
        rng.normal(size=(3, d_model)),
    )
    Wk, Wv, Wo = (rng.normal(size=(d_model, d_model)) for _ in range(3))
    mask = np.tril(np.ones((3, 3), dtype=int))
    got = mha.multi_head_attention(query, key, value, np.zeros((d_model, d_model)), Wk, Wv, Wo, n_head, mask)
    V = value @ Wv
    want = np.array([V[: a + 1].mean(axis=0) for a in range(3)]) @ Wo
    np.testing.assert_allclose(got, want, atol=1e-12)


# ---------------------------------------------------------------- feed_forward


def ffn_scalar_loop(x, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    out = []
    for row in x:
        hidden = [max(0.0, sum(row[r] * W1[r][k] for r in range(len(row))) + b1[k]) for k in range(len(b1))]
        out.append([sum(hidden[k] * W2[k][c] for k in range(len(hidden))) + b2[c] for c in range(len(b2))])
    return out


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 5), d_model=st.integers(1, 6), d_ff=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_ffn_matches_per_position_loop(n: int, d_model: int, d_ff: int, seed: int) -> None:
    """The vectorised FFN equals a token-by-token scalar loop."""
    rng = np.random.default_rng(seed)
    x, W1, b1 = rng.normal(size=(n, d_model)), rng.normal(size=(d_model, d_ff)), rng.normal(size=d_ff)
    W2, b2 = rng.normal(size=(d_ff, d_model)), rng.normal(size=d_model)
    got = ffn.feed_forward(x, W1, b1, W2, b2)
    assert got.shape == (n, d_model)
    want = ffn_scalar_loop(x.tolist(), W1.tolist(), b1.tolist(), W2.tolist(), b2.tolist())
    np.testing.assert_allclose(got, want, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_ffn_is_affine_when_relu_is_inactive(seed: int) -> None:
    """If every hidden pre-activation is positive, FFN(x) = x (W1 W2) + (b1 W2 + b2)."""
    rng = np.random.default_rng(seed)
    x, W1, W2, b2 = (
        rng.normal(size=(4, 3)),
        rng.normal(size=(3, 5)),
        rng.normal(size=(5, 3)),
        rng.normal(size=3),
    )
    b1 = np.full(5, 20.0)
    assert (x @ W1 + b1 > 0).all()
    np.testing.assert_allclose(
        ffn.feed_forward(x, W1, b1, W2, b2), x @ (W1 @ W2) + (b1 @ W2 + b2), atol=1e-10
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_ffn_dead_hidden_layer_gives_b2(seed: int) -> None:
    """If every hidden pre-activation is negative, each output row is exactly b2."""
    rng = np.random.default_rng(seed)
    x, W1, W2, b2 = (
        rng.normal(size=(4, 3)),
        rng.normal(size=(3, 5)),
        rng.normal(size=(5, 3)),
        rng.normal(size=3),
    )
    b1 = np.full(5, -50.0)
    np.testing.assert_allclose(ffn.feed_forward(x, W1, b1, W2, b2), np.tile(b2, (4, 1)), atol=0)
