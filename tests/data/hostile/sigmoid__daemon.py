# Hostile: a double-forked daemon in a new session keeps stdout open and sleeps; the parent returns the right answer; must get AC, and the daemon must not survive.
import math
import os
import time


def sigmoid(z: float) -> float:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(3600)
        os._exit(0)
    os.wait()
    e = math.exp(-abs(z))
    return 1 / (1 + e) if z >= 0 else e / (1 + e)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
