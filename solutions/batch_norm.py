import numpy as np


def batch_norm(x, gamma, beta, eps):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)  # one biased variance per channel, over N, H and W
    x_hat = (x - mean) / np.sqrt(var + eps)
    gamma = np.asarray(gamma, dtype=float).reshape(1, -1, 1, 1)
    beta = np.asarray(beta, dtype=float).reshape(1, -1, 1, 1)
    return gamma * x_hat + beta


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(batch_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
