# Hostile: writes 100 MB to stderr, then returns the right answer; the judge must not hang; must get AC.
import math
import sys


def sigmoid(z: float) -> float:
    block = "e" * (1 << 20)
    for _ in range(100):
        sys.stderr.write(block)
    sys.stderr.flush()
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
