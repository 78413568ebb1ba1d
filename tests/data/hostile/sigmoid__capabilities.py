# Hostile: looks for privileges it could use: any capability in any set, no_new_privs unset, no seccomp filter, and (on stderr, for the test) its uid; prints a wrong answer if it holds any; AC.
import json
import math
import sys

z = float(input())
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
status = {k: v.strip() for k, v in status.items()}
held = [k for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb") if int(status[k], 16) != 0]
if status.get("NoNewPrivs") != "1":
    held.append("NoNewPrivs")
if status.get("Seccomp") != "2":
    held.append("Seccomp")
print(json.dumps({"uid": status["Uid"].split(), "gid": status["Gid"].split(), "held": held}), file=sys.stderr)
e = math.exp(-abs(z))
value = 1 / (1 + e) if z >= 0 else e / (1 + e)
print(f"{value + (0.5 if held else 0):.4f}")
