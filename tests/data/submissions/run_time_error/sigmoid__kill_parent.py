# Hostile: SIGKILLs its parent (the process that runs it); the judge must survive and give RTE.
import os
import signal

z = float(input())
os.kill(os.getppid(), signal.SIGKILL)
print(0.5)
