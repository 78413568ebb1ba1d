# Drops the minus sign of the KL closed form, so the KL comes out negative.
import numpy as np


def reparameterize(mu, logvar, eps):
    sigma = np.exp(0.5 * logvar)  # logvar is log(sigma^2), so sigma = exp(logvar / 2)
    return mu + sigma * eps


def kl_to_standard_normal(mu, logvar):
    return 0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=1)


def vae_loss(x, mu, logvar, eps, W, b):
    z = reparameterize(mu, logvar, eps)
    x_hat = z @ W + b
    recon = np.sum((x - x_hat) ** 2, axis=1).mean()
    kl = kl_to_standard_normal(mu, logvar).mean()
    return z, recon, kl, recon + kl


if __name__ == "__main__":
    x = np.array(eval(input()), dtype=float)
    mu = np.array(eval(input()), dtype=float)
    logvar = np.array(eval(input()), dtype=float)
    eps = np.array(eval(input()), dtype=float)
    W = np.array(eval(input()), dtype=float)
    b = np.array(eval(input()), dtype=float)
    z, recon, kl, loss = vae_loss(x, mu, logvar, eps, W, b)
    print(np.round(z, 4).tolist())
    print(f"{recon:.4f}")
    print(f"{kl:.4f}")
    print(f"{loss:.4f}")
