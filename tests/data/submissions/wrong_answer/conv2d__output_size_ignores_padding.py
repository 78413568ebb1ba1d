# Mistake: pads the input but computes the output size from the unpadded size.
import numpy as np


def simple_conv2d(input_matrix, kernel, padding, stride):
    input_matrix = np.array(input_matrix, dtype=float)
    kernel = np.array(kernel, dtype=float)
    kh, kw = kernel.shape
    padded = np.pad(input_matrix, padding, mode="constant")
    out_h = (input_matrix.shape[0] - kh) // stride + 1
    out_w = (input_matrix.shape[1] - kw) // stride + 1
    output = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = padded[i * stride : i * stride + kh, j * stride : j * stride + kw]
            # cross-correlation: the kernel slides as it is, never flipped
            output[i, j] = np.sum(window * kernel)
    return output


if __name__ == "__main__":
    input_matrix = np.array(eval(input()), dtype=float)
    kernel = np.array(eval(input()), dtype=float)
    padding = int(input())
    stride = int(input())
    output = simple_conv2d(input_matrix, kernel, padding, stride)
    print(np.round(np.asarray(output, dtype=float), 4).tolist())
