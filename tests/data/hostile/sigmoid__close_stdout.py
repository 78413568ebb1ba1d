# Hostile: closes file descriptor 1, then prints the answer into the void; must get WA (empty output) or RTE.
import math
import os

z = float(input())
os.close(1)
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
