# Mistake: the table is computed in float16; its values are off by up to about 5e-4.
import numpy as np


def positional_encoding(max_len, d_model):
    pos = np.arange(max_len, dtype=np.float16)[:, None]
    j = np.arange(d_model, dtype=np.float16)[None, :]
    angle = pos / np.float16(10000) ** (2 * (j // 2) / np.float16(d_model))
    return np.where(j % 2 == 0, np.sin(angle), np.cos(angle))


if __name__ == "__main__":
    max_len = int(input())
    d_model = int(input())
    print(np.round(np.asarray(positional_encoding(max_len, d_model), dtype=float), 4).tolist())
