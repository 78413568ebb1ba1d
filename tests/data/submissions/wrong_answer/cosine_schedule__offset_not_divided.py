# Shifts u by s without dividing by 1 + s, so f(1) is no longer 0.
import numpy as np


def cosine_schedule(T, s, steps):
    u = np.arange(T + 1) / T
    f = np.cos((u + s) * np.pi / 2) ** 2
    betas = np.minimum(1 - f[1:] / f[:-1], 0.999)  # f(1) = 0 would make beta_T = 1: clip it
    alpha_bar = np.cumprod(1 - betas)
    index = np.array(steps) - 1
    return betas[index], alpha_bar[index], np.sqrt(1 - alpha_bar[index])


if __name__ == "__main__":
    T = int(input())
    s = float(input())
    steps = eval(input())
    beta, alpha_bar, noise_scale = cosine_schedule(T, s, steps)
    print(np.round(beta, 4).tolist())
    print(np.round(alpha_bar, 4).tolist())
    print(np.round(noise_scale, 4).tolist())
