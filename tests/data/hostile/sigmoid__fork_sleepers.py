# Hostile: forks 200 children that keep stdout open and sleep, then returns the right answer; must get AC, and no child may survive the case.
import math
import os
import time


def sigmoid(z: float) -> float:
    for _ in range(200):
        if os.fork() == 0:
            time.sleep(3600)
            os._exit(0)
    e = math.exp(-abs(z))
    return 1 / (1 + e) if z >= 0 else e / (1 + e)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
