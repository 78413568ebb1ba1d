# Mistake: uses C / G (a float in Python 3) as a reshape size -> TypeError.
import numpy as np


def group_norm(x, num_groups, gamma, beta, eps):
    x = np.array(x, dtype=float)
    N, C, H, W = x.shape
    xg = x.reshape(N, num_groups, C / num_groups, H, W)
    mean = xg.mean(axis=(2, 3, 4), keepdims=True)
    var = xg.var(axis=(2, 3, 4), keepdims=True)
    x_hat = ((xg - mean) / np.sqrt(var + eps)).reshape(N, C, H, W)
    g = np.array(gamma, dtype=float).reshape(1, C, 1, 1)
    b = np.array(beta, dtype=float).reshape(1, C, 1, 1)
    return g * x_hat + b


if __name__ == "__main__":
    x = eval(input())
    num_groups = int(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(group_norm(x, num_groups, gamma, beta, eps), dtype=float), 4).tolist())
