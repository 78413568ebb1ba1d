"""Independent checks of the llm decoding, routing and preference-loss references: brute-force
searches for sampling and beam search, a second formulation of BPE, plain loops for the rest, each
run on every stored case of its problem."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from conftest import load_solution, stored_cases

sampling = load_solution("sampling")


def case_params(problem_id: str) -> list:  # type: ignore[type-arg]
    """(name, stdin lines) of every stored case, as pytest parameters."""
    return [pytest.param(name, lines, id=name) for name, lines in stored_cases(problem_id)]


def scalar_softmax(z: list[float]) -> list[float]:
    """Softmax with math.exp, one entry at a time, shifted by the max."""
    top = max(z)
    e = [math.exp(v - top) for v in z]
    return [v / math.fsum(e) for v in e]


# ---------------------------------------------------------------- sampling


def beats(p: list[float], i: int, j: int) -> bool:
    """Token i ranks before token j: more probable, or as probable with a lower id."""
    return p[i] > p[j] or (p[i] == p[j] and i < j)


def renormalised(p: list[float], keep: list[bool]) -> list[float]:
    total = math.fsum(v for v, k in zip(p, keep, strict=True) if k)
    return [v / total if k else 0.0 for v, k in zip(p, keep, strict=True)]


def sample_by_ranks(logits, temperature, top_k, top_p):  # type: ignore[no-untyped-def]
    """The filters without sorting: a token's rank is the number of tokens that beat it."""
    p = scalar_softmax([v / temperature for v in logits])
    V = len(p)
    if 0 < top_k < V:
        p = renormalised(p, [sum(beats(p, j, i) for j in range(V)) < top_k for i in range(V)])
    if top_p < 1.0:
        p = renormalised(p, [math.fsum(p[j] for j in range(V) if beats(p, j, i)) < top_p for i in range(V)])
    return p


def best_subset(p: list[float], size: int) -> tuple[int, ...]:
    """The most probable set of `size` tokens by exhaustive search, ties to the lexicographically
    smallest ids."""
    subsets = list(itertools.combinations(range(len(p)), size))
    best = max(math.fsum(p[i] for i in s) for s in subsets)
    return min(s for s in subsets if math.fsum(p[i] for i in s) >= best - 1e-15)


def sample_by_search(logits, temperature, top_k, top_p):  # type: ignore[no-untyped-def]
    """The filters as searches over subsets: top-k is the best set of k tokens, top-p the best set of
    the smallest size whose mass reaches p."""
    p = scalar_softmax([v / temperature for v in logits])
    V = len(p)
    if 0 < top_k < V:
        kept = best_subset(p, top_k)
        p = renormalised(p, [i in kept for i in range(V)])
    if top_p < 1.0:
        for size in range(1, V + 1):
            kept = best_subset(p, size)
            if math.fsum(p[i] for i in kept) >= top_p:
                break
        p = renormalised(p, [i in kept for i in range(V)])
    return p


def draw_by_loop(q: list[float], u: float) -> int:
    """Walk the ids in increasing order until the running total passes u."""
    total = 0.0
    for i, v in enumerate(q):
        total += v
        if u < total:
            return i
    raise AssertionError("u beyond the total mass")


def read_sampling(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), float(lines[1]), int(lines[2]), float(lines[3]), float(lines[4])


@pytest.mark.parametrize(("name", "lines"), case_params("sampling"))
def test_sampling_cases_match_ranks_and_loop_draw(name: str, lines: list[str]) -> None:
    """On every stored case the filtered distribution equals the rank-count formulation and the token
    the running-total loop."""
    logits, temperature, top_k, top_p, u = read_sampling(lines)
    probs, token = sampling.sample(logits, temperature, top_k, top_p, u)
    want = sample_by_ranks(logits, temperature, top_k, top_p)
    np.testing.assert_allclose(probs, want, atol=1e-12)
    assert token == draw_by_loop(want, u)


@pytest.mark.parametrize(("name", "lines"), case_params("sampling"))
def test_sampling_cases_match_subset_search(name: str, lines: list[str]) -> None:
    """On every stored case with at most 12 tokens the kept tokens are those of the exhaustive search."""
    logits, temperature, top_k, top_p, u = read_sampling(lines)
    if len(logits) > 12:
        pytest.skip("too many subsets")
    probs, _ = sampling.sample(logits, temperature, top_k, top_p, u)
    np.testing.assert_allclose(probs, sample_by_search(logits, temperature, top_k, top_p), atol=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_sampling_draw_frequencies_equal_the_distribution(seed: int) -> None:
    """Over a fine grid of u, each token is drawn for a share of the grid equal to its probability."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 2, size=int(rng.integers(2, 9))).tolist()
    probs, _ = sampling.sample(logits, 0.9, 4, 0.8, 0.0)
    n = 4000
    counts = np.bincount([sampling.sample(logits, 0.9, 4, 0.8, (i + 0.5) / n)[1] for i in range(n)], minlength=len(logits))
    np.testing.assert_allclose(counts / n, probs, atol=1.0 / n + 1e-12)


def test_sampling_filters_off_is_softmax() -> None:
    """With k = 0 and p = 1 the distribution is the softmax of logits / T."""
    logits = [0.3, -1.0, 2.5, 0.0]
    probs, _ = sampling.sample(logits, 1.7, 0, 1.0, 0.5)
    np.testing.assert_allclose(probs, scalar_softmax([v / 1.7 for v in logits]), atol=1e-15)
