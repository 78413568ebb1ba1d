# Mistake: computes x @ Wx, i.e. uses Wx transposed (Wx is hidden x input).
import numpy as np


def rnn_forward(input_sequence, initial_hidden_state, Wx, Wh, b):
    h = np.array(initial_hidden_state, dtype=float)
    Wx, Wh, b = np.array(Wx, dtype=float), np.array(Wh, dtype=float), np.array(b, dtype=float)
    for x in input_sequence:
        # Wx is (hidden, input) and Wh is (hidden, hidden): matrix times column vector
        h = np.tanh(np.array(x, dtype=float) @ Wx + Wh @ h + b)
    return h


if __name__ == "__main__":
    input_sequence = eval(input())
    initial_hidden_state = eval(input())
    Wx = eval(input())
    Wh = eval(input())
    b = eval(input())
    h = rnn_forward(input_sequence, initial_hidden_state, Wx, Wh, b)
    print(np.round(np.asarray(h, dtype=float), 4).tolist())
