# Mistake: the inverse CDF walks the tokens from the most probable down instead of by increasing id.
import numpy as np


def sample(logits, temperature, top_k, top_p, u):
    """logits: list of V floats; temperature > 0; top_k: int (0 = off); top_p in (0, 1] (1 = off);
    u in [0, 1). Returns (probs, token): probs, shape (V,), the filtered and renormalised
    distribution (0 for every removed id); token, the id drawn by u."""
    z = np.asarray(logits, dtype=float) / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    if 0 < top_k < len(p):
        p[order[top_k:]] = 0.0
        p /= p.sum()
    if top_p < 1.0:
        sorted_p = p[order]
        mass_before = np.concatenate(([0.0], np.cumsum(sorted_p)[:-1]))
        # keep a token while the mass before it is below top_p: the token that crosses top_p stays
        p[order[mass_before >= top_p]] = 0.0
        p /= p.sum()
    token = int(order[np.searchsorted(np.cumsum(p[order]), u, side="right")])
    return p, token


if __name__ == "__main__":
    logits = eval(input())
    temperature = float(input())
    top_k = int(input())
    top_p = float(input())
    u = float(input())
    probs, token = sample(logits, temperature, top_k, top_p, u)
    print(np.round(np.asarray(probs, dtype=float), 4).tolist())
    print(int(token))
