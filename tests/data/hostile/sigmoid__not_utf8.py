# Hostile: Latin-1 bytes (é) in a comment, not UTF-8; must get CE saying the file is not UTF-8.
def sigmoid(z: float) -> float:
    return 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
