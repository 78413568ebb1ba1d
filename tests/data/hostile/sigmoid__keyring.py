# Hostile: stores a key in the kernel's user and session keyrings, state that would outlive its batch and reach the next submission of the same user; prints a wrong answer if it can; AC.
import ctypes
import math
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
ADD_KEY = {"x86_64": 248, "aarch64": 217}.get(os.uname().machine)
KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING = -3, -4
z = float(input())
stored = []
if ADD_KEY is not None:
    for ring in (KEY_SPEC_USER_KEYRING, KEY_SPEC_SESSION_KEYRING):
        key = libc.syscall(ADD_KEY, b"user", b"dl-judge-hostile", b"left for the next one", 21, ring)
        if key >= 0:
            stored.append(ring)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if stored else 0):.4f}")
