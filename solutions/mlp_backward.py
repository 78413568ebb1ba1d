import numpy as np


def mlp_backward(X, Y, W1, b1, W2, b2, lr):
    """X: (N, D); Y: (N, O); W1: (D, H); b1: (H,); W2: (H, O); b2: (O,).
    Returns Y_hat (N, O), loss, the gradients (dW1, db1, dW2, db2) and the updated (W1, b1, W2, b2)."""
    Z1 = X @ W1 + b1
    A1 = np.maximum(0.0, Z1)
    Y_hat = A1 @ W2 + b2
    loss = np.mean((Y_hat - Y) ** 2)
    dY_hat = 2.0 * (Y_hat - Y) / Y.size  # the mean runs over all N * O entries
    dW2 = A1.T @ dY_hat
    db2 = dY_hat.sum(axis=0)
    dA1 = dY_hat @ W2.T
    dZ1 = dA1 * (Z1 > 0)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    grads = (dW1, db1, dW2, db2)
    new = tuple(p - lr * g for p, g in zip((W1, b1, W2, b2), grads))
    return Y_hat, loss, grads, new


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    Y = np.array(eval(input()), dtype=float)
    W1 = np.array(eval(input()), dtype=float)
    b1 = np.array(eval(input()), dtype=float)
    W2 = np.array(eval(input()), dtype=float)
    b2 = np.array(eval(input()), dtype=float)
    lr = float(input())
    Y_hat, loss, grads, new = mlp_backward(X, Y, W1, b1, W2, b2, lr)
    labels = ("Y_hat", "loss", "dW1", "db1", "dW2", "db2", "W1_new", "b1_new", "W2_new", "b2_new")
    for label, value in zip(labels, (Y_hat, loss, *grads, *new)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
