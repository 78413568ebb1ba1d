# Hostile: spins in an infinite loop; must get TLE (CPU time).
def sigmoid(z: float) -> float:
    while True:
        pass


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
