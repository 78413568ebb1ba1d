# Hostile: prints the right answer, then exits with status 3; must get RTE (a non-zero exit).
import math
import sys

z = float(input())
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
sys.exit(3)
