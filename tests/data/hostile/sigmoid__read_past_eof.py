# Hostile: reads a second line that stdin does not have; must get RTE with EOFError in the message.
def sigmoid(z: float) -> float:
    extra = input()
    return float(extra)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
