import math

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    """GPT-style causal self-attention. Parameters: c_attn = nn.Linear(d_model, 3 * d_model) (queries,
    keys, values side by side) and c_proj = nn.Linear(d_model, d_model). forward(x, cache) takes the new
    tokens x (B, T, d_model) and the keys and values of the earlier tokens, cache = (k, v) each
    (B, n_heads, L, d_head), or None; it returns (y, (k, v)): y (B, T, d_model) and the cache grown by T."""

    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.c_attn = nn.Linear(d_model, 3 * d_model)
        self.c_proj = nn.Linear(d_model, d_model)

    def forward(self, x, cache=None):
        B, T, d_model = x.shape
        qkv = self.c_attn(x).view(B, T, self.n_heads, 3 * (d_model // self.n_heads))
        q, k, v = (t.transpose(1, 2) for t in qkv.split(d_model // self.n_heads, dim=3))
        if cache is not None:
            k = torch.cat([cache[0], k], dim=2)
            v = torch.cat([cache[1], v], dim=2)
        L = k.shape[2] - T  # tokens already in the cache: new token i sits at position L + i
        visible = torch.ones(T, L + T, dtype=torch.bool, device=x.device).tril(diagonal=L)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        weights = scores.masked_fill(~visible, float("-inf")).softmax(dim=-1)
        y = (weights @ v).transpose(1, 2).reshape(B, T, d_model)
        return self.c_proj(y), (k, v)


if __name__ == "__main__":
    torch.set_num_threads(1)
    d_model = int(input())
    n_heads = int(input())
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in eval(input()).items()}
    x = torch.tensor(eval(input()), dtype=torch.float64)
    chunks = eval(input())
    model = CausalSelfAttention(d_model, n_heads).double()
    model.load_state_dict(state)
    with torch.no_grad():
        full, _ = model(x)
        pieces, cache, start = [], None, 0
        for size in chunks:
            y, cache = model(x[:, start : start + size], cache)
            pieces.append(y)
            start += size
        cached = torch.cat(pieces, dim=1)
    print(full.round(decimals=4).tolist())
    print(cached.round(decimals=4).tolist())
    print([list(cache[0].shape), list(cache[1].shape)])
