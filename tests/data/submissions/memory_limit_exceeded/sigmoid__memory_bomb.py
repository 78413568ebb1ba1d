# Hostile: touches 64 MiB chunks until it holds several GiB (the limit is 512 MB); must get MLE.
chunks = []
for _ in range(64):  # 4 GiB in all
    chunks.append(b"\xff" * (64 << 20))
