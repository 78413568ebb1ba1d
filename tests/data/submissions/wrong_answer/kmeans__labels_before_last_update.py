# The textbook loop "assign, then update" returns the labels computed before the last update.
import numpy as np


def assign(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


def kmeans(X, centroids, max_iter):
    X = np.asarray(X, dtype=float)
    centroids = np.array(centroids, dtype=float)
    for _ in range(max_iter):
        labels = assign(X, centroids)
        new_centroids = centroids.copy()
        for j in range(len(centroids)):
            members = X[labels == j]
            if len(members) > 0:
                new_centroids[j] = members.mean(axis=0)
        if np.array_equal(new_centroids, centroids):
            break
        centroids = new_centroids
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
