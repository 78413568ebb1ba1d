# Hostile: tries to make a user namespace (where it would hold every capability), and new mount, PID and network namespaces, by unshare and by clone; prints a wrong answer if any works; AC.
import ctypes
import math
import os
import signal

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
CLONE = {"x86_64": 56, "aarch64": 220}.get(os.uname().machine)
z = float(input())
made = []
for name, flag in (("user", 0x10000000), ("mount", 0x20000), ("pid", 0x20000000), ("net", 0x40000000)):
    pid = os.fork()
    if pid == 0:  # in a child, so that a namespace that works changes nothing here
        os._exit(0 if libc.unshare(flag) == 0 else 1)
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0:
        made.append(f"unshare {name}")
    if CLONE is not None:
        child = libc.syscall(CLONE, flag | signal.SIGCHLD, 0, 0, 0, 0)
        if child == 0:
            os._exit(0)
        if child > 0:
            os.waitpid(child, 0)
            made.append(f"clone {name}")
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if made else 0):.4f}")
if made:
    print("made:", *made, file=__import__("sys").stderr)
