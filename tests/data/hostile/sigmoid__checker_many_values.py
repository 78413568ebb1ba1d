# Hostile: prints the right answer, then 8 million more numbers (just under the output limit), to make the checker build millions of tokens; it must stay bounded in memory and time; WA at once.
import math
import sys

z = float(input())
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
line = "0 " * 4096 + "\n"
for _ in range(1950):
    sys.stdout.write(line)
