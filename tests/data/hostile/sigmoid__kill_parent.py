# Hostile: SIGKILLs its parent (the process that runs it), then prints 0.5; in a PID namespace of its own the signal goes nowhere (AC at z = 0, then WA); without one the worker dies (RTE); the judge survives either way.
import os
import signal

z = float(input())
os.kill(os.getppid(), signal.SIGKILL)
print(0.5)
