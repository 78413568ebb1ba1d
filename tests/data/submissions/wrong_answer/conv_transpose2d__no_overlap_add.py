# Writes each stamp with = instead of +=, so overlapping stamps overwrite instead of adding.
import numpy as np


def conv_transpose2d(input_matrix, kernel, padding, stride):
    x = np.asarray(input_matrix, dtype=float)
    w = np.asarray(kernel, dtype=float)
    (h, wd), (kh, kw), p, s = x.shape, w.shape, padding, stride
    full = np.zeros(((h - 1) * s + kh, (wd - 1) * s + kw))
    for i in range(h):
        for j in range(wd):
            full[i * s:i * s + kh, j * s:j * s + kw] = x[i, j] * w
    return full[p:full.shape[0] - p, p:full.shape[1] - p]


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel = eval(input())
    padding = int(input())
    stride = int(input())
    print(np.round(conv_transpose2d(input_matrix, kernel, padding, stride), 4).tolist())
