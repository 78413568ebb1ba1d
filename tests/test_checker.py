"""The output checker: table-driven in both argument orders, plus property tests."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judge.checker import compare, has_nan, shape_of, tokenize

ACCEPTED = [
    ("0.6225", "0.6225"),
    ("0.6225", "0.62245"),
    ("[0.09, 0.2447, 0.6652]", "[0.09003057 0.24472847 0.66524096]"),
    ("([0.4626, 0.4134, 0.6682], np.float64(0.3349))", "[[0.46257, 0.41338, 0.66819], 0.33491]"),
    ("([0.4626, 0.4134], 0.3349)", "([0.4626, 0.4134], np.float64(0.3349))"),
    ("[[ 1.  1. -4.]\n [ 9.  7. -4.]\n [ 0. 14. 16.]]", "[[1, 1, -4], [9, 7, -4], [0, 14, 16]]"),
    ("[[1, 2], [3, 4]]", "[[1, 2],\n [3, 4]]"),
    ("[0.5, 0.5]", "array([0.5, 0.5], dtype=float32)"),
    ("[0.5, 0.5]", "tensor([0.5000, 0.5000], device='cpu', requires_grad=True)"),
    ("[0.5, 0.5]", "0.5 0.5"),
    ("[0.5, 0.5]", "0.5\n0.5\n"),
    ("[0.5, 0.5]", "[0.5, 0.5]"),
    ("[0.5, 0.5]", "[5e-1, 5.0e-01]"),
    ("[0.5, 0.5]", "[0.5, 0.5]\r\n"),
    ("1000.0", "1e3"),
    ("0.0001", "1.0E-4"),
    ("0.1234", "0.1235"),  # exactly 1e-4 apart: the 1e-9 slack absorbs binary rounding
    ("0.1235", "0.12345"),  # half-even vs half-up rounding of the same value
    ("-inf 0.5", "-inf 0.5"),
    ("[-inf, 1.0]", "[-Infinity, 1.0]"),
    ("inf", "INF"),
    ("True", "true"),
    ("[[1.0]]", "[1.0]"),
    ("[1, 2, 3]", "[[1, 2, 3]]"),
    ("0", "-0.0"),
    ("-2.4076 -1.4076 -0.4076", "[-2.40760596 -1.40760596 -0.40760596]"),
]

REJECTED = [
    ("0.6225", "0.6227", "absolute error"),
    ("[1, 2, 3]", "[1, 2]", "expected 3 numbers, got 2"),
    ("[1, 2]", "[1, 2, 3]", "expected 2 numbers, got 3"),
    ("[[1, 2, 3], [4, 5, 6]]", "[[1, 2], [3, 4], [5, 6]]", "shape 2×3, got 3×2"),
    ("0.5", "nan", "nan is never accepted"),
    ("0.5", "inf", "inf"),
    ("inf", "-inf", "inf"),
    ("1 2 3", "", "empty output"),
    ("True", "False", "expected True, got False"),
    ("0.5", "0.5 extra", "expected 1 value, got 2"),
]


@pytest.mark.parametrize(("expected", "actual"), ACCEPTED)
def test_accepts_right_numbers_in_any_form(expected: str, actual: str) -> None:
    """Right numbers in any reasonable form pass, in both argument orders."""
    assert compare(expected, actual).ok
    assert compare(actual, expected).ok


@pytest.mark.parametrize(("expected", "actual", "fragment"), REJECTED)
def test_rejects_with_a_message_naming_the_first_difference(
    expected: str, actual: str, fragment: str
) -> None:
    """Wrong outputs fail in both orders, and the message says what differs."""
    forward = compare(expected, actual)
    assert not forward.ok
    assert not compare(actual, expected).ok
    assert fragment in forward.message


def test_message_reports_position_line_error_and_tolerance() -> None:
    """The first failure is located like Kattis does: value k, line l, expected, got, error."""
    result = compare("1.0\n2.0\n3.0", "1.0\n2.0\n3.5")
    assert not result.ok
    assert result.index == 2 and result.line == 3
    assert result.message == "value 3, line 3: expected 3.0, got 3.5 (absolute error 0.5 > abs_tol 0.0001)"


def test_rel_tol_accepts_large_values() -> None:
    """rel_tol scales with the magnitude, as math.isclose does."""
    assert not compare("1000000.0", "1000000.5").ok
    assert compare("1000000.0", "1000000.5", rel_tol=1e-6).ok


def test_tokenizer_ignores_repr_wrappers_and_keywords() -> None:
    """np.float64(, array(, tensor( and keyword arguments are not values."""
    tokens = tokenize("tensor([1.5], dtype=torch.float64, grad_fn=<AddBackward0>)")
    assert [t.text for t in tokens] == ["[", "1.5", "]"]


def test_has_nan_finds_nan_in_any_case() -> None:
    """Expected outputs are screened for nan, in any spelling."""
    assert has_nan("[1.0, NaN]")
    assert not has_nan("[1.0, -inf]")


def test_shape_of_regular_and_irregular() -> None:
    """Shapes read as 2×3 when regular."""
    assert shape_of(tokenize("[[1, 2, 3], [4, 5, 6]]")) == "2×3"
    assert shape_of(tokenize("[[1], [2, 3]]")) == "irregular"


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
vectors = st.lists(finite, min_size=0, max_size=12)


@given(vectors)
def test_output_matches_itself(values: list[float]) -> None:
    """compare(s, s) passes for any printed list."""
    text = str(values)
    assert compare(text, text).ok


@given(vectors, vectors)
def test_compare_is_symmetric(a: list[float], b: list[float]) -> None:
    """Swapping the arguments gives the same answer."""
    assert compare(str(a), str(b)).ok == compare(str(b), str(a)).ok


@given(vectors)
def test_reformatting_passes(values: list[float]) -> None:
    """Printing the same numbers another way (spaces, scientific, 6 decimals) passes."""
    expected = str([round(v, 4) for v in values])
    assert compare(expected, " ".join(f"{v:.12e}" for v in values)).ok
    assert compare(expected, "\n".join(f"{v:.6f}" for v in values)).ok


@given(st.lists(st.floats(min_value=-1e3, max_value=1e3), min_size=1, max_size=8), st.data())
def test_perturbation_past_tolerance_fails(values: list[float], data: st.DataObject) -> None:
    """Moving one value by more than abs_tol fails, at that value's position."""
    k = data.draw(st.integers(0, len(values) - 1))
    delta = data.draw(st.floats(min_value=2e-4, max_value=10.0)) * data.draw(st.sampled_from([1, -1]))
    moved = list(values)
    moved[k] += delta
    result = compare(repr(values), repr(moved))
    assert not result.ok
    assert result.index == k
    assert math.isclose(result.error or 0.0, abs(delta), rel_tol=1e-6, abs_tol=1e-9)
