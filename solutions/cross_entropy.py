import numpy as np


def expected_surprise(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    seen = p > 0  # 0 * log 0 = 0: outcomes with p_i = 0 are skipped, never evaluated
    return float(np.sum(p[seen] * np.log(1.0 / q[seen])))


def entropy(p):
    return expected_surprise(p, p)


def cross_entropy(p, q):
    return expected_surprise(p, q)


def kl_divergence(p, q):
    return cross_entropy(p, q) - entropy(p)


def entropy_measures(p, q):
    return entropy(p), cross_entropy(p, q), kl_divergence(p, q)


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    for value in entropy_measures(p, q):
        print(f"{value:.4f}")
