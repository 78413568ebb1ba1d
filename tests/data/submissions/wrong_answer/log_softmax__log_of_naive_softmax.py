# Takes the log of a naive softmax: exp overflows to inf for large scores and the result is nan.
import numpy as np


def log_softmax(scores):
    exps = np.exp(np.array(scores, dtype=float))
    return np.log(exps / exps.sum())


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(log_softmax(scores), dtype=float), 4).tolist())
