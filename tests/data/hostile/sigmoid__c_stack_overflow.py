# Hostile: lifts the recursion limit and recurses through C (map), so the C stack overflows; must get RTE (killed by SIGSEGV).
import sys


def climb(z: float) -> float:
    return list(map(climb, [z + 1]))[0]


def sigmoid(z: float) -> float:
    sys.setrecursionlimit(10**8)
    return climb(z)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
