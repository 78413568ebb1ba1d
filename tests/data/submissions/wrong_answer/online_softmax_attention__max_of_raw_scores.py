# Mistake: m tracks the raw dot products q.k; the scale is folded into the exponent instead.
import numpy as np


def online_softmax_attention(q, k, v, block_size):
    """q: (n_q, d); k: (n_k, d); v: (n_k, d_v); block_size: int. Returns (maxes (n_blocks, n_q),
    sums (n_blocks, n_q), out (n_q, d_v)): the running max and sum after each key block, and the output."""
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    m = np.full(len(q), -np.inf)  # running max of the scaled scores seen so far
    l = np.zeros(len(q))  # running sum of exp(score - m)
    acc = np.zeros((len(q), v.shape[1]))  # running sum of exp(score - m) * value
    maxes, sums = [], []
    for start in range(0, len(k), block_size):
        S = q @ k[start : start + block_size].T
        scale = 1 / np.sqrt(q.shape[1])
        m_new = np.maximum(m, S.max(axis=1))
        P = np.exp((S - m_new[:, None]) * scale)
        correction = np.exp((m - m_new) * scale)
        l = correction * l + P.sum(axis=1)
        acc = correction[:, None] * acc + P @ v[start : start + block_size]
        m = m_new
        maxes.append(m)
        sums.append(l)
    return np.array(maxes), np.array(sums), acc / l[:, None]


if __name__ == "__main__":
    q = eval(input())
    k = eval(input())
    v = eval(input())
    block_size = int(input())
    maxes, sums, out = online_softmax_attention(q, k, v, block_size)
    print(np.round(np.asarray(maxes, dtype=float), 4).tolist())
    print(np.round(np.asarray(sums, dtype=float), 4).tolist())
    print(np.round(np.asarray(out, dtype=float), 4).tolist())
