# Hostile: fills /tmp and /dev/shm (memory no RSS shows) with up to 256 MB each, then frees it; the sandbox caps each at 64 MB, and reports on stderr how much it got in; AC.
import json
import math
import os
import signal
import sys

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the file-size limit: an error, then the file is removed
z = float(input())
block = b"\xff" * (1 << 20)
got = {}
for folder in ("/tmp", "/dev/shm"):
    path = os.path.join(folder, "dl-judge-fill")
    size = 0
    try:
        with open(path, "wb") as handle:
            while size < 256 << 20:
                handle.write(block)
                handle.flush()
                size += len(block)
    except OSError:
        pass
    got[folder] = size
    try:
        os.remove(path)
    except OSError:
        pass
print(json.dumps(got), file=sys.stderr)
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
