# Mistake: the causal mask keeps the upper triangle, so each query sees the later tokens.
import numpy as np


def softmax(scores):
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def split_heads(M, n_heads):
    seq = M.shape[0]
    return M.reshape(seq, n_heads, -1).transpose(1, 0, 2)  # (n_heads, seq, d_head), contiguous columns


def grouped_query_attention(x, Wq, Wk, Wv, n_q_heads, n_kv_heads, causal):
    """x: (seq, d_model); Wq: (d_model, n_q_heads*d_head); Wk, Wv: (d_model, n_kv_heads*d_head);
    causal: bool. Returns the concatenated heads, (seq, n_q_heads*d_head)."""
    x = np.asarray(x, dtype=float)
    Q = split_heads(x @ np.asarray(Wq, dtype=float), n_q_heads)
    K = split_heads(x @ np.asarray(Wk, dtype=float), n_kv_heads)
    V = split_heads(x @ np.asarray(Wv, dtype=float), n_kv_heads)
    group = n_q_heads // n_kv_heads
    K, V = np.repeat(K, group, axis=0), np.repeat(V, group, axis=0)  # query head h reads kv head h // group
    scores = Q @ K.transpose(0, 2, 1) / np.sqrt(Q.shape[-1])
    if causal:
        seq = len(x)
        scores = np.where(np.triu(np.ones((seq, seq), dtype=bool)), scores, -np.inf)
    heads = softmax(scores) @ V
    return heads.transpose(1, 0, 2).reshape(len(x), -1)


if __name__ == "__main__":
    x = eval(input())
    Wq = eval(input())
    Wk = eval(input())
    Wv = eval(input())
    n_q_heads = int(input())
    n_kv_heads = int(input())
    causal = eval(input())
    out = grouped_query_attention(x, Wq, Wk, Wv, n_q_heads, n_kv_heads, causal)
    print(np.round(np.asarray(out, dtype=float), 4).tolist())
