# Mistake: places the rows at positions 0, 1, 2, ... instead of the given positions.
import numpy as np


def rope(x, positions, pairing):
    """x: (seq, d) with d even; positions: (seq,) ints; pairing: "interleaved" or "half". Returns (seq, d)."""
    x = np.asarray(x, dtype=float)
    d = x.shape[1]
    theta = 10000.0 ** (-np.arange(0, d, 2) / d)  # theta_i = 10000^(-2i/d), i = 0 .. d/2 - 1
    angle = np.arange(len(x), dtype=float)[:, None] * theta
    if pairing == "interleaved":
        first, second = np.arange(0, d, 2), np.arange(1, d, 2)  # pair i = components (2i, 2i+1)
    else:
        first, second = np.arange(d // 2), np.arange(d // 2, d)  # pair i = components (i, i + d/2)
    a, b = x[:, first], x[:, second]
    y = np.empty_like(x)
    y[:, first] = a * np.cos(angle) - b * np.sin(angle)
    y[:, second] = a * np.sin(angle) + b * np.cos(angle)
    return y


if __name__ == "__main__":
    x = eval(input())
    positions = eval(input())
    pairing = input().strip()
    print(np.round(np.asarray(rope(x, positions, pairing), dtype=float), 4).tolist())
