# Mistake: prints the standard deviation sigma where the variance sigma^2 is asked.
import numpy as np


def gaussian_mle(x):
    x = np.array(x, dtype=float)
    mu = x.mean()
    sigma = x.std()
    log_likelihood = np.sum(-np.log(np.sqrt(2 * np.pi) * sigma) - (x - mu) ** 2 / (2 * sigma**2))
    return mu, sigma, log_likelihood


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
