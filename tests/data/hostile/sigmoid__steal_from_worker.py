# Hostile: tries to take descriptors (the judge's socket, the next case's pipes) from its parent, the
# worker, and from the worker's other children with pidfd_getfd, which needs the right to ptrace them;
# prints a wrong answer if it got any.
import ctypes
import math
import os

SYS_PIDFD_GETFD = 438
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

z = float(input())
worker = os.getppid()
family = [worker]
try:
    with open(f"/proc/{worker}/task/{worker}/children") as listing:
        family += [int(pid) for pid in listing.read().split() if int(pid) != os.getpid()]
except OSError:
    pass
stolen = []
for pid in family:
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        continue
    for fd in range(64):
        got = libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0)
        if got >= 0:
            stolen.append(f"fd {fd} of {pid}")
            os.close(got)
    os.close(pidfd)
if stolen:
    print("stolen: " + ", ".join(stolen[:5]))
else:
    e = math.exp(-abs(z))
    print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
