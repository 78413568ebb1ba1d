# Mistake: the mean and the variance are treated as constants: dx = gamma * dy / sqrt(var + eps).
import numpy as np


def layer_norm_backward(x, gamma, beta, eps, dy):
    """x, dy: (N, D); gamma, beta: (D,). Returns (y, dx, dgamma, dbeta) of shapes (N, D), (N, D), (D,), (D,)."""
    mean = x.mean(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    x_hat = (x - mean) * inv_std
    y = gamma * x_hat + beta
    dgamma = (dy * x_hat).sum(axis=0)
    dbeta = dy.sum(axis=0)
    dx_hat = dy * gamma
    dx = inv_std * dx_hat
    return y, dx, dgamma, dbeta


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    gamma = np.array(eval(input()), dtype=float)
    beta = np.array(eval(input()), dtype=float)
    eps = float(input())
    dy = np.array(eval(input()), dtype=float)
    y, dx, dgamma, dbeta = layer_norm_backward(x, gamma, beta, eps, dy)
    for label, value in (("y", y), ("dx", dx), ("dgamma", dgamma), ("dbeta", dbeta)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
