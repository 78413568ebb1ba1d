# Reshapes the (C, H, W) image straight to (N, C*p*p) without moving any axis.
import numpy as np


def patchify(image, p, E, pos):
    C, H, W = image.shape
    grid = image.reshape(C, H // p, p, W // p, p)
    patches = image.reshape((H // p) * (W // p), C * p * p)
    tokens = patches @ E + pos
    return patches, tokens


if __name__ == "__main__":
    image = np.array(eval(input()), dtype=float)
    p = int(input())
    E = np.array(eval(input()), dtype=float)
    pos = np.array(eval(input()), dtype=float)
    patches, tokens = patchify(image, p, E, pos)
    print(np.round(patches, 4).tolist())
    print(np.round(tokens, 4).tolist())
