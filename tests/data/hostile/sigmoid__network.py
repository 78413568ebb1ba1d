# Hostile: connects to a TCP port on 127.0.0.1 (stdin line 2) and prints the right answer only if it got through; under bwrap it must not (WA, prints nan); without a sandbox AC.
import math
import socket
import sys

lines = sys.stdin.read().split()
z, port = float(lines[0]), int(lines[1])
try:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(b"hello from the sandbox\n")
    e = math.exp(-abs(z))
    print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
except OSError as error:
    print("nan")
    print(f"no network: {error}", file=sys.stderr)
