"""Independent checks of the torch chapter, on every stored case: torch's own building blocks
(nn.MultiheadAttention, F.layer_norm, F.conv2d, gradcheck) or numpy with hand-derived gradients as
oracles, compared with the stored expected output that the reference printed."""

from __future__ import annotations

import ast
from typing import Any

import numpy as np
import pytest
import yaml

from conftest import PROBLEMS, load_solution

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

ROUNDED = 5.1e-5  # the stored output is rounded to 4 decimals


def printed_cases(problem_id: str) -> list:  # type: ignore[type-arg]
    """(stdin lines, the stored output's lines as Python values) of every case, named after the case."""
    problem = yaml.safe_load((PROBLEMS / f"{problem_id}.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(
            case["stdin"].splitlines(),
            [ast.literal_eval(s) for s in case["stdout"].splitlines()],
            id=case["name"],
        )
        for case in problem["cases"]
    ]


def tensor(value: Any, grad: bool = False) -> Any:
    return torch.tensor(value, dtype=torch.float64, requires_grad=grad)


def assert_printed(printed: list[Any], computed: list[Any]) -> None:
    """Every printed line equals the oracle's tensor up to the 4-decimal rounding."""
    assert len(printed) == len(computed)
    for line, value in zip(printed, computed, strict=True):
        expected = value.detach().numpy() if hasattr(value, "detach") else np.asarray(value)
        np.testing.assert_allclose(np.asarray(line, dtype=float), expected, rtol=0, atol=ROUNDED)


# ------------------------------------------------------------ torch_multi_head_attention


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_multi_head_attention"))
def test_multi_head_attention_matches_nn_multihead_attention(lines: list[str], printed: list[Any]) -> None:
    """nn.MultiheadAttention, fed the same weights as one packed in-projection, gives the same output and gradients."""
    d_model, n_heads, causal = int(lines[0]), int(lines[1]), eval(lines[2])
    state, x, dy = eval(lines[3]), tensor(eval(lines[4]), grad=True), tensor(eval(lines[5]))
    oracle = nn.MultiheadAttention(d_model, n_heads, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        oracle.in_proj_weight.copy_(
            torch.cat([tensor(state[f"{p}.weight"]) for p in ("q_proj", "k_proj", "v_proj")])
        )
        oracle.in_proj_bias.copy_(
            torch.cat([tensor(state[f"{p}.bias"]) for p in ("q_proj", "k_proj", "v_proj")])
        )
        oracle.out_proj.weight.copy_(tensor(state["out_proj.weight"]))
        oracle.out_proj.bias.copy_(tensor(state["out_proj.bias"]))
    T = x.shape[1]
    mask = torch.ones(T, T, dtype=torch.bool).triu(1) if causal else None  # True = may not attend
    y, _ = oracle(x, x, x, attn_mask=mask, need_weights=False)
    y.backward(dy)
    packed_w, packed_b = oracle.in_proj_weight.grad.chunk(3), oracle.in_proj_bias.grad.chunk(3)
    grads = {"out_proj.weight": oracle.out_proj.weight.grad, "out_proj.bias": oracle.out_proj.bias.grad}
    for i, p in enumerate(("q_proj", "k_proj", "v_proj")):
        grads[f"{p}.weight"], grads[f"{p}.bias"] = packed_w[i], packed_b[i]
    assert_printed(printed, [y, x.grad, *(grads[name] for name in state)])
    reference = load_solution("torch_multi_head_attention").MultiHeadAttention(d_model, n_heads).double()
    reference.load_state_dict({name: tensor(value) for name, value in state.items()})
    torch.testing.assert_close(reference(x, causal), y, rtol=1e-12, atol=1e-12)


# ------------------------------------------------------------ torch_layer_norm_module


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_layer_norm_module"))
def test_layer_norm_module_matches_f_layer_norm(lines: list[str], printed: list[Any]) -> None:
    """F.layer_norm over the last axis gives the same output and gradients, and so does nn.LayerNorm's init."""
    d, eps, state = int(lines[0]), float(lines[1]), eval(lines[2])
    x, dy = tensor(eval(lines[3]), grad=True), tensor(eval(lines[4]))
    weight, bias = tensor(state["weight"], grad=True), tensor(state["bias"], grad=True)
    y = F.layer_norm(x, (d,), weight, bias, eps)
    y.backward(dy)
    assert_printed(printed, [y, x.grad, weight.grad, bias.grad])
    fresh = load_solution("torch_layer_norm_module").LayerNorm(d, eps)
    assert {k: v.tolist() for k, v in fresh.state_dict().items()} == {
        k: v.tolist() for k, v in nn.LayerNorm(d, eps).state_dict().items()
    }


# ------------------------------------------------------------ torch_autograd_function


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_autograd_function"))
def test_autograd_function_matches_composite_autograd(lines: list[str], printed: list[Any]) -> None:
    """Autograd through x * sigmoid(beta * x) built from torch ops gives the printed output and gradients."""
    x, beta, dy = (
        tensor(eval(lines[0]), grad=True),
        tensor(float(lines[1]), grad=True),
        tensor(eval(lines[2])),
    )
    y = x * torch.sigmoid(beta * x)
    y.backward(dy)
    assert_printed(printed, [y, x.grad, beta.grad])


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_autograd_function"))
def test_autograd_function_backward_passes_gradcheck(lines: list[str], printed: list[Any]) -> None:
    """The reference's hand-written backward agrees with finite differences (gradcheck, float64)."""
    swish = load_solution("torch_autograd_function").Swish
    x, beta = tensor(eval(lines[0]), grad=True), tensor(float(lines[1]), grad=True)
    assert torch.autograd.gradcheck(swish.apply, (x, beta), eps=1e-6, atol=1e-7)


# ------------------------------------------------------------ torch_conv2d_unfold


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_conv2d_unfold"))
def test_conv2d_unfold_matches_f_conv2d(lines: list[str], printed: list[Any]) -> None:
    """F.conv2d with the same stride and padding gives the printed output and gradients of ½Σout²."""
    x, weight = tensor(eval(lines[0]), grad=True), tensor(eval(lines[1]), grad=True)
    bias = None if eval(lines[2]) is None else tensor(eval(lines[2]))
    stride, padding = tuple(eval(lines[3])), tuple(eval(lines[4]))
    out = F.conv2d(x, weight, bias, stride=stride, padding=padding)
    (out**2 / 2).sum().backward()
    assert_printed(printed, [out, x.grad, weight.grad])


# ------------------------------------------------------------ torch_training_step


def train_numpy(
    state: dict[str, Any], X: np.ndarray, Y: np.ndarray, lr: float, mu: float, wd: float, steps: int
):  # type: ignore[no-untyped-def]
    """Linear → tanh → Linear with the MSE loss, gradients derived by hand, SGD with momentum and coupled
    weight decay written out: the losses before each update and the final parameters."""
    params = [np.array(state[k], dtype=float) for k in ("0.weight", "0.bias", "2.weight", "2.bias")]
    buffers = [np.zeros_like(p) for p in params]
    losses = []
    for _ in range(steps):
        W1, b1, W2, b2 = params
        H = np.tanh(X @ W1.T + b1)
        E = H @ W2.T + b2 - Y
        losses.append(float(np.mean(E**2)))
        dP = 2 * E / E.size
        dZ = dP @ W2 * (1 - H**2)
        grads = [dZ.T @ X, dZ.sum(axis=0), dP.T @ H, dP.sum(axis=0)]
        for p, g, v in zip(params, grads, buffers, strict=True):
            v *= mu
            v += g + wd * p
            p -= lr * v
    return losses, params


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_training_step"))
def test_training_step_matches_numpy_by_hand(lines: list[str], printed: list[Any]) -> None:
    """Hand-derived numpy gradients and a written-out momentum update give the same losses and weights."""
    state, X, Y = eval(lines[1]), np.array(eval(lines[2]), dtype=float), np.array(eval(lines[3]), dtype=float)
    lr, mu, wd = eval(lines[4])
    losses, params = train_numpy(state, X, Y, lr, mu, wd, int(lines[5]))
    assert_printed(printed, [losses, *params])


# ------------------------------------------------------------ torch_causal_self_attention


@pytest.mark.parametrize(("lines", "printed"), printed_cases("torch_causal_self_attention"))
def test_causal_self_attention_matches_sdpa(lines: list[str], printed: list[Any]) -> None:
    """F.scaled_dot_product_attention(is_causal=True) on the whole sequence gives both printed paths,
    and the final cache holds every token."""
    d_model, n_heads, state = int(lines[0]), int(lines[1]), eval(lines[2])
    x = tensor(eval(lines[3]))
    B, T, _ = x.shape
    qkv = x @ tensor(state["c_attn.weight"]).T + tensor(state["c_attn.bias"])
    q, k, v = (
        qkv[..., i * d_model : (i + 1) * d_model].reshape(B, T, n_heads, -1).permute(0, 2, 1, 3)
        for i in range(3)
    )
    heads = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    y = heads.permute(0, 2, 1, 3).reshape(B, T, d_model) @ tensor(state["c_proj.weight"]).T + tensor(
        state["c_proj.bias"]
    )
    shape = [B, n_heads, T, d_model // n_heads]
    assert_printed(printed, [y, y, [shape, shape]])
