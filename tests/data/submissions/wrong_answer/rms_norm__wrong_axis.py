# Mistake: averages the squares along the first axis (across tokens) instead of the last one.
import numpy as np


def rms_norm(x, gamma, eps):
    x = np.asarray(x, dtype=float)
    rms = np.sqrt(np.mean(x**2, axis=0, keepdims=True) + eps)
    return x / rms * np.asarray(gamma, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    eps = float(input())
    print(np.round(np.asarray(rms_norm(x, gamma, eps), dtype=float), 4).tolist())
