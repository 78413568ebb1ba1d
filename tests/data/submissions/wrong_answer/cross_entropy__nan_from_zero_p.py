# Mistake: sums p * log(.) over every outcome, so a zero probability gives 0 * -inf = nan.
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return -np.sum(p * np.log(q))


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return np.sum(p * np.log(p / q))


def entropy_measures(p, q):
    return entropy(p), cross_entropy(p, q), kl_divergence(p, q)


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    for value in entropy_measures(p, q):
        print(f"{value:.4f}")
