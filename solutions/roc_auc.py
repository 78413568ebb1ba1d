import numpy as np


def roc_auc(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    pos, neg = s[y == 1], s[y == 0]
    wins = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()  # a tied pair counts as half a win
    return (wins + 0.5 * ties) / (len(pos) * len(neg))


if __name__ == "__main__":
    y_true = eval(input())
    scores = eval(input())
    print(round(float(roc_auc(y_true, scores)), 4))
