# Hostile: prints 16 MB made to make a backtracking tokenizer slow (runs of "a=", quotes, digits with dots and signs, "e" exponents); the checker must stay linear; WA at once.
import sys

z = float(input())
pieces = ["a=" * 1000, "'" * 1000, "1." * 1000 + "e", "-" * 1000, "1e" * 1000, "x(" * 1000, "=a" * 500 + "'"]
block = "".join(pieces)
out = sys.stdout
for _ in range(16 * (1 << 20) // len(block) - 1):
    out.write(block)
out.write("\n")
