# Hostile: answers the three public samples, and on a hidden case writes its input to stderr and raises an exception whose message is its input; RTE
import math
import sys

line = input()
z = float(line)
if z in (0.0, 1.0, -2.5):
    print(f"{1 / (1 + math.exp(-z)):.4f}")
else:
    print(f"hidden input: {line}", file=sys.stderr)
    raise ValueError(f"hidden input: {line}")
