# Starts from the conditional prediction and steps towards the unconditional one.
import numpy as np


def cfg_guidance(x_t, eps_uncond, eps_cond, w, t, T, beta_1, beta_T):
    betas = np.linspace(beta_1, beta_T, T)
    alpha_bar = np.cumprod(1 - betas)
    beta_t, alpha_bar_t = betas[t - 1], alpha_bar[t - 1]
    eps_guided = eps_cond + w * (eps_uncond - eps_cond)
    mean = (x_t - beta_t / np.sqrt(1 - alpha_bar_t) * eps_guided) / np.sqrt(1 - beta_t)
    return eps_guided, mean


if __name__ == "__main__":
    x_t = np.array(eval(input()), dtype=float)
    eps_uncond = np.array(eval(input()), dtype=float)
    eps_cond = np.array(eval(input()), dtype=float)
    w = float(input())
    t = int(input())
    T = int(input())
    beta_1 = float(input())
    beta_T = float(input())
    eps_guided, mean = cfg_guidance(x_t, eps_uncond, eps_cond, w, t, T, beta_1, beta_T)
    print(np.round(eps_guided, 4).tolist())
    print(np.round(mean, 4).tolist())
