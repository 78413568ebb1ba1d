# Mistake: dWh pairs dz_t with h_t instead of the previous state h_{t-1} that Wh multiplied.
import numpy as np


def rnn_bptt(input_sequence, initial_hidden_state, Wx, Wh, b, dh):
    """x: (T, D); h0: (H,); Wx: (H, D); Wh: (H, H); b: (H,); dh: (T, H), the gradient arriving at each h_t.
    Returns (h, dWx, dWh, db, dh0): the states h_1..h_T as (T, H), then gradients shaped like Wx, Wh, b, h0."""
    x, h0 = input_sequence, initial_hidden_state
    T = len(x)
    h = np.zeros((T, len(h0)))
    prev = h0
    for t in range(T):
        h[t] = np.tanh(Wx @ x[t] + Wh @ prev + b)
        prev = h[t]
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    carry = np.zeros_like(h0)  # dL/dh_t through step t + 1
    for t in reversed(range(T)):
        h_prev = h[t - 1] if t > 0 else h0
        # the carried gradient goes through this step's tanh too, not only the one arriving from outside
        dz = (dh[t] + carry) * (1.0 - h[t] ** 2)
        dWx += np.outer(dz, x[t])
        dWh += np.outer(dz, h[t])
        db += dz
        carry = Wh.T @ dz
    return h, dWx, dWh, db, carry


if __name__ == "__main__":
    input_sequence = np.array(eval(input()), dtype=float)
    initial_hidden_state = np.array(eval(input()), dtype=float)
    Wx = np.array(eval(input()), dtype=float)
    Wh = np.array(eval(input()), dtype=float)
    b = np.array(eval(input()), dtype=float)
    dh = np.array(eval(input()), dtype=float)
    h, dWx, dWh, db, dh0 = rnn_bptt(input_sequence, initial_hidden_state, Wx, Wh, b, dh)
    for label, value in (("h", h), ("dWx", dWx), ("dWh", dWh), ("db", db), ("dh0", dh0)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
