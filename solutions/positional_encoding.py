import numpy as np


def positional_encoding(max_len, d_model):
    pos = np.arange(max_len)[:, None]
    j = np.arange(d_model)[None, :]
    angle = pos / 10000 ** (2 * (j // 2) / d_model)  # columns 2i and 2i+1 share the exponent 2i/d_model
    return np.where(j % 2 == 0, np.sin(angle), np.cos(angle))


if __name__ == "__main__":
    max_len = int(input())
    d_model = int(input())
    print(np.round(np.asarray(positional_encoding(max_len, d_model), dtype=float), 4).tolist())
