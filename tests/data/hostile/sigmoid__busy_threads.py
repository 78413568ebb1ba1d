# Hostile: four threads burn CPU in parallel (hashing releases the GIL), so CPU time outruns wall time; must get TLE (CPU).
import hashlib
import threading

block = b"x" * (1 << 20)


def burn() -> None:
    while True:
        hashlib.sha256(block).digest()


def sigmoid(z: float) -> float:
    threads = [threading.Thread(target=burn) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
