# Mistake: always pairs neighbouring features (2i, 2i+1) as complex numbers, whatever the pairing word says.
import numpy as np


def rope(x, positions, pairing):
    x = np.asarray(x, dtype=float)
    d = x.shape[1]
    theta = 10000.0 ** (-np.arange(0, d, 2) / d)
    rotor = np.exp(1j * np.asarray(positions, dtype=float)[:, None] * theta)
    z = (x[:, 0::2] + 1j * x[:, 1::2]) * rotor
    y = np.empty_like(x)
    y[:, 0::2], y[:, 1::2] = z.real, z.imag
    return y


if __name__ == "__main__":
    x = eval(input())
    positions = eval(input())
    pairing = input().strip()
    print(np.round(np.asarray(rope(x, positions, pairing), dtype=float), 4).tolist())
