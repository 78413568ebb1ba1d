import numpy as np


def rms_norm(x, gamma, eps):
    """x: (..., d) nested lists; gamma: (d,); eps: float. Returns y with the shape of x."""
    x = np.asarray(x, dtype=float)
    rms = np.sqrt(np.mean(x**2, axis=-1, keepdims=True) + eps)  # eps inside the root, no mean subtracted
    return x / rms * np.asarray(gamma, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    gamma = eval(input())
    eps = float(input())
    print(np.round(np.asarray(rms_norm(x, gamma, eps), dtype=float), 4).tolist())
