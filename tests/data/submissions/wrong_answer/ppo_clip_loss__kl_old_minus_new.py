# Mistake: the approximate KL is the plain mean of old_logp - new_logp (the k1 estimator).
import numpy as np


def ppo_clip_loss(new_logp, old_logp, advantages, clip_eps):
    """new_logp, old_logp, advantages: (T,) per-token values; clip_eps: the clip range epsilon.
    Returns (loss, clip_fraction, approx_kl), three floats."""
    log_ratio = np.asarray(new_logp, dtype=float) - np.asarray(old_logp, dtype=float)
    ratio = np.exp(log_ratio)
    A = np.asarray(advantages, dtype=float)
    surrogate = np.minimum(ratio * A, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * A)
    loss = -np.mean(surrogate)  # PPO maximises the surrogate; the optimiser minimises its negative
    clip_fraction = np.mean(np.abs(ratio - 1) > clip_eps)
    approx_kl = np.mean(-log_ratio)
    return loss, clip_fraction, approx_kl


if __name__ == "__main__":
    new_logp = eval(input())
    old_logp = eval(input())
    advantages = eval(input())
    clip_eps = float(input())
    loss, clip_fraction, approx_kl = ppo_clip_loss(new_logp, old_logp, advantages, clip_eps)
    print(round(float(loss), 4))
    print(round(float(clip_fraction), 4))
    print(round(float(approx_kl), 4))
