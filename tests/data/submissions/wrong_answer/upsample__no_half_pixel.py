# Maps output pixel dst to src = dst / factor (top-left corners, the old TensorFlow default) without the half-pixel shift.
import numpy as np


def source_coords(n_in, factor):
    dst = np.arange(n_in * factor)
    src = dst / factor
    i0 = np.floor(src).astype(int)
    i1 = np.minimum(i0 + 1, n_in - 1)
    return i0, i1, src - i0


def upsample(x, scale_factor, mode):
    x = np.asarray(x, dtype=float)
    if mode == "nearest":
        return np.repeat(np.repeat(x, scale_factor, axis=0), scale_factor, axis=1)
    r0, r1, wr = source_coords(x.shape[0], scale_factor)
    c0, c1, wc = source_coords(x.shape[1], scale_factor)
    rows = (1 - wr)[:, None] * x[r0] + wr[:, None] * x[r1]
    return (1 - wc) * rows[:, c0] + wc * rows[:, c1]


if __name__ == "__main__":
    x = eval(input())
    scale_factor = int(input())
    mode = input().strip()
    print(np.round(upsample(x, scale_factor, mode), 4).tolist())
