# Mistake: the slice-assignment recipe breaks for odd d_model: cos gets one column too many (ValueError).
import numpy as np


def positional_encoding(max_len, d_model):
    pe = np.zeros((max_len, d_model))
    position = np.arange(max_len).reshape(-1, 1)
    div_term = np.exp(np.arange(0, d_model, 2) * -np.log(10000.0) / d_model)
    pe[:, 0::2] = np.sin(position * div_term)
    pe[:, 1::2] = np.cos(position * div_term)
    return pe


if __name__ == "__main__":
    max_len = int(input())
    d_model = int(input())
    print(np.round(np.asarray(positional_encoding(max_len, d_model), dtype=float), 4).tolist())
