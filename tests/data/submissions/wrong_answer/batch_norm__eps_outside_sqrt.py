# Mistake: divides by (std + eps) instead of sqrt(var + eps).
import numpy as np


def batch_norm(x, gamma, beta, eps):
    x = np.array(x, dtype=float)
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    std = x.std(axis=(0, 2, 3), keepdims=True)
    x_hat = (x - mean) / (std + eps)
    g = np.array(gamma, dtype=float).reshape(1, -1, 1, 1)
    b = np.array(beta, dtype=float).reshape(1, -1, 1, 1)
    return g * x_hat + b


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(batch_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
