# Subtracts the shifted log-sum-exp from the unshifted scores: every value is off by max(scores).
import numpy as np


def log_softmax(scores):
    scores = np.array(scores, dtype=float)
    shifted = scores - scores.max()
    return scores - np.log(np.sum(np.exp(shifted)))


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(log_softmax(scores), dtype=float), 4).tolist())
