# Hostile: writes a marker file to /tmp and to $HOME, and 300 more files under $HOME (slow to clean), then prints the right answer; AC either way, but under bwrap no file may appear on the host, and $HOME must go.
import math
import os

z = float(input())
home = os.environ.get("HOME", "/tmp")
for folder in ("/tmp", home):
    with open(os.path.join(folder, "dl-judge-hostile-marker"), "w") as handle:
        handle.write("written by a submission\n")
crowd = os.path.join(home, "dl-judge-hostile-files")
os.makedirs(crowd, exist_ok=True)
for i in range(300):
    with open(os.path.join(crowd, f"{i}.txt"), "w") as handle:
        handle.write("x")
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
