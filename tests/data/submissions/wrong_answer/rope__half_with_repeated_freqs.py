# Mistake: in the half pairing the angle table is widened with np.repeat (theta0, theta0, theta1, ...) instead of concatenated.
import numpy as np


def rope(x, positions, pairing):
    x = np.asarray(x, dtype=float)
    d = x.shape[1]
    theta = 10000.0 ** (-np.arange(0, d, 2) / d)
    angle = np.asarray(positions, dtype=float)[:, None] * np.repeat(theta, 2)
    if pairing == "interleaved":
        swapped = np.empty_like(x)
        swapped[:, 0::2], swapped[:, 1::2] = -x[:, 1::2], x[:, 0::2]
    else:
        swapped = np.concatenate([-x[:, d // 2 :], x[:, : d // 2]], axis=1)
    return x * np.cos(angle) + swapped * np.sin(angle)


if __name__ == "__main__":
    x = eval(input())
    positions = eval(input())
    pairing = input().strip()
    print(np.round(np.asarray(rope(x, positions, pairing), dtype=float), 4).tolist())
