# Hostile: lifts the recursion limit and recurses through C (map), so the C stack overflows; must get RTE (killed by SIGSEGV).
import sys


def sigmoid(z: float) -> float:
    return list(map(sigmoid, [z + 1]))[0]


sys.setrecursionlimit(10**8)
print(sigmoid(float(input())))
