# Mistake: the softmax is taken down each column (over the examples) instead of over the classes.
import numpy as np


def softmax_ce_backward(logits, targets):
    """logits: (N, C); targets: (N,) class indices. Returns (loss, dlogits): a float and an (N, C) array."""
    N = logits.shape[0]
    shifted = logits - logits.max(axis=0, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
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
