# Hostile: prints the right answer itself, then exits with status 3; must get RTE (a non-zero exit).
import math
import sys


def sigmoid(z: float) -> float:
    e = math.exp(-abs(z))
    print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
    sys.exit(3)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
