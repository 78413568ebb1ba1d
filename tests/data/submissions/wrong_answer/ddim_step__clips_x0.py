# Clamps the predicted x0 to [-1, 1], as diffusers' DDIMScheduler does by default (clip_sample=True).
import numpy as np


def ddim_step(x_t, eps_hat, z, t, t_prev, T, beta_1, beta_T, eta):
    alpha_bar = np.cumprod(1 - np.linspace(beta_1, beta_T, T))
    alpha_bar_t = alpha_bar[t - 1]
    alpha_bar_prev = alpha_bar[t_prev - 1] if t_prev > 0 else 1.0
    x0_hat = np.clip((x_t - np.sqrt(1 - alpha_bar_t) * eps_hat) / np.sqrt(alpha_bar_t), -1, 1)
    # the ratio alpha_bar_t / alpha_bar_prev covers the whole jump from t to t_prev, not one step
    sigma = eta * np.sqrt((1 - alpha_bar_prev) / (1 - alpha_bar_t) * (1 - alpha_bar_t / alpha_bar_prev))
    direction = np.sqrt(1 - alpha_bar_prev - sigma**2) * eps_hat
    x_prev = np.sqrt(alpha_bar_prev) * x0_hat + direction + sigma * z
    return x0_hat, sigma, direction, x_prev


if __name__ == "__main__":
    x_t = np.array(eval(input()), dtype=float)
    eps_hat = np.array(eval(input()), dtype=float)
    z = np.array(eval(input()), dtype=float)
    t = int(input())
    t_prev = int(input())
    T = int(input())
    beta_1 = float(input())
    beta_T = float(input())
    eta = float(input())
    x0_hat, sigma, direction, x_prev = ddim_step(x_t, eps_hat, z, t, t_prev, T, beta_1, beta_T, eta)
    print(np.round(x0_hat, 4).tolist())
    print(f"{sigma:.4f}")
    print(np.round(direction, 4).tolist())
    print(np.round(x_prev, 4).tolist())
