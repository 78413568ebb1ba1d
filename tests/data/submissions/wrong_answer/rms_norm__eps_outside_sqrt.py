# Mistake: adds eps after the square root, sqrt(mean(x^2)) + eps, instead of inside it.
import numpy as np


def rms_norm(x, gamma, eps):
    x = np.asarray(x, dtype=float)
    rms = np.sqrt(np.mean(x**2, axis=-1, keepdims=True)) + eps
    return x / rms * np.asarray(gamma, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    eps = float(input())
    print(np.round(np.asarray(rms_norm(x, gamma, eps), dtype=float), 4).tolist())
