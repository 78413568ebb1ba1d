# Gets the output size right but crops all 2p rows/columns from the bottom/right edge only.
import numpy as np


def conv_transpose2d(input_matrix, kernel, padding, stride):
    x = np.asarray(input_matrix, dtype=float)
    w = np.asarray(kernel, dtype=float)
    (h, wd), (kh, kw), p, s = x.shape, w.shape, padding, stride
    full = np.zeros(((h - 1) * s + kh, (wd - 1) * s + kw))
    for i in range(h):
        for j in range(wd):
            full[i * s:i * s + kh, j * s:j * s + kw] += x[i, j] * w
    out_h = (h - 1) * s - 2 * p + kh
    out_w = (wd - 1) * s - 2 * p + kw
    return full[:out_h, :out_w]


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel = eval(input())
    padding = int(input())
    stride = int(input())
    print(np.round(conv_transpose2d(input_matrix, kernel, padding, stride), 4).tolist())
