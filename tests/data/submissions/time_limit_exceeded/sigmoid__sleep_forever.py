# Hostile: sleeps forever, using no CPU; must get TLE (wall clock, 3x the CPU limit).
import time

z = float(input())
while True:
    time.sleep(3600)
