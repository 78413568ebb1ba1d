# Mistake: normalizes each column (over the tokens) instead of each row (over the features).
import numpy as np


def layer_norm(x, gamma, beta, eps):
    x = np.array(x, dtype=float)
    mean = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    return np.array(gamma) * (x - mean) / np.sqrt(var + eps) + np.array(beta)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(layer_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
