# Mistake: math.log of the product of densities; the product underflows to 0 and math.log raises ValueError.
import math


def gaussian_mle(x):
    n = len(x)
    mu = sum(x) / n
    var = sum((xi - mu) ** 2 for xi in x) / n
    likelihood = 1.0
    for xi in x:
        likelihood *= math.exp(-((xi - mu) ** 2) / (2 * var)) / math.sqrt(2 * math.pi * var)
    return mu, var, math.log(likelihood)


if __name__ == "__main__":
    x = eval(input())
    for value in gaussian_mle(x):
        print(f"{value:.4f}")
