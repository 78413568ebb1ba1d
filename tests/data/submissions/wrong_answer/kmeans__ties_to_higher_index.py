# Scans the centroids with <=, so a point at equal distance from two centroids joins the higher index.
import numpy as np


def assign(X, centroids):
    labels = np.zeros(len(X), dtype=int)
    for i, x in enumerate(X):
        best = np.inf
        for j, c in enumerate(centroids):
            d2 = ((x - c) ** 2).sum()
            if d2 <= best:
                best, labels[i] = d2, j
    return labels


def kmeans(X, centroids, max_iter):
    X = np.asarray(X, dtype=float)
    centroids = np.array(centroids, dtype=float)
    labels = assign(X, centroids)
    for _ in range(max_iter):
        for j in range(len(centroids)):
            members = X[labels == j]
            if len(members) > 0:
                centroids[j] = members.mean(axis=0)
        new_labels = assign(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    inertia = ((X - centroids[labels]) ** 2).sum()
    return labels, centroids, inertia


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    centroids = np.array(eval(input()), dtype=float)
    max_iter = int(input())
    labels, centroids, inertia = kmeans(X, centroids, max_iter)
    print(np.asarray(labels, dtype=int).tolist())
    print(np.round(np.asarray(centroids, dtype=float), 4).tolist())
    print(round(float(inertia), 4))
