# Hostile: starts a double-forked daemon in a new session, SIGKILLs the process that runs it, then sleeps; in a PID namespace of its own the signal goes nowhere (TLE), without one the worker dies (RTE); the daemon must not survive.
import os
import signal
import time

z = float(input())
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(3600)
    os._exit(0)
os.wait()
os.kill(os.getppid(), signal.SIGKILL)
time.sleep(3600)
