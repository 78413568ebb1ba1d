# Hostile: leaves a marker in every place it can write (/tmp, /dev/shm, /, /etc, /run, /var/tmp, HOME, the folder above its own, the masked package, case folders of future workers) and reports on stderr where it could; run under bwrap only; AC.
import json
import math
import os
import sys

PLACES = ["/tmp", "/dev/shm", "/", "/etc", "/run", "/run/dl-judge", "/var/tmp", os.environ.get("HOME", ""), ".."]
PLACES += sys.argv[1:]  # none here; the test may pass more through stdin instead
z = float(input())
extra = json.loads(input() or "[]")
written = []
for folder in PLACES + extra:
    if not folder:
        continue
    path = os.path.abspath(os.path.join(folder, "dl-judge-marker"))
    try:
        with open(path, "w") as handle:
            handle.write("left by a submission\n")
        written.append(path)
    except OSError:
        pass
for pid in range(2, 200):  # the names the next workers' case folders would take
    for folder in ("/tmp", os.path.dirname(os.getcwd())):
        try:
            os.mkdir(os.path.join(folder, f"case-{pid}"))
            written.append(os.path.join(folder, f"case-{pid}"))
        except OSError:
            pass
print(json.dumps(written), file=sys.stderr)
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
