# Hostile: tries PTRACE_SEIZE (which does not stop the target) on its parent and on every process it can see, and process_vm_readv on them, to read or steer the judge; detaches at once; prints a wrong answer if any works; AC.
import ctypes
import math
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
PTRACE_SEIZE, PTRACE_DETACH = 0x4206, 17
z = float(input())
targets = {os.getppid()} | {int(p) for p in os.listdir("/proc") if p.isdigit()}
targets -= {0, os.getpid()}
seized = []
for pid in sorted(targets)[:400]:
    if libc.ptrace(PTRACE_SEIZE, pid, 0, 0) == 0:
        seized.append(pid)
        libc.ptrace(PTRACE_DETACH, pid, 0, 0)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if seized else 0):.4f}")
if seized:
    print("seized:", seized[:10], file=__import__("sys").stderr)
