# Mistake: always pairs feature i with i + d/2 (Hugging Face's rotate_half), whatever the pairing word says.
import numpy as np


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[:, half:], x[:, :half]], axis=-1)


def rope(x, positions, pairing):
    x = np.asarray(x, dtype=float)
    d = x.shape[1]
    theta = 10000.0 ** (-np.arange(0, d, 2) / d)
    angle = np.asarray(positions, dtype=float)[:, None] * np.concatenate([theta, theta])
    return x * np.cos(angle) + rotate_half(x) * np.sin(angle)


if __name__ == "__main__":
    x = eval(input())
    positions = eval(input())
    pairing = input().strip()
    print(np.round(np.asarray(rope(x, positions, pairing), dtype=float), 4).tolist())
