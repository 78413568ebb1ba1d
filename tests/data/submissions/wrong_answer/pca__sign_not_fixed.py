# Keeps the signs of the eigenvectors as eigh returns them, without the largest-entry-positive rule.
import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    cov = Xc.T @ Xc / (len(X) - 1)  # unbiased covariance, as np.cov and scikit-learn
    eigvals, eigvecs = np.linalg.eigh(cov)
    order = np.argsort(eigvals)[::-1]  # eigh returns the eigenvalues in ascending order
    eigvals = eigvals[order]
    components = eigvecs[:, order].T  # eigenvectors are the columns of eigvecs
    ratio = eigvals / eigvals.sum()
    return components[:k], eigvals[:k], ratio[:k], Xc @ components[:k].T


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    k = int(input())
    components, explained_variance, ratio, projection = pca(X, k)
    print(np.round(np.asarray(components, dtype=float), 4).tolist())
    print(np.round(np.asarray(explained_variance, dtype=float), 4).tolist())
    print(np.round(np.asarray(ratio, dtype=float), 4).tolist())
    print(np.round(np.asarray(projection, dtype=float), 4).tolist())
