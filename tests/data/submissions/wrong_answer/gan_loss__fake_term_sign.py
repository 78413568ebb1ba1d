# Adds the log(1 - D(G(z))) term of the discriminator loss instead of subtracting it.
import numpy as np


def gan_loss(d_real, d_fake):
    d_loss = -np.mean(np.log(d_real)) + np.mean(np.log(1 - d_fake))
    g_loss_saturating = np.mean(np.log(1 - d_fake))  # flat where D(G(z)) is near 0: weak gradients early on
    g_loss_non_saturating = -np.mean(np.log(d_fake))
    return d_loss, g_loss_saturating, g_loss_non_saturating


if __name__ == "__main__":
    d_real = np.array(eval(input()), dtype=float)
    d_fake = np.array(eval(input()), dtype=float)
    for value in gan_loss(d_real, d_fake):
        print(f"{value:.4f}")
