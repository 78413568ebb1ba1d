# Walks the samples by decreasing score one at a time and integrates the ROC steps, without grouping tied scores into one point.
import numpy as np


def roc_auc(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    order = np.argsort(-s, kind="stable")
    tpr, fpr = [0.0], [0.0]
    for i in order:
        tpr.append(tpr[-1] + (y[i] == 1) / np.sum(y == 1))
        fpr.append(fpr[-1] + (y[i] == 0) / np.sum(y == 0))
    return sum((fpr[j + 1] - fpr[j]) * (tpr[j + 1] + tpr[j]) / 2 for j in range(len(s)))


if __name__ == "__main__":
    y_true = eval(input())
    scores = eval(input())
    print(round(float(roc_auc(y_true, scores)), 4))
