# Hostile: forks 200 children that keep stdout open and sleep, then prints the right answer; must get AC, and no child may survive the case.
import math
import os
import time

z = float(input())
for _ in range(200):
    if os.fork() == 0:
        time.sleep(3600)
        os._exit(0)
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
