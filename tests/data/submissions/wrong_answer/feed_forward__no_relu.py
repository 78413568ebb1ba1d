# Mistake: leaves out the ReLU, so the block collapses to one linear map.
import numpy as np


def feed_forward(x, W1, b1, W2, b2):
    hidden = x @ W1 + b1
    return hidden @ W2 + b2


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    W1 = np.array(eval(input()), dtype=float)
    b1 = np.array(eval(input()), dtype=float)
    W2 = np.array(eval(input()), dtype=float)
    b2 = np.array(eval(input()), dtype=float)
    print(np.round(np.asarray(feed_forward(x, W1, b1, W2, b2), dtype=float), 4).tolist())
