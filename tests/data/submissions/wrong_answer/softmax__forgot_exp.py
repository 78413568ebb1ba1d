# Normalises the raw scores by their sum, forgetting the exponential.
import numpy as np


def softmax(scores):
    scores = np.array(scores, dtype=float)
    return scores / scores.sum()


if __name__ == "__main__":
    scores = eval(input())
    print(np.round(np.asarray(softmax(scores), dtype=float), 4).tolist())
