# Lays out each patch as (i, j, c), channels last, while the weights are flattened as (c, i, j).
import numpy as np


def im2col(x, kh, kw, stride, padding):
    C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))  # zero padding on both sides
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (W + 2 * padding - kw) // stride + 1
    cols = np.empty((C, kh, kw, H_out, W_out))
    for i in range(kh):
        for j in range(kw):
            cols[:, i, j] = xp[:, i : i + stride * H_out : stride, j : j + stride * W_out : stride]
    return cols.transpose(1, 2, 0, 3, 4).reshape(C * kh * kw, H_out * W_out), H_out, W_out


def im2col_conv(x, weight, bias, stride, padding):
    x, weight, bias = np.asarray(x, dtype=float), np.asarray(weight, dtype=float), np.asarray(bias, dtype=float)
    C_out, _, kh, kw = weight.shape
    cols, H_out, W_out = im2col(x, kh, kw, stride, padding)
    out = weight.reshape(C_out, -1) @ cols + bias[:, None]
    return cols, out.reshape(C_out, H_out, W_out)


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    weight = np.array(eval(input()), dtype=float)
    bias = np.array(eval(input()), dtype=float)
    stride = int(input())
    padding = int(input())
    cols, out = im2col_conv(x, weight, bias, stride, padding)
    print(np.round(np.asarray(cols, dtype=float), 4).tolist())
    print(np.round(np.asarray(out, dtype=float), 4).tolist())
