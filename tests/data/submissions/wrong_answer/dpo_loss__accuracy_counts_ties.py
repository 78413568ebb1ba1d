# Mistake: a pair whose two rewards are equal counts as correct (>= instead of >).
import numpy as np


def dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    """Each of the four: (B,) sequence log-probabilities (summed over the tokens of a response);
    beta > 0. Returns (loss, chosen_rewards, rejected_rewards, accuracy): loss and accuracy floats,
    the rewards of shape (B,)."""
    chosen_rewards = beta * (np.asarray(policy_chosen, dtype=float) - np.asarray(ref_chosen, dtype=float))
    rejected_rewards = beta * (np.asarray(policy_rejected, dtype=float) - np.asarray(ref_rejected, dtype=float))
    margin = chosen_rewards - rejected_rewards
    loss = np.mean(np.logaddexp(0.0, -margin))  # -log sigmoid(m) = log(1 + e^-m), finite for any m
    accuracy = np.mean(chosen_rewards >= rejected_rewards)
    return loss, chosen_rewards, rejected_rewards, accuracy


if __name__ == "__main__":
    policy_chosen = eval(input())
    policy_rejected = eval(input())
    ref_chosen = eval(input())
    ref_rejected = eval(input())
    beta = float(input())
    loss, chosen_rewards, rejected_rewards, accuracy = dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta)
    print(round(float(loss), 4))
    print(np.round(np.asarray(chosen_rewards, dtype=float), 4).tolist())
    print(np.round(np.asarray(rejected_rewards, dtype=float), 4).tolist())
    print(round(float(accuracy), 4))
