# Mistake: uses log base 2 (bits) instead of the natural logarithm.
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    return -np.sum(p[m] * np.log2(q[m]))


def kl_divergence(p, q):
    return cross_entropy(p, q) - entropy(p)


def entropy_measures(p, q):
    return entropy(p), cross_entropy(p, q), kl_divergence(p, q)


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    for value in entropy_measures(p, q):
        print(f"{value:.4f}")
