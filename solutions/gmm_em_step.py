import numpy as np


def log_gaussian(x, mu, var):
    return -0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var)


def em_step(x, pi, mu, var):
    x, pi, mu, var = (np.asarray(a, dtype=float) for a in (x, pi, mu, var))
    # E-step in log space: log(pi_k N(x_i | mu_k, var_k)), shape (n, K)
    log_joint = np.log(pi) + log_gaussian(x[:, None], mu, var)
    top = log_joint.max(axis=1, keepdims=True)
    log_px = top[:, 0] + np.log(np.exp(log_joint - top).sum(axis=1))
    resp = np.exp(log_joint - log_px[:, None])  # each row (one point) sums to 1 over components
    # M-step
    nk = resp.sum(axis=0)
    new_pi = nk / len(x)
    new_mu = resp.T @ x / nk
    new_var = (resp * (x[:, None] - new_mu) ** 2).sum(axis=0) / nk
    return resp, new_pi, new_mu, new_var, log_px.sum()


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
