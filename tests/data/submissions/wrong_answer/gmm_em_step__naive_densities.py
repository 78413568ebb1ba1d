# Mistake: computes the densities directly; far points underflow to 0 and give 0/0 = nan.
import numpy as np


def em_step(x, pi, mu, var):
    x, pi, mu, var = np.array(x, dtype=float), np.array(pi, dtype=float), np.array(mu, dtype=float), np.array(var, dtype=float)
    dens = pi * np.exp(-((x[:, None] - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    total = dens.sum(axis=1, keepdims=True)
    resp = dens / total
    log_likelihood = np.log(total).sum()
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
