"""Independent checks of the llm decoding, routing and preference-loss references: brute-force
searches for sampling and beam search, a second formulation of BPE, plain loops for the rest, each
run on every stored case of its problem."""

from __future__ import annotations

import heapq
import itertools
import math
import re
import statistics

import numpy as np
import pytest

from conftest import load_solution, stored_cases

sampling = load_solution("sampling")
beam = load_solution("beam_search")
bpe = load_solution("bpe_train")
lora = load_solution("lora_linear")
moe = load_solution("moe_router")
dpo = load_solution("dpo_loss")
ppo = load_solution("ppo_clip_loss")
grpo = load_solution("grpo_advantage")


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


# ------------------------------------------------------------- beam_search


def path_sum(logp, start: int, tokens: tuple[int, ...]) -> float:  # type: ignore[no-untyped-def]
    """The log-probability of a token path under the Markov table, summed from the start token."""
    previous = (start, *tokens[:-1])
    return math.fsum(logp[a][b] for a, b in zip(previous, tokens, strict=True))


def beam_by_frontier(logp, start, eos, width, max_len, alpha):  # type: ignore[no-untyped-def]
    """A second beam search over tuples: the frontier is a dict path -> sum, recomputed from the table,
    and each step keeps the `slots` best extensions with heapq."""
    V = len(logp)
    frontier: dict[tuple[int, ...], float] = {(): 0.0}
    done: dict[tuple[int, ...], float] = {}
    for _ in range(max_len):
        slots = width - len(done)
        extensions = [(*path, b) for path in frontier for b in range(V)]
        best = heapq.nsmallest(slots, extensions, key=lambda path: (-path_sum(logp, start, path), path))
        done.update({path: path_sum(logp, start, path) for path in best if path[-1] == eos})
        frontier = {path: path_sum(logp, start, path) for path in best if path[-1] != eos}
        if not frontier:
            break
    done.update(frontier)
    ranked = sorted(done, key=lambda path: (-done[path] / len(path) ** alpha, path))
    return [(list(path), done[path] / len(path) ** alpha) for path in ranked]


def every_sequence(V: int, eos: int, max_len: int):  # type: ignore[no-untyped-def]
    """All outputs of the search space: sequences that stop at their first eos within max_len,
    and sequences of exactly max_len tokens without eos."""
    for n in range(1, max_len + 1):
        for path in itertools.product(range(V), repeat=n):
            if eos in path[:-1]:
                continue
            if path[-1] == eos or n == max_len:
                yield path


def read_beam(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), int(lines[1]), int(lines[2]), int(lines[3]), int(lines[4]), float(lines[5])


def assert_same_hypotheses(got, want) -> None:  # type: ignore[no-untyped-def]
    assert [list(tokens) for tokens, _ in got] == [list(tokens) for tokens, _ in want]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in want], atol=1e-12)


@pytest.mark.parametrize(("name", "lines"), case_params("beam_search"))
def test_beam_search_cases_match_frontier_search(name: str, lines: list[str]) -> None:
    """On every stored case the hypotheses, their order and scores equal the dict-and-heap search."""
    args = read_beam(lines)
    assert_same_hypotheses(beam.beam_search(*args), beam_by_frontier(*args))


@pytest.mark.parametrize(("name", "lines"), case_params("beam_search"))
def test_beam_search_cases_use_exact_sums(name: str, lines: list[str]) -> None:
    """Every table entry is a multiple of 1/64, so sums do not depend on the order of the additions."""
    logp = read_beam(lines)[0]
    assert all(v * 64 == int(v * 64) for row in logp for v in row)


def exhaustive_ranking(logp, start, eos, max_len, alpha):  # type: ignore[no-untyped-def]
    scored = [(list(p), path_sum(logp, start, p) / len(p) ** alpha) for p in every_sequence(len(logp), eos, max_len)]
    return sorted(scored, key=lambda h: (-h[1], h[0]))


@pytest.mark.parametrize(("name", "lines"), case_params("beam_search"))
def test_beam_search_wide_cases_equal_exhaustive_search(name: str, lines: list[str]) -> None:
    """When the beam is wider than the whole search space, it returns every sequence, ranked as the
    exhaustive enumeration ranks them."""
    logp, start, eos, width, max_len, alpha = read_beam(lines)
    if width < sum(1 for _ in every_sequence(len(logp), eos, max_len)):
        pytest.skip("beam narrower than the search space")
    assert_same_hypotheses(beam.beam_search(logp, start, eos, width, max_len, alpha), exhaustive_ranking(logp, start, eos, max_len, alpha))


def random_table(rng: np.random.Generator, V: int) -> list[list[float]]:
    z = rng.normal(0, 1.5, size=(V, V))
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return (np.round(logp * 64) / 64).tolist()


@pytest.mark.parametrize("seed", range(10))
def test_beam_search_wide_beam_is_exhaustive(seed: int) -> None:
    """On random small tables a beam as wide as the search space finds the exhaustive ranking."""
    rng = np.random.default_rng(seed)
    V, max_len = int(rng.integers(2, 5)), int(rng.integers(1, 4))
    logp, eos, alpha = random_table(rng, V), int(rng.integers(V)), float(rng.choice([0.0, 0.6, 1.0]))
    space = exhaustive_ranking(logp, 0, eos, max_len, alpha)
    assert_same_hypotheses(beam.beam_search(logp, 0, eos, len(space), max_len, alpha), space)


@pytest.mark.parametrize("seed", range(10))
def test_beam_search_width_one_is_greedy(seed: int) -> None:
    """With one beam the only hypothesis is the greedy path: the most probable next token each step."""
    rng = np.random.default_rng(100 + seed)
    V, max_len = int(rng.integers(2, 7)), int(rng.integers(1, 8))
    logp, eos = random_table(rng, V), int(rng.integers(V))
    path, previous = [], 0
    while len(path) < max_len and (not path or path[-1] != eos):
        previous = int(np.argmax(logp[previous]))
        path.append(previous)
    assert [tokens for tokens, _ in beam.beam_search(logp, 0, eos, 1, max_len, 1.0)] == [path]


@pytest.mark.parametrize("seed", range(10))
def test_beam_search_returns_at_most_width_hypotheses(seed: int) -> None:
    """Finished hypotheses keep their slots: never more than the beam width come back, each ending in
    eos or as long as max_len."""
    rng = np.random.default_rng(200 + seed)
    V, width, max_len = int(rng.integers(2, 7)), int(rng.integers(1, 6)), int(rng.integers(1, 7))
    logp, eos = random_table(rng, V), int(rng.integers(V))
    hypotheses = beam.beam_search(logp, 0, eos, width, max_len, 0.5)
    assert 1 <= len(hypotheses) <= width
    assert all(tokens[-1] == eos or len(tokens) == max_len for tokens, _ in hypotheses)


# --------------------------------------------------------------- bpe_train


def regex_merge(text: str, pair: tuple[str, str]) -> str:
    """Join the pair in a space-separated string of symbols, only between whole symbols (the
    lookarounds forbid matching inside a longer symbol)."""
    pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(pair)) + r"(?!\S)")
    return pattern.sub("".join(pair), text)


def bpe_by_strings(corpus: dict[str, int], num_merges: int, word: str):  # type: ignore[no-untyped-def]
    """BPE on space-joined strings with regex merges; the best pair is the first of all pairs sorted
    by (-count, left, right)."""
    vocab = {" ".join([*w, "</w>"]): n for w, n in corpus.items()}
    merges = []
    for _ in range(num_merges):
        counts: dict[tuple[str, str], int] = {}
        for text, n in vocab.items():
            symbols = text.split(" ")
            for i in range(len(symbols) - 1):
                counts[symbols[i], symbols[i + 1]] = counts.get((symbols[i], symbols[i + 1]), 0) + n
        if not counts:
            break
        pair = sorted(counts, key=lambda p: (-counts[p], p))[0]
        merges.append(pair)
        vocab = {regex_merge(text, pair): n for text, n in vocab.items()}
    text = " ".join([*word, "</w>"])
    for pair in merges:
        text = regex_merge(text, pair)
    return merges, text.split(" "), vocab


def read_bpe(lines: list[str]):  # type: ignore[no-untyped-def]
    return eval(lines[0]), int(lines[1]), lines[2].strip()


@pytest.mark.parametrize(("name", "lines"), case_params("bpe_train"))
def test_bpe_cases_match_string_regex_version(name: str, lines: list[str]) -> None:
    """On every stored case the merges and the tokens equal the regex-on-strings formulation."""
    corpus, k, word = read_bpe(lines)
    merges, tokens = bpe.bpe_train(corpus, k, word)
    want_merges, want_tokens, _ = bpe_by_strings(corpus, k, word)
    assert [tuple(p) for p in merges] == want_merges
    assert tokens == want_tokens


@pytest.mark.parametrize(("name", "lines"), case_params("bpe_train"))
def test_bpe_cases_tokenise_corpus_words_as_trained(name: str, lines: list[str]) -> None:
    """Replaying the merges on a corpus word gives the segmentation that word has after training,
    and the symbols always spell the word followed by </w>."""
    corpus, k, _ = read_bpe(lines)
    _, _, trained = bpe_by_strings(corpus, k, "a")
    for text in trained:
        word = text.replace(" ", "")[: -len("</w>")]
        _, tokens = bpe.bpe_train(corpus, k, word)
        assert tokens == text.split(" ")
        assert "".join(tokens) == word + "</w>"


@pytest.mark.parametrize(("name", "lines"), case_params("bpe_train"))
def test_bpe_cases_each_merge_is_a_most_frequent_pair(name: str, lines: list[str]) -> None:
    """Before every merge no pair is more frequent, and no pair as frequent is lexicographically
    smaller, counted by brute force over every position of every word."""
    corpus, k, word = read_bpe(lines)
    merges, _ = bpe.bpe_train(corpus, k, word)
    vocab = {" ".join([*w, "</w>"]): n for w, n in corpus.items()}
    for pair in merges:
        pairs = {(a, b) for text in vocab for a, b in itertools.pairwise(text.split(" "))}

        def count(p: tuple[str, str], vocab: dict[str, int] = vocab) -> int:
            return sum(n * list(itertools.pairwise(text.split(" "))).count(p) for text, n in vocab.items())

        assert all(count(p) < count(pair) or (count(p) == count(pair) and p >= pair) for p in pairs)
        vocab = {regex_merge(text, pair): n for text, n in vocab.items()}


# ------------------------------------------------------------- lora_linear


def lora_loops(x, W, A, B, alpha):  # type: ignore[no-untyped-def]
    """y and the merged weight entry by entry: the adapter path goes through r hidden numbers."""
    r = len(A)
    y = []
    for row in x:
        hidden = [math.fsum(a * v for a, v in zip(A[q], row, strict=True)) for q in range(r)]
        y.append([
            math.fsum(w * v for w, v in zip(W[o], row, strict=True))
            + alpha / r * math.fsum(B[o][q] * hidden[q] for q in range(r))
            for o in range(len(W))
        ])
    merged = [
        [W[o][i] + alpha / r * math.fsum(B[o][q] * A[q][i] for q in range(r)) for i in range(len(W[0]))]
        for o in range(len(W))
    ]
    return y, merged


@pytest.mark.parametrize(("name", "lines"), case_params("lora_linear"))
def test_lora_cases_match_loops_and_merge(name: str, lines: list[str]) -> None:
    """On every stored case y and W_merged equal the scalar loops, and x W_mergedᵀ gives y back."""
    x, W, A, B = (eval(line) for line in lines[:4])
    alpha = float(lines[4])
    y, merged = lora.lora_linear(x, W, A, B, alpha)
    want_y, want_merged = lora_loops(x, W, A, B, alpha)
    np.testing.assert_allclose(y, want_y, atol=1e-12)
    np.testing.assert_allclose(merged, want_merged, atol=1e-12)
    np.testing.assert_allclose(np.asarray(x) @ np.asarray(merged).T, y, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_lora_with_zero_b_is_the_frozen_layer(seed: int) -> None:
    """With B = 0, as LoRA initialises it, the layer is exactly x Wᵀ and the merged weight is W."""
    rng = np.random.default_rng(seed)
    x, W, A = rng.normal(size=(3, 5)), rng.normal(size=(4, 5)), rng.normal(size=(2, 5))
    y, merged = lora.lora_linear(x, W, A, np.zeros((4, 2)), 16.0)
    np.testing.assert_array_equal(y, x @ W.T)
    np.testing.assert_array_equal(merged, W)


def test_lora_scale_is_alpha_over_rank() -> None:
    """Spreading the same B A over twice the rank and doubling alpha leaves the layer unchanged: only
    alpha / r matters."""
    rng = np.random.default_rng(9)
    x, W, A, B = rng.normal(size=(2, 6)), rng.normal(size=(3, 6)), rng.normal(size=(2, 6)), rng.normal(size=(3, 2))
    y, _ = lora.lora_linear(x, W, A, B, 8.0)
    y_doubled, _ = lora.lora_linear(x, W, np.vstack([A, A]), np.hstack([B, B]) / 2, 16.0)
    np.testing.assert_allclose(y_doubled, y, atol=1e-12)


# -------------------------------------------------------------- moe_router


def moe_loops(x, W_gate, experts, k):  # type: ignore[no-untyped-def]
    """The router token by token: experts ranked by counting who beats them, gates as a softmax over
    the chosen logits only, outputs and the balance loss by explicit sums."""
    N = len(W_gate[0])
    chosen, gates, outputs, probs = [], [], [], []
    for row in x:
        h = [math.fsum(row[a] * W_gate[a][i] for a in range(len(row))) for i in range(N)]
        p = scalar_softmax(h)
        rank = {i: sum(beats(p, j, i) for j in range(N)) for i in range(N)}
        picked = sorted((i for i in range(N) if rank[i] < k), key=rank.__getitem__)
        w = scalar_softmax([h[i] for i in picked])
        out = [
            math.fsum(w[j] * math.fsum(row[a] * experts[i][a][o] for a in range(len(row))) for j, i in enumerate(picked))
            for o in range(len(experts[0][0]))
        ]
        chosen.append(picked)
        gates.append(w)
        outputs.append(out)
        probs.append(p)
    T = len(x)
    f = [sum(i in picked for picked in chosen) / T for i in range(N)]
    P = [math.fsum(p[i] for p in probs) / T for i in range(N)]
    return chosen, gates, outputs, N * math.fsum(fi * Pi for fi, Pi in zip(f, P, strict=True))


@pytest.mark.parametrize(("name", "lines"), case_params("moe_router"))
def test_moe_cases_match_loops(name: str, lines: list[str]) -> None:
    """On every stored case the experts, the gates (renormalised = softmax over the chosen logits),
    the outputs and the loss equal the token-by-token loops."""
    x, W_gate, experts = (eval(line) for line in lines[:3])
    k = int(lines[3])
    chosen, weights, y, loss = moe.moe_router(x, W_gate, experts, k)
    want_chosen, want_weights, want_y, want_loss = moe_loops(x, W_gate, experts, k)
    assert np.asarray(chosen).tolist() == want_chosen
    np.testing.assert_allclose(weights, want_weights, atol=1e-12)
    np.testing.assert_allclose(y, want_y, rtol=1e-12, atol=1e-9)
    assert loss == pytest.approx(want_loss, abs=1e-12)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_moe_balanced_routing_gives_loss_k(k: int) -> None:
    """When every expert gets the same share of tokens and the same mean probability, the loss is k."""
    N = 6
    x = np.eye(N)
    W_gate = np.zeros((N, N))
    for t in range(N):
        for j in range(k):
            W_gate[t, (t + j) % N] = 5.0 - j
    experts = np.zeros((N, N, 1))
    _, weights, _, loss = moe.moe_router(x, W_gate, experts, k)
    assert loss == pytest.approx(k, abs=1e-12)
    np.testing.assert_allclose(np.sum(weights, axis=1), 1.0, atol=1e-12)


def test_moe_all_experts_give_the_softmax_mixture() -> None:
    """With k = N the gates are the full softmax and the loss is N (every f_i is 1)."""
    rng = np.random.default_rng(3)
    x, W_gate, experts = rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=(5, 3, 2))
    chosen, weights, y, loss = moe.moe_router(x, W_gate, experts, 5)
    logits = x @ W_gate
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(np.take_along_axis(p, np.asarray(chosen), axis=1), weights, atol=1e-12)
    np.testing.assert_allclose(y, np.einsum("tn,td,nde->te", p, x, experts), atol=1e-12)
    assert loss == pytest.approx(5.0, abs=1e-12)


# ---------------------------------------------------------------- dpo_loss


def softplus(z: float) -> float:
    """log(1 + e^z) with math, split by sign so that exp never overflows."""
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def dpo_loops(pc, pr, rc, rr, beta):  # type: ignore[no-untyped-def]
    chosen = [beta * (a - b) for a, b in zip(pc, rc, strict=True)]
    rejected = [beta * (a - b) for a, b in zip(pr, rr, strict=True)]
    losses = [softplus(-(c - r)) for c, r in zip(chosen, rejected, strict=True)]
    wins = sum(c > r for c, r in zip(chosen, rejected, strict=True))
    return math.fsum(losses) / len(losses), chosen, rejected, wins / len(losses)


@pytest.mark.parametrize(("name", "lines"), case_params("dpo_loss"))
def test_dpo_cases_match_loops(name: str, lines: list[str]) -> None:
    """On every stored case the loss, both rewards and the accuracy equal the scalar loops."""
    pc, pr, rc, rr = (eval(line) for line in lines[:4])
    beta = float(lines[4])
    loss, chosen, rejected, accuracy = dpo.dpo_loss(pc, pr, rc, rr, beta)
    want_loss, want_chosen, want_rejected, want_accuracy = dpo_loops(pc, pr, rc, rr, beta)
    assert loss == pytest.approx(want_loss, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(chosen, want_chosen, atol=1e-12)
    np.testing.assert_allclose(rejected, want_rejected, atol=1e-12)
    assert accuracy == want_accuracy


@pytest.mark.parametrize(("name", "lines"), case_params("dpo_loss"))
def test_dpo_cases_have_no_near_ties(name: str, lines: list[str]) -> None:
    """Two rewards of a pair are either exactly equal (a tie the statement resolves) or clearly apart,
    so rounding cannot flip the accuracy."""
    pc, pr, rc, rr = (eval(line) for line in lines[:4])
    _, chosen, rejected, _ = dpo.dpo_loss(pc, pr, rc, rr, float(lines[4]))
    gaps = np.abs(np.asarray(chosen) - np.asarray(rejected))
    assert np.all((gaps == 0) | (gaps > 1e-9))


@pytest.mark.parametrize("margin", [-800.0, -3.0, 0.0, 2.5, 900.0])
def test_dpo_swapping_the_pair_changes_the_loss_by_the_margin(margin: float) -> None:
    """softplus(-m) - softplus(m) = -m: swapping chosen and rejected adds exactly the margin."""
    a, b = dpo.dpo_loss([margin], [0.0], [0.0], [0.0], 1.0)[0], dpo.dpo_loss([0.0], [margin], [0.0], [0.0], 1.0)[0]
    assert a - b == pytest.approx(-margin, abs=1e-9)
    assert np.isfinite(a) and np.isfinite(b)


# ----------------------------------------------------------- ppo_clip_loss


def clipped_objective(ratio: float, advantage: float, eps: float) -> float:
    """The clipped surrogate by cases: a positive advantage caps the ratio from above, a negative one
    from below (the min of the two terms, without taking a min)."""
    if advantage >= 0:
        return advantage * min(ratio, 1 + eps)
    return advantage * max(ratio, 1 - eps)


def ppo_loops(new, old, adv, eps):  # type: ignore[no-untyped-def]
    ratios = [math.exp(n - o) for n, o in zip(new, old, strict=True)]
    T = len(ratios)
    loss = -math.fsum(clipped_objective(r, a, eps) for r, a in zip(ratios, adv, strict=True)) / T
    clipped = sum(not (1 - eps <= r <= 1 + eps) for r in ratios) / T
    kl = math.fsum(r - 1 - math.log(r) for r in ratios) / T
    return loss, clipped, kl, ratios


@pytest.mark.parametrize(("name", "lines"), case_params("ppo_clip_loss"))
def test_ppo_cases_match_piecewise_loops(name: str, lines: list[str]) -> None:
    """On every stored case the loss equals the piecewise form, the clip fraction the count of ratios
    outside the range and the KL the scalar k3 sum; no ratio sits on the clip boundary."""
    new, old, adv = (eval(line) for line in lines[:3])
    eps = float(lines[3])
    loss, clipped, kl = ppo.ppo_clip_loss(new, old, adv, eps)
    want_loss, want_clipped, want_kl, ratios = ppo_loops(new, old, adv, eps)
    assert loss == pytest.approx(want_loss, abs=1e-12)
    assert clipped == want_clipped
    assert kl == pytest.approx(want_kl, abs=1e-12)
    assert all(abs(abs(r - 1) - eps) > 1e-9 for r in ratios)


@pytest.mark.parametrize("seed", range(5))
def test_ppo_on_policy_loss_is_minus_mean_advantage(seed: int) -> None:
    """With the new policy equal to the old one the ratio is 1: loss -mean(A), nothing clipped, KL 0."""
    rng = np.random.default_rng(seed)
    logp, adv = rng.uniform(-3, 0, size=7), rng.normal(size=7)
    loss, clipped, kl = ppo.ppo_clip_loss(logp, logp, adv, 0.2)
    assert loss == pytest.approx(-adv.mean(), abs=1e-12)
    assert clipped == 0.0
    assert kl == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_ppo_k3_is_unbiased_for_the_kl(seed: int) -> None:
    """Averaged over the old policy's own distribution, k3 equals the exact KL(old || new)."""
    rng = np.random.default_rng(seed)
    old = rng.dirichlet(np.ones(6))
    new = rng.dirichlet(np.ones(6))
    per_token = [ppo.ppo_clip_loss([math.log(n)], [math.log(o)], [0.0], 0.2)[2] for n, o in zip(new, old, strict=True)]
    assert float(np.dot(old, per_token)) == pytest.approx(float(np.sum(old * np.log(old / new))), abs=1e-12)


# ---------------------------------------------------------- grpo_advantage


def grpo_loops(rewards, G, logp, old, ref, mask, clip_eps, beta, eps):  # type: ignore[no-untyped-def]
    """Advantages with statistics.stdev (the n - 1 estimator) group by group, then every token by the
    piecewise clipped objective and the k3 term, then the mean of per-completion means."""
    advantages = []
    for start in range(0, len(rewards), G):
        group = rewards[start : start + G]
        mean, std = statistics.fmean(group), statistics.stdev(group)
        advantages += [(r - mean) / (std + eps) for r in group]
    per_token, per_completion = [], []
    for i, a in enumerate(advantages):
        row = []
        for t in range(len(logp[i])):
            d = ref[i][t] - logp[i][t]
            kl = math.exp(d) - d - 1
            objective = clipped_objective(math.exp(logp[i][t] - old[i][t]), a, clip_eps)
            row.append(-(objective - beta * kl) if mask[i][t] else 0.0)
        per_token.append(row)
        per_completion.append(math.fsum(row) / sum(mask[i]))
    return advantages, per_token, math.fsum(per_completion) / len(per_completion)


def read_grpo(lines: list[str]):  # type: ignore[no-untyped-def]
    return (
        eval(lines[0]),
        int(lines[1]),
        *(eval(line) for line in lines[2:6]),
        *(float(line) for line in lines[6:9]),
    )


@pytest.mark.parametrize(("name", "lines"), case_params("grpo_advantage"))
def test_grpo_cases_match_loops(name: str, lines: list[str]) -> None:
    """On every stored case the advantages, every token's loss and the loss equal the scalar loops."""
    args = read_grpo(lines)
    advantages, per_token, loss = grpo.grpo_advantage(*args)
    want_advantages, want_per_token, want_loss = grpo_loops(*args)
    np.testing.assert_allclose(advantages, want_advantages, atol=1e-12)
    np.testing.assert_allclose(per_token, want_per_token, atol=1e-12)
    assert loss == pytest.approx(want_loss, abs=1e-12)


@pytest.mark.parametrize(("name", "lines"), case_params("grpo_advantage"))
def test_grpo_cases_ignore_padding_values(name: str, lines: list[str]) -> None:
    """Changing the log-probs on padding positions changes nothing; no ratio sits on the clip boundary."""
    rewards, G, logp, old, ref, mask, clip_eps, beta, eps = read_grpo(lines)
    pad = np.asarray(mask) == 0
    moved = [np.where(pad, np.asarray(m) - 5.0, m) for m in (logp, old, ref)]
    a = grpo.grpo_advantage(rewards, G, logp, old, ref, mask, clip_eps, beta, eps)
    b = grpo.grpo_advantage(rewards, G, *moved, mask, clip_eps, beta, eps)
    np.testing.assert_allclose(a[1], b[1], atol=1e-12)
    assert a[2] == pytest.approx(b[2], abs=1e-12)
    ratio = np.exp(np.asarray(logp) - np.asarray(old))[~pad]
    assert np.all(np.abs(np.abs(ratio - 1) - clip_eps) > 1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_grpo_advantages_are_standardised_per_group(seed: int) -> None:
    """With eps near 0 each group's advantages have mean 0 and unbiased standard deviation 1."""
    rng = np.random.default_rng(seed)
    G, Q = int(rng.integers(2, 7)), int(rng.integers(1, 4))
    rewards = rng.normal(size=Q * G)
    ones = np.ones((Q * G, 2))
    advantages, _, _ = grpo.grpo_advantage(rewards, G, -ones, -ones, -ones, ones, 0.2, 0.0, 1e-12)
    groups = advantages.reshape(Q, G)
    np.testing.assert_allclose(groups.mean(axis=1), 0.0, atol=1e-9)
    np.testing.assert_allclose(groups.std(axis=1, ddof=1), 1.0, atol=1e-9)
