# Breaks a tie in votes by the sum of squared distances instead of distances.
import numpy as np


def knn(X_train, y_train, X_test, k):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    predictions = []
    for x in np.asarray(X_test, dtype=float):
        dist = np.sqrt(((X_train - x) ** 2).sum(axis=1))
        nearest = np.argsort(dist, kind="stable")[:k]  # stable: at equal distance the lower index comes first
        labels, d = y_train[nearest], dist[nearest]
        # most votes, then the smaller sum of distances, then the smaller label
        winner = min(np.unique(labels), key=lambda c: (-np.sum(labels == c), (d[labels == c] ** 2).sum(), c))
        predictions.append(int(winner))
    return predictions


if __name__ == "__main__":
    X_train = np.array(eval(input()), dtype=float)
    y_train = np.array(eval(input()), dtype=int)
    X_test = np.array(eval(input()), dtype=float)
    k = int(input())
    print(np.asarray(knn(X_train, y_train, X_test, k), dtype=int).tolist())
