# Slides the window by kernel_size instead of the given stride.
import numpy as np


def pool2d(input_matrix, kernel_size, stride, mode):
    x = np.asarray(input_matrix, dtype=float)
    k = kernel_size
    out_h = (x.shape[0] - k) // k + 1
    out_w = (x.shape[1] - k) // k + 1
    reduce = np.max if mode == "max" else np.mean
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = reduce(x[i * k:i * k + k, j * k:j * k + k])
    return out


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel_size = int(input())
    stride = int(input())
    mode = input().strip()
    print(np.round(pool2d(input_matrix, kernel_size, stride, mode), 4).tolist())
