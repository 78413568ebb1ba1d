# Plugs the standard deviations in where the formula needs variances.
import math


def kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):
    var_p, var_q = sigma_p, sigma_q  # the mistake: a standard deviation is not a variance
    return 0.5 * math.log(var_q / var_p) + (var_p + (mu_p - mu_q) ** 2) / (2 * var_q) - 0.5


if __name__ == "__main__":
    mu_p, sigma_p, mu_q, sigma_q = map(float, input().split())
    print(f"{kl_divergence_normal(mu_p, sigma_p, mu_q, sigma_q):.4f}")
