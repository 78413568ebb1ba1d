# Hostile: prints 200 MB to stdout in 1 MB lines (the judge must cap what it keeps); must get OLE.
import sys


def sigmoid(z: float) -> float:
    line = "0.5" * (1 << 18) + "\n"
    for _ in range(200):
        sys.stdout.write(line)
    return 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
