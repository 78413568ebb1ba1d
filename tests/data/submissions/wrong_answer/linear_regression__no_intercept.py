# Fits y = X w with no bias column and reports b = 0.
import numpy as np


def linear_regression(X, y, lam):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return w, 0.0


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    y = np.array(eval(input()), dtype=float)
    lam = float(input())
    w, b = linear_regression(X, y, lam)
    print(np.round(np.asarray(w, dtype=float), 4).tolist())
    print(round(float(b), 4))
