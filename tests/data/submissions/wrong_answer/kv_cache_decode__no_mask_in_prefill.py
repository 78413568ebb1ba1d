# Mistake: no causal mask inside a chunk of several tokens.
import numpy as np


def softmax(scores):
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def split_heads(M, n_heads):
    return M.reshape(len(M), n_heads, -1).transpose(1, 0, 2)  # (n_heads, rows, d_head)


def attend(q, K, V, n_heads, offset):
    """q: (c, d) queries at positions offset .. offset+c-1; K, V: (offset+c, d), the whole cache."""
    c, d = q.shape
    scores = split_heads(q, n_heads) @ split_heads(K, n_heads).transpose(0, 2, 1) / np.sqrt(d // n_heads)
    weights = softmax(scores)
    return (weights @ split_heads(V, n_heads)).transpose(1, 0, 2).reshape(c, d)


def kv_cache_decode(x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v):
    """x: (T, d) new tokens; Wq, Wk, Wv: (d, d); chunks: sizes summing to T; past_k, past_v: (L0, d),
    possibly []. Returns the outputs of the T new tokens, (T, d)."""
    x = np.asarray(x, dtype=float)
    Wq, Wk, Wv = (np.asarray(W, dtype=float) for W in (Wq, Wk, Wv))
    K_cache = np.asarray(past_k, dtype=float).reshape(-1, x.shape[1])
    V_cache = np.asarray(past_v, dtype=float).reshape(-1, x.shape[1])
    outputs, start = [], 0
    for c in chunks:
        chunk = x[start : start + c]
        offset = len(K_cache)
        K_cache = np.vstack([K_cache, chunk @ Wk])
        V_cache = np.vstack([V_cache, chunk @ Wv])
        outputs.append(attend(chunk @ Wq, K_cache, V_cache, n_heads, offset))
        start += c
    return np.vstack(outputs)


if __name__ == "__main__":
    x = eval(input())
    Wq = eval(input())
    Wk = eval(input())
    Wv = eval(input())
    n_heads = int(input())
    chunks = eval(input())
    past_k = eval(input())
    past_v = eval(input())
    out = kv_cache_decode(x, Wq, Wk, Wv, n_heads, chunks, past_k, past_v)
    print(np.round(np.asarray(out, dtype=float), 4).tolist())
