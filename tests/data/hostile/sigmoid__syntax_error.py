# Hostile: a syntax error (a missing colon); must get CE.
import math


def sigmoid(z)
    return 1 / (1 + math.exp(-z))


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
