# Mistake: multiplies the densities and logs the product, which underflows to 0 (log = -inf) for many samples.
import numpy as np


def gaussian_mle(x):
    x = np.array(x, dtype=float)
    mu = x.mean()
    var = x.var()
    densities = np.exp(-((x - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    likelihood = np.prod(densities)
    return mu, var, np.log(likelihood)


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
