# Rounds the output size up and pads the border with zeros, so partial windows count padded zeros.
import math

import numpy as np


def pool2d(input_matrix, kernel_size, stride, mode):
    x = np.asarray(input_matrix, dtype=float)
    k, s = kernel_size, stride
    out_h = math.ceil((x.shape[0] - k) / s) + 1
    out_w = math.ceil((x.shape[1] - k) / s) + 1
    padded = np.zeros(((out_h - 1) * s + k, (out_w - 1) * s + k))
    padded[:x.shape[0], :x.shape[1]] = x
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = padded[i * s:i * s + k, j * s:j * s + k]
            out[i, j] = window.max() if mode == "max" else window.sum() / (k * k)
    return out


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel_size = int(input())
    stride = int(input())
    mode = input().strip()
    print(np.round(pool2d(input_matrix, kernel_size, stride, mode), 4).tolist())
