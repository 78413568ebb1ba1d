# Hostile: tries to SIGKILL the judge (its pid given on the second input line) by kill(), by a /proc/PID directory used as a pidfd, and by pidfd_open; in a PID namespace of its own none reaches it; prints the right answer; AC, and the judge must live.
import math
import os
import signal

z = float(input())
judge = int(input())
for attempt in ("kill", "proc", "pidfd"):
    try:
        if attempt == "kill":
            os.kill(judge, signal.SIGKILL)
        elif attempt == "proc":
            handle = os.open(f"/proc/{judge}", os.O_RDONLY | os.O_DIRECTORY)
            signal.pidfd_send_signal(handle, signal.SIGKILL)
        else:
            signal.pidfd_send_signal(os.pidfd_open(judge), signal.SIGKILL)
    except OSError:
        pass
e = math.exp(-abs(z))
print(f"{1 / (1 + e) if z >= 0 else e / (1 + e):.4f}")
