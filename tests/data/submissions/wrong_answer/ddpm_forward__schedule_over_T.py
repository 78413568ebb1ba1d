# Spaces the betas by (beta_T - beta_1) / T, so the schedule stops short of beta_T.
import numpy as np


def linear_betas(T, beta_1, beta_T):
    return beta_1 + (beta_T - beta_1) * np.arange(T) / T


def ddpm_forward(x0, eps, t, T, beta_1, beta_T):
    betas = linear_betas(T, beta_1, beta_T)
    alpha_bar = np.cumprod(1 - betas)
    beta_t, alpha_bar_t = betas[t - 1], alpha_bar[t - 1]  # t is 1-based: step t lives at index t - 1
    x_t = np.sqrt(alpha_bar_t) * x0 + np.sqrt(1 - alpha_bar_t) * eps
    return beta_t, alpha_bar_t, x_t


if __name__ == "__main__":
    x0 = np.array(eval(input()), dtype=float)
    eps = np.array(eval(input()), dtype=float)
    t = int(input())
    T = int(input())
    beta_1 = float(input())
    beta_T = float(input())
    beta_t, alpha_bar_t, x_t = ddpm_forward(x0, eps, t, T, beta_1, beta_T)
    print(f"{beta_t:.4f}")
    print(f"{alpha_bar_t:.4f}")
    print(np.round(x_t, 4).tolist())
