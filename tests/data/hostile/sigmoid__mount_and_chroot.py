# Hostile: tries to mount a tmpfs (on a folder of its own), to chroot and to pivot_root, the ways out of a mount namespace; prints a wrong answer if any works; AC.
import ctypes
import math
import os

libc = ctypes.CDLL(None, use_errno=True)
z = float(input())
os.makedirs("target", exist_ok=True)
worked = []
if libc.mount(b"none", b"target", b"tmpfs", 0, None) == 0:
    worked.append("mount")
    libc.umount2(b"target", 2)
if libc.chroot(b"target") == 0:
    worked.append("chroot")
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if worked else 0):.4f}")
