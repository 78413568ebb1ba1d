"""Independent checks of the llm-chapter references (norms, positions, attention variants, LM losses):
plain loops on every stored case, and torch as a test-only oracle where it computes the same thing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import case_params, load_solution

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is an optional extra; the loop checks run without it
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed (pip install torch==2.13.0)")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}

rms = load_solution("rms_norm")
rot = load_solution("rope")
swiglu = load_solution("swiglu_ffn")
gqa = load_solution("grouped_query_attention")
kv = load_solution("kv_cache_decode")
online = load_solution("online_softmax_attention")
smoothing = load_solution("label_smoothing_ce")
ppl = load_solution("perplexity")


def as_tensor(values):  # type: ignore[no-untyped-def]
    """A float64 torch tensor, so torch and the reference round the same way."""
    return torch.tensor(np.asarray(values, dtype=float), dtype=torch.float64)


# -------------------------------------------------------------------- rms_norm


def rms_norm_loop(x: np.ndarray, gamma: list[float], eps: float) -> np.ndarray:
    """Vector by vector along the last axis, with math.fsum for the mean of squares."""
    y = np.zeros_like(x)
    for index in np.ndindex(*x.shape[:-1]):
        row = [float(v) for v in x[index]]
        root = math.sqrt(math.fsum(v * v for v in row) / len(row) + eps)
        y[index] = [v / root * g for v, g in zip(row, gamma, strict=True)]
    return y


@pytest.mark.parametrize(("name", "lines"), case_params("rms_norm"))
def test_rms_norm_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals the per-vector loop and keeps the input's shape."""
    x, gamma, eps = np.array(eval(lines[0]), dtype=float), eval(lines[1]), float(lines[2])
    y = rms.rms_norm(eval(lines[0]), gamma, eps)
    assert y.shape == x.shape and np.isfinite(y).all()
    np.testing.assert_allclose(y, rms_norm_loop(x, gamma, eps), **CLOSE)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("rms_norm"))
def test_rms_norm_cases_match_torch(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals torch.nn.functional.rms_norm over the last axis."""
    x, gamma, eps = eval(lines[0]), eval(lines[1]), float(lines[2])
    want = F.rms_norm(as_tensor(x), (len(gamma),), weight=as_tensor(gamma), eps=eps)
    np.testing.assert_allclose(rms.rms_norm(x, gamma, eps), want.numpy(), **CLOSE)


def test_rms_norm_is_scale_invariant_without_eps_effect() -> None:
    """Scaling a vector by c > 0 leaves the output unchanged when eps is negligible."""
    x = np.random.default_rng(0).normal(size=(4, 6))
    gamma = np.linspace(0.5, 2.0, 6)
    np.testing.assert_allclose(rms.rms_norm(x * 37.0, gamma, 1e-30), rms.rms_norm(x, gamma, 1e-30), **CLOSE)


# ------------------------------------------------------------------------ rope


def rope_loop(x: list[list[float]], positions: list[int], pairing: str) -> list[list[float]]:
    """Row by row and pair by pair, with math.cos / math.sin and the pairs written out by hand."""
    d = len(x[0])
    out = []
    for row, p in zip(x, positions, strict=True):
        y = list(row)
        for i in range(d // 2):
            u, w = (2 * i, 2 * i + 1) if pairing == "interleaved" else (i, i + d // 2)
            phi = p * 10000.0 ** (-2.0 * i / d)
            y[u] = row[u] * math.cos(phi) - row[w] * math.sin(phi)
            y[w] = row[u] * math.sin(phi) + row[w] * math.cos(phi)
        out.append(y)
    return out


@pytest.mark.parametrize(("name", "lines"), case_params("rope"))
def test_rope_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals the pair-by-pair loop of the pairing it names."""
    x, positions, pairing = eval(lines[0]), eval(lines[1]), lines[2].strip()
    assert pairing in ("interleaved", "half") and len(x[0]) % 2 == 0
    np.testing.assert_allclose(rot.rope(x, positions, pairing), rope_loop(x, positions, pairing), **CLOSE)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("rope"))
def test_rope_cases_match_torch_formulations(name: str, lines: list[str]) -> None:
    """Each case equals torch's complex-number RoPE (interleaved) or the x*cos + rotate_half(x)*sin form (half)."""
    x, positions, pairing = as_tensor(eval(lines[0])), eval(lines[1]), lines[2].strip()
    d = x.shape[1]
    theta = 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    angle = torch.outer(torch.tensor(positions, dtype=torch.float64), theta)
    if pairing == "interleaved":
        z = torch.view_as_complex(x.reshape(len(x), d // 2, 2).contiguous()) * torch.polar(
            torch.ones_like(angle), angle
        )
        want = torch.view_as_real(z).reshape(len(x), d)
    else:
        emb = torch.cat([angle, angle], dim=-1)
        rotated = torch.cat([-x[:, d // 2 :], x[:, : d // 2]], dim=-1)
        want = x * emb.cos() + rotated * emb.sin()
    np.testing.assert_allclose(rot.rope(x.tolist(), positions, pairing), want.numpy(), **CLOSE)


@pytest.mark.parametrize("d", [2, 4, 8, 16])
def test_rope_pairings_differ_by_a_feature_permutation(d: int) -> None:
    """Interleaving the two halves of x turns the half pairing into the interleaved one."""
    rng = np.random.default_rng(d)
    x, positions = rng.normal(size=(5, d)), [0, 3, 7, 12, 40]
    order = np.stack([np.arange(d // 2), np.arange(d // 2, d)], axis=1).reshape(-1)  # 0, d/2, 1, d/2+1, ...
    half = rot.rope(x, positions, "half")
    np.testing.assert_allclose(rot.rope(x[:, order], positions, "interleaved"), half[:, order], **CLOSE)


@pytest.mark.parametrize("pairing", ["interleaved", "half"])
def test_rope_scores_depend_on_relative_position(pairing: str) -> None:
    """q at m and k at n give the same dot product as q at m + s and k at n + s; norms are kept."""
    rng = np.random.default_rng(5)
    q, k = rng.normal(size=(1, 8)), rng.normal(size=(1, 8))
    for m, n, s in [(3, 1, 10), (0, 5, 7), (20, 20, 100)]:
        base = rot.rope(q, [m], pairing) @ rot.rope(k, [n], pairing).T
        moved = rot.rope(q, [m + s], pairing) @ rot.rope(k, [n + s], pairing).T
        np.testing.assert_allclose(moved, base, atol=1e-10)
        np.testing.assert_allclose(np.linalg.norm(rot.rope(q, [m], pairing)), np.linalg.norm(q), atol=1e-12)


# ------------------------------------------------------------------ swiglu_ffn


def scalar_silu(h: float) -> float:
    """h * sigmoid(h) with the exponent kept non-positive."""
    if h >= 0:
        return h / (1.0 + math.exp(-h))
    return h * math.exp(h) / (1.0 + math.exp(h))


def swiglu_loop(x, W1, W2, W3):  # type: ignore[no-untyped-def]
    """Token by token, hidden unit by hidden unit."""
    d, d_ff = len(W1), len(W1[0])
    out = []
    for row in x:
        hidden = [
            scalar_silu(math.fsum(row[r] * W1[r][k] for r in range(d)))
            * math.fsum(row[r] * W3[r][k] for r in range(d))
            for k in range(d_ff)
        ]
        out.append([math.fsum(hidden[k] * W2[k][c] for k in range(d_ff)) for c in range(d)])
    return out


@pytest.mark.parametrize(("name", "lines"), case_params("swiglu_ffn"))
def test_swiglu_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals the unit-by-unit loop and stays finite."""
    x, W1, W2, W3 = (eval(line) for line in lines[:4])
    y = swiglu.swiglu_ffn(x, W1, W2, W3)
    assert y.shape == (len(x), len(W1)) and np.isfinite(y).all()
    np.testing.assert_allclose(y, swiglu_loop(x, W1, W2, W3), rtol=1e-9, atol=1e-8)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("swiglu_ffn"))
def test_swiglu_cases_match_torch(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals (F.silu(x W1) * x W3) W2 in torch."""
    x, W1, W2, W3 = (as_tensor(eval(line)) for line in lines[:4])
    want = (F.silu(x @ W1) * (x @ W3)) @ W2
    got = swiglu.swiglu_ffn(*(eval(line) for line in lines[:4]))
    np.testing.assert_allclose(got, want.numpy(), rtol=1e-9, atol=1e-8)


def test_swiglu_silu_limits() -> None:
    """The reference's SiLU is 0 at 0, about h for large h, about 0 for very negative h, minimum near -0.2785."""
    h = np.array([0.0, 50.0, -50.0, -1.2784645, 900.0, -900.0])
    got = swiglu.silu(h)
    np.testing.assert_allclose(got[:4], [0.0, 50.0, 0.0, -0.2784645], atol=1e-7)
    assert got[4] == 900.0 and abs(got[5]) < 1e-300


# ----------------------------------------------------- grouped_query_attention


def matmul_loop(A, B):  # type: ignore[no-untyped-def]
    """Plain-Python matrix product of nested lists."""
    return [[math.fsum(a * B[r][c] for r, a in enumerate(row)) for c in range(len(B[0]))] for row in A]


def attend_loop(q_rows, k_rows, v_rows, scale: float, causal: bool, offset: int = 0):  # type: ignore[no-untyped-def]
    """One query at a time: scaled scores, a max-shifted softmax over the visible keys, the weighted values.
    Causal: query a sits at position offset + a and sees keys 0 .. offset + a."""
    out = []
    for a, q in enumerate(q_rows):
        visible = range(offset + a + 1) if causal else range(len(k_rows))
        scores = [math.fsum(qi * ki for qi, ki in zip(q, k_rows[b], strict=True)) * scale for b in visible]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = math.fsum(weights)
        out.append(
            [
                math.fsum(w * v_rows[b][c] for w, b in zip(weights, visible, strict=True)) / total
                for c in range(len(v_rows[0]))
            ]
        )
    return out


def gqa_loop(x, Wq, Wk, Wv, n_q: int, n_kv: int, causal: bool):  # type: ignore[no-untyped-def]
    """Head by head: query head h slices its columns and reads kv head h // (n_q / n_kv)."""
    Q, K, V = matmul_loop(x, Wq), matmul_loop(x, Wk), matmul_loop(x, Wv)
    d_h = len(Wq[0]) // n_q
    heads = []
    for h in range(n_q):
        j = h // (n_q // n_kv)
        q = [row[h * d_h : (h + 1) * d_h] for row in Q]
        k = [row[j * d_h : (j + 1) * d_h] for row in K]
        v = [row[j * d_h : (j + 1) * d_h] for row in V]
        heads.append(attend_loop(q, k, v, 1 / math.sqrt(d_h), causal))
    return [[v for head in heads for v in head[t]] for t in range(len(x))]


def gqa_args(lines: list[str]):  # type: ignore[no-untyped-def]
    x, Wq, Wk, Wv = (eval(line) for line in lines[:4])
    return x, Wq, Wk, Wv, int(lines[4]), int(lines[5]), eval(lines[6])


@pytest.mark.parametrize(("name", "lines"), case_params("grouped_query_attention"))
def test_gqa_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals the head-by-head, query-by-query loop."""
    args = gqa_args(lines)
    assert args[4] % args[5] == 0
    got = gqa.grouped_query_attention(*args)
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, gqa_loop(*args), rtol=1e-9, atol=1e-9)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("grouped_query_attention"))
def test_gqa_cases_match_torch_sdpa(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals F.scaled_dot_product_attention(..., enable_gqa=True)."""
    x, Wq, Wk, Wv, n_q, n_kv, causal = gqa_args(lines)
    seq = len(x)

    def heads(W, n):  # type: ignore[no-untyped-def]
        return (as_tensor(x) @ as_tensor(W)).reshape(seq, n, -1).transpose(0, 1).unsqueeze(0)

    out = F.scaled_dot_product_attention(
        heads(Wq, n_q), heads(Wk, n_kv), heads(Wv, n_kv), is_causal=causal, enable_gqa=True
    )
    want = out[0].transpose(0, 1).reshape(seq, -1)
    np.testing.assert_allclose(
        gqa.grouped_query_attention(x, Wq, Wk, Wv, n_q, n_kv, causal), want.numpy(), rtol=1e-9, atol=1e-9
    )


def test_gqa_with_copied_kv_weights_is_mha() -> None:
    """Repeating each kv head's weight columns g times gives the same output with n_kv = n_q (plain MHA)."""
    rng = np.random.default_rng(2)
    n_q, n_kv, d_h, d_model, seq = 6, 2, 2, 5, 4
    x, Wq = rng.normal(size=(seq, d_model)), rng.normal(size=(d_model, n_q * d_h))
    Wk, Wv = rng.normal(size=(d_model, n_kv * d_h)), rng.normal(size=(d_model, n_kv * d_h))

    def widen(W):  # type: ignore[no-untyped-def]
        blocks = np.split(W, n_kv, axis=1)
        return np.concatenate([b for b in blocks for _ in range(n_q // n_kv)], axis=1)

    for causal in (False, True):
        grouped = gqa.grouped_query_attention(x, Wq, Wk, Wv, n_q, n_kv, causal)
        plain = gqa.grouped_query_attention(x, Wq, widen(Wk), widen(Wv), n_q, n_q, causal)
        np.testing.assert_allclose(grouped, plain, **CLOSE)


# ------------------------------------------------------------- kv_cache_decode


def kv_args(lines: list[str]):  # type: ignore[no-untyped-def]
    x, Wq, Wk, Wv = (eval(line) for line in lines[:4])
    return x, Wq, Wk, Wv, int(lines[4]), eval(lines[5]), eval(lines[6]), eval(lines[7])


def full_causal_loop(x, Wq, Wk, Wv, n_heads: int, past_k, past_v):  # type: ignore[no-untyped-def]
    """No cache: every key of the L0 + T tokens at once, each new token attending to positions up to its own."""
    K, V = past_k + matmul_loop(x, Wk), past_v + matmul_loop(x, Wv)
    Q = matmul_loop(x, Wq)
    d_h = len(Wq) // n_heads
    heads = []
    for m in range(n_heads):
        cols = slice(m * d_h, (m + 1) * d_h)
        q, k, v = [row[cols] for row in Q], [row[cols] for row in K], [row[cols] for row in V]
        heads.append(attend_loop(q, k, v, 1 / math.sqrt(d_h), True, offset=len(past_k)))
    return [[v for head in heads for v in head[t]] for t in range(len(x))]


@pytest.mark.parametrize(("name", "lines"), case_params("kv_cache_decode"))
def test_kv_cache_cases_match_full_causal_attention(name: str, lines: list[str]) -> None:
    """On every stored case the chunked, cached reference equals full causal attention over past + new tokens."""
    x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v = kv_args(lines)
    assert sum(chunks) == len(x) and len(past_k) == len(past_v)
    got = kv.kv_cache_decode(x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v)
    assert np.isfinite(got).all()
    np.testing.assert_allclose(
        got, full_causal_loop(x, Wq, Wk, Wv, n_heads, past_k, past_v), rtol=1e-9, atol=1e-9
    )


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("kv_cache_decode"))
def test_kv_cache_cases_match_torch_lower_right_causal(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals torch SDPA over the whole cache with a lower-right causal mask."""
    from torch.nn.attention.bias import causal_lower_right

    x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v = kv_args(lines)
    d, T = len(Wq), len(x)

    def heads(M):  # type: ignore[no-untyped-def]
        return M.reshape(len(M), n_heads, -1).transpose(0, 1).unsqueeze(0)

    X = as_tensor(x)
    K = torch.cat([as_tensor(past_k).reshape(-1, d), X @ as_tensor(Wk)])
    V = torch.cat([as_tensor(past_v).reshape(-1, d), X @ as_tensor(Wv)])
    out = F.scaled_dot_product_attention(
        heads(X @ as_tensor(Wq)), heads(K), heads(V), attn_mask=causal_lower_right(T, len(K))
    )
    want = out[0].transpose(0, 1).reshape(T, d)
    got = kv.kv_cache_decode(x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v)
    np.testing.assert_allclose(got, want.numpy(), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("chunks", [[6], [1, 1, 1, 1, 1, 1], [2, 4], [3, 1, 2], [1, 5]])
def test_kv_cache_output_does_not_depend_on_chunking(chunks: list[int]) -> None:
    """Feeding the same tokens in any chunking gives the same outputs as one prefill of all of them."""
    rng = np.random.default_rng(9)
    d, n_heads = 6, 3
    x, Ws = rng.normal(size=(6, d)), [rng.normal(size=(d, d)) for _ in range(3)]
    past_k, past_v = rng.normal(size=(2, d)).tolist(), rng.normal(size=(2, d)).tolist()
    whole = kv.kv_cache_decode(x, *Ws, n_heads, [6], past_k, past_v)
    np.testing.assert_allclose(kv.kv_cache_decode(x, *Ws, n_heads, chunks, past_k, past_v), whole, **CLOSE)


def test_kv_cache_past_equals_prefix_tokens() -> None:
    """A cache made from tokens' projections gives the same outputs as feeding those tokens first."""
    rng = np.random.default_rng(4)
    d, n_heads = 4, 2
    prefix, x = rng.normal(size=(3, d)), rng.normal(size=(2, d))
    Wq, Wk, Wv = (rng.normal(size=(d, d)) for _ in range(3))
    with_cache = kv.kv_cache_decode(
        x, Wq, Wk, Wv, n_heads, [1, 1], (prefix @ Wk).tolist(), (prefix @ Wv).tolist()
    )
    from_scratch = kv.kv_cache_decode(np.vstack([prefix, x]), Wq, Wk, Wv, n_heads, [3, 1, 1], [], [])
    np.testing.assert_allclose(with_cache, from_scratch[3:], **CLOSE)


# ---------------------------------------------------- online_softmax_attention


def online_args(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), eval(lines[1]), eval(lines[2]), int(lines[3])


def prefix_statistics(q, k, block_size: int):  # type: ignore[no-untyped-def]
    """Closed form of the running state: after block j, m = max over all keys so far, l = sum exp(S - m) over them."""
    d = len(q[0])
    maxes, sums = [], []
    for end in range(block_size, len(k) + block_size, block_size):
        seen = k[: min(end, len(k))]
        m_row, l_row = [], []
        for query in q:
            scores = [
                math.fsum(a * b for a, b in zip(query, key, strict=True)) / math.sqrt(d) for key in seen
            ]
            top = max(scores)
            m_row.append(top)
            l_row.append(math.fsum(math.exp(s - top) for s in scores))
        maxes.append(m_row)
        sums.append(l_row)
    return maxes, sums


@pytest.mark.parametrize(("name", "lines"), case_params("online_softmax_attention"))
def test_online_cases_match_prefix_statistics_and_attention(name: str, lines: list[str]) -> None:
    """On every stored case each block's m and l equal the closed form over the keys seen so far, and the
    output equals one-shot softmax attention."""
    q, k, v, block_size = online_args(lines)
    maxes, sums, out = online.online_softmax_attention(q, k, v, block_size)
    want_m, want_l = prefix_statistics(q, k, block_size)
    assert maxes.shape == sums.shape == (math.ceil(len(k) / block_size), len(q))
    np.testing.assert_allclose(maxes, want_m, **CLOSE)
    np.testing.assert_allclose(sums, want_l, **CLOSE)
    np.testing.assert_allclose(
        out, attend_loop(q, k, v, 1 / math.sqrt(len(q[0])), False), rtol=1e-9, atol=1e-9
    )


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("online_softmax_attention"))
def test_online_cases_match_torch(name: str, lines: list[str]) -> None:
    """On every stored case the output equals torch SDPA, and the last l equals exp(logsumexp(S) - m)."""
    q, k, v, block_size = online_args(lines)
    maxes, sums, out = online.online_softmax_attention(q, k, v, block_size)
    Q, K, V = as_tensor(q), as_tensor(k), as_tensor(v)
    np.testing.assert_allclose(out, F.scaled_dot_product_attention(Q, K, V).numpy(), rtol=1e-9, atol=1e-9)
    S = Q @ K.T / math.sqrt(len(q[0]))
    np.testing.assert_allclose(maxes[-1], S.max(dim=1).values.numpy(), **CLOSE)
    np.testing.assert_allclose(
        sums[-1], torch.exp(torch.logsumexp(S, dim=1) - S.max(dim=1).values).numpy(), **CLOSE
    )


@pytest.mark.parametrize("block_size", [1, 2, 3, 5, 7, 50])
def test_online_output_does_not_depend_on_block_size(block_size: int) -> None:
    """Any block size gives the same output and the same final m and l, even with scores near 1000."""
    rng = np.random.default_rng(block_size)
    q, k, v = 12 * rng.normal(size=(3, 4)), 12 * rng.normal(size=(11, 4)), rng.normal(size=(11, 2))
    one_max, one_sum, one_out = online.online_softmax_attention(q, k, v, 11)
    maxes, sums, out = online.online_softmax_attention(q, k, v, block_size)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out, one_out, **CLOSE)
    np.testing.assert_allclose(maxes[-1], one_max[-1], **CLOSE)
    np.testing.assert_allclose(sums[-1], one_sum[-1], **CLOSE)


# ---------------------------------------------------------- label_smoothing_ce


def log_softmax_row(row: list[float]) -> list[float]:
    """log p_k = z_k - logsumexp(z), one row, in plain Python."""
    top = max(row)
    log_total = top + math.log(math.fsum(math.exp(z - top) for z in row))
    return [z - log_total for z in row]


def smoothing_args(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), eval(lines[1]), float(lines[2]), int(lines[3])


@pytest.mark.parametrize(("name", "lines"), case_params("label_smoothing_ce"))
def test_label_smoothing_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the per-row losses and the mean equal a row loop over the smoothed target."""
    logits, targets, eps, ignore = smoothing_args(lines)
    K = len(logits[0])
    want = []
    for row, y in zip(logits, targets, strict=True):
        if y == ignore:
            want.append(0.0)
            continue
        assert 0 <= y < K
        log_p = log_softmax_row(row)
        want.append(-math.fsum(((1 - eps) * (k == y) + eps / K) * log_p[k] for k in range(K)))
    kept = sum(y != ignore for y in targets)
    assert kept >= 1
    per_row, loss = smoothing.label_smoothing_ce(logits, targets, eps, ignore)
    np.testing.assert_allclose(per_row, want, **CLOSE)
    assert loss == pytest.approx(math.fsum(want) / kept, rel=1e-12, abs=1e-12)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("label_smoothing_ce"))
def test_label_smoothing_cases_match_torch(name: str, lines: list[str]) -> None:
    """On every stored case the reference equals F.cross_entropy(label_smoothing=eps, ignore_index=...)."""
    logits, targets, eps, ignore = smoothing_args(lines)
    z, y = as_tensor(logits), torch.tensor(targets)
    per_row, loss = smoothing.label_smoothing_ce(logits, targets, eps, ignore)
    none = F.cross_entropy(z, y, label_smoothing=eps, ignore_index=ignore, reduction="none")
    mean = F.cross_entropy(z, y, label_smoothing=eps, ignore_index=ignore)
    np.testing.assert_allclose(per_row, none.numpy(), **CLOSE)
    assert loss == pytest.approx(float(mean), rel=1e-12, abs=1e-12)


def test_label_smoothing_decomposes_into_nll_and_uniform_term() -> None:
    """loss_i = (1 - eps) * NLL_i + eps * mean_k(-log p_ik), for any eps."""
    rng = np.random.default_rng(8)
    logits, targets = rng.normal(size=(5, 6)) * 3, rng.integers(0, 6, size=5)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    for eps in (0.0, 0.1, 0.5, 1.0):
        per_row, _ = smoothing.label_smoothing_ce(logits.tolist(), targets.tolist(), eps, -100)
        want = (1 - eps) * -log_p[np.arange(5), targets] + eps * -log_p.mean(axis=1)
        np.testing.assert_allclose(per_row, want, **CLOSE)


# ------------------------------------------------------------------ perplexity


def perplexity_args(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), eval(lines[1]), eval(lines[2])


@pytest.mark.parametrize(("name", "lines"), case_params("perplexity"))
def test_perplexity_cases_match_token_loop(name: str, lines: list[str]) -> None:
    """On every stored case the mean NLL equals a loop over the counted tokens only, and PPL = exp of it."""
    logits, targets, mask = perplexity_args(lines)
    total, count = [], 0
    for b, sequence in enumerate(logits):
        for t, row in enumerate(sequence):
            if mask[b][t] == 1:
                total.append(-log_softmax_row(row)[targets[b][t]])
                count += 1
    assert count >= 1
    nll, perp = ppl.perplexity(logits, targets, mask)
    assert nll == pytest.approx(math.fsum(total) / count, rel=1e-12, abs=1e-12)
    assert perp == pytest.approx(math.exp(math.fsum(total) / count), rel=1e-12)


@needs_torch
@pytest.mark.parametrize(("name", "lines"), case_params("perplexity"))
def test_perplexity_cases_match_torch_cross_entropy(name: str, lines: list[str]) -> None:
    """On every stored case the mean NLL equals F.cross_entropy over the flattened batch with padding set to ignore_index."""
    logits, targets, mask = perplexity_args(lines)
    z = as_tensor(logits)
    y = torch.where(torch.tensor(mask) == 1, torch.tensor(targets), torch.tensor(-100))
    want = F.cross_entropy(z.reshape(-1, z.shape[-1]), y.reshape(-1), ignore_index=-100)
    nll, perp = ppl.perplexity(logits, targets, mask)
    assert nll == pytest.approx(float(want), rel=1e-12, abs=1e-12)
    assert perp == pytest.approx(float(torch.exp(want)), rel=1e-12)


def test_perplexity_of_uniform_model_is_vocabulary_size() -> None:
    """Equal logits give NLL = log V and PPL = V, whatever the targets and the mask."""
    V = 7
    logits = np.zeros((3, 4, V)).tolist()
    targets = [[0, 1, 2, 3], [4, 5, 6, 0], [1, 1, 1, 1]]
    mask = [[1, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]]
    nll, perp = ppl.perplexity(logits, targets, mask)
    assert nll == pytest.approx(math.log(V)) and perp == pytest.approx(V)
