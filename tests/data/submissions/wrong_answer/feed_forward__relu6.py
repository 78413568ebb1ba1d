# Mistake: ReLU6 (min(max(0, h), 6)) instead of ReLU; hidden activations above 6 are clipped.
import numpy as np


def feed_forward(x, W1, b1, W2, b2):
    hidden = np.clip(x @ W1 + b1, 0.0, 6.0)
    return hidden @ W2 + b2


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    W1 = np.array(eval(input()), dtype=float)
    b1 = np.array(eval(input()), dtype=float)
    W2 = np.array(eval(input()), dtype=float)
    b2 = np.array(eval(input()), dtype=float)
    print(np.round(np.asarray(feed_forward(x, W1, b1, W2, b2), dtype=float), 4).tolist())
