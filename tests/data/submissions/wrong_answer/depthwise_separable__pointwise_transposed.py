# Treats the pointwise weights as (C_in, C_out) and contracts over the wrong axis.
import numpy as np


def conv2d_single(x, k, padding, stride):
    x = np.pad(x, padding)
    out_h = (x.shape[0] - k.shape[0]) // stride + 1
    out_w = (x.shape[1] - k.shape[1]) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(x[r:r + k.shape[0], c:c + k.shape[1]] * k)
    return out


def depthwise_separable(x, depthwise_kernels, pointwise_weights, padding, stride):
    x = np.asarray(x, dtype=float)
    dk = np.asarray(depthwise_kernels, dtype=float)
    pw = np.asarray(pointwise_weights, dtype=float)
    d = np.stack([conv2d_single(x[c], dk[c], padding, stride) for c in range(x.shape[0])])
    y = np.einsum("co,chw->ohw", pw, d)
    c_out, c_in = pw.shape
    kh, kw = dk.shape[1:]
    separable_params = c_in * kh * kw + c_out * c_in
    standard_params = c_out * c_in * kh * kw
    return y, separable_params, standard_params


if __name__ == "__main__":
    x = eval(input())
    depthwise_kernels = eval(input())
    pointwise_weights = eval(input())
    padding = int(input())
    stride = int(input())
    y, separable_params, standard_params = depthwise_separable(
        x, depthwise_kernels, pointwise_weights, padding, stride)
    print(np.round(y, 4).tolist())
    print(separable_params)
    print(standard_params)
