# Mistake: spreads eps/(K-1) over the other classes with 1 - eps on the target (fairseq), not eps/K everywhere.
import numpy as np


def log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # never log(0), even for gaps of 1000


def label_smoothing_ce(logits, targets, epsilon, ignore_index):
    """logits: (N, K); targets: (N,) class ids or ignore_index; epsilon: float; ignore_index: int.
    Returns (per-row losses (N,), 0 for ignored rows; their mean over the rows not ignored)."""
    z = np.asarray(logits, dtype=float)
    targets = np.asarray(targets)
    N, K = z.shape
    keep = targets != ignore_index
    q = np.full((N, K), epsilon / (K - 1))
    q[np.arange(N)[keep], targets[keep]] = 1.0 - epsilon
    per_row = np.where(keep, -(q * log_softmax(z)).sum(axis=1), 0.0)
    return per_row, per_row.sum() / keep.sum()


if __name__ == "__main__":
    logits = eval(input())
    targets = eval(input())
    epsilon = float(input())
    ignore_index = int(input())
    per_row, loss = label_smoothing_ce(logits, targets, epsilon, ignore_index)
    print(np.round(np.asarray(per_row, dtype=float), 4).tolist())
    print(round(float(loss), 4))
