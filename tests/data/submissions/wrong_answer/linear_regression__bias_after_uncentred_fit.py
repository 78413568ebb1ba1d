# Solves for w on the raw X and y without a bias column, then sets b = mean(y) - mean(X) @ w.
import numpy as np


def linear_regression(X, y, lam):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return w, y.mean() - X.mean(axis=0) @ w


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    y = np.array(eval(input()), dtype=float)
    lam = float(input())
    w, b = linear_regression(X, y, lam)
    print(np.round(np.asarray(w, dtype=float), 4).tolist())
    print(round(float(b), 4))
