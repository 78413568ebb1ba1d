# Mistake: sets h = o * c, forgetting to squash the cell state with tanh.
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def lstm_forward(x, h0, c0, Wf, bf, Wi, bi, Wc, bc, Wo, bo):
    h, c = h0, c0
    outputs = []
    for xt in x:
        concat = np.concatenate([h, xt])
        f = sigmoid(Wf @ concat + bf)
        i = sigmoid(Wi @ concat + bi)
        c_tilde = np.tanh(Wc @ concat + bc)
        o = sigmoid(Wo @ concat + bo)
        c = f * c + i * c_tilde
        h = o * c
        outputs.append(h)
    return np.array(outputs), h, c


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    h0 = np.array(eval(input()), dtype=float)
    c0 = np.array(eval(input()), dtype=float)
    Wf, bf = np.array(eval(input()), dtype=float), np.array(eval(input()), dtype=float)
    Wi, bi = np.array(eval(input()), dtype=float), np.array(eval(input()), dtype=float)
    Wc, bc = np.array(eval(input()), dtype=float), np.array(eval(input()), dtype=float)
    Wo, bo = np.array(eval(input()), dtype=float), np.array(eval(input()), dtype=float)
    outputs, h, c = lstm_forward(x, h0, c0, Wf, bf, Wi, bi, Wc, bc, Wo, bo)
    print(np.round(outputs, 4).tolist())
    print(np.round(h, 4).tolist())
    print(np.round(c, 4).tolist())
