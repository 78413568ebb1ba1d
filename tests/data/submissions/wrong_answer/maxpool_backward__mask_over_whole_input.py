# Mistake: the mask compares the whole input with the window's maximum, so equal values outside the window get gradient too.
import numpy as np


def maxpool_backward(input_matrix, kernel_size, stride, grad_output):
    """X: (H, W); dY: (H_out, W_out). Returns (Y, dX) of shapes (H_out, W_out) and (H, W)."""
    X, k, s, dY = input_matrix, kernel_size, stride, grad_output
    out_h = (X.shape[0] - k) // s + 1
    out_w = (X.shape[1] - k) // s + 1
    Y = np.zeros((out_h, out_w))
    dX = np.zeros_like(X)
    for i in range(out_h):
        for j in range(out_w):
            window = X[i * s : i * s + k, j * s : j * s + k]
            # argmax scans the window row by row and keeps the first maximum: ties go to the earliest
            a, b = divmod(int(np.argmax(window)), k)
            Y[i, j] = window[a, b]
            dX += dY[i, j] * (X == Y[i, j])
    return Y, dX


if __name__ == "__main__":
    input_matrix = np.array(eval(input()), dtype=float)
    kernel_size = int(input())
    stride = int(input())
    grad_output = np.array(eval(input()), dtype=float)
    Y, dX = maxpool_backward(input_matrix, kernel_size, stride, grad_output)
    for label, value in (("Y", Y), ("dX", dX)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
