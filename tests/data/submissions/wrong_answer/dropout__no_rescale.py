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


if __name__ == "__main__":
    x = eval(input())
    mask = eval(input())
    keep_prob = float(input())
    mode = input().strip()
    grad_out = eval(input())
    print(dropout_forward(x, mask, keep_prob, mode).tolist())
    print(dropout_backward(grad_out, mask, keep_prob, mode).tolist())
