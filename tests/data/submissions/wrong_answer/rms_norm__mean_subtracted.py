# Mistake: centres each vector first (LayerNorm without beta) instead of dividing x itself by its RMS.
import numpy as np


def rms_norm(x, gamma, eps):
    x = np.asarray(x, dtype=float)
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt(np.mean(centred**2, axis=-1, keepdims=True) + eps) * np.asarray(gamma, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    eps = float(input())
    print(np.round(np.asarray(rms_norm(x, gamma, eps), dtype=float), 4).tolist())
