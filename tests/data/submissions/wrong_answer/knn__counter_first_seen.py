# Counter.most_common keeps the first label seen among equal counts: the label of the nearest tied neighbour.
from collections import Counter

import numpy as np


def knn(X_train, y_train, X_test, k):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    predictions = []
    for x in np.asarray(X_test, dtype=float):
        dist = np.sqrt(((X_train - x) ** 2).sum(axis=1))
        nearest = np.argsort(dist, kind="stable")[:k]  # stable: at equal distance the lower index comes first
        labels, d = y_train[nearest], dist[nearest]
        winner = Counter(labels.tolist()).most_common(1)[0][0]
        predictions.append(int(winner))
    return predictions


if __name__ == "__main__":
    X_train = np.array(eval(input()), dtype=float)
    y_train = np.array(eval(input()), dtype=int)
    X_test = np.array(eval(input()), dtype=float)
    k = int(input())
    print(np.asarray(knn(X_train, y_train, X_test, k), dtype=int).tolist())
