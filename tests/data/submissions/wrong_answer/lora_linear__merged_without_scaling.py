# Mistake: the forward pass scales the update by alpha / r but the merged weight adds B A unscaled.
import numpy as np


def lora_linear(x, W, A, B, alpha):
    """x: (n, d_in) inputs; W: (d_out, d_in) frozen weight; A: (r, d_in) and B: (d_out, r) the
    low-rank factors; alpha: the LoRA scale numerator.
    Returns (y, W_merged): y, shape (n, d_out), and W_merged, shape (d_out, d_in)."""
    x, W, A, B = (np.asarray(m, dtype=float) for m in (x, W, A, B))
    scaling = alpha / A.shape[0]  # alpha / r, r = the rank (rows of A)
    y = x @ W.T + scaling * (x @ A.T) @ B.T
    W_merged = W + B @ A
    return y, W_merged


if __name__ == "__main__":
    x = eval(input())
    W = eval(input())
    A = eval(input())
    B = eval(input())
    alpha = float(input())
    y, W_merged = lora_linear(x, W, A, B, alpha)
    print(np.round(np.asarray(y, dtype=float), 4).tolist())
    print(np.round(np.asarray(W_merged, dtype=float), 4).tolist())
