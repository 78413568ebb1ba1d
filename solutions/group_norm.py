import numpy as np


def group_norm(x, num_groups, gamma, beta, eps):
    x = np.asarray(x, dtype=float)
    N, C, H, W = x.shape
    # consecutive channels form a group: channels 0..C/G-1 are group 0, and so on
    g = x.reshape(N, num_groups, C // num_groups, H, W)
    mean = g.mean(axis=(2, 3, 4), keepdims=True)
    var = g.var(axis=(2, 3, 4), keepdims=True)
    x_hat = ((g - mean) / np.sqrt(var + eps)).reshape(N, C, H, W)
    gamma = np.asarray(gamma, dtype=float).reshape(1, C, 1, 1)
    beta = np.asarray(beta, dtype=float).reshape(1, C, 1, 1)
    return gamma * x_hat + beta


if __name__ == "__main__":
    x = eval(input())
    num_groups = int(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(group_norm(x, num_groups, gamma, beta, eps), dtype=float), 4).tolist())
