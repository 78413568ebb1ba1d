# Computes log(sum(exp(s))) with math.exp on raw scores: OverflowError for scores above ~709.78.
import math

import numpy as np


def log_softmax(scores):
    log_total = math.log(sum(math.exp(s) for s in scores))
    return [round(s - log_total, 4) for s in scores]


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(log_softmax(scores), dtype=float), 4).tolist())
