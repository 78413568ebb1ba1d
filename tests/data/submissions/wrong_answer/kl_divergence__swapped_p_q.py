# Computes KL(Q || P) instead of KL(P || Q).
import math


def kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):
    return math.log(sigma_p / sigma_q) + (sigma_q**2 + (mu_q - mu_p) ** 2) / (2 * sigma_p**2) - 0.5


if __name__ == "__main__":
    mu_p, sigma_p, mu_q, sigma_q = map(float, input().split())
    print(f"{kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):.4f}")
