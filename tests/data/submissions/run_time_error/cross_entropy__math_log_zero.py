# Mistake: loops with math.log over every outcome; math.log(0) raises ValueError when some p_i is 0.
import math


def entropy(p):
    return -sum(pi * math.log(pi) for pi in p)


def cross_entropy(p, q):
    return -sum(pi * math.log(qi) for pi, qi in zip(p, q))


def kl_divergence(p, q):
    return sum(pi * math.log(pi / qi) for pi, qi in zip(p, q))


if __name__ == "__main__":
    p = eval(input())
    q = eval(input())
    print(round(entropy(p), 4))
    print(round(cross_entropy(p, q), 4))
    print(round(kl_divergence(p, q), 4))
