# Mistake: the backward pass masks the gradient but drops the 1/keep_prob factor.
import numpy as np


def dropout_forward(x, mask, keep_prob, mode):
    x, mask = np.array(x, dtype=float), np.array(mask, dtype=float)
    if mode == "train":
        return x * mask / keep_prob
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
