# Mistake: a sigmoid gate (the original GLU) instead of SiLU(h) = h * sigmoid(h).
import numpy as np


def silu(h):
    return 0.5 * (1.0 + np.tanh(h / 2.0))


def swiglu_ffn(x, W1, W2, W3):
    """x: (seq, d); W1, W3: (d, d_ff); W2: (d_ff, d). Returns (seq, d)."""
    x = np.asarray(x, dtype=float)
    gate = silu(x @ np.asarray(W1, dtype=float))  # only the x W1 branch goes through SiLU
    up = x @ np.asarray(W3, dtype=float)
    return (gate * up) @ np.asarray(W2, dtype=float)


if __name__ == "__main__":
    x = eval(input())
    W1 = eval(input())
    W2 = eval(input())
    W3 = eval(input())
    print(np.round(np.asarray(swiglu_ffn(x, W1, W2, W3), dtype=float), 4).tolist())
