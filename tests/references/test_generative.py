"""Independent checks of the generative-model references: VAE loss, VQ, GAN losses, DDPM steps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_solution

vae = load_solution("vae_loss")
vq = load_solution("vector_quantize")
gan = load_solution("gan_loss")
fwd = load_solution("ddpm_forward")
rev = load_solution("ddpm_reverse_step")

SEEDS = [0, 1, 2, 3, 4]
finite = st.floats(-3.0, 3.0, allow_nan=False)
log_variance = st.floats(-4.0, 3.0, allow_nan=False)
probability = st.floats(1e-9, 1 - 1e-9, allow_nan=False)


def normal_pdf(x, mean, var):
    return np.exp(-((x - mean) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)


def linear_beta(t, T, beta_1, beta_T):
    return beta_1 + (t - 1) / (T - 1) * (beta_T - beta_1)


def alpha_bar_by_loop(t, T, beta_1, beta_T):
    product = 1.0
    for s in range(1, t + 1):
        product *= 1 - linear_beta(s, T, beta_1, beta_T)
    return product


# --- vae_loss -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(finite, log_variance)
def test_vae_kl_matches_numeric_integration(mu, logvar):
    """The KL closed form equals the integral of q log(q/p) on a fine grid, one latent dimension."""
    var = math.exp(logvar)
    sd = math.sqrt(var)
    x = np.linspace(mu - 12 * sd, mu + 12 * sd, 40001)
    q = normal_pdf(x, mu, var)
    log_ratio = (-((x - mu) ** 2) / (2 * var) - 0.5 * logvar) - (-(x**2) / 2)
    numeric = np.trapezoid(q * log_ratio, x) if hasattr(np, "trapezoid") else np.trapz(q * log_ratio, x)
    closed = vae.kl_to_standard_normal(np.array([[mu]]), np.array([[logvar]]))[0]
    assert closed == pytest.approx(numeric, abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_vae_kl_matches_monte_carlo(seed):
    """The KL summed over K dimensions matches a Monte Carlo average of log q(z) - log p(z)."""
    rng = np.random.default_rng(seed)
    mu = rng.normal(0, 1, 4)
    logvar = rng.uniform(-2, 1.5, 4)
    sd = np.exp(logvar / 2)
    z = mu + sd * rng.standard_normal((200_000, 4))
    log_q = -0.5 * ((z - mu) / sd) ** 2 - np.log(sd) - 0.5 * np.log(2 * np.pi)
    log_p = -0.5 * z**2 - 0.5 * np.log(2 * np.pi)
    monte_carlo = np.mean(np.sum(log_q - log_p, axis=1))
    closed = vae.kl_to_standard_normal(mu[None, :], logvar[None, :])[0]
    assert closed == pytest.approx(monte_carlo, abs=0.05)


@pytest.mark.parametrize("seed", SEEDS)
def test_vae_loss_matches_scalar_loops(seed):
    """z, recon, kl and loss agree with an element-by-element loop using math.exp."""
    rng = np.random.default_rng(seed)
    N, K, D = rng.integers(1, 5), rng.integers(1, 5), rng.integers(1, 6)
    x, mu = rng.normal(size=(N, D)), rng.normal(size=(N, K))
    logvar, eps = rng.uniform(-3, 2, (N, K)), rng.normal(size=(N, K))
    W, b = rng.normal(size=(K, D)), rng.normal(size=D)
    z, recon, kl, loss = vae.vae_loss(x, mu, logvar, eps, W, b)
    recon_total = kl_total = 0.0
    for n in range(N):
        z_n = [mu[n, k] + math.sqrt(math.exp(logvar[n, k])) * eps[n, k] for k in range(K)]
        assert z[n] == pytest.approx(z_n, abs=1e-12)
        for d in range(D):
            x_hat = sum(z_n[k] * W[k, d] for k in range(K)) + b[d]
            recon_total += (x[n, d] - x_hat) ** 2
        for k in range(K):
            s2 = math.exp(logvar[n, k])
            kl_total += 0.5 * (s2 + mu[n, k] ** 2 - 1 - math.log(s2))
    assert recon == pytest.approx(recon_total / N, abs=1e-9)
    assert kl == pytest.approx(kl_total / N, abs=1e-9)
    assert loss == pytest.approx((recon_total + kl_total) / N, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(finite, log_variance), min_size=1, max_size=6))
def test_vae_kl_non_negative_and_zero_at_prior(pairs):
    """The KL to N(0, 1) is never negative, and is 0 when mu = 0 and logvar = 0."""
    mu = np.array([[m for m, _ in pairs]])
    logvar = np.array([[lv for _, lv in pairs]])
    assert vae.kl_to_standard_normal(mu, logvar)[0] >= -1e-12
    assert vae.kl_to_standard_normal(0 * mu, 0 * logvar)[0] == 0.0


# --- vector_quantize ------------------------------------------------------


def quantize_by_loop(z_e, codebook, beta):
    indices, squared = [], 0.0
    for row in z_e:
        best_k, best_d = 0, math.inf
        for k, code in enumerate(codebook):
            d = sum((a - c) ** 2 for a, c in zip(row, code, strict=True))
            if d < best_d:
                best_k, best_d = k, d
        indices.append(best_k)
        squared += best_d
    mean = squared / (len(z_e) * len(z_e[0]))
    return indices, mean, beta * mean


@pytest.mark.parametrize("seed", SEEDS)
def test_vq_matches_brute_force_loop(seed):
    """Indices, quantized rows and both losses agree with a plain nested loop."""
    rng = np.random.default_rng(seed)
    N, K, D = rng.integers(1, 12), rng.integers(1, 9), rng.integers(1, 5)
    z_e, codebook, beta = rng.normal(size=(N, D)), rng.normal(size=(K, D)), rng.uniform(0, 2)
    indices, z_q, codebook_loss, commitment_loss, vq_loss = vq.vector_quantize(z_e, codebook, beta)
    want_indices, want_codebook, want_commitment = quantize_by_loop(z_e.tolist(), codebook.tolist(), beta)
    assert indices.tolist() == want_indices
    assert z_q.tolist() == [codebook[k].tolist() for k in want_indices]
    assert codebook_loss == pytest.approx(want_codebook, abs=1e-12)
    assert commitment_loss == pytest.approx(want_commitment, abs=1e-12)
    assert vq_loss == pytest.approx(want_codebook + want_commitment, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_vq_ties_pick_lowest_index(seed):
    """An input placed at the midpoint of two codes, on a symmetric grid, gets the lower index."""
    rng = np.random.default_rng(seed)
    D = int(rng.integers(1, 4))
    centre = rng.integers(-3, 4, D).astype(float)
    offset = np.zeros(D)
    offset[rng.integers(D)] = 1.0
    far = centre + 10.0
    order = rng.permutation(3)
    codebook = np.array([centre + offset, centre - offset, far])[order]
    tied = sorted(int(np.where(order == i)[0][0]) for i in (0, 1))
    indices, *_ = vq.vector_quantize(centre[None, :], codebook, 0.25)
    assert indices.tolist() == [tied[0]]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_vq_no_code_is_strictly_closer(seed):
    """Every chosen code is at least as close as every other code of the codebook."""
    rng = np.random.default_rng(seed)
    z_e, codebook = rng.normal(size=(6, 3)), rng.normal(size=(5, 3))
    _, z_q, *_ = vq.vector_quantize(z_e, codebook, 0.25)
    chosen = np.sum((z_e - z_q) ** 2, axis=1)
    for i, row in enumerate(z_e):
        for code in codebook:
            assert chosen[i] <= np.sum((row - code) ** 2) + 1e-12


# --- gan_loss -------------------------------------------------------------


def softplus(a):
    return np.logaddexp(0.0, a)


@settings(max_examples=80, deadline=None)
@given(st.lists(probability, min_size=1, max_size=8), st.lists(probability, min_size=1, max_size=8))
def test_gan_matches_math_log_loop(d_real, d_fake):
    """The three losses agree with sums of math.log over plain Python lists."""
    d_loss, g_sat, g_ns = gan.gan_loss(np.array(d_real), np.array(d_fake))
    want_d = -sum(math.log(d) for d in d_real) / len(d_real) - sum(math.log(1 - d) for d in d_fake) / len(
        d_fake
    )
    assert d_loss == pytest.approx(want_d, abs=1e-9)
    assert g_sat == pytest.approx(sum(math.log(1 - d) for d in d_fake) / len(d_fake), abs=1e-9)
    assert g_ns == pytest.approx(-sum(math.log(d) for d in d_fake) / len(d_fake), abs=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_gan_matches_softplus_of_logits(seed):
    """With D = sigmoid(a): -log D = softplus(-a) and -log(1 - D) = softplus(a)."""
    rng = np.random.default_rng(seed)
    a_real, a_fake = rng.uniform(-15, 15, 7), rng.uniform(-15, 15, 4)
    d_loss, g_sat, g_ns = gan.gan_loss(1 / (1 + np.exp(-a_real)), 1 / (1 + np.exp(-a_fake)))
    assert d_loss == pytest.approx(np.mean(softplus(-a_real)) + np.mean(softplus(a_fake)), abs=1e-6)
    assert g_sat == pytest.approx(-np.mean(softplus(a_fake)), abs=1e-6)
    assert g_ns == pytest.approx(np.mean(softplus(-a_fake)), abs=1e-6)


def test_gan_saturating_loss_is_flat_when_discriminator_wins():
    """Near D(G(z)) = 0 the saturating loss barely moves with the fake logit; the non-saturating one does."""
    a, h = math.log(1e-3 / (1 - 1e-3)), 1e-5

    def slope(which):
        up = gan.gan_loss(np.array([0.5]), np.array([1 / (1 + math.exp(-(a + h)))]))[which]
        down = gan.gan_loss(np.array([0.5]), np.array([1 / (1 + math.exp(-(a - h)))]))[which]
        return (up - down) / (2 * h)

    assert abs(slope(1)) < 1e-2 * abs(slope(2))
    assert slope(1) == pytest.approx(-1e-3, rel=1e-3)
    assert slope(2) == pytest.approx(-(1 - 1e-3), rel=1e-3)


# --- ddpm_forward ---------------------------------------------------------

schedules = [(10, 0.05, 0.5), (1000, 1e-4, 0.02), (2, 0.2, 0.6), (6, 0.1, 0.1), (50, 0.001, 0.3)]


@pytest.mark.parametrize(("T", "beta_1", "beta_T"), schedules)
def test_forward_schedule_matches_loop(T, beta_1, beta_T):
    """beta_t and alpha_bar_t agree with the explicit formula and a running product, for every t."""
    x0 = np.array([0.3])
    for t in range(1, T + 1):
        beta_t, alpha_bar_t, _ = fwd.ddpm_forward(x0, x0, t, T, beta_1, beta_T)
        assert beta_t == pytest.approx(linear_beta(t, T, beta_1, beta_T), abs=1e-15)
        assert alpha_bar_t == pytest.approx(alpha_bar_by_loop(t, T, beta_1, beta_T), rel=1e-12)
    assert fwd.ddpm_forward(x0, x0, T, T, beta_1, beta_T)[0] == pytest.approx(beta_T, abs=1e-15)


@pytest.mark.parametrize(("T", "beta_1", "beta_T"), schedules)
def test_forward_closed_form_matches_iterated_moments(T, beta_1, beta_T):
    """Chaining x_t = sqrt(a_t) x_{t-1} + sqrt(b_t) e_t gives mean sqrt(abar_t) x0 and variance 1 - abar_t."""
    x0 = np.array([1.7, -0.4])
    mean_coef, var = 1.0, 0.0
    for t in range(1, T + 1):
        b = linear_beta(t, T, beta_1, beta_T)
        mean_coef, var = math.sqrt(1 - b) * mean_coef, (1 - b) * var + b
        _, _, x_t_mean = fwd.ddpm_forward(x0, np.zeros(2), t, T, beta_1, beta_T)
        _, _, x_t_one_sd = fwd.ddpm_forward(x0, np.ones(2), t, T, beta_1, beta_T)
        assert x_t_mean == pytest.approx(mean_coef * x0, abs=1e-12)
        assert x_t_one_sd - x_t_mean == pytest.approx(np.full(2, math.sqrt(var)), abs=1e-12)


@pytest.mark.parametrize(
    ("t", "T", "beta_1", "beta_T"), [(3, 10, 0.05, 0.5), (40, 100, 0.001, 0.05), (2, 2, 0.2, 0.6)]
)
def test_forward_one_shot_matches_iterated_noising_in_distribution(t, T, beta_1, beta_T):
    """Monte Carlo: step-by-step noising and the one-shot formula give the same mean and variance."""
    rng = np.random.default_rng(1234)
    n, x0 = 100_000, 0.8
    x = np.full(n, x0)
    for s in range(1, t + 1):
        b = linear_beta(s, T, beta_1, beta_T)
        x = math.sqrt(1 - b) * x + math.sqrt(b) * rng.standard_normal(n)
    _, _, one_shot = fwd.ddpm_forward(np.full(n, x0), rng.standard_normal(n), t, T, beta_1, beta_T)
    assert np.mean(one_shot) == pytest.approx(np.mean(x), abs=0.02)
    assert np.var(one_shot) == pytest.approx(np.var(x), abs=0.02)


# --- ddpm_reverse_step ----------------------------------------------------


def schedule_by_loop(t, T, beta_1, beta_T):
    beta_t = linear_beta(t, T, beta_1, beta_T)
    return (
        beta_t,
        1 - beta_t,
        alpha_bar_by_loop(t, T, beta_1, beta_T),
        alpha_bar_by_loop(t - 1, T, beta_1, beta_T),
    )


step_params = [
    (5, 10, 0.05, 0.5),
    (2, 10, 0.05, 0.5),
    (1, 10, 0.05, 0.5),
    (300, 1000, 1e-4, 0.02),
    (1000, 1000, 1e-4, 0.02),
]


@pytest.mark.parametrize(("t", "T", "beta_1", "beta_T"), step_params)
@pytest.mark.parametrize("seed", SEEDS[:3])
def test_reverse_mean_matches_x0_form(t, T, beta_1, beta_T, seed):
    """The epsilon-form mean equals the posterior mean written with x0_hat predicted from eps_hat."""
    rng = np.random.default_rng(seed)
    x_t, eps_hat, z = rng.normal(size=(3, 4))
    beta_t, alpha_t, alpha_bar_t, alpha_bar_prev = schedule_by_loop(t, T, beta_1, beta_T)
    x0_hat = (x_t - math.sqrt(1 - alpha_bar_t) * eps_hat) / math.sqrt(alpha_bar_t)
    mean_x0_form = (math.sqrt(alpha_bar_prev) * beta_t / (1 - alpha_bar_t)) * x0_hat + (
        math.sqrt(alpha_t) * (1 - alpha_bar_prev) / (1 - alpha_bar_t)
    ) * x_t
    for variance in ("beta", "posterior"):
        mean, _, _ = rev.ddpm_reverse_step(x_t, eps_hat, z, t, T, beta_1, beta_T, variance)
        assert mean == pytest.approx(mean_x0_form, abs=1e-9)


@pytest.mark.parametrize(("t", "T", "beta_1", "beta_T"), [p for p in step_params if p[0] > 1])
def test_reverse_posterior_matches_bayes_by_integration(t, T, beta_1, beta_T):
    """q(x_{t-1} | x_t, x0) computed on a grid by Bayes' rule has the reference mean and posterior variance."""
    x0, eps = 0.6, -1.3
    beta_t, alpha_t, alpha_bar_t, alpha_bar_prev = schedule_by_loop(t, T, beta_1, beta_T)
    x_t = math.sqrt(alpha_bar_t) * x0 + math.sqrt(1 - alpha_bar_t) * eps
    prior_mean, prior_var = math.sqrt(alpha_bar_prev) * x0, 1 - alpha_bar_prev
    grid = np.linspace(
        prior_mean - 10 * math.sqrt(prior_var), prior_mean + 10 * math.sqrt(prior_var), 200_001
    )
    density = normal_pdf(x_t, math.sqrt(alpha_t) * grid, beta_t) * normal_pdf(grid, prior_mean, prior_var)
    density /= density.sum()
    post_mean = np.sum(grid * density)
    post_var = np.sum((grid - post_mean) ** 2 * density)
    mean, sigma2, _ = rev.ddpm_reverse_step(
        np.array([x_t]), np.array([eps]), np.array([0.0]), t, T, beta_1, beta_T, "posterior"
    )
    assert mean[0] == pytest.approx(post_mean, abs=1e-6)
    assert sigma2 == pytest.approx(post_var, rel=1e-4)


@pytest.mark.parametrize(("t", "T", "beta_1", "beta_T"), step_params)
@pytest.mark.parametrize("variance", ["beta", "posterior"])
def test_reverse_sample_adds_std_times_z(t, T, beta_1, beta_T, variance):
    """x_{t-1} - mean equals sigma_t * z, with sigma_t^2 from the stated choice and 0 at t = 1."""
    rng = np.random.default_rng(t)
    x_t, eps_hat, z = rng.normal(size=(3, 5))
    beta_t, _, alpha_bar_t, alpha_bar_prev = schedule_by_loop(t, T, beta_1, beta_T)
    if t == 1:
        want = 0.0
    elif variance == "beta":
        want = beta_t
    else:
        want = (1 - alpha_bar_prev) / (1 - alpha_bar_t) * beta_t
    mean, sigma2, x_prev = rev.ddpm_reverse_step(x_t, eps_hat, z, t, T, beta_1, beta_T, variance)
    assert sigma2 == pytest.approx(want, rel=1e-12, abs=1e-15)
    assert x_prev - mean == pytest.approx(math.sqrt(want) * z, abs=1e-12)


def test_reverse_inverts_forward_with_true_noise_at_t1():
    """At t = 1 with the true noise as eps_hat, the step returns x0 exactly (no noise is added)."""
    rng = np.random.default_rng(7)
    x0, eps, z = rng.normal(size=(3, 6))
    _, _, x_1 = fwd.ddpm_forward(x0, eps, 1, 10, 0.05, 0.5)
    for variance in ("beta", "posterior"):
        _, _, x_prev = rev.ddpm_reverse_step(x_1, eps, z, 1, 10, 0.05, 0.5, variance)
        assert x_prev == pytest.approx(x0, abs=1e-12)
