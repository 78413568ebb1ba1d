# Hostile: opens the kernel's larger attack surfaces: io_uring, BPF, perf events, userfaultfd; prints a wrong answer if any opens; AC.
import ctypes
import math
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
numbers = {
    "x86_64": {"io_uring_setup": 425, "bpf": 321, "perf_event_open": 298, "userfaultfd": 323},
    "aarch64": {"io_uring_setup": 425, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282},
}.get(os.uname().machine, {})
z = float(input())
params = ctypes.create_string_buffer(120)
attr = ctypes.create_string_buffer(128)
attr[4] = 128  # perf_event_attr.size
opened = []
for name, number in numbers.items():
    if name == "io_uring_setup":
        fd = libc.syscall(number, 4, params)
    elif name == "bpf":
        fd = libc.syscall(number, 0, ctypes.create_string_buffer(64), 64)  # BPF_MAP_CREATE, zeroed: EINVAL if allowed
    elif name == "perf_event_open":
        fd = libc.syscall(number, attr, 0, -1, -1, 0)
    else:
        fd = libc.syscall(number, 0)
    err = ctypes.get_errno()
    if fd >= 0:
        opened.append(name)
        os.close(fd)
    elif name == "bpf" and err == 22:  # the call itself got through to the kernel
        opened.append(name)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if opened else 0):.4f}")
if opened:
    print("opened:", *opened, file=__import__("sys").stderr)
