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


def entropy_measures(p, q):
    return entropy(p), cross_entropy(p, q), kl_divergence(p, q)


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    for value in entropy_measures(p, q):
        print(f"{value:.4f}")
