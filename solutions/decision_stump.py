import numpy as np


def impurity(labels, criterion):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    if criterion == "entropy":
        return -np.sum(p * np.log2(p))  # in bits; every p here is > 0, so no 0 * log 0
    return 1.0 - np.sum(p**2)


def decision_stump(x, y, criterion):
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    values = np.unique(x)  # sorted distinct values
    parent = impurity(y, criterion)
    best_threshold, best_gain = None, -np.inf
    for t in (values[:-1] + values[1:]) / 2:
        left, right = y[x <= t], y[x > t]
        children = (len(left) * impurity(left, criterion) + len(right) * impurity(right, criterion)) / len(y)
        if parent - children > best_gain + 1e-9:  # a later threshold must be strictly better: ties keep the lower one
            best_threshold, best_gain = t, parent - children
    return best_threshold, best_gain


if __name__ == "__main__":
    x = eval(input())
    y = eval(input())
    for criterion in ("entropy", "gini"):
        threshold, gain = decision_stump(x, y, criterion)
        print(round(float(threshold), 4), round(float(gain), 4))
