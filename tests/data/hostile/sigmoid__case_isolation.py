# Hostile: leaves traces for the next case (a global, a file in cwd, a patched numpy) and is right only if none survive; must get AC.
import builtins
import math
import os
import sys

import numpy as np


def sigmoid(z: float) -> float:
    leaks = []
    if getattr(builtins, "dl_judge_seen", False):
        leaks.append("builtins")
    if os.path.exists("previous_case.txt"):
        leaks.append("cwd file")
    if getattr(np, "dl_judge_patched", False) or np.exp(0.0) != 1.0:
        leaks.append("numpy patch")
    builtins.dl_judge_seen = True
    with open("previous_case.txt", "w") as handle:
        handle.write("here")
    np.dl_judge_patched = True
    np.exp = lambda x: 42.0
    e = math.exp(-abs(z))
    value = 1 / (1 + e) if z >= 0 else e / (1 + e)
    if not leaks:
        return value
    # A leak from an earlier case turns the answer wrong, and says so on stderr.
    print("leaked:", *leaks, file=sys.stderr)
    return value + 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
