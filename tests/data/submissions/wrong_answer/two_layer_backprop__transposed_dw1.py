# Mistake: dL/dW1 is computed as outer(x, delta1), the transpose of the right gradient.
import numpy as np


def train_step(x, y, W1, b1, W2, b2, lr):
    x, W1, b1, W2 = np.array(x), np.array(W1), np.array(b1), np.array(W2)
    z1 = W1 @ x + b1
    a1 = np.maximum(z1, 0)
    y_hat = W2 @ a1 + b2
    loss = 0.5 * (y_hat - y) ** 2
    d_out = y_hat - y
    dW2 = d_out * a1
    db2 = d_out
    W2_new = W2 - lr * dW2
    da1 = W2 * d_out
    dz1 = da1 * (z1 > 0)
    dW1 = np.outer(x, dz1)
    db1 = dz1
    W1_new = W1 - lr * dW1
    b1_new = b1 - lr * db1
    b2_new = b2 - lr * db2
    return y_hat, loss, (dW1, db1, dW2, db2), (W1_new, b1_new, W2_new, b2_new)


if __name__ == "__main__":
    x = eval(input())
    W1 = eval(input())
    b1 = eval(input())
    W2 = eval(input())
    b2 = float(input())
    y = float(input())
    lr = float(input())
    y_hat, loss, grads, new = train_step(x, y, W1, b1, W2, b2, lr)
    for value in (y_hat, loss, *grads, *new):
        print((np.round(value, 4) + 0.0).tolist())
