import numpy as np


def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    mu = x.mean()
    var = np.mean((x - mu) ** 2)  # divide by n (biased): that is what maximizes the likelihood
    log_likelihood = -0.5 * n * np.log(2 * np.pi * var) - 0.5 * np.sum((x - mu) ** 2) / var
    return mu, var, log_likelihood


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
