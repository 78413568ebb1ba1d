# Hostile: signals the next case's child, forked ahead and waiting beside it (SIGSTOP when z is 0, else SIGKILL), then prints the right answer; every case must still be AC.
import math
import os
import signal
import time


def siblings() -> list[int]:
    """The other children of our parent (the worker): the next case's, waiting for its go."""
    me, parent, found = os.getpid(), os.getppid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != me:
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == parent:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


z = float(input())
deadline = time.monotonic() + 1.0
while not (targets := siblings()) and time.monotonic() < deadline:
    time.sleep(0.005)
for pid in targets:
    try:
        os.kill(pid, signal.SIGSTOP if z == 0 else signal.SIGKILL)
    except OSError:
        pass
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
