# Mistake: unbiased variance (divides by d - 1) instead of the biased one (divides by d).
import numpy as np


def layer_norm(x, gamma, beta, eps):
    x = np.array(x, dtype=float)
    d = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).sum(axis=-1, keepdims=True) / (d - 1)
    return np.array(gamma) * (x - mean) / np.sqrt(var + eps) + np.array(beta)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(layer_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
