# Hostile: starts an endless chain of processes, each in a new session, each forking the next and exiting at once (no reaping round can catch the newest), then prints the right answer; AC, and no link of the chain may survive.
import math
import os
import time

z = float(input())
if os.fork() == 0:
    while True:
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
        time.sleep(0.001)
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}", flush=True)
time.sleep(0.3)
