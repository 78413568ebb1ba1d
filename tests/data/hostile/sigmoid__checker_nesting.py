# Hostile: prints 200000 opening brackets and as many closing ones, around the right answer (a checker that recurses over the nesting, or strips brackets pair by pair, blows up); WA at once.
import math

z = float(input())
e = math.exp(-abs(z))
print("[" * 200000 + f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}" + "]" * 200000)
