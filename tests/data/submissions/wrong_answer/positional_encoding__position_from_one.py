# Mistake: numbers positions 1..max_len instead of 0..max_len-1.
import numpy as np


def positional_encoding(max_len, d_model):
    pe = np.zeros((max_len, d_model))
    pos = np.arange(1, max_len + 1).reshape(-1, 1)
    for j in range(d_model):
        i = j // 2
        angle = pos[:, 0] / 10000 ** ((2 * i) / d_model)
        pe[:, j] = np.sin(angle) if j % 2 == 0 else np.cos(angle)
    return pe


if __name__ == "__main__":
    max_len = int(input())
    d_model = int(input())
    print(np.round(np.asarray(positional_encoding(max_len, d_model), dtype=float), 4).tolist())
