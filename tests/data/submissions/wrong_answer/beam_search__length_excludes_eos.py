# Mistake: the length in the penalty leaves the EOS token out.
import numpy as np


def beam_search(logp, start, eos, beam_width, max_len, alpha):
    """logp: (V, V), logp[a][b] = log P(next token b | previous token a); start: the token before the
    first generated one; eos: the id that ends a hypothesis; beam_width >= 1; max_len >= 1 generated
    tokens at most, EOS included; alpha: the length-penalty exponent.
    Returns the finished hypotheses, best first: a list of (tokens, score), tokens a list of ids."""
    logp = np.asarray(logp, dtype=float)
    beam = [([], 0.0)]  # (generated tokens, sum of their log-probs)
    finished = []
    for _ in range(max_len):
        candidates = [
            (tokens + [b], total + logp[tokens[-1] if tokens else start, b])
            for tokens, total in beam
            for b in range(len(logp))
        ]
        candidates.sort(key=lambda c: (-c[1], c[0]))
        # every finished hypothesis takes its slot for good: the live beam shrinks by one
        width = beam_width - len(finished)
        beam = []
        for tokens, total in candidates[:width]:
            (finished if tokens[-1] == eos else beam).append((tokens, total))
        if not beam:
            break
    finished += beam
    scored = [(tokens, total / (len(tokens) - (tokens[-1] == eos)) ** alpha) for tokens, total in finished]
    return sorted(scored, key=lambda h: (-h[1], h[0]))


if __name__ == "__main__":
    logp = eval(input())
    start = int(input())
    eos = int(input())
    beam_width = int(input())
    max_len = int(input())
    alpha = float(input())
    for tokens, score in beam_search(logp, start, eos, beam_width, max_len, alpha):
        print([int(t) for t in tokens], round(float(score), 4))
