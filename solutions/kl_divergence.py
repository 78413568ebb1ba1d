import math


def kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):
    # KL(P || Q): the expectation is taken under P, so Q's variance sits in the denominator
    return math.log(sigma_q / sigma_p) + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2) - 0.5


if __name__ == "__main__":
    mu_p, sigma_p, mu_q, sigma_q = map(float, input().split())
    print(f"{kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):.4f}")
