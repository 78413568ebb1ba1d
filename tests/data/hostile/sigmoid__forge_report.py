# Hostile: prints the right answer, then writes to descriptor 3 (where the judge reads a crash's report) what no crash writes: JSON of the wrong types, then bytes that are not JSON; the judge must not fail: RTE.
import math
import os

z = float(input())
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}", flush=True)
os.write(3, b'{"type": 5, "message": ["x"], "traceback": {"a": 1}}')
os.write(3, b"\xff\x00 R 0 0 0 0 0 0 1 0\n")
