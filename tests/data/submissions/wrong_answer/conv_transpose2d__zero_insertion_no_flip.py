# Builds convT as zero-insertion + full padding + cross-correlation, but forgets to flip the kernel.
import numpy as np


def conv_transpose2d(input_matrix, kernel, padding, stride):
    x = np.asarray(input_matrix, dtype=float)
    w = np.asarray(kernel, dtype=float)
    (h, wd), (kh, kw), p, s = x.shape, w.shape, padding, stride
    dilated = np.zeros(((h - 1) * s + 1, (wd - 1) * s + 1))
    dilated[::s, ::s] = x
    padded = np.pad(dilated, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
    out_h = padded.shape[0] - kh + 1
    out_w = padded.shape[1] - kw + 1
    full = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            full[i, j] = np.sum(padded[i:i + kh, j:j + kw] * w)
    return full[p:out_h - p, p:out_w - p]


if __name__ == "__main__":
    input_matrix = eval(input())
    kernel = eval(input())
    padding = int(input())
    stride = int(input())
    print(np.round(conv_transpose2d(input_matrix, kernel, padding, stride), 4).tolist())
