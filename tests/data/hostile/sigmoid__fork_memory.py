# Hostile: forks 4 children that each fill 64 MB of their own and wait; no single process is over the 128 MB limit, the tree is: MLE.
import os
import time

z = float(input())
for _ in range(4):
    if os.fork() == 0:
        hoard = bytearray(64 << 20)
        for i in range(0, len(hoard), 4096):
            hoard[i] = 1  # each page written: resident in this child alone
        time.sleep(30)
        os._exit(0)
time.sleep(30)
