# Mistake: computes KL(q || p) instead of KL(p || q).
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    return float(-np.sum(p[m] * np.log(q[m])))


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = q > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(q[m] * np.log(q[m] / p[m])))


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    print(f"{entropy(p):.4f}")
    print(f"{cross_entropy(p, q):.4f}")
    print(f"{kl_divergence(p, q):.4f}")
