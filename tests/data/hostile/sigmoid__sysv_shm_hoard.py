# Hostile: hoards memory in System V shared memory (1 GB, written through a mapping then detached: no RSS shows it, and it outlives the process); shmget is refused; AC.
import ctypes
import math

libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
IPC_PRIVATE, IPC_CREAT = 0, 0o1000
z = float(input())
held = 0
for _ in range(16):
    segment = libc.shmget(IPC_PRIVATE, 64 << 20, IPC_CREAT | 0o600)
    if segment < 0:
        break
    address = libc.shmat(segment, None, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        break
    ctypes.memset(address, 0xFF, 64 << 20)
    libc.shmdt(ctypes.c_void_p(address))
    held += 64
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if held else 0):.4f}")
