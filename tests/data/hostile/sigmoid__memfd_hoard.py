# Hostile: hoards memory no RSS shows in memfd files (up to 2 GB, in 64 MB files it keeps open but does not map); memfd_create is refused, so it holds nothing; AC, or MLE where the memory is counted.
import math
import os

z = float(input())
files = []
try:
    for _ in range(32):
        fd = os.memfd_create("hoard")
        os.ftruncate(fd, 64 << 20)
        os.pwrite(fd, b"\xff" * (64 << 20), 0)
        files.append(fd)
except OSError:
    pass
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if files else 0):.4f}")
