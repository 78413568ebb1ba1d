# Takes the log of a stable softmax: tiny probabilities underflow to 0 and log(0) = -inf.
import numpy as np


def log_softmax(scores):
    scores = np.array(scores, dtype=float)
    exps = np.exp(scores - scores.max())
    return np.log(exps / exps.sum())


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(log_softmax(scores), dtype=float), 4).tolist())
