# Uses the gradient of the squared error through the sigmoid, (p - y) p (1 - p), not that of the cross-entropy.
import numpy as np


def logistic_regression(X, y, w, b, learning_rate, epochs):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.array(w, dtype=float), float(b)
    losses = []
    for _ in range(epochs):
        z = X @ w + b
        # -[y log p + (1 - y) log(1 - p)] with p = sigmoid(z) is log(1 + e^z) - y z: no log(0), no overflow
        losses.append(np.mean(np.logaddexp(0.0, z) - y * z))
        p = np.exp(-np.logaddexp(0.0, -z))
        w -= learning_rate * X.T @ ((p - y) * p * (1 - p)) / len(y)
        b -= learning_rate * np.mean((p - y) * p * (1 - p))
    return w, b, losses


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    y = np.array(eval(input()), dtype=float)
    w = np.array(eval(input()), dtype=float)
    b = float(input())
    learning_rate = float(input())
    epochs = int(input())
    w, b, losses = logistic_regression(X, y, w, b, learning_rate, epochs)
    print(np.round(np.asarray(w, dtype=float), 4).tolist())
    print(round(float(b), 4))
    print(np.round(np.asarray(losses, dtype=float), 4).tolist())
