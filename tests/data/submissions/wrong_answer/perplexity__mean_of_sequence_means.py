# Mistake: averages the per-sequence mean NLLs instead of all tokens at once.
import numpy as np


def perplexity(logits, targets, mask):
    """logits: (B, T, V); targets: (B, T) token ids; mask: (B, T) of 0/1, 1 = counted.
    Returns (mean NLL over the counted tokens, perplexity = exp of it)."""
    z = np.asarray(logits, dtype=float)
    targets = np.asarray(targets)
    counted = np.asarray(mask) == 1
    shifted = z - z.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    b, t = np.indices(targets.shape)
    nll = -log_p[b, t, targets]
    per_sequence = (nll * counted).sum(axis=1) / counted.sum(axis=1)
    mean_nll = per_sequence.mean()
    return mean_nll, np.exp(mean_nll)


if __name__ == "__main__":
    logits = eval(input())
    targets = eval(input())
    mask = eval(input())
    nll, ppl = perplexity(logits, targets, mask)
    print(round(float(nll), 4))
    print(round(float(ppl), 4))
