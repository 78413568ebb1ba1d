# Hostile: asks numpy for one 8 GiB array at once (the limit is 512 MB); must get MLE, not RTE.
import numpy as np


def sigmoid(z: float) -> float:
    ones = np.ones(1 << 30)
    return 1 / (1 + np.exp(-z)) * ones[0]


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
