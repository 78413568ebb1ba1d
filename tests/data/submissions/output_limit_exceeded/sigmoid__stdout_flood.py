# Hostile: prints 200 MB to stdout in 1 MB lines (the judge must cap what it keeps); must get OLE.
import sys

line = "0.5" * (1 << 18) + "\n"
for _ in range(200):
    sys.stdout.write(line)
