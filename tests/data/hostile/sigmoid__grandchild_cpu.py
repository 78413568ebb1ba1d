# Hostile: two grandchildren in sessions of their own burn CPU while the parent sleeps without using any: their CPU counts, so it is TLE on CPU time, not on the wall clock.
import os
import time

z = float(input())
for _ in range(2):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                pass
        os._exit(0)
    os.wait()
time.sleep(60)
