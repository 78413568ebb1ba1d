import math


def sigmoid(z: float) -> float:
    # only ever exponentiate -|z|: math.exp(1000) overflows, math.exp(-1000) is just 0.0
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
