# Mistake: each window's gradient is assigned (=) instead of added, so overlapping windows overwrite each other.
import numpy as np


def conv2d_backward(input_matrix, kernel, padding, stride, grad_output):
    """X: (H, W); K: (kh, kw); dY: (H_out, W_out). Returns (Y, dX, dK) of shapes (H_out, W_out), (H, W), (kh, kw)."""
    X, K, dY = input_matrix, kernel, grad_output
    H, W = X.shape
    kh, kw = K.shape
    P = np.pad(X, padding)
    out_h = (P.shape[0] - kh) // stride + 1
    out_w = (P.shape[1] - kw) // stride + 1
    Y = np.zeros((out_h, out_w))
    dP = np.zeros_like(P)
    dK = np.zeros_like(K)
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride, j * stride
            window = P[r : r + kh, c : c + kw]
            Y[i, j] = np.sum(window * K)
            dP[r : r + kh, c : c + kw] = dY[i, j] * K
            dK += dY[i, j] * window
    dX = dP[padding : padding + H, padding : padding + W]
    return Y, dX, dK


if __name__ == "__main__":
    input_matrix = np.array(eval(input()), dtype=float)
    kernel = np.array(eval(input()), dtype=float)
    padding = int(input())
    stride = int(input())
    grad_output = np.array(eval(input()), dtype=float)
    Y, dX, dK = conv2d_backward(input_matrix, kernel, padding, stride, grad_output)
    for label, value in (("Y", Y), ("dX", dX), ("dK", dK)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
