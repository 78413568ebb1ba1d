# Mistake: divides by the root of the sum of squares (the L2 norm) instead of the root mean square.
import numpy as np


def rms_norm(x, gamma, eps):
    x = np.asarray(x, dtype=float)
    norm = np.sqrt(np.sum(x**2, axis=-1, keepdims=True) + eps)
    return x / norm * np.asarray(gamma, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    eps = float(input())
    print(np.round(np.asarray(rms_norm(x, gamma, eps), dtype=float), 4).tolist())
