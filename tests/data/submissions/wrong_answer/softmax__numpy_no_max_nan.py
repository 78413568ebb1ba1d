# numpy softmax without subtracting the max: exp overflows to inf and inf / inf = nan.
import numpy as np


def softmax(scores):
    exps = np.exp(np.array(scores, dtype=float))
    return exps / exps.sum()


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(softmax(scores), dtype=float), 4).tolist())
