# Mistake: loops with math.log over every outcome; math.log(0) raises ValueError when some p_i is 0.
import math


def entropy(p):
    return -sum(pi * math.log(pi) for pi in p)


def cross_entropy(p, q):
    return -sum(pi * math.log(qi) for pi, qi in zip(p, q))


def kl_divergence(p, q):
    return sum(pi * math.log(pi / qi) for pi, qi in zip(p, q))


def entropy_measures(p, q):
    return entropy(p), cross_entropy(p, q), kl_divergence(p, q)


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    for value in entropy_measures(p, q):
        print(f"{value:.4f}")
