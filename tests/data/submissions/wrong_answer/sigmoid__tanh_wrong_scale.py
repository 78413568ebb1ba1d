# Uses the tanh identity with tanh(z) instead of tanh(z / 2).
import math


def sigmoid(z):
    return 0.5 * (1 + math.tanh(z))


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
