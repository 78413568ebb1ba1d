# Hostile: sleeps forever, using no CPU; must get TLE (wall clock, 3x the CPU limit).
import time


def sigmoid(z: float) -> float:
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
