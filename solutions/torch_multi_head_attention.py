import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    """Self-attention over x of shape (B, T, d_model) with n_heads heads; returns (B, T, d_model).
    Parameters: q_proj, k_proj, v_proj, out_proj, each nn.Linear(d_model, d_model) with bias."""

    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def split_heads(self, t):
        B, T, d_model = t.shape
        return t.view(B, T, self.n_heads, d_model // self.n_heads).transpose(1, 2)  # (B, heads, T, d_head)

    def forward(self, x, causal=False):
        B, T, d_model = x.shape
        q, k, v = (self.split_heads(proj(x)) for proj in (self.q_proj, self.k_proj, self.v_proj))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d_model // self.n_heads)
        if causal:
            future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(future, float("-inf"))  # before the softmax: each row still sums to 1
        heads = scores.softmax(dim=-1) @ v
        return self.out_proj(heads.transpose(1, 2).reshape(B, T, d_model))


if __name__ == "__main__":
    torch.set_num_threads(1)
    d_model = int(input())
    n_heads = int(input())
    causal = eval(input())
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in eval(input()).items()}
    x = torch.tensor(eval(input()), dtype=torch.float64, requires_grad=True)
    dy = torch.tensor(eval(input()), dtype=torch.float64)
    model = MultiHeadAttention(d_model, n_heads).double()
    model.load_state_dict(state)
    y = model(x, causal)
    y.backward(dy)
    print(y.detach().round(decimals=4).tolist())
    print(x.grad.round(decimals=4).tolist())
    parameters = dict(model.named_parameters())
    for name in state:
        print(parameters[name].grad.round(decimals=4).tolist())
