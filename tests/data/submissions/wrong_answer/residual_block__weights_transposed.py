# Uses the row-vector convention x @ W1, x @ W2, i.e. multiplies by the transposed weights.
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def residual_block(x, W1, b1, W2, b2):
    x, W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in (x, W1, b1, W2, b2))
    f = relu(x @ W1 + b1) @ W2 + b2
    return relu(x + f)


if __name__ == "__main__":
    x = eval(input())
    W1 = eval(input())
    b1 = eval(input())
    W2 = eval(input())
    b2 = eval(input())
    print(np.round(residual_block(x, W1, b1, W2, b2), 4).tolist())
