# Uses the rank-sum formula with ranks 1..n from a sort, without averaging the ranks of tied scores.
import numpy as np


def roc_auc(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    ranks = np.empty(len(s))
    ranks[np.argsort(s, kind="stable")] = np.arange(1, len(s) + 1)
    n_pos, n_neg = np.sum(y == 1), np.sum(y == 0)
    return (ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


if __name__ == "__main__":
    y_true = eval(input())
    scores = eval(input())
    print(round(float(roc_auc(y_true, scores)), 4))
