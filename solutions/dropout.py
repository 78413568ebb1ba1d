import numpy as np


def dropout_forward(x, mask, keep_prob, mode):
    x = np.asarray(x, dtype=float)
    if mode == "eval":
        return x  # inverted dropout already rescaled during training: eval is the identity
    return x * np.asarray(mask, dtype=float) / keep_prob


def dropout_backward(grad_out, mask, keep_prob, mode):
    grad_out = np.asarray(grad_out, dtype=float)
    if mode == "eval":
        return grad_out
    return grad_out * np.asarray(mask, dtype=float) / keep_prob


def dropout(x, mask, keep_prob, mode, grad_out):
    return dropout_forward(x, mask, keep_prob, mode), dropout_backward(grad_out, mask, keep_prob, mode)


if __name__ == "__main__":
    x = eval(input())
    mask = eval(input())
    keep_prob = float(input())
    mode = input().strip()
    grad_out = eval(input())
    for value in dropout(x, mask, keep_prob, mode, grad_out):
        print((np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
