# Hostile: writes 100 MB to stderr, then prints the right answer; the judge must not hang; must get AC.
import math
import sys

z = float(input())
block = "e" * (1 << 20)
for _ in range(100):
    sys.stderr.write(block)
sys.stderr.flush()
print(f"{1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z)):.4f}")
