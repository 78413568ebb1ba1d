# Hostile: a child burns CPU for 60% of the limit, then exits and is never reaped (a zombie); the parent burns another 60%: the two together are over the limit: TLE on CPU time.
import os
import time

z = float(input())
limit = 1.0  # the test's CPU limit
child = os.fork()
if child == 0:
    end = time.process_time() + 0.6 * limit
    while time.process_time() < end:
        pass
    os._exit(0)
os.waitid(os.P_PID, child, os.WEXITED | os.WNOWAIT)  # it has ended; it stays a zombie nobody reaps
end = time.process_time() + 0.6 * limit
while time.process_time() < end:
    pass
print(0.5)
