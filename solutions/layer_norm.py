import numpy as np


def layer_norm(x, gamma, beta, eps):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased variance over the features of each row
    x_hat = (x - mean) / np.sqrt(var + eps)
    return np.asarray(gamma, dtype=float) * x_hat + np.asarray(beta, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(layer_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
