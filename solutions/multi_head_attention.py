import numpy as np


def softmax(scores):
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def split_heads(X, n_head):
    n, d_model = X.shape
    return X.reshape(n, n_head, d_model // n_head).transpose(1, 0, 2)


def multi_head_attention(query, key, value, Wq, Wk, Wv, Wo, n_head, mask=None):
    Q = split_heads(query @ Wq, n_head)
    K = split_heads(key @ Wk, n_head)
    V = split_heads(value @ Wv, n_head)
    d_k = Q.shape[-1]
    scores = Q @ K.transpose(0, 2, 1) / np.sqrt(d_k)  # per-head d_k, not d_model
    if mask is not None:
        scores = np.where(np.asarray(mask) == 0, -np.inf, scores)
    heads = softmax(scores) @ V
    concat = heads.transpose(1, 0, 2).reshape(len(query), -1)
    return concat @ Wo


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
