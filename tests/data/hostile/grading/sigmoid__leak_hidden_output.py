# Hostile: answers the three public samples, and on a hidden case prints its own input, which an exact error in a report would give back; WA
import math

z = float(input())
if z in (0.0, 1.0, -2.5):
    print(f"{1 / (1 + math.exp(-z)):.4f}")
else:
    print(z)
