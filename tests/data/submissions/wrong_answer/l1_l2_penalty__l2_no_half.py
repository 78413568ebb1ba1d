# Mistake: uses the L2 penalty lam * sum(w^2) (gradient 2 * lam * w) instead of lam / 2 * sum(w^2).
import numpy as np


def regularized_loss_and_grad(X, y, w, lam, kind):
    X, y, w = np.array(X, dtype=float), np.array(y, dtype=float), np.array(w, dtype=float)
    r = X @ w - y
    loss = np.mean(r**2)
    grad = 2 * X.T @ r / len(y)
    if kind == "l1":
        return loss + lam * np.sum(np.abs(w)), grad + lam * np.sign(w)
    return loss + lam * np.sum(w**2), grad + 2 * lam * w


if __name__ == "__main__":
    X = eval(input())
    y = eval(input())
    w = eval(input())
    lam = float(input())
    kind = input().strip()
    loss, grad = regularized_loss_and_grad(X, y, w, lam, kind)
    print(f"{loss:.4f}")
    print((np.round(np.asarray(grad, dtype=float), 4) + 0.0).tolist())
