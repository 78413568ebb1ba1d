import numpy as np


def vector_quantize(z_e, codebook, beta):
    distances = np.sum((z_e[:, None, :] - codebook[None, :, :]) ** 2, axis=2)
    indices = np.argmin(distances, axis=1)  # one code per input row; argmin keeps the lowest index on ties
    z_q = codebook[indices]
    mse = np.mean((z_e - z_q) ** 2)
    codebook_loss = mse
    commitment_loss = beta * mse
    return indices, z_q, codebook_loss, commitment_loss, codebook_loss + commitment_loss


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
