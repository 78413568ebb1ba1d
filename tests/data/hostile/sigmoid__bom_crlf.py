# Hostile: a correct solution saved with a UTF-8 BOM and CRLF line ends; must get AC.
import math


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
