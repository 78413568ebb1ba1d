# Mistake: exp() of the raw logits; a logit near 1000 overflows to inf.
import numpy as np


def softmax_ce_backward(logits, targets):
    """logits: (N, C); targets: (N,) class indices. Returns (loss, dlogits): a float and an (N, C) array."""
    N = logits.shape[0]
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), targets].mean()
    dlogits = np.exp(log_probs)
    dlogits[np.arange(N), targets] -= 1.0
    return loss, dlogits / N  # the loss is a batch mean, so every gradient carries 1/N


if __name__ == "__main__":
    logits = np.array(eval(input()), dtype=float)
    targets = np.array(eval(input()), dtype=int)
    loss, dlogits = softmax_ce_backward(logits, targets)
    for label, value in (("loss", loss), ("dlogits", dlogits)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
