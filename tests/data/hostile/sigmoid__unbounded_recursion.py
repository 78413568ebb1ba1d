# Hostile: recurses without end (no base case); must get RTE with RecursionError in the message.
def sigmoid(z: float) -> float:
    return sigmoid(z + 1)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
