# Mistake: gamma and beta of shape (C,) broadcast against the last axis (W) instead of the channel axis.
import numpy as np


def batch_norm(x, gamma, beta, eps):
    x = np.array(x, dtype=float)
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)
    x_hat = (x - mean) / np.sqrt(var + eps)
    return np.array(gamma) * x_hat + np.array(beta)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(batch_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
