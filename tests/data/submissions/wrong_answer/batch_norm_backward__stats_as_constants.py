# Mistake: the batch mean and variance are treated as constants: dx = gamma * dy / sqrt(var + eps).
import numpy as np


def batch_norm_backward(x, gamma, beta, eps, dy):
    """x, dy: (N, D); gamma, beta: (D,). Returns (y, dx, dgamma, dbeta) of shapes (N, D), (N, D), (D,), (D,)."""
    N = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc**2).mean(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv_std
    y = gamma * x_hat + beta
    dbeta = dy.sum(axis=0)
    dgamma = (dy * x_hat).sum(axis=0)
    dx_hat = dy * gamma
    dvar = (dx_hat * xc).sum(axis=0) * -0.5 * inv_std**3
    dmu = -(dx_hat * inv_std).sum(axis=0) + dvar * (-2.0 * xc).mean(axis=0)
    dx = dx_hat * inv_std
    return y, dx, dgamma, dbeta


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    gamma = np.array(eval(input()), dtype=float)
    beta = np.array(eval(input()), dtype=float)
    eps = float(input())
    dy = np.array(eval(input()), dtype=float)
    y, dx, dgamma, dbeta = batch_norm_backward(x, gamma, beta, eps, dy)
    for label, value in (("y", y), ("dx", dx), ("dgamma", dgamma), ("dbeta", dbeta)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
