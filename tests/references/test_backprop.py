"""Independent checks of the backprop chapter, on every stored case of every problem: torch autograd as the
oracle, and central finite differences of a numpy forward written here; neither shares code with the
references. The stored (blessed) outputs are checked too: labels in order, numbers within the tolerance."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import yaml

from conftest import PROBLEMS, conv2d_loop, load_solution

Arrays = tuple[Any, ...]


def blessed_cases(problem_id: str) -> list[tuple[str, list[str], str]]:
    """(name, stdin lines, stored stdout) of every case of a problem."""
    problem = yaml.safe_load((PROBLEMS / f"{problem_id}.yaml").read_text(encoding="utf-8"))
    return [(c["name"], c["stdin"].splitlines(), c["stdout"]) for c in problem["cases"]]


def labelled_lines(stdout: str) -> list[tuple[str, Any]]:
    """`label: value` lines of a stored output, each value read as a Python literal."""
    pairs = []
    for line in stdout.splitlines():
        label, _, value = line.partition(":")
        pairs.append((label, ast.literal_eval(value.strip())))
    return pairs


def central_differences(f: Callable[[], float], x: np.ndarray, h: float) -> np.ndarray:
    """d f() / d x by central differences, one entry of x at a time (x is nudged in place and restored)."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f()
        x[index] = old - h
        minus = f()
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def as_float(*values: Any) -> list[np.ndarray]:
    return [np.array(v, dtype=float) for v in values]


def tensors(torch: Any, *arrays: np.ndarray) -> list[Any]:
    """float64 leaf tensors of the arrays, each collecting its gradient."""
    return [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]


def detached(*values: Any) -> Arrays:
    return tuple(v.detach().numpy() for v in values)


# ---------------------------------------------------------------- softmax_ce_backward


def parse_softmax_ce(lines: list[str]) -> Arrays:
    return np.array(eval(lines[0]), dtype=float), np.array(eval(lines[1]), dtype=int)


def torch_softmax_ce(torch: Any, logits: np.ndarray, targets: np.ndarray) -> Arrays:
    (z,) = tensors(torch, logits)
    loss = torch.nn.functional.cross_entropy(z, torch.tensor(targets))
    loss.backward()
    return detached(loss, z.grad)


def fd_softmax_ce(logits: np.ndarray, targets: np.ndarray) -> Arrays:
    z = logits.copy()

    def loss() -> float:
        log_norm = np.logaddexp.reduce(z, axis=1)
        return float(np.mean(log_norm - z[np.arange(len(z)), targets]))

    return loss(), central_differences(loss, z, 1e-5)


# ---------------------------------------------------------------- layer_norm_backward


def parse_norm(lines: list[str]) -> Arrays:
    x, gamma, beta, dy = as_float(*(eval(lines[i]) for i in (0, 1, 2, 4)))
    return x, gamma, beta, float(lines[3]), dy


def torch_layer_norm(
    torch: Any, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float, dy: np.ndarray
) -> Arrays:
    xt, g, b = tensors(torch, x, gamma, beta)
    y = torch.nn.functional.layer_norm(xt, (x.shape[1],), g, b, eps)
    y.backward(torch.tensor(dy))
    return detached(y, xt.grad, g.grad, b.grad)


def normalize_rows(x: np.ndarray, eps: float) -> np.ndarray:
    """Each row minus its mean, over the root of its biased variance plus eps, with explicit sums."""
    D = x.shape[1]
    centred = x - x.sum(axis=1, keepdims=True) / D
    return centred / np.sqrt((centred**2).sum(axis=1, keepdims=True) / D + eps)


def fd_affine_norm(
    normalize: Callable[[np.ndarray, float], np.ndarray],
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    eps: float,
    dy: np.ndarray,
) -> Arrays:
    """y = gamma * normalize(x) + beta, and the gradients of sum(dy * y) by central differences."""
    x, gamma, beta = x.copy(), gamma.copy(), beta.copy()

    def forward() -> np.ndarray:
        return gamma * normalize(x, eps) + beta

    def loss() -> float:
        return float(np.sum(dy * forward()))

    grads = [central_differences(loss, a, 1e-6) for a in (x, gamma, beta)]
    return forward(), *grads


def fd_layer_norm(*args: Any) -> Arrays:
    return fd_affine_norm(normalize_rows, *args)


# ---------------------------------------------------------------- batch_norm_backward


def torch_batch_norm(
    torch: Any, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float, dy: np.ndarray
) -> Arrays:
    xt, g, b = tensors(torch, x, gamma, beta)
    y = torch.nn.functional.batch_norm(xt, None, None, g, b, training=True, eps=eps)
    y.backward(torch.tensor(dy))
    return detached(y, xt.grad, g.grad, b.grad)


def fd_batch_norm(*args: Any) -> Arrays:
    return fd_affine_norm(lambda x, eps: normalize_rows(x.T, eps).T, *args)


# ---------------------------------------------------------------- conv2d_backward


def parse_conv(lines: list[str]) -> Arrays:
    x, k, dy = as_float(*(eval(lines[i]) for i in (0, 1, 4)))
    return x, k, int(lines[2]), int(lines[3]), dy


def torch_conv(torch: Any, x: np.ndarray, k: np.ndarray, padding: int, stride: int, dy: np.ndarray) -> Arrays:
    xt, kt = tensors(torch, x, k)
    y = torch.nn.functional.conv2d(xt[None, None], kt[None, None], padding=padding, stride=stride)[0, 0]
    y.backward(torch.tensor(dy))
    return detached(y, xt.grad, kt.grad)


def fd_conv(x: np.ndarray, k: np.ndarray, padding: int, stride: int, dy: np.ndarray) -> Arrays:
    """The scalar-loop cross-correlation of conftest; sum(dY * Y) is linear in X and in K."""
    x, k = x.copy(), k.copy()

    def loss() -> float:
        return float(np.sum(dy * conv2d_loop(x, k, padding, stride)))

    return conv2d_loop(x, k, padding, stride), *(central_differences(loss, a, 1e-4) for a in (x, k))


# ---------------------------------------------------------------- maxpool_backward


def parse_pool(lines: list[str]) -> Arrays:
    x, dy = as_float(eval(lines[0]), eval(lines[3]))
    return x, int(lines[1]), int(lines[2]), dy


def torch_pool(torch: Any, x: np.ndarray, k: int, stride: int, dy: np.ndarray) -> Arrays:
    (xt,) = tensors(torch, x)
    y = torch.nn.functional.max_pool2d(xt[None, None], k, stride)[0, 0]
    y.backward(torch.tensor(dy))
    return detached(y, xt.grad)


def fd_pool(x: np.ndarray, k: int, stride: int, dy: np.ndarray) -> Arrays:
    """Pooling over strided window views. The first maximum of a tie takes the gradient: that is the
    derivative once every entry is lowered by 1e-5 times its row-major position, which breaks each tie
    in favour of the earlier entry and moves nothing else (inputs differ by at least 0.01)."""
    tilted = x - 1e-5 * np.arange(x.size).reshape(x.shape)

    def pool(a: np.ndarray) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(a, (k, k))[::stride, ::stride].max(axis=(2, 3))

    def loss() -> float:
        return float(np.sum(dy * pool(tilted)))

    return pool(x), central_differences(loss, tilted, 1e-6)


# ---------------------------------------------------------------- attention_backward


def parse_attention(lines: list[str]) -> Arrays:
    return tuple(as_float(*(eval(line) for line in lines[:4])))


def torch_attention(torch: Any, q: np.ndarray, k: np.ndarray, v: np.ndarray, do: np.ndarray) -> Arrays:
    qt, kt, vt = tensors(torch, q, k, v)
    out = torch.nn.functional.scaled_dot_product_attention(qt, kt, vt)
    out.backward(torch.tensor(do))
    return detached(out, qt.grad, kt.grad, vt.grad)


def fd_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, do: np.ndarray) -> Arrays:
    q, k, v = q.copy(), k.copy(), v.copy()

    def forward() -> np.ndarray:
        scores = q @ k.T / np.sqrt(q.shape[1])
        return np.exp(scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)) @ v

    def loss() -> float:
        return float(np.sum(do * forward()))

    return forward(), *(central_differences(loss, a, 1e-6) for a in (q, k, v))


# ---------------------------------------------------------------- mlp_backward


def parse_mlp(lines: list[str]) -> Arrays:
    return *as_float(*(eval(line) for line in lines[:6])), float(lines[6])


def torch_mlp(torch: Any, x: np.ndarray, y: np.ndarray, *weights_and_lr: Any) -> Arrays:
    *weights, lr = weights_and_lr
    params = tensors(torch, *weights)
    w1, b1, w2, b2 = params
    y_hat = torch.relu(torch.tensor(x) @ w1 + b1) @ w2 + b2
    loss = torch.nn.functional.mse_loss(y_hat, torch.tensor(y))
    loss.backward()
    grads = [p.grad.clone() for p in params]
    torch.optim.SGD(params, lr=lr).step()
    return detached(y_hat, loss, *grads, *params)


def fd_mlp(x: np.ndarray, y: np.ndarray, *weights_and_lr: Any) -> Arrays:
    """ReLU'(0) = 0 is the slope on the inactive side, so the differences are taken with b1 lowered by
    1e-6: that switches off the units sitting exactly at 0 and moves every gradient by O(1e-6); the
    steps of 1e-8 are too small to switch a unit on again."""
    *weights, lr = weights_and_lr
    shifted = [w.copy() for w in weights]
    shifted[1] -= 1e-6

    def forward(w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray) -> np.ndarray:
        return np.maximum(0.0, x @ w1 + b1) @ w2 + b2

    def loss() -> float:
        return float(np.mean((forward(*shifted) - y) ** 2))

    grads = [central_differences(loss, w, 1e-8) for w in shifted]
    y_hat = forward(*weights)
    updated = [w - lr * g for w, g in zip(weights, grads, strict=True)]
    return y_hat, np.mean((y_hat - y) ** 2), *grads, *updated


# ---------------------------------------------------------------- rnn_bptt


def parse_rnn(lines: list[str]) -> Arrays:
    return tuple(as_float(*(eval(line) for line in lines[:6])))


def torch_rnn(
    torch: Any, x: np.ndarray, h0: np.ndarray, wx: np.ndarray, wh: np.ndarray, b: np.ndarray, dh: np.ndarray
) -> Arrays:
    """torch.nn.RNN with its two biases: b as the input bias, the hidden bias held at zero."""
    rnn = torch.nn.RNN(wx.shape[1], wx.shape[0], nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        for name, value in (("weight_ih_l0", wx), ("weight_hh_l0", wh), ("bias_ih_l0", b)):
            getattr(rnn, name).copy_(torch.tensor(value))
        rnn.bias_hh_l0.zero_()
    (h0t,) = tensors(torch, h0)
    states, _ = rnn(torch.tensor(x)[:, None, :], h0t[None, None, :])
    states.backward(torch.tensor(dh)[:, None, :])
    return detached(
        states[:, 0, :], rnn.weight_ih_l0.grad, rnn.weight_hh_l0.grad, rnn.bias_ih_l0.grad, h0t.grad
    )


def fd_rnn(
    x: np.ndarray, h0: np.ndarray, wx: np.ndarray, wh: np.ndarray, b: np.ndarray, dh: np.ndarray
) -> Arrays:
    """The recurrence written out, and the gradients of sum_t g_t . h_t by central differences."""
    h0, wx, wh, b = h0.copy(), wx.copy(), wh.copy(), b.copy()

    def states() -> np.ndarray:
        h, out = h0, []
        for x_t in x:
            h = np.tanh(wx @ x_t + wh @ h + b)
            out.append(h)
        return np.array(out)

    def loss() -> float:
        return float(np.sum(dh * states()))

    dwx, dwh, db, dh0 = (central_differences(loss, a, 1e-6) for a in (wx, wh, b, h0))
    return states(), dwx, dwh, db, dh0


# ---------------------------------------------------------------- the table and the two checks


@dataclass(frozen=True)
class Oracle:
    """How to read a problem's input and compute its printed quantities twice more, independently."""

    labels: tuple[str, ...]
    parse: Callable[[list[str]], Arrays]
    torch_outputs: Callable[..., Arrays]
    fd_outputs: Callable[..., Arrays]
    fd_tol: float = 1e-6


NORM_LABELS = ("y", "dx", "dgamma", "dbeta")
MLP_LABELS = ("Y_hat", "loss", "dW1", "db1", "dW2", "db2", "W1_new", "b1_new", "W2_new", "b2_new")

ORACLES: dict[str, Oracle] = {
    "softmax_ce_backward": Oracle(("loss", "dlogits"), parse_softmax_ce, torch_softmax_ce, fd_softmax_ce),
    "layer_norm_backward": Oracle(NORM_LABELS, parse_norm, torch_layer_norm, fd_layer_norm),
    "batch_norm_backward": Oracle(NORM_LABELS, parse_norm, torch_batch_norm, fd_batch_norm),
    "conv2d_backward": Oracle(("Y", "dX", "dK"), parse_conv, torch_conv, fd_conv),
    "maxpool_backward": Oracle(("Y", "dX"), parse_pool, torch_pool, fd_pool),
    "attention_backward": Oracle(("O", "dQ", "dK", "dV"), parse_attention, torch_attention, fd_attention),
    "mlp_backward": Oracle(MLP_LABELS, parse_mlp, torch_mlp, fd_mlp, fd_tol=1e-5),
    "rnn_bptt": Oracle(("h", "dWx", "dWh", "db", "dh0"), parse_rnn, torch_rnn, fd_rnn),
}

CASES = [
    pytest.param(problem_id, lines, stdout, id=f"{problem_id}-{name}")
    for problem_id in ORACLES
    for name, lines, stdout in blessed_cases(problem_id)
]


def reference_outputs(problem_id: str, args: Arrays) -> list[np.ndarray]:
    """The reference's entry on the parsed arguments, flattened to one array per printed label."""
    entry = getattr(load_solution(problem_id), problem_id)
    flat: list[Any] = []
    for value in entry(*args):
        flat.extend(value if isinstance(value, tuple) else (value,))
    return as_float(*flat)


def assert_case_agrees(problem_id: str, lines: list[str], stdout: str, expected: Arrays, tol: float) -> None:
    """The reference's outputs lie within tol of `expected`, label by label, and so do the stored ones
    (printed to 4 decimals, so within half a unit of the last place more)."""
    labels = ORACLES[problem_id].labels
    stored = labelled_lines(stdout)
    assert [label for label, _ in stored] == list(labels)
    got = reference_outputs(problem_id, ORACLES[problem_id].parse(lines))
    for label, want, mine, (_, printed) in zip(labels, as_float(*expected), got, stored, strict=True):
        np.testing.assert_allclose(mine, want, rtol=tol, atol=tol, err_msg=label)
        np.testing.assert_allclose(np.array(printed, dtype=float), want, atol=5e-5 + tol, err_msg=label)


@pytest.mark.parametrize(("problem_id", "lines", "stdout"), CASES)
def test_case_matches_torch_autograd(problem_id: str, lines: list[str], stdout: str) -> None:
    """The reference and the stored output of the case agree with torch autograd, label by label."""
    torch = pytest.importorskip("torch")
    oracle = ORACLES[problem_id]
    assert_case_agrees(problem_id, lines, stdout, oracle.torch_outputs(torch, *oracle.parse(lines)), 1e-9)


@pytest.mark.parametrize(("problem_id", "lines", "stdout"), CASES)
def test_case_matches_finite_differences(problem_id: str, lines: list[str], stdout: str) -> None:
    """The reference and the stored output of the case agree with central differences of a numpy forward."""
    oracle = ORACLES[problem_id]
    assert_case_agrees(problem_id, lines, stdout, oracle.fd_outputs(*oracle.parse(lines)), oracle.fd_tol)
