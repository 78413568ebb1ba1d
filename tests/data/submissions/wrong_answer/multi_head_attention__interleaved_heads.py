# Mistake: splits the heads by interleaving columns (head h takes columns h, h+n_head, ...) instead of contiguous blocks.
import numpy as np


def softmax(scores, axis=-1):
    e = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def multi_head_attention(query, key, value, Wq, Wk, Wv, Wo, n_head, mask=None):
    d_model = Wq.shape[0]
    d_k = d_model // n_head
    Q, K, V = query @ Wq, key @ Wk, value @ Wv
    heads = []
    for h in range(n_head):
        cols = slice(h, d_model, n_head)
        scores = Q[:, cols] @ K[:, cols].T / np.sqrt(d_k)
        if mask is not None:
            scores = np.where(np.array(mask) == 0, -np.inf, scores)
        heads.append(softmax(scores, axis=-1) @ V[:, cols])
    return np.concatenate(heads, axis=1) @ Wo


if __name__ == "__main__":
    query = np.array(eval(input()), dtype=float)
    key = np.array(eval(input()), dtype=float)
    value = np.array(eval(input()), dtype=float)
    Wq = np.array(eval(input()), dtype=float)
    Wk = np.array(eval(input()), dtype=float)
    Wv = np.array(eval(input()), dtype=float)
    Wo = np.array(eval(input()), dtype=float)
    n_head = int(input())
    mask = eval(input())
    mask = None if mask is None else np.array(mask)
    out = multi_head_attention(query, key, value, Wq, Wk, Wv, Wo, n_head, mask)
    print(np.round(np.asarray(out, dtype=float), 4).tolist())
