# Hostile: forks sleeping children until the kernel says no (at most 2000 here), then prints the right answer; the process cap stops it early; AC, and none may survive.
import math
import os
import time

z = float(input())
count = 0
try:
    while count < 2000:
        if os.fork() == 0:
            time.sleep(3600)
            os._exit(0)
        count += 1
except OSError:
    pass
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
print(f"forked {count}", file=__import__("sys").stderr)
