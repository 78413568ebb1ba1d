# Inertia as the sum of Euclidean distances instead of squared distances.
import numpy as np


def assign(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


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
    inertia = np.linalg.norm(X - centroids[labels], axis=1).sum()
    return labels, centroids, inertia


if __name__ == "__main__":
    X = np.array(eval(input()), dtype=float)
    centroids = np.array(eval(input()), dtype=float)
    max_iter = int(input())
    labels, centroids, inertia = kmeans(X, centroids, max_iter)
    print(np.asarray(labels, dtype=int).tolist())
    print(np.round(np.asarray(centroids, dtype=float), 4).tolist())
    print(round(float(inertia), 4))
