"""Independent checks of the round-2 generative references (DDIM step, classifier-free guidance, cosine
schedule, patchify): scalar loops from the definitions, closed forms and identities, on every stored case."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import conv2d_loop, load_solution, stored_cases

ddim = load_solution("ddim_step")
cfg = load_solution("cfg_guidance")
cosine = load_solution("cosine_schedule")
patch = load_solution("patchify")

CLOSE = {"rtol": 1e-9, "atol": 1e-9}
SEEDS = range(5)


def case_params(problem_id: str) -> list:  # type: ignore[type-arg]
    """(name, stdin lines) of every stored case, as pytest parameters."""
    return [pytest.param(name, lines, id=name) for name, lines in stored_cases(problem_id)]


def flat(a: object) -> list[float]:
    """A nested list (or array) of numbers, flattened to a list of floats in row-major order."""
    return [float(v) for v in np.ravel(np.asarray(a, dtype=float))]


def linear_alpha_bar(t: int, T: int, beta_1: float, beta_T: float) -> float:
    """alpha_bar_t of the linear schedule as a running product of (1 - beta_s), s = 1..t; 1 at t = 0."""
    product = 1.0
    for s in range(1, t + 1):
        product *= 1 - (beta_1 + (s - 1) / (T - 1) * (beta_T - beta_1))
    return product


# --- ddim_step ------------------------------------------------------------


def ddim_by_loop(x_t, eps_hat, z, t, t_prev, T, beta_1, beta_T, eta):  # type: ignore[no-untyped-def]
    """DDIM eq. 12 written element by element: x0_hat, sigma, direction and x_prev as flat lists."""
    a_t, a_prev = linear_alpha_bar(t, T, beta_1, beta_T), linear_alpha_bar(t_prev, T, beta_1, beta_T)
    sigma = eta * math.sqrt((1 - a_prev) / (1 - a_t)) * math.sqrt(1 - a_t / a_prev)
    x0_hat = [(x - math.sqrt(1 - a_t) * e) / math.sqrt(a_t) for x, e in zip(x_t, eps_hat, strict=True)]
    direction = [math.sqrt(max(1 - a_prev - sigma**2, 0.0)) * e for e in eps_hat]
    x_prev = [math.sqrt(a_prev) * x0 + d + sigma * n for x0, d, n in zip(x0_hat, direction, z, strict=True)]
    return x0_hat, sigma, direction, x_prev


@pytest.mark.parametrize(("name", "lines"), case_params("ddim_step"))
def test_ddim_step_cases_match_scalar_loop(name: str, lines: list[str]) -> None:
    """On every stored case the reference agrees with the element-by-element DDIM update and has no nan."""
    x_t, eps_hat, z = (np.array(eval(line), dtype=float) for line in lines[:3])
    t, t_prev, T = int(lines[3]), int(lines[4]), int(lines[5])
    beta_1, beta_T, eta = float(lines[6]), float(lines[7]), float(lines[8])
    assert 0 <= t_prev < t <= T and 0 <= eta <= 1
    got = ddim.ddim_step(x_t, eps_hat, z, t, t_prev, T, beta_1, beta_T, eta)
    want = ddim_by_loop(flat(x_t), flat(eps_hat), flat(z), t, t_prev, T, beta_1, beta_T, eta)
    for g, w in zip(got, want, strict=True):
        assert np.isfinite(g).all()
        np.testing.assert_allclose(np.ravel(g), w, **CLOSE)
    assert np.shape(got[3]) == x_t.shape


@pytest.mark.parametrize(("t", "t_prev", "T"), [(6, 4, 10), (500, 480, 1000), (20, 0, 1000), (1000, 1, 1000)])
def test_ddim_step_eta0_with_true_noise_lands_on_the_forward_sample(t: int, t_prev: int, T: int) -> None:
    """x_t noised from x0 with eps, and eps_hat = eps: eta = 0 gives x0_hat = x0 and x_prev = q-sample at t_prev."""
    rng = np.random.default_rng(t)
    x0, eps, z = rng.normal(size=(3, 6))
    beta_1, beta_T = (0.05, 0.5) if T == 10 else (1e-4, 0.02)
    a_t, a_prev = linear_alpha_bar(t, T, beta_1, beta_T), linear_alpha_bar(t_prev, T, beta_1, beta_T)
    x_t = math.sqrt(a_t) * x0 + math.sqrt(1 - a_t) * eps
    x0_hat, sigma, _, x_prev = ddim.ddim_step(x_t, eps, z, t, t_prev, T, beta_1, beta_T, 0.0)
    assert sigma == 0.0
    np.testing.assert_allclose(x0_hat, x0, rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        x_prev, math.sqrt(a_prev) * x0 + math.sqrt(1 - a_prev) * eps, rtol=0, atol=1e-9
    )


@pytest.mark.parametrize(
    ("t", "T", "beta_1", "beta_T"), [(7, 10, 0.05, 0.5), (2, 10, 0.05, 0.5), (300, 1000, 1e-4, 0.02)]
)
def test_ddim_step_eta1_single_step_is_the_ddpm_posterior(
    t: int, T: int, beta_1: float, beta_T: float
) -> None:
    """eta = 1, t_prev = t - 1: sigma^2 is beta_tilde_t and the mean is the posterior mean in its x0 form."""
    rng = np.random.default_rng(t)
    x_t, eps_hat, z = rng.normal(size=(3, 5))
    a_t, a_prev = linear_alpha_bar(t, T, beta_1, beta_T), linear_alpha_bar(t - 1, T, beta_1, beta_T)
    beta_t = 1 - a_t / a_prev
    x0_hat = (x_t - math.sqrt(1 - a_t) * eps_hat) / math.sqrt(a_t)
    mean = (
        math.sqrt(a_prev) * beta_t / (1 - a_t) * x0_hat
        + math.sqrt(1 - beta_t) * (1 - a_prev) / (1 - a_t) * x_t
    )
    beta_tilde = (1 - a_prev) / (1 - a_t) * beta_t
    _, sigma, _, x_prev = ddim.ddim_step(x_t, eps_hat, z, t, t - 1, T, beta_1, beta_T, 1.0)
    assert sigma**2 == pytest.approx(beta_tilde, rel=1e-9)
    np.testing.assert_allclose(x_prev, mean + math.sqrt(beta_tilde) * z, rtol=0, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_ddim_step_keeps_the_marginal_of_the_target_level(seed: int) -> None:
    """Monte Carlo: x_t ~ q(x_t | x0) and eps_hat = its noise give x_prev with mean sqrt(ab') x0, variance 1 - ab'."""
    rng = np.random.default_rng(seed)
    T, t = 1000, int(rng.integers(50, 1001))
    t_prev, eta, x0, n = int(rng.integers(0, t)), float(rng.uniform(0, 1)), 0.7, 200_000
    a_t, a_prev = linear_alpha_bar(t, T, 1e-4, 0.02), linear_alpha_bar(t_prev, T, 1e-4, 0.02)
    eps, z = rng.standard_normal(n), rng.standard_normal(n)
    x_t = math.sqrt(a_t) * x0 + math.sqrt(1 - a_t) * eps
    _, _, _, x_prev = ddim.ddim_step(x_t, eps, z, t, t_prev, T, 1e-4, 0.02, eta)
    assert np.mean(x_prev) == pytest.approx(math.sqrt(a_prev) * x0, abs=0.01)
    assert np.var(x_prev) == pytest.approx(1 - a_prev, abs=0.01)


# --- cfg_guidance ---------------------------------------------------------


def cfg_by_loop(x_t, eps_u, eps_c, w, t, T, beta_1, beta_T):  # type: ignore[no-untyped-def]
    """Guidance and the DDPM mean element by element; the mean in its x0 form (posterior of q(x_{t-1} | x_t, x0))."""
    a_t, a_prev = linear_alpha_bar(t, T, beta_1, beta_T), linear_alpha_bar(t - 1, T, beta_1, beta_T)
    beta_t = 1 - a_t / a_prev
    guided = [u + w * (c - u) for u, c in zip(eps_u, eps_c, strict=True)]
    x0_hat = [(x - math.sqrt(1 - a_t) * e) / math.sqrt(a_t) for x, e in zip(x_t, guided, strict=True)]
    mean = [
        math.sqrt(a_prev) * beta_t / (1 - a_t) * x0 + math.sqrt(1 - beta_t) * (1 - a_prev) / (1 - a_t) * x
        for x0, x in zip(x0_hat, x_t, strict=True)
    ]
    return guided, mean


@pytest.mark.parametrize(("name", "lines"), case_params("cfg_guidance"))
def test_cfg_guidance_cases_match_scalar_loop(name: str, lines: list[str]) -> None:
    """On every stored case the guided noise and the mean agree with the loop in x0 form and have no nan."""
    x_t, eps_u, eps_c = (np.array(eval(line), dtype=float) for line in lines[:3])
    w, t, T, beta_1, beta_T = float(lines[3]), int(lines[4]), int(lines[5]), float(lines[6]), float(lines[7])
    assert w >= 0 and 1 <= t <= T
    got = cfg.cfg_guidance(x_t, eps_u, eps_c, w, t, T, beta_1, beta_T)
    want = cfg_by_loop(flat(x_t), flat(eps_u), flat(eps_c), w, t, T, beta_1, beta_T)
    for g, v in zip(got, want, strict=True):
        assert np.isfinite(g).all() and np.shape(g) == x_t.shape
        np.testing.assert_allclose(np.ravel(g), v, **CLOSE)


@pytest.mark.parametrize("seed", SEEDS)
def test_cfg_guidance_endpoints_are_the_two_predictions(seed: int) -> None:
    """w = 0 returns eps_u and w = 1 returns eps_c, with the means of plain DDPM steps on each."""
    rng = np.random.default_rng(seed)
    x_t, eps_u, eps_c = rng.normal(size=(3, 2, 3))
    t = int(rng.integers(1, 11))
    for w, want in ((0.0, eps_u), (1.0, eps_c)):
        guided, mean = cfg.cfg_guidance(x_t, eps_u, eps_c, w, t, 10, 0.05, 0.5)
        np.testing.assert_allclose(guided, want, **CLOSE)
        _, loop_mean = cfg_by_loop(flat(x_t), flat(want), flat(want), 0.0, t, 10, 0.05, 0.5)
        np.testing.assert_allclose(np.ravel(mean), loop_mean, **CLOSE)


@pytest.mark.parametrize("seed", SEEDS)
def test_cfg_guidance_mean_is_affine_in_w(seed: int) -> None:
    """The mean moves along a straight line in w: equal steps in w give equal steps in the mean."""
    rng = np.random.default_rng(seed)
    x_t, eps_u, eps_c = rng.normal(size=(3, 4))
    means = [cfg.cfg_guidance(x_t, eps_u, eps_c, w, 400, 1000, 1e-4, 0.02)[1] for w in (0.0, 2.5, 5.0, 7.5)]
    steps = np.diff(np.array(means), axis=0)
    np.testing.assert_allclose(steps, np.broadcast_to(steps[0], steps.shape), rtol=0, atol=1e-9)


# --- cosine_schedule ------------------------------------------------------


def cosine_f(u: float, s: float) -> float:
    """f(u) = cos^2((u + s) / (1 + s) * pi / 2) of improved DDPM, eq. 17."""
    return math.cos((u + s) / (1 + s) * math.pi / 2) ** 2


def cosine_by_loop(T: int, s: float) -> tuple[list[float], list[float]]:
    """beta_1..beta_T built like the official betas_for_alpha_bar (0-based i, levels i/T and (i+1)/T, clipped
    at 0.999), and alpha_bar_1..alpha_bar_T as a running product of (1 - beta)."""
    betas, alpha_bars, product = [], [], 1.0
    for i in range(T):
        beta = min(1 - cosine_f((i + 1) / T, s) / cosine_f(i / T, s), 0.999)
        product *= 1 - beta
        betas.append(beta)
        alpha_bars.append(product)
    return betas, alpha_bars


@pytest.mark.parametrize(("name", "lines"), case_params("cosine_schedule"))
def test_cosine_schedule_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case beta, alpha_bar and sqrt(1 - alpha_bar) at the listed steps agree with the loop."""
    T, s, steps = int(lines[0]), float(lines[1]), eval(lines[2])
    assert T >= 1 and s >= 0 and all(1 <= t <= T for t in steps)
    betas, alpha_bars = cosine_by_loop(T, s)
    beta, alpha_bar, noise_scale = cosine.cosine_schedule(T, s, steps)
    np.testing.assert_allclose(beta, [betas[t - 1] for t in steps], **CLOSE)
    np.testing.assert_allclose(alpha_bar, [alpha_bars[t - 1] for t in steps], **CLOSE)
    np.testing.assert_allclose(noise_scale, [math.sqrt(1 - alpha_bars[t - 1]) for t in steps], **CLOSE)


@pytest.mark.parametrize(
    ("T", "s"), [(1, 0.008), (2, 0.008), (10, 0.008), (1000, 0.008), (4000, 0.008), (50, 0.1)]
)
def test_cosine_schedule_alpha_bar_is_the_closed_form_until_the_clip(T: int, s: float) -> None:
    """alpha_bar_t = f(t/T) / f(0) at every step before the first clipped beta; from there on the product
    of (1 - beta) carries 0.001 per clipped step; beta never exceeds 0.999 and alpha_bar decreases."""
    steps = list(range(1, T + 1))
    beta, alpha_bar, _ = cosine.cosine_schedule(T, s, steps)
    clipped = [t for t in steps if 1 - cosine_f(t / T, s) / cosine_f((t - 1) / T, s) >= 0.999]
    assert clipped and clipped[-1] == T and max(beta) == pytest.approx(0.999)
    first = clipped[0]
    for t in range(1, first):
        assert alpha_bar[t - 1] == pytest.approx(cosine_f(t / T, s) / cosine_f(0, s), rel=1e-9)
    before = cosine_f((first - 1) / T, s) / cosine_f(0, s)
    assert alpha_bar[first - 1] == pytest.approx(0.001 * before, rel=1e-9)
    assert all(np.diff(alpha_bar) < 0)


# --- patchify -------------------------------------------------------------


def patchify_by_loop(image: list, p: int, E: list, pos: list) -> tuple[list, list]:  # type: ignore[type-arg]
    """Patches gathered pixel by pixel (row-major grid, (C, p, p) inside a patch) and tokens as plain sums."""
    C, H, W = len(image), len(image[0]), len(image[0][0])
    patches = []
    for i in range(H // p):
        for j in range(W // p):
            patches.append(
                [image[c][i * p + a][j * p + b] for c in range(C) for a in range(p) for b in range(p)]
            )
    tokens = [
        [sum(row[k] * E[k][d] for k in range(len(row))) + pos[n][d] for d in range(len(E[0]))]
        for n, row in enumerate(patches)
    ]
    return patches, tokens


def read_patchify_case(lines: list[str]) -> tuple[list, int, list, list]:  # type: ignore[type-arg]
    """image, p, E and pos of a stored case, as nested lists."""
    return eval(lines[0]), int(lines[1]), eval(lines[2]), eval(lines[3])


@pytest.mark.parametrize(("name", "lines"), case_params("patchify"))
def test_patchify_cases_match_loop(name: str, lines: list[str]) -> None:
    """On every stored case the patches and tokens agree with the pixel-by-pixel loop."""
    image, p, E, pos = read_patchify_case(lines)
    C, H, W = np.shape(image)
    assert H % p == 0 and W % p == 0 and np.shape(E)[0] == C * p * p
    patches, tokens = patch.patchify(
        np.array(image, dtype=float), p, np.array(E, dtype=float), np.array(pos, dtype=float)
    )
    want_patches, want_tokens = patchify_by_loop(image, p, E, pos)
    np.testing.assert_allclose(patches, want_patches, **CLOSE)
    np.testing.assert_allclose(tokens, want_tokens, **CLOSE)


@pytest.mark.parametrize(("name", "lines"), case_params("patchify"))
def test_patchify_tokens_are_a_strided_convolution(name: str, lines: list[str]) -> None:
    """Tokens minus positions equal a conv2d with kernel = stride = p whose weight is E reshaped to (D, C, p, p),
    summed over channels (the ViT patch embedding as a convolution), read row-major over the output grid."""
    image, p, E, pos = read_patchify_case(lines)
    x, E_arr = np.array(image, dtype=float), np.array(E, dtype=float)
    C, D = x.shape[0], E_arr.shape[1]
    _, tokens = patch.patchify(x, p, E_arr, np.array(pos, dtype=float))
    for d in range(D):
        kernel = E_arr[:, d].reshape(C, p, p)
        conv = sum(conv2d_loop(x[c], kernel[c], 0, p) for c in range(C))
        np.testing.assert_allclose(tokens[:, d] - np.array(pos)[:, d], np.ravel(conv), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_patchify_uses_every_pixel_once(seed: int) -> None:
    """With distinct pixel values, the patch matrix is a rearrangement of the image: each pixel appears once."""
    rng = np.random.default_rng(seed)
    p = int(rng.integers(1, 4))
    C, H, W = int(rng.integers(1, 4)), p * int(rng.integers(1, 4)), p * int(rng.integers(1, 4))
    image = rng.permutation(C * H * W).reshape(C, H, W).astype(float)
    N, K = (H // p) * (W // p), C * p * p
    patches, tokens = patch.patchify(image, p, np.eye(K), np.zeros((N, K)))
    assert patches.shape == (N, K)
    assert sorted(patches.ravel().tolist()) == sorted(image.ravel().tolist())
    np.testing.assert_array_equal(tokens, patches)
