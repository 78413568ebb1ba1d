import torch
import torch.nn.functional as F


def conv2d_unfold(x, weight, bias, stride, padding):
    """x: (N, C, H, W); weight: (C_out, C, kh, kw); bias: (C_out,) or None; stride, padding: (sh, sw),
    (ph, pw). Returns the cross-correlation, (N, C_out, H_out, W_out), through F.unfold and one matmul."""
    N, C, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = (H + 2 * padding[0] - kh) // stride[0] + 1
    W_out = (W + 2 * padding[1] - kw) // stride[1] + 1
    cols = F.unfold(x, (kh, kw), padding=padding, stride=stride)  # (N, C*kh*kw, L), rows ordered (c, i, j)
    out = cols.transpose(1, 2) @ weight.reshape(C_out, -1).t()
    if bias is not None:
        out = out + bias
    return out.view(N, C_out, H_out, W_out)


if __name__ == "__main__":
    torch.set_num_threads(1)
    x = torch.tensor(eval(input()), dtype=torch.float64, requires_grad=True)
    weight = torch.tensor(eval(input()), dtype=torch.float64, requires_grad=True)
    bias = eval(input())
    bias = None if bias is None else torch.tensor(bias, dtype=torch.float64)
    stride = tuple(eval(input()))
    padding = tuple(eval(input()))
    out = conv2d_unfold(x, weight, bias, stride, padding)
    (out**2 / 2).sum().backward()
    print(out.detach().round(decimals=4).tolist())
    print(x.grad.round(decimals=4).tolist())
    print(weight.grad.round(decimals=4).tolist())
