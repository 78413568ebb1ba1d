# Hostile: dereferences a NULL pointer through ctypes; must get RTE naming SIGSEGV.
import ctypes


def sigmoid(z: float) -> float:
    ctypes.string_at(0)
    return 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
