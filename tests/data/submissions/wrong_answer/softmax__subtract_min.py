# Shifts by the minimum instead of the maximum: exponents stay positive and overflow when scores are spread out.
import numpy as np


def softmax(scores):
    scores = np.array(scores, dtype=float)
    exps = np.exp(scores - scores.min())
    return exps / exps.sum()


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(softmax(scores), dtype=float), 4).tolist())
