import numpy as np


def log_softmax(scores):
    scores = np.asarray(scores, dtype=float)
    shifted = scores - scores.max()
    return shifted - np.log(np.sum(np.exp(shifted)))  # log-sum-exp on shifted scores: no overflow, no log(0)


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(log_softmax(scores), dtype=float), 4).tolist())
