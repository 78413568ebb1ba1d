# Hostile: touches 64 MiB chunks until it holds several GiB (the limit is 512 MB); must get MLE.
def sigmoid(z: float) -> float:
    chunks = []
    for _ in range(64):  # 4 GiB in all
        chunks.append(b"\xff" * (64 << 20))
    return 0.5


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
