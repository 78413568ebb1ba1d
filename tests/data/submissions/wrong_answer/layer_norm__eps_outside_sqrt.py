# Mistake: adds eps after the square root (std + eps) instead of inside it (sqrt(var + eps)).
import numpy as np


def layer_norm(x, gamma, beta, eps):
    x = np.array(x, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True)
    return np.array(gamma) * (x - mean) / (std + eps) + np.array(beta)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(layer_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
