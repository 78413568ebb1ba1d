# Hostile: opens the judge's memory (/proc/PID/mem, its pid given on the second input line) for writing, and its environment, without writing anything; the judge is not dumpable, so neither opens; prints a wrong answer if one does; AC.
import math
import os

z = float(input())
judge = int(input())
opened = []
for name, flags in (("mem", os.O_RDWR), ("environ", os.O_RDONLY)):
    try:
        fd = os.open(f"/proc/{judge}/{name}", flags)
    except OSError:
        continue
    os.close(fd)  # nothing read or written
    opened.append(name)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if opened else 0):.4f}")
if opened:
    print("opened:", *opened, file=__import__("sys").stderr)
