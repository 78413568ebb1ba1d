# Mistake: the loss averages over all completion tokens of the batch at once instead of per completion first.
import numpy as np


def grpo_advantage(rewards, group_size, logp, old_logp, ref_logp, mask, clip_eps, beta, eps):
    """rewards: (Q*G,) one reward per completion, the G completions of a prompt consecutive;
    group_size: G >= 2; logp, old_logp, ref_logp: (Q*G, L) per-token log-probs under the policy,
    the policy that sampled, and the reference; mask: (Q*G, L), 1 for a completion token, 0 for
    padding; clip_eps, beta, eps: floats.
    Returns (advantages (Q*G,), per_token_loss (Q*G, L) with 0 on padding, loss a float)."""
    groups = np.asarray(rewards, dtype=float).reshape(-1, group_size)
    std = groups.std(axis=1, ddof=1, keepdims=True)  # unbiased (divide by G - 1), as torch's .std() in TRL
    advantages = ((groups - groups.mean(axis=1, keepdims=True)) / (std + eps)).ravel()
    logp, old_logp, ref_logp, mask = (np.asarray(m, dtype=float) for m in (logp, old_logp, ref_logp, mask))
    A = advantages[:, None]
    ratio = np.exp(logp - old_logp)
    surrogate = np.minimum(ratio * A, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * A)
    kl = np.exp(ref_logp - logp) - (ref_logp - logp) - 1
    per_token_loss = -(surrogate - beta * kl) * mask
    loss = per_token_loss.sum() / mask.sum()
    return advantages, per_token_loss, loss


if __name__ == "__main__":
    rewards = eval(input())
    group_size = int(input())
    logp = eval(input())
    old_logp = eval(input())
    ref_logp = eval(input())
    mask = eval(input())
    clip_eps = float(input())
    beta = float(input())
    eps = float(input())
    advantages, per_token_loss, loss = grpo_advantage(rewards, group_size, logp, old_logp, ref_logp, mask, clip_eps, beta, eps)
    print(np.round(np.asarray(advantages, dtype=float), 4).tolist())
    print(np.round(np.asarray(per_token_loss, dtype=float), 4).tolist())
    print(round(float(loss), 4))
