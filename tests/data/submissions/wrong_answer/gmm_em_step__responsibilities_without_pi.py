# Mistake: leaves the mixing weights pi out of the E-step responsibilities.
import numpy as np


def em_step(x, pi, mu, var):
    x, pi, mu, var = np.array(x, dtype=float), np.array(pi, dtype=float), np.array(mu, dtype=float), np.array(var, dtype=float)
    a = np.log(pi) - 0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
    m = a.max(axis=1, keepdims=True)
    log_likelihood = (m + np.log(np.exp(a - m).sum(axis=1, keepdims=True))).sum()
    b = a - np.log(pi)
    b = b - b.max(axis=1, keepdims=True)
    resp = np.exp(b) / np.exp(b).sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    new_pi = nk / len(x)
    new_mu = (resp * x[:, None]).sum(axis=0) / nk
    new_var = (resp * (x[:, None] - new_mu) ** 2).sum(axis=0) / nk
    return resp, new_pi, new_mu, new_var, log_likelihood


if __name__ == "__main__":
    x = eval(input())
    pi = eval(input())
    mu = eval(input())
    var = eval(input())
    resp, new_pi, new_mu, new_var, log_likelihood = em_step(x, pi, mu, var)
    print(np.round(resp, 4).tolist())
    print(np.round(new_pi, 4).tolist())
    print(np.round(new_mu, 4).tolist())
    print(np.round(new_var, 4).tolist())
    print(f"{log_likelihood:.4f}")
