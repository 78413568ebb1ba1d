# Hostile: opens the kernel's core_pattern (and other /proc/sys files) for writing, the first step of a host escape as root, but writes nothing; a case must not be able to open them: AC, WA only where a case runs as root with no sandbox.
import math
import os

z = float(input())
opened = []
for path in ("/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sys/vm/drop_caches", "/proc/sysrq-trigger"):
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError:
        continue
    os.close(fd)  # nothing written: the host's settings stay as they are
    opened.append(path)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if opened else 0):.4f}")
if opened:
    print("opened for writing:", *opened, file=__import__("sys").stderr)
