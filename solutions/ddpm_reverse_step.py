import numpy as np


def schedule(T, beta_1, beta_T):
    betas = np.linspace(beta_1, beta_T, T)
    alphas = 1 - betas
    return betas, alphas, np.cumprod(alphas)


def ddpm_reverse_step(x_t, eps_hat, z, t, T, beta_1, beta_T, variance):
    betas, alphas, alpha_bar = schedule(T, beta_1, beta_T)
    beta_t, alpha_t, alpha_bar_t = betas[t - 1], alphas[t - 1], alpha_bar[t - 1]
    alpha_bar_prev = alpha_bar[t - 2] if t > 1 else 1.0
    mean = (x_t - beta_t / np.sqrt(1 - alpha_bar_t) * eps_hat) / np.sqrt(alpha_t)
    if t == 1:
        sigma2 = 0.0  # the last step returns the mean: no noise is added at t = 1
    elif variance == "beta":
        sigma2 = beta_t
    else:
        sigma2 = (1 - alpha_bar_prev) / (1 - alpha_bar_t) * beta_t
    x_prev = mean + np.sqrt(sigma2) * z
    return mean, sigma2, x_prev


if __name__ == "__main__":
    x_t = np.array(eval(input()), dtype=float)
    eps_hat = np.array(eval(input()), dtype=float)
    z = np.array(eval(input()), dtype=float)
    t = int(input())
    T = int(input())
    beta_1 = float(input())
    beta_T = float(input())
    variance = input().strip()
    mean, sigma2, x_prev = ddpm_reverse_step(x_t, eps_hat, z, t, T, beta_1, beta_T, variance)
    print(np.round(mean, 4).tolist())
    print(f"{sigma2:.4f}")
    print(np.round(x_prev, 4).tolist())
