# Mistake: multiplies the hidden state by Wh from the left (h @ Wh), i.e. uses Wh transposed.
import numpy as np


def rnn_forward(input_sequence, initial_hidden_state, Wx, Wh, b):
    h = np.array(initial_hidden_state, dtype=float)
    Wx, Wh, b = np.array(Wx, dtype=float), np.array(Wh, dtype=float), np.array(b, dtype=float)
    for x in input_sequence:
        # Wx is (hidden, input) and Wh is (hidden, hidden): matrix times column vector
        h = np.tanh(Wx @ np.array(x, dtype=float) + h @ Wh + b)
    return h


if __name__ == "__main__":
    input_sequence = eval(input())
    initial_hidden_state = eval(input())
    Wx = eval(input())
    Wh = eval(input())
    b = eval(input())
    h = rnn_forward(input_sequence, initial_hidden_state, Wx, Wh, b)
    print(np.round(np.asarray(h, dtype=float), 4).tolist())
