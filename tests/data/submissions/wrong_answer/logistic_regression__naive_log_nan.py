# The textbook formula as written: log(0) appears once a probability saturates to 0 or 1.
import numpy as np


def logistic_regression(X, y, w, b, learning_rate, epochs):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.array(w, dtype=float), float(b)
    losses = []
    for _ in range(epochs):
        z = X @ w + b
        p = 1 / (1 + np.exp(-z))
        losses.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        w -= learning_rate * X.T @ (p - y) / len(y)
        b -= learning_rate * np.mean(p - y)
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
