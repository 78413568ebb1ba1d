# Hostile: a right answer under a name the test gives it, with bytes that are not UTF-8 and terminal escapes, to be shown escaped everywhere; AC
import math

z = float(input())
print(f"{1 / (1 + math.exp(-z)) if z > -700 else 0.0:.4f}")
