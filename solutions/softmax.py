import numpy as np


def softmax(scores):
    scores = np.asarray(scores, dtype=float)
    exps = np.exp(scores - scores.max())  # subtract the max: every exponent is <= 0, so exp() cannot overflow
    return exps / exps.sum()


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(softmax(scores), dtype=float), 4).tolist())
