# Mistake: plain-Python LayerNorm without eps; a constant row has variance 0 -> ZeroDivisionError.
import math

import numpy as np


def layer_norm(x, gamma, beta, eps):
    out = []
    for row in x:
        d = len(row)
        mean = sum(row) / d
        var = sum((v - mean) ** 2 for v in row) / d
        std = math.sqrt(var)
        out.append([gamma[j] * (row[j] - mean) / std + beta[j] for j in range(d)])
    return out


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    beta = eval(input())
    eps = float(input())
    print(np.round(np.asarray(layer_norm(x, gamma, beta, eps), dtype=float), 4).tolist())
