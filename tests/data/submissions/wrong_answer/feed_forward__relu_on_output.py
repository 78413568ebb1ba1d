# Mistake: applies ReLU after the second linear layer as well, clipping negative outputs.
import numpy as np


def feed_forward(x, W1, b1, W2, b2):
    hidden = np.maximum(0.0, x @ W1 + b1)
    return np.maximum(0.0, hidden @ W2 + b2)


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    W1 = np.array(eval(input()), dtype=float)
    b1 = np.array(eval(input()), dtype=float)
    W2 = np.array(eval(input()), dtype=float)
    b2 = np.array(eval(input()), dtype=float)
    print(np.round(np.asarray(feed_forward(x, W1, b1, W2, b2), dtype=float), 4).tolist())
