"""Independent checks of the classic-ML references: scikit-learn as the oracle where it computes the
same thing (on the cases its tie and empty-cluster rules agree with ours), plain loops or brute force
for the conventions it does not share, each run against every stored case of the problem."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
import yaml
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import confusion_matrix, log_loss, precision_recall_fscore_support, roc_auc_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

from conftest import PROBLEMS, SOLUTIONS, conv2d_loop, load_solution, stored_cases

CLOSE = {"rtol": 1e-9, "atol": 1e-9}


def rows(line: str) -> list[list[float]]:
    """A matrix literal of a case, as nested lists of floats."""
    return [[float(v) for v in row] for row in eval(line)]


ML_IDS = [
    "kmeans",
    "pca",
    "logistic_regression",
    "linear_regression",
    "knn",
    "decision_stump",
    "classification_metrics",
    "roc_auc",
    "nms",
    "im2col_conv",
]


@pytest.mark.parametrize("problem_id", ML_IDS)
def test_reference_ends_with_the_template_harness(problem_id: str) -> None:
    """The reference ends with its template's __main__ block, byte for byte, so a bare function runs the same."""
    template = yaml.safe_load((PROBLEMS / f"{problem_id}.yaml").read_text(encoding="utf-8"))["template"]
    harness = template[template.index('if __name__ == "__main__":') :]
    assert (SOLUTIONS / f"{problem_id}.py").read_text(encoding="utf-8").endswith(harness)


# ---------------------------------------------------------------- kmeans

kmeans_ref = load_solution("kmeans")
KMEANS_CASES = stored_cases("kmeans")


def kmeans_loops(X: list[list[float]], C: list[list[float]], max_iter: int):  # type: ignore[no-untyped-def]
    """Lloyd's algorithm point by point in plain Python; also reports whether a distance tie or an
    empty cluster ever occurred (the two places where scikit-learn's rules differ from ours)."""
    C = [list(c) for c in C]
    seen = {"tie": False, "empty": False}

    def assign() -> list[int]:
        labels = []
        for x in X:
            d = [sum((a - b) ** 2 for a, b in zip(x, c, strict=True)) for c in C]
            best = min(d)
            seen["tie"] |= sum(1 for v in d if v - best < 1e-9) > 1
            labels.append(d.index(best))
        return labels

    labels = assign()
    for _ in range(max_iter):
        for j in range(len(C)):
            members = [x for x, label in zip(X, labels, strict=True) if label == j]
            if members:
                C[j] = [sum(column) / len(members) for column in zip(*members, strict=True)]
            else:
                seen["empty"] = True
        new = assign()
        if new == labels:
            break
        labels = new
    inertia = sum(
        sum((a - b) ** 2 for a, b in zip(x, C[label], strict=True))
        for x, label in zip(X, labels, strict=True)
    )
    return labels, C, inertia, seen["tie"] or seen["empty"]


@pytest.mark.parametrize(("name", "lines"), KMEANS_CASES, ids=[n for n, _ in KMEANS_CASES])
def test_kmeans_matches_loops(name: str, lines: list[str]) -> None:
    """Labels, centroids and inertia equal a point-by-point loop with the stated tie and empty rules."""
    X, C, max_iter = rows(lines[0]), rows(lines[1]), int(lines[2])
    labels, centroids, inertia = kmeans_ref.kmeans(np.array(X), np.array(C), max_iter)
    want_labels, want_centroids, want_inertia, _ = kmeans_loops(X, C, max_iter)
    assert list(labels) == want_labels
    np.testing.assert_allclose(centroids, want_centroids, **CLOSE)
    assert inertia == pytest.approx(want_inertia, rel=1e-12, abs=1e-9)


def sklearn_kmeans_cases() -> list[tuple[str, list[str]]]:
    """The cases where no tie and no empty cluster occurs: there scikit-learn must agree exactly."""
    return [
        (n, lines)
        for n, lines in KMEANS_CASES
        if not kmeans_loops(rows(lines[0]), rows(lines[1]), int(lines[2]))[3]
    ]


def test_kmeans_cases_cover_both_rules() -> None:
    """Some cases are left to scikit-learn, and at least three exercise a tie or an empty cluster."""
    assert len(sklearn_kmeans_cases()) >= 5
    assert len(KMEANS_CASES) - len(sklearn_kmeans_cases()) >= 3


@pytest.mark.parametrize(
    ("name", "lines"), sklearn_kmeans_cases(), ids=[n for n, _ in sklearn_kmeans_cases()]
)
def test_kmeans_matches_sklearn(name: str, lines: list[str]) -> None:
    """Without ties or empty clusters, sklearn's Lloyd KMeans from the same centroids gives the same result."""
    X, C, max_iter = np.array(rows(lines[0])), np.array(rows(lines[1])), int(lines[2])
    labels, centroids, inertia = kmeans_ref.kmeans(X, C, max_iter)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = KMeans(len(C), init=C, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd").fit(X)
    assert list(labels) == model.labels_.tolist()
    np.testing.assert_allclose(centroids, model.cluster_centers_, rtol=1e-9, atol=1e-9)
    assert inertia == pytest.approx(model.inertia_, rel=1e-9, abs=1e-9)


# ---------------------------------------------------------------- pca

pca_ref = load_solution("pca")
PCA_CASES = stored_cases("pca")


def largest_entry_positive(components: np.ndarray) -> np.ndarray:
    """The stated sign rule, applied row by row with a plain loop."""
    signed = []
    for row in components:
        biggest = max(range(len(row)), key=lambda j: abs(row[j]))
        signed.append(row if row[biggest] > 0 else -row)
    return np.array(signed)


@pytest.mark.parametrize(("name", "lines"), PCA_CASES, ids=[n for n, _ in PCA_CASES])
def test_pca_matches_sklearn(name: str, lines: list[str]) -> None:
    """Components (under the stated sign rule), eigenvalues, ratios and projection equal sklearn's SVD-based PCA."""
    X, k = np.array(rows(lines[0])), int(lines[1])
    components, variance, ratio, projection = pca_ref.pca(X, k)
    model = PCA(n_components=k, svd_solver="full").fit(X)
    want = largest_entry_positive(model.components_)
    flips = np.sign((want * model.components_).sum(axis=1))
    np.testing.assert_allclose(components, want, atol=1e-8)
    np.testing.assert_allclose(variance, model.explained_variance_, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ratio, model.explained_variance_ratio_, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(projection, model.transform(X) * flips, atol=1e-8)


def test_pca_cases_have_a_clear_sign_and_order() -> None:
    """In every case the kept eigenvalues are distinct and each component's largest entry stands out, so
    the answer does not depend on the eigensolver."""
    for _, lines in PCA_CASES:
        X, k = np.array(rows(lines[0])), int(lines[1])
        singular = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
        assert np.all(np.diff(singular[: k + 1 if k < len(singular) else k]) < -1e-6)
        magnitudes = np.sort(np.abs(pca_ref.pca(X, k)[0]), axis=1)
        if X.shape[1] > 1:
            assert np.all(magnitudes[:, -1] - magnitudes[:, -2] > 1e-3)


# ---------------------------------------------------------------- logistic_regression

logreg_ref = load_solution("logistic_regression")
LOGREG_CASES = stored_cases("logistic_regression")


def softplus(z: float) -> float:
    """log(1 + e^z) without overflow, by cases on the sign of z."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def mean_bce(X: list[list[float]], y: list[float], w: list[float], b: float) -> float:
    """The mean binary cross-entropy, sample by sample: -log p = softplus(-z), -log(1 - p) = softplus(z)."""
    total = 0.0
    for x, label in zip(X, y, strict=True):
        z = sum(wj * xj for wj, xj in zip(w, x, strict=True)) + b
        total += label * softplus(-z) + (1 - label) * softplus(z)
    return total / len(y)


def logreg_loops(X: list[list[float]], y: list[float], w: list[float], b: float, lr: float, epochs: int):  # type: ignore[no-untyped-def]
    """Gradient descent with per-sample loops and math.exp, the loss recorded before each update."""
    w, losses = list(w), []
    for _ in range(epochs):
        losses.append(mean_bce(X, y, w, b))
        grad_w, grad_b = [0.0] * len(w), 0.0
        for x, label in zip(X, y, strict=True):
            z = sum(wj * xj for wj, xj in zip(w, x, strict=True)) + b
            p = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            grad_w = [g + (p - label) * xj / len(y) for g, xj in zip(grad_w, x, strict=True)]
            grad_b += (p - label) / len(y)
        w = [wj - lr * g for wj, g in zip(w, grad_w, strict=True)]
        b -= lr * grad_b
    return w, b, losses


def logreg_args(lines: list[str]):  # type: ignore[no-untyped-def]
    """X, y, w, b, learning rate and epochs of a stored case."""
    return (
        rows(lines[0]),
        [float(v) for v in eval(lines[1])],
        [float(v) for v in eval(lines[2])],
        float(lines[3]),
        float(lines[4]),
        int(lines[5]),
    )


@pytest.mark.parametrize(("name", "lines"), LOGREG_CASES, ids=[n for n, _ in LOGREG_CASES])
def test_logistic_regression_matches_loops(name: str, lines: list[str]) -> None:
    """Weights, bias and every recorded loss equal a per-sample loop with math.exp."""
    X, y, w, b, lr, epochs = logreg_args(lines)
    got_w, got_b, got_losses = logreg_ref.logistic_regression(
        np.array(X), np.array(y), np.array(w), b, lr, epochs
    )
    want_w, want_b, want_losses = logreg_loops(X, y, w, b, lr, epochs)
    np.testing.assert_allclose(got_w, want_w, rtol=1e-9, atol=1e-9)
    assert got_b == pytest.approx(want_b, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(got_losses, want_losses, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(("name", "lines"), LOGREG_CASES, ids=[n for n, _ in LOGREG_CASES])
def test_logistic_regression_step_is_the_loss_gradient(name: str, lines: list[str]) -> None:
    """One epoch moves (w, b) by -learning_rate times the central-difference gradient of the mean BCE."""
    X, y, w, b, lr, _ = logreg_args(lines)
    if lr == 0:
        return
    new_w, new_b, _ = logreg_ref.logistic_regression(np.array(X), np.array(y), np.array(w), b, lr, 1)
    h = 1e-6
    theta = [*w, b]
    numeric = []
    for j in range(len(theta)):
        up, down = list(theta), list(theta)
        up[j] += h
        down[j] -= h
        numeric.append((mean_bce(X, y, up[:-1], up[-1]) - mean_bce(X, y, down[:-1], down[-1])) / (2 * h))
    step = (np.array(theta) - np.array([*new_w, new_b])) / lr
    np.testing.assert_allclose(step, numeric, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(("name", "lines"), LOGREG_CASES, ids=[n for n, _ in LOGREG_CASES])
def test_logistic_regression_first_loss_matches_sklearn_log_loss(name: str, lines: list[str]) -> None:
    """Where no probability saturates, the first recorded loss equals sklearn's log_loss of the initial model."""
    X, y, w, b, lr, epochs = logreg_args(lines)
    z = np.array(X) @ np.array(w) + b
    if np.abs(z).max() > 30:
        return
    p = 1 / (1 + np.exp(-z))
    losses = logreg_ref.logistic_regression(np.array(X), np.array(y), np.array(w), b, lr, epochs)[2]
    assert losses[0] == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-9, abs=1e-12)


# ---------------------------------------------------------------- linear_regression

linreg_ref = load_solution("linear_regression")
LINREG_CASES = stored_cases("linear_regression")


@pytest.mark.parametrize(("name", "lines"), LINREG_CASES, ids=[n for n, _ in LINREG_CASES])
def test_linear_regression_matches_sklearn(name: str, lines: list[str]) -> None:
    """w and b equal sklearn's LinearRegression (lam = 0) or Ridge(alpha=lam), whose intercept is not penalised."""
    X, y, lam = np.array(rows(lines[0])), np.array(eval(lines[1]), dtype=float), float(lines[2])
    w, b = linreg_ref.linear_regression(X, y, lam)
    model = LinearRegression() if lam == 0 else Ridge(alpha=lam)
    model.fit(X, y)
    np.testing.assert_allclose(w, model.coef_, rtol=1e-7, atol=1e-7)
    assert b == pytest.approx(model.intercept_, rel=1e-7, abs=1e-7)


@pytest.mark.parametrize(("name", "lines"), LINREG_CASES, ids=[n for n, _ in LINREG_CASES])
def test_linear_regression_is_a_stationary_point(name: str, lines: list[str]) -> None:
    """The gradient of J(w, b) = sum of squared errors + lam * |w|^2, written out term by term, vanishes at the answer."""
    X, y, lam = rows(lines[0]), [float(v) for v in eval(lines[1])], float(lines[2])
    w, b = linreg_ref.linear_regression(np.array(X), np.array(y), lam)
    residuals = [
        yi - sum(wj * xj for wj, xj in zip(w, x, strict=True)) - b for x, yi in zip(X, y, strict=True)
    ]
    scale = sum(abs(v) for row in X for v in row) * max(1.0, max(abs(v) for v in y))
    for j in range(len(w)):
        grad = -2 * sum(r * x[j] for r, x in zip(residuals, X, strict=True)) + 2 * lam * w[j]
        assert abs(grad) < 1e-8 * scale
    assert abs(-2 * sum(residuals)) < 1e-8 * scale


# ---------------------------------------------------------------- knn

knn_ref = load_solution("knn")
KNN_CASES = stored_cases("knn")


def knn_loop(X_train: list[list[float]], y_train: list[int], x: list[float], k: int) -> tuple[int, bool]:
    """One prediction by sorting (distance, index) pairs and counting votes in a dict; also whether a
    distance tie at the cut-off or a tie in the vote occurred (where scikit-learn's rules differ)."""
    dist = [math.dist(x, xi) for xi in X_train]
    order = sorted(range(len(X_train)), key=lambda i: (dist[i], i))
    nearest = order[:k]
    boundary_tie = k < len(order) and abs(dist[order[k]] - dist[order[k - 1]]) < 1e-12
    votes: dict[int, list[float]] = {}
    for i in nearest:
        votes.setdefault(y_train[i], []).append(dist[i])
    ranked = sorted(votes, key=lambda c: (-len(votes[c]), sum(votes[c]), c))
    vote_tie = len(ranked) > 1 and len(votes[ranked[0]]) == len(votes[ranked[1]])
    return ranked[0], boundary_tie or vote_tie


def knn_args(lines: list[str]):  # type: ignore[no-untyped-def]
    """Training points, labels, test points and k of a stored case."""
    return rows(lines[0]), [int(v) for v in eval(lines[1])], rows(lines[2]), int(lines[3])


@pytest.mark.parametrize(("name", "lines"), KNN_CASES, ids=[n for n, _ in KNN_CASES])
def test_knn_matches_loops(name: str, lines: list[str]) -> None:
    """Every prediction equals a sort of (distance, index) pairs and a vote counted in a dict."""
    X_train, y_train, X_test, k = knn_args(lines)
    got = knn_ref.knn(np.array(X_train), np.array(y_train), np.array(X_test), k)
    assert [int(v) for v in got] == [knn_loop(X_train, y_train, x, k)[0] for x in X_test]


def test_knn_matches_sklearn_where_nothing_ties() -> None:
    """On every test point with no tie at the cut-off and none in the vote, sklearn's brute-force kNN agrees;
    the cases also hold at least five tied points, where the stated rules decide."""
    compared = tied = 0
    for _, lines in KNN_CASES:
        X_train, y_train, X_test, k = knn_args(lines)
        got = knn_ref.knn(np.array(X_train), np.array(y_train), np.array(X_test), k)
        model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train)
        for x, prediction in zip(X_test, got, strict=True):
            if knn_loop(X_train, y_train, x, k)[1]:
                tied += 1
                continue
            assert int(prediction) == int(model.predict([x])[0])
            compared += 1
    assert compared >= 20
    assert tied >= 5


# ---------------------------------------------------------------- decision_stump

stump_ref = load_solution("decision_stump")
STUMP_CASES = stored_cases("decision_stump")


def impurity_loop(labels: list[int], criterion: str) -> float:
    """Entropy in bits or Gini index of a list of labels, counted in a dict."""
    counts: dict[int, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    fractions = [c / len(labels) for c in counts.values()]
    if criterion == "entropy":
        return -sum(p * math.log2(p) for p in fractions)
    return 1 - sum(p * p for p in fractions)


def stump_brute_force(x: list[float], y: list[int], criterion: str) -> tuple[float, float, bool]:
    """Every midpoint of the sorted distinct values, the first of the largest gains, and whether
    another threshold comes within 1e-9 of it (a tie, where only the stated rule decides)."""
    values = sorted(set(x))
    gains = []
    for a, b in itertools.pairwise(values):
        t = (a + b) / 2
        left = [label for v, label in zip(x, y, strict=True) if v <= t]
        right = [label for v, label in zip(x, y, strict=True) if v > t]
        children = len(left) / len(y) * impurity_loop(left, criterion) + len(right) / len(y) * impurity_loop(
            right, criterion
        )
        gains.append((t, impurity_loop(y, criterion) - children))
    best = max(g for _, g in gains)
    winners = [(t, g) for t, g in gains if g > best - 1e-9]
    return winners[0][0], winners[0][1], len(winners) > 1


@pytest.mark.parametrize(("name", "lines"), STUMP_CASES, ids=[n for n, _ in STUMP_CASES])
@pytest.mark.parametrize("criterion", ["entropy", "gini"])
def test_decision_stump_matches_brute_force(criterion: str, name: str, lines: list[str]) -> None:
    """Threshold and gain equal an exhaustive search over the midpoints with dict-counted impurities."""
    x, y = [float(v) for v in eval(lines[0])], [int(v) for v in eval(lines[1])]
    threshold, gain = stump_ref.decision_stump(x, y, criterion)
    want_threshold, want_gain, _ = stump_brute_force(x, y, criterion)
    assert threshold == pytest.approx(want_threshold, abs=1e-12)
    assert gain == pytest.approx(want_gain, abs=1e-12)


@pytest.mark.parametrize("criterion", ["entropy", "gini"])
def test_decision_stump_matches_sklearn_where_nothing_ties(criterion: str) -> None:
    """Where one threshold is strictly best, sklearn's depth-1 tree splits there with the same gain (its
    entropy is in bits too); the cases also hold ties, which only the stated rule decides."""
    compared = tied = 0
    for _, lines in STUMP_CASES:
        x, y = [float(v) for v in eval(lines[0])], [int(v) for v in eval(lines[1])]
        if stump_brute_force(x, y, criterion)[2]:
            tied += 1
            continue
        threshold, gain = stump_ref.decision_stump(x, y, criterion)
        tree = (
            DecisionTreeClassifier(max_depth=1, criterion=criterion).fit(np.array(x).reshape(-1, 1), y).tree_
        )
        n, (left, right) = tree.n_node_samples, (tree.children_left[0], tree.children_right[0])
        sk_gain = tree.impurity[0] - (n[left] * tree.impurity[left] + n[right] * tree.impurity[right]) / n[0]
        assert threshold == pytest.approx(tree.threshold[0], abs=1e-6)
        assert gain == pytest.approx(sk_gain, abs=1e-9)
        compared += 1
    assert compared >= 8
    assert tied >= 2


# ---------------------------------------------------------------- classification_metrics

metrics_ref = load_solution("classification_metrics")
METRICS_CASES = stored_cases("classification_metrics")


@pytest.mark.parametrize(("name", "lines"), METRICS_CASES, ids=[n for n, _ in METRICS_CASES])
def test_classification_metrics_match_sklearn(name: str, lines: list[str]) -> None:
    """Confusion matrix and per-class, macro and micro scores equal sklearn's with labels=range(K), zero_division=0."""
    y_true, y_pred, K = eval(lines[0]), eval(lines[1]), int(lines[2])
    cm, precision, recall, f1, macro, micro = metrics_ref.classification_metrics(y_true, y_pred, K)
    labels = list(range(K))
    np.testing.assert_array_equal(cm, confusion_matrix(y_true, y_pred, labels=labels))
    per_class = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    np.testing.assert_allclose([precision, recall, f1], per_class[:3], **CLOSE)
    for average, got in (("macro", macro), ("micro", micro)):
        want = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=0
        )
        np.testing.assert_allclose(got, want[:3], **CLOSE)


# ---------------------------------------------------------------- roc_auc

auc_ref = load_solution("roc_auc")
AUC_CASES = stored_cases("roc_auc")


@pytest.mark.parametrize(("name", "lines"), AUC_CASES, ids=[n for n, _ in AUC_CASES])
def test_roc_auc_matches_sklearn(name: str, lines: list[str]) -> None:
    """The AUC equals sklearn's roc_auc_score, the trapezoid under the ROC curve with tied scores grouped."""
    y, s = eval(lines[0]), eval(lines[1])
    assert auc_ref.roc_auc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)


@pytest.mark.parametrize(("name", "lines"), AUC_CASES, ids=[n for n, _ in AUC_CASES])
def test_roc_auc_matches_average_rank_sum(name: str, lines: list[str]) -> None:
    """The AUC equals the Mann-Whitney rank-sum formula with tied scores sharing their average rank."""
    y, s = eval(lines[0]), [float(v) for v in eval(lines[1])]
    average_rank = {v: sum(i + 1 for i, w in enumerate(sorted(s)) if w == v) / s.count(v) for v in set(s)}
    n_pos, n_neg = y.count(1), y.count(0)
    u = sum(average_rank[v] for v, label in zip(s, y, strict=True) if label == 1) - n_pos * (n_pos + 1) / 2
    assert auc_ref.roc_auc(y, s) == pytest.approx(u / (n_pos * n_neg), abs=1e-12)


# ---------------------------------------------------------------- nms

nms_ref = load_solution("nms")
NMS_CASES = stored_cases("nms")
GRID = 20  # every coordinate in the cases is a multiple of 1/20


def covered_cells(lo: float, hi: float) -> set[int]:
    """The 1/GRID-wide cells of an interval, by enumeration."""
    a, b = round(lo * GRID), round(hi * GRID)
    assert abs(lo * GRID - a) < 1e-9 and abs(hi * GRID - b) < 1e-9
    return set(range(a, b))


def iou_by_cells(p: list[float], q: list[float]) -> float:
    """IoU of two boxes from the grid cells they cover along each axis (a rectangle's cells are a product)."""
    px, py, qx, qy = (
        covered_cells(p[0], p[2]),
        covered_cells(p[1], p[3]),
        covered_cells(q[0], q[2]),
        covered_cells(q[1], q[3]),
    )
    inter = len(px & qx) * len(py & qy)
    return inter / (len(px) * len(py) + len(qx) * len(qy) - inter)


def nms_by_removal(boxes: list[list[float]], scores: list[float], threshold: float) -> list[int]:
    """The other textbook form: take the best remaining box, delete every remaining box overlapping it by more than the threshold, repeat."""
    remaining = sorted(range(len(boxes)), key=lambda i: (-scores[i], i))
    keep = []
    while remaining:
        best = remaining.pop(0)
        keep.append(best)
        remaining = [i for i in remaining if iou_by_cells(boxes[best], boxes[i]) <= threshold]
    return keep


@pytest.mark.parametrize(("name", "lines"), NMS_CASES, ids=[n for n, _ in NMS_CASES])
def test_nms_matches_removal_with_cell_counted_iou(name: str, lines: list[str]) -> None:
    """Kept indices equal repeated best-box removal with IoU from counted grid cells."""
    boxes, scores, threshold = rows(lines[0]), [float(v) for v in eval(lines[1])], float(lines[2])
    assert nms_ref.nms(np.array(boxes), np.array(scores), threshold) == nms_by_removal(
        boxes, scores, threshold
    )


@pytest.mark.parametrize(("name", "lines"), NMS_CASES, ids=[n for n, _ in NMS_CASES])
def test_nms_iou_matches_cell_count(name: str, lines: list[str]) -> None:
    """The reference's IoU of every pair of boxes equals the IoU from counted grid cells."""
    boxes = rows(lines[0])
    array = np.array(boxes)
    for i, box in enumerate(boxes):
        want = [iou_by_cells(box, other) for other in boxes]
        np.testing.assert_allclose(nms_ref.iou(array[i], array), want, rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- im2col_conv

im2col_ref = load_solution("im2col_conv")
IM2COL_CASES = stored_cases("im2col_conv")


def im2col_args(lines: list[str]):  # type: ignore[no-untyped-def]
    """Input, weights, bias, stride and padding of a stored case."""
    return (
        np.array(eval(lines[0]), dtype=float),
        np.array(eval(lines[1]), dtype=float),
        np.array(eval(lines[2]), dtype=float),
        int(lines[3]),
        int(lines[4]),
    )


@pytest.mark.parametrize(("name", "lines"), IM2COL_CASES, ids=[n for n, _ in IM2COL_CASES])
def test_im2col_conv_matches_loop_convolution(name: str, lines: list[str]) -> None:
    """Each output channel is its bias plus the sum over input channels of the shared loop cross-correlation."""
    x, weight, bias, stride, padding = im2col_args(lines)
    _, out = im2col_ref.im2col_conv(x, weight, bias, stride, padding)
    want = np.array(
        [
            b + sum(conv2d_loop(x[c], w[c], padding, stride) for c in range(len(x)))
            for w, b in zip(weight, bias, strict=True)
        ]
    )
    np.testing.assert_allclose(out, want, **CLOSE)


@pytest.mark.parametrize(("name", "lines"), IM2COL_CASES, ids=[n for n, _ in IM2COL_CASES])
def test_im2col_matrix_matches_its_definition(name: str, lines: list[str]) -> None:
    """cols[c*kh*kw + i*kw + j, r*W_out + q] is the (zero-padded) input at (c, r*s + i - p, q*s + j - p), entry by entry."""
    x, weight, bias, s, p = im2col_args(lines)
    cols, out = im2col_ref.im2col_conv(x, weight, bias, s, p)
    C, H, W = x.shape
    _, _, kh, kw = weight.shape
    H_out, W_out = out.shape[1:]
    assert cols.shape == (C * kh * kw, H_out * W_out)
    for c, i, j, r, q in itertools.product(range(C), range(kh), range(kw), range(H_out), range(W_out)):
        row, col = r * s + i - p, q * s + j - p
        want = x[c, row, col] if 0 <= row < H and 0 <= col < W else 0.0
        assert cols[c * kh * kw + i * kw + j, r * W_out + q] == want
