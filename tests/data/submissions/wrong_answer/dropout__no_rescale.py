# Mistake: forgets to divide the kept units by keep_prob in training.
import numpy as np


def dropout_forward(x, mask, keep_prob, mode):
    x, mask = np.array(x, dtype=float), np.array(mask, dtype=float)
    if mode == "train":
        return x * mask
    return x


def dropout_backward(grad_out, mask, keep_prob, mode):
    grad_out, mask = np.array(grad_out, dtype=float), np.array(mask, dtype=float)
    if mode == "train":
        return grad_out * mask
    return grad_out


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
