# Expands the squared distance but multiplies z_e @ codebook without transposing: shapes N x D and K x D do not align.
import numpy as np


def vector_quantize(z_e, codebook, beta):
    distances = np.sum(z_e**2, axis=1)[:, None] - 2 * z_e @ codebook + np.sum(codebook**2, axis=1)[None, :]
    indices = np.argmin(distances, axis=1)
    z_q = codebook[indices]
    mse = np.mean((z_e - z_q) ** 2)
    return indices, z_q, mse, beta * mse, (1 + beta) * mse


if __name__ == "__main__":
    z_e = np.array(eval(input()), dtype=float)
    codebook = np.array(eval(input()), dtype=float)
    beta = float(input())
    indices, z_q, codebook_loss, commitment_loss, vq_loss = vector_quantize(z_e, codebook, beta)
    print(np.asarray(indices).tolist())
    print(np.round(z_q, 4).tolist())
    print(f"{codebook_loss:.4f}")
    print(f"{commitment_loss:.4f}")
    print(f"{vq_loss:.4f}")
