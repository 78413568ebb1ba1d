import numpy as np


def forward(x, W1, b1, W2, b2):
    z1 = W1 @ x + b1
    a1 = np.maximum(0.0, z1)
    y_hat = W2 @ a1 + b2
    return z1, a1, y_hat


def backward(x, y, W1, b1, W2, b2):
    z1, a1, y_hat = forward(x, W1, b1, W2, b2)
    loss = 0.5 * (y_hat - y) ** 2
    dz2 = y_hat - y
    dW2 = dz2 * a1
    db2 = dz2
    da1 = W2 * dz2
    dz1 = da1 * (z1 > 0)  # ReLU passes the gradient only where z1 > 0 (0 at z1 == 0)
    dW1 = np.outer(dz1, x)
    db1 = dz1
    return y_hat, loss, dW1, db1, dW2, db2


def train_step(x, y, W1, b1, W2, b2, lr):
    x, W1, b1, W2 = (np.asarray(a, dtype=float) for a in (x, W1, b1, W2))
    y_hat, loss, dW1, db1, dW2, db2 = backward(x, y, W1, b1, W2, b2)
    grads = (dW1, db1, dW2, db2)
    new = (W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2)
    return y_hat, loss, grads, new


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
