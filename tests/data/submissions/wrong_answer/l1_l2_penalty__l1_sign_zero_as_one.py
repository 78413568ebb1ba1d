# Mistake: takes the L1 gradient at w = 0 as +1 instead of the subgradient 0.
import numpy as np


def regularized_loss_and_grad(X, y, w, lam, kind):
    X, y, w = np.array(X, dtype=float), np.array(y, dtype=float), np.array(w, dtype=float)
    r = X @ w - y
    loss = np.mean(r**2)
    grad = 2 * X.T @ r / len(y)
    if kind == "l1":
        return loss + lam * np.sum(np.abs(w)), grad + lam * np.where(w >= 0, 1.0, -1.0)
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
