import torch
from torch import nn


class LayerNorm(nn.Module):
    """Normalises x of shape (..., d) over its last axis. Parameters: weight (d,), initialised to ones,
    and bias (d,), initialised to zeros."""

    def __init__(self, d, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d))
        self.bias = nn.Parameter(torch.zeros(d))

    def forward(self, x):
        mean = x.mean(dim=0, keepdim=True)
        var = ((x - mean) ** 2).mean(dim=0, keepdim=True)
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias


if __name__ == "__main__":
    torch.set_num_threads(1)
    d = int(input())
    eps = float(input())
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in eval(input()).items()}
    x = torch.tensor(eval(input()), dtype=torch.float64, requires_grad=True)
    dy = torch.tensor(eval(input()), dtype=torch.float64)
    model = LayerNorm(d, eps).double()
    model.load_state_dict(state)
    y = model(x)
    y.backward(dy)
    print(y.detach().round(decimals=4).tolist())
    print(x.grad.round(decimals=4).tolist())
    print(model.weight.grad.round(decimals=4).tolist())
    print(model.bias.grad.round(decimals=4).tolist())
