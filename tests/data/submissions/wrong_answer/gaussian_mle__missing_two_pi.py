# Mistake: drops the 2*pi normalising constant from the Gaussian log-density.
import numpy as np


def gaussian_mle(x):
    x = np.array(x, dtype=float)
    mu = x.mean()
    var = x.var()
    log_likelihood = np.sum(-0.5 * np.log(var) - (x - mu) ** 2 / (2 * var))
    return mu, var, log_likelihood


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
