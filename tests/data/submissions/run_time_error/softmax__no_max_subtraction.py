# Exponentiates the raw scores with math.exp: OverflowError for scores above ~709.78.
import math

import numpy as np


def softmax(scores):
    exps = [math.exp(s) for s in scores]
    total = sum(exps)
    return [round(e / total, 4) for e in exps]


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(softmax(scores), dtype=float), 4).tolist())
