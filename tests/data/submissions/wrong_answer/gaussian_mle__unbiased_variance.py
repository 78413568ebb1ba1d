# Mistake: divides the variance by n - 1 (unbiased) instead of n (maximum likelihood).
import numpy as np


def gaussian_mle(x):
    x = np.array(x, dtype=float)
    n = len(x)
    mu = np.mean(x)
    var = np.var(x, ddof=1)
    log_likelihood = np.sum(-0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var))
    return mu, var, log_likelihood


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
