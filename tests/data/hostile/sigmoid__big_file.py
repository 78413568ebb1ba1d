# Hostile: writes one file in its folder until the kernel says no (at most 1 GB), ignoring SIGXFSZ, then removes it and prints the right answer and the size on stderr; the file-size limit stops it at 128 MB; AC.
import math
import os
import signal

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
z = float(input())
size = 0
block = b"\xff" * (1 << 20)
try:
    with open("big.bin", "wb") as handle:
        while size < 1 << 30:
            handle.write(block)
            handle.flush()
            size += len(block)
except OSError:
    pass
os.remove("big.bin")
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
print(f"wrote {size}", file=__import__("sys").stderr)
