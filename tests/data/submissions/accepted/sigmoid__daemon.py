# Hostile: a double-forked daemon in a new session keeps stdout open and sleeps; the parent prints the right answer; must get AC, and the daemon must not survive.
import math
import os
import time

z = float(input())
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(3600)
    os._exit(0)
os.wait()
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
