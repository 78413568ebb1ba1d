# Minimises the mean squared error plus lam ||w||^2, which multiplies the weight of the penalty by n.
import numpy as np


def linear_regression(X, y, lam):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    A = np.hstack([X, np.ones((len(X), 1))])  # the last column multiplies the bias
    penalty = lam * np.eye(A.shape[1])
    penalty[-1, -1] = 0.0  # ridge shrinks the weights, never the bias
    theta = np.linalg.solve(A.T @ A / len(y) + penalty, A.T @ y / len(y))
    return theta[:-1], theta[-1]


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    y = np.array(eval(input()), dtype=float)
    lam = float(input())
    w, b = linear_regression(X, y, lam)
    print(np.round(np.asarray(w, dtype=float), 4).tolist())
    print(round(float(b), 4))
