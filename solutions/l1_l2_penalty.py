import numpy as np


def mse_loss_and_grad(X, y, w):
    X, y, w = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
    residual = X @ w - y
    n = len(y)
    return np.mean(residual**2), 2.0 / n * X.T @ residual


def regularized_loss_and_grad(X, y, w, lam, kind):
    loss, grad = mse_loss_and_grad(X, y, w)
    w = np.asarray(w, dtype=float)
    if kind == "l1":
        # np.sign(0) == 0: the subgradient at a zero weight is taken as 0
        return loss + lam * np.sum(np.abs(w)), grad + lam * np.sign(w)
    return loss + lam / 2 * np.sum(w**2), grad + lam * w


if __name__ == "__main__":
    X = eval(input())
    y = eval(input())
    w = eval(input())
    lam = float(input())
    kind = input().strip()
    loss, grad = regularized_loss_and_grad(X, y, w, lam, kind)
    print(f"{loss:.4f}")
    print((np.round(np.asarray(grad, dtype=float), 4) + 0.0).tolist())
