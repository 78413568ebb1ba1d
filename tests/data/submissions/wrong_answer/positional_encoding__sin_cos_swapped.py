# Mistake: puts cos in the even columns and sin in the odd ones.
import numpy as np


def positional_encoding(max_len, d_model):
    pe = np.zeros((max_len, d_model))
    pos = np.arange(max_len).reshape(-1, 1)
    for j in range(d_model):
        i = j // 2
        angle = pos[:, 0] / 10000 ** ((2 * i) / d_model)
        pe[:, j] = np.cos(angle) if j % 2 == 0 else np.sin(angle)
    return pe


if __name__ == "__main__":
    max_len = int(input())
    d_model = int(input())
    print(np.round(np.asarray(positional_encoding(max_len, d_model), dtype=float), 4).tolist())
