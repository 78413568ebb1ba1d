# Mistake: the gates of the chosen experts are used as they are, not renormalised over the k chosen.
import numpy as np


def moe_router(x, W_gate, experts, k):
    """x: (T, d) tokens; W_gate: (d, N) router weights; experts: (N, d, d_out), expert i maps a token
    row to x @ experts[i]; k: experts per token.
    Returns (chosen, weights, y, aux_loss): chosen (T, k) expert ids, most probable first;
    weights (T, k) their renormalised gates; y (T, d_out) the combined outputs; aux_loss a float."""
    x, W_gate, experts = (np.asarray(m, dtype=float) for m in (x, W_gate, experts))
    T, N = len(x), W_gate.shape[1]
    logits = x @ W_gate
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    chosen = np.argsort(-p, axis=1, kind="stable")[:, :k]
    gates = np.take_along_axis(p, chosen, axis=1)
    weights = gates
    y = np.zeros((T, experts.shape[2]))
    for t in range(T):
        for j in range(k):
            y[t] += weights[t, j] * (x[t] @ experts[chosen[t, j]])
    f = np.bincount(chosen.ravel(), minlength=N) / T  # share of the T tokens routed to each expert: sums to k
    P = p.mean(axis=0)
    aux_loss = N * np.sum(f * P)
    return chosen, weights, y, aux_loss


if __name__ == "__main__":
    x = eval(input())
    W_gate = eval(input())
    experts = eval(input())
    k = int(input())
    chosen, weights, y, aux_loss = moe_router(x, W_gate, experts, k)
    print(np.asarray(chosen).tolist())
    print(np.round(np.asarray(weights, dtype=float), 4).tolist())
    print(np.round(np.asarray(y, dtype=float), 4).tolist())
    print(round(float(aux_loss), 4))
