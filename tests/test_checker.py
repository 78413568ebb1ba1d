"""The output checker: table-driven in both argument orders, property tests, and hostile outputs."""

from __future__ import annotations

import math
import time
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judge.checker import MAX_DEPTH, MAX_MARKS, MAX_VALUES, Difference, compare, dims_of, has_nan, scan

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
    ("[0.5, 0.5]", "tensor([0.5000, 0.5000], device=device(type='cpu'))"),
    ("[0.5, 0.5]", "0.5 0.5"),
    ("[0.5, 0.5]", "0.5\n0.5\n"),
    ("[0.5, 0.5]", "[0.5, 0.5]"),
    ("[0.5, 0.5]", "[5e-1, 5.0e-01]"),
    ("[0.5, 0.5]", "[0.5, 0.5]\r\n"),
    ("[0.5, 0.5]", "(0.5, 0.5)"),
    ("[0.5, 0.5]", "[np.float64(0.5), np.float64(0.5)]"),
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
    ("loss: 0.5", "loss 0.5"),
]

# Parentheses that group values are rows, like brackets; a wrapper call's are not.
ROWS = [
    ("[[1.0, 2.0], [3.0, 4.0]]", "[(1.0, 2.0), (3.0, 4.0)]"),
    ("[[1.0, 2.0], [3.0, 4.0]]", "((1, 2), (3, 4))"),
    ("[[1.0, 2.0], [3.0, 4.0]]", "(1, 2)\n(3, 4)"),
    ("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]", "[(1, 2, 3), (4, 5, 6), (7, 8, 9)]"),  # conv_transpose2d as tuples
    ("[[1.0, 2.0], [3.0, 4.0]]", "array([[1., 2.],\n       [3., 4.]])"),
    ("([1, 2], [3, 4])", "(array([1, 2]), array([3, 4]))"),
    ("[1, 2]", "(1, 2)"),
    ("1 2", "(1, 2)"),
]

REJECTED = [
    ("0.6225", "0.6227", "absolute error"),
    ("[1, 2, 3]", "[1, 2]", "expected 3 numbers, got 2"),
    ("[1, 2]", "[1, 2, 3]", "expected 2 numbers, got 3"),
    ("[[1, 2, 3], [4, 5, 6]]", "[[1, 2], [3, 4], [5, 6]]", "shape 2×3, got 3×2"),
    ("[[1, 2], [3, 4]]", "[(1, 2, 3, 4)]", "expected shape 2×2, got 1×4"),
    ("[[1, 2], [3, 4]]", "((1, 2, 3), (4,))", "brackets differ at value 3, line 1"),
    ("0.5", "nan", "nan is never accepted"),
    ("0.5", "inf", "inf"),
    ("inf", "-inf", "inf"),
    ("1 2 3", "", "empty output"),
    ("True", "False", "expected True, got False"),
    ("0.5", "0.5 extra", "expected 1 value, got 2"),
    ("[1, 2]", "[1, 2]]", "brackets differ after the last value"),
]


@pytest.mark.parametrize(("expected", "actual"), ACCEPTED + ROWS)
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


MESSAGES = [
    ("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]", "[[1, 2], [3, 4]]", "expected shape 3×3 (9 numbers), got 2×2 (4 numbers)"),
    ("[[1, 2], [3, 4]]", "[1, 2, 3]", "expected shape 2×2 (4 numbers), got 3 numbers"),
    ("[1, 2, 3]", "[[1, 2], [3, 4]]", "expected 3 numbers, got shape 2×2 (4 numbers)"),
    ("[[1, 2], [3, 4]]", "[[1, 2], [3]]", "expected 4 numbers, got 3"),  # irregular: the counts
    ("[1.0, 2.0, 3.0]", "[1.0, 2.0, true]", "value 3, line 1: expected '3.0', got 'true'"),
    ("1 2 3", "\n \n", "expected 3 numbers, got an empty output"),
    ("[[1, 2, 3], [4, 5, 6]]", "[[1, 2, 3, 4], [5, 6]]",
     "brackets differ at value 4, line 1: expected a closing bracket, got a value (expected shape 2×3)"),
    ("[[1, 2], 3]", "[[1], 2, 3]", "brackets differ at value 2, line 1: expected a value, got a closing bracket"),
    ("[[1, 2], [3, 4]]", "[1, 2, 3, 4]", "expected shape 2×2, got 4"),
    ("[[1, 2, 3]]", "[[1], [2], [3]]", "expected shape 1×3, got 3×1"),
    ("[1, 2]", "[[1, 2]", "brackets differ at value 1, line 1: expected a value, got an opening bracket"),
    ("0.7311", "0.73",
     "value 1, line 1: expected 0.7311, got 0.73 (absolute error 0.0011 > abs_tol 0.0001); "
     "it looks rounded to 2 decimals: print at least 4"),
    ("[0.2689, 0.7311]", "[0.2689, 0.7]",
     "value 2, line 1: expected 0.7311, got 0.7 (absolute error 0.0311 > abs_tol 0.0001); "
     "it looks rounded to 1 decimal: print at least 4"),
    ("0.7311", "0.74", "value 1, line 1: expected 0.7311, got 0.74 (absolute error 0.0089 > abs_tol 0.0001)"),
]


@pytest.mark.parametrize(("expected", "actual", "message"), MESSAGES)
def test_messages_say_what_differs(expected: str, actual: str, message: str) -> None:
    """Counts become shapes when both are regular, an empty output says so, rounding gets a hint."""
    result = compare(expected, actual)
    assert not result.ok and not compare(actual, expected).ok
    assert result.message == message


SHAPE_FAILURES = [
    ("[[1, 2], [3, 4]]", "[[1, 2, 3], [4]]"),
    ("[[1, 2], [3], 4]", "[[1], [2, 3], 4]"),
    ("([1, 2], 3)", "(1, [2, 3])"),
    ("[[1, 2], [3, 4]]", "[[[1, 2], [3, 4]]] ]"),
    ("[1, [2]]", "[[1], 2]"),
    ("[[1, 2]]", "[[1], [2]]"),
]


@pytest.mark.parametrize(("expected", "actual"), SHAPE_FAILURES)
def test_shape_messages_say_where_not_irregular_against_irregular(expected: str, actual: str) -> None:
    """A shape message compares two different shapes, or names the first place the brackets differ."""
    for exp, got in ((expected, actual), (actual, expected)):
        result = compare(exp, got)
        assert result.kind is Difference.SHAPE, result
        assert "irregular" not in result.message and "flat" not in result.message
        assert result.expected_shape != result.got_shape or result.expected != result.got
        if result.expected_shape is None or result.got_shape is None:
            assert result.message.startswith("brackets differ ")


def test_message_reports_position_line_error_and_tolerance() -> None:
    """The first failure is located like Kattis does: value k, line l, expected, got, error."""
    result = compare("1.0\n2.0\n3.0", "1.0\n2.0\n3.5")
    assert not result.ok
    assert result.index == 2 and result.line == 3
    assert result.message == "value 3, line 3: expected 3.0, got 3.5 (absolute error 0.5 > abs_tol 0.0001)"


def test_comparison_carries_the_fields_that_rebuild_its_message() -> None:
    """kind plus the numbers: what a message catalogue needs, and the span render marks."""
    actual = "[[0.1, 0.2],\n [0.3, 0.73]]"
    value = compare("[[0.1, 0.2], [0.3, 0.7311]]", actual)
    assert value.kind is Difference.VALUE
    assert (value.index, value.line, value.expected, value.got) == (3, 2, "0.7311", "0.73")
    assert value.span is not None and actual[value.span[0] : value.span[1]] == "0.73"
    assert (value.tolerance, value.rel_tol, value.rounded_to, value.decimals) == (1e-4, 0.0, 2, 4)
    assert value.error is not None and math.isclose(value.error, 0.0011)

    count = compare("[[1, 2], [3, 4]]", "[[1, 2, 3]]")
    assert count.kind is Difference.COUNT
    assert (count.expected_count, count.got_count, count.noun) == (4, 3, "number")
    assert (count.expected_shape, count.got_shape) == ("2×2", "1×3")

    shape = compare("[[1, 2], [3, 4]]", "[[1, 2, 3], [4]]")
    assert shape.kind is Difference.SHAPE
    assert (shape.index, shape.line, shape.expected, shape.got) == (2, 1, "]", "value")
    assert (shape.expected_shape, shape.got_shape) == ("2×2", None)

    assert compare("1 2", "").kind is Difference.EMPTY
    assert compare("True", "False").kind is Difference.BOOL
    assert compare("a", "b").kind is Difference.WORD
    assert compare("1", "nan").kind is Difference.NAN
    assert compare("-inf", "inf").kind is Difference.INF


def test_rel_tol_accepts_large_values() -> None:
    """rel_tol scales with the magnitude, as math.isclose does."""
    assert not compare("1000000.0", "1000000.5").ok
    assert compare("1000000.0", "1000000.5", rel_tol=1e-6).ok


def test_scanner_ignores_repr_wrappers_and_keywords() -> None:
    """np.float64(, array(, tensor( and keyword arguments are not values; grouping parentheses nest."""
    scanned = scan("tensor([1.5], dtype=torch.float64, grad_fn=<AddBackward0>)")
    assert list(scanned.numbers) == [1.5]
    assert bytes(scanned.nesting) == b"[x]"
    assert bytes(scan("(np.float64(1.0), 2)").nesting) == b"[xx]"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1.2.3 1a 3_000 0x1f", ["1.2.3", "1a", "3_000", "0x1f"]),
        ("=> == ''' é ->", ["=>", "==", "'''", "é", "-", ">"]),
        ("np.float64 done.", ["np", ".", "float64", "done", "."]),
        ("- + .", ["-", "+", "."]),
    ],
)
def test_scanner_reads_glued_text_as_words(text: str, words: list[str]) -> None:
    """A number glued to letters is one word; other characters run into one word, a lone sign stays alone."""
    scanned = scan(text)
    assert [scanned.printed(k) for k in range(scanned.count)] == words


def test_has_nan_finds_nan_in_any_case() -> None:
    """Expected outputs are screened for nan, in any spelling."""
    assert has_nan("[1.0, NaN]")
    assert has_nan("-nan")
    assert not has_nan("[1.0, -inf]")


@pytest.mark.parametrize(
    ("nesting", "dims"),
    [
        (b"xxx", [3]),
        (b"[xxx][xxx]", [2, 3]),
        (b"[[x][x]][[x][x]]", [2, 2, 1]),
        (b"[][]", [2, 0]),
        (b"", [0]),
        (b"[x][xx]", None),
        (b"[x]x", None),
        (b"x[x]", None),
        (b"[[x]][x]", None),
        (b"[x", None),
        (b"x]", None),
        (b"[x]}", None),
    ],
)
def test_dims_of_regular_and_irregular(nesting: bytes, dims: list[int] | None) -> None:
    """Dimensions read as 2×3 when regular, None otherwise."""
    assert dims_of(nesting) == dims


HANG_GUARD_S = 30.0  # only a hang guard, generous for a loaded machine: the old checker took minutes on 2 KB
HOSTILE = {
    "digits then a letter": lambda n: "1" * (n - 1) + "a",
    "dotted names": lambda n: "a." * (n // 2),
    "opening brackets": lambda n: "[" * n,
    "deep brackets around values": lambda n: "[" * (n // 2 - 8) + "1 2 3 4" + "]" * (n // 2 - 8),
    "keyword starts": lambda n: "a=" * (n // 2),
    "keyword arguments": lambda n: "a=1 " * (n // 4),
    "unclosed <": lambda n: "a=<" * (n // 3),
    "unclosed quotes": lambda n: "a='" * (n // 3),
    "quotes": lambda n: "'" * n,
    "exponent starts": lambda n: "1e" * (n // 2),
    "decimal points": lambda n: "1." * (n // 2),
    "minus signs": lambda n: "-" * n,
    "empty lists": lambda n: "[]" * (n // 2),
    "nested wrappers": lambda n: "f(" * (n // 2),
    "empty wrappers": lambda n: "f()" * (n // 3),
    "values": lambda n: "1 " * (n // 2),
    "one long number": lambda n: "1" * n,
    "spaces before =": lambda n: "a" + " " * (n - 3) + "=!",
    "closing brackets": lambda n: "]" * n,
    "signed names": lambda n: "-a" * (n // 2),
    "digits of another script": lambda n: "٣" * n,
}
EXPECTED_3X3 = "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]"


@pytest.mark.parametrize("pattern", sorted(HOSTILE))
def test_hostile_output_of_2kb_fails_and_never_raises(pattern: str) -> None:
    """Crafted outputs that hurt backtracking regexes and recursion get WA, in both orders."""
    actual = HOSTILE[pattern](2048)
    started = time.perf_counter()
    forward, backward = compare(EXPECTED_3X3, actual), compare(actual, EXPECTED_3X3)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert not forward.ok and not backward.ok
    assert forward.kind is not None and backward.kind is not None


@pytest.mark.parametrize("pattern", sorted(HOSTILE))
def test_hostile_output_of_16mb_fails_and_never_raises(pattern: str) -> None:
    """The same crafted outputs at the output limit finish, with a short message."""
    actual = HOSTILE[pattern](16 << 20)
    started = time.perf_counter()
    result = compare(EXPECTED_3X3, actual)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert not result.ok and result.kind is not None
    assert len(result.message) < 200


@pytest.mark.parametrize(
    ("actual", "kind", "message"),
    [
        ("[" * 100_000, Difference.TOO_DEEP, f"output has brackets nested deeper than {MAX_DEPTH}"),
        ("f(" * 100_000, Difference.TOO_DEEP, f"output has brackets nested deeper than {MAX_DEPTH}"),
        ("1 " * (MAX_VALUES + 1), Difference.TOO_MANY, f"output has more than {MAX_VALUES} values"),
        ("[]" * MAX_MARKS, Difference.TOO_MANY_MARKS, f"output has more than {MAX_MARKS} brackets and names"),
        ("a=1 " * (MAX_MARKS + 1), Difference.TOO_MANY_MARKS, f"output has more than {MAX_MARKS} brackets and names"),
    ],
)
def test_past_a_cap_the_comparison_fails_with_a_clear_message(actual: str, kind: Difference, message: str) -> None:
    """Deep nesting, too many values, too many brackets: WA naming the cap, never an exception."""
    result = compare("1", actual)
    assert (result.ok, result.kind, result.message, result.side) == (False, kind, message, "actual")
    assert compare(actual, "1").message == "expected " + message


def test_caps_leave_room_for_outputs_just_inside_them() -> None:
    """MAX_VALUES values and MAX_DEPTH levels still compare."""
    many = "1 " * MAX_VALUES
    assert compare(many, many).ok
    deep = "[" * MAX_DEPTH + "0.5" + "]" * MAX_DEPTH
    assert compare(deep, "0.5").ok


def test_memory_stays_below_the_output_size() -> None:
    """16 MB of values are held compactly and cut at the cap: far less memory than the text itself."""
    actual = "0.5 " * (4 << 20)
    tracemalloc.start()
    try:
        compare(EXPECTED_3X3, actual)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
vectors = st.lists(finite, min_size=0, max_size=12)
matrices = st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(finite, min_size=width, max_size=width), max_size=5))


@given(vectors)
def test_output_matches_itself(values: list[float]) -> None:
    """compare(s, s) passes for any printed list."""
    text = str(values)
    assert compare(text, text).ok


@given(vectors, vectors)
def test_compare_is_symmetric(a: list[float], b: list[float]) -> None:
    """Swapping the arguments gives the same answer."""
    assert compare(str(a), str(b)).ok == compare(str(b), str(a)).ok


soup = st.text(alphabet="[](),.=-+e1a'\"<> \n:", max_size=60)


@given(soup, soup)
def test_any_text_compares_symmetrically_without_raising(a: str, b: str) -> None:
    """Arbitrary punctuation soup: never an exception, same answer both ways, itself always passes."""
    assert compare(a, b).ok == compare(b, a).ok
    assert compare(a, a).ok


@given(vectors)
def test_reformatting_passes(values: list[float]) -> None:
    """Printing the same numbers another way (spaces, scientific, 6 decimals) passes."""
    expected = str([round(v, 4) for v in values])
    assert compare(expected, " ".join(f"{v:.12e}" for v in values)).ok
    assert compare(expected, "\n".join(f"{v:.6f}" for v in values)).ok


@given(matrices)
def test_rows_printed_as_tuples_pass(rows: list[list[float]]) -> None:
    """A matrix printed as a list of tuples, or a tuple of tuples, is the same matrix."""
    expected = str(rows)
    assert compare(expected, str([tuple(r) for r in rows])).ok
    assert compare(expected, str(tuple(tuple(r) for r in rows))).ok


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
