# Hostile: opens descriptors (pipes) until the kernel says no, at most 100000, then prints the right answer and how many it got on stderr; the descriptor cap stops it; AC.
import math
import os

z = float(input())
count = 0
try:
    while count < 100000:
        os.pipe()
        count += 2
except OSError:
    pass
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
print(f"opened {count}", file=__import__("sys").stderr)
