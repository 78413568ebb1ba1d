"""The output checker: two printed outputs -> a Comparison, by the contract of DESIGN.md.

Numbers are pulled out of Python / numpy / torch reprs; brackets are shape; words match exactly.
Pure and symmetric: compare(a, b) accepts exactly when compare(b, a) does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SLACK = 1e-9  # absorbs binary rounding: two 4-decimal values exactly 1e-4 apart still pass

_TOKEN = re.compile(
    r"""
    (?P<space>[\s,():;]+)
  | (?P<kwarg>[A-Za-z_]\w*\s*=\s*(?:'[^']*'|"[^"]*"|<[^>]*>|[\w.+-]+))
  | (?P<wrapper>[A-Za-z_][\w.]*(?=\())
  | (?P<number>[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|(?i:inf(?:inity)?|nan))(?![\w.]))
  | (?P<word>[A-Za-z_]\w*)
  | (?P<open>\[)
  | (?P<close>\])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # "number" | "bool" | "word" | "[" | "]"
    text: str
    line: int
    value: float = 0.0


def tokenize(text: str) -> list[Token]:
    """Split printed output into numbers, booleans, words and brackets; the rest is ignored."""
    tokens: list[Token] = []
    line = 1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "number":
            tokens.append(Token("number", piece, line, float(piece)))
        elif kind == "word" or kind == "other":
            lowered = piece.lower()
            if lowered in ("true", "false"):
                tokens.append(Token("bool", piece, line, 1.0 if lowered == "true" else 0.0))
            else:
                tokens.append(Token("word", piece, line))
        elif kind == "open":
            tokens.append(Token("[", piece, line))
        elif kind == "close":
            tokens.append(Token("]", piece, line))
        line += piece.count("\n")
    return tokens


def has_nan(text: str) -> bool:
    return any(t.kind == "number" and math.isnan(t.value) for t in tokenize(text))


def _strip_enclosing(tokens: list[Token]) -> list[Token]:
    """Drop brackets that enclose the whole output, as often as they do."""
    while len(tokens) >= 2 and tokens[0].kind == "[" and tokens[-1].kind == "]":
        depth = 0
        closing = 0
        for closing, token in enumerate(tokens):  # noqa: B007 (its last value is the point)
            depth += token.kind == "["
            depth -= token.kind == "]"
            if depth == 0:
                break
        if closing != len(tokens) - 1:
            break
        tokens = tokens[1:-1]
    return tokens


def shape_of(tokens: list[Token]) -> str:
    """A readable shape like 2×3 when the nesting is regular, else a bracket sketch."""

    def parse(i: int) -> tuple[object, int]:
        items: list[object] = []
        i += 1
        while i < len(tokens) and tokens[i].kind != "]":
            if tokens[i].kind == "[":
                child, i = parse(i)
                items.append(child)
            else:
                items.append(None)
                i += 1
        return items, i + 1

    def dims(node: object) -> list[int] | None:
        if not isinstance(node, list):
            return []
        subs = [dims(child) for child in node]
        if not subs:
            return [0]
        first = subs[0]
        if first is None or any(s != first for s in subs):
            return None
        return [len(node), *first]

    if not tokens or tokens[0].kind != "[":
        return "flat"
    try:
        root, end = parse(0)
    except IndexError:
        return "unbalanced"
    shape = dims(root) if end == len(tokens) else None
    if shape is None:
        return "irregular"
    return "×".join(str(d) for d in shape)


@dataclass(frozen=True)
class Comparison:
    """The checker's answer; on failure, where and how the outputs first differ."""

    ok: bool
    message: str = ""
    index: int | None = None  # 0-based position of the first differing value
    line: int | None = None  # line of that value in the actual output
    expected: str | None = None
    got: str | None = None
    error: float | None = None
    tolerance: float | None = None


def _values(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("[", "]")]


def _noun(tokens: list[Token], count: int) -> str:
    noun = "number" if all(t.kind == "number" for t in tokens) else "value"
    return noun if count == 1 else noun + "s"


def _close(a: float, b: float, abs_tol: float, rel_tol: float, nan_matches: bool = False) -> bool:
    if nan_matches and math.isnan(a) and math.isnan(b):
        return True
    # NaN is never right: no expected output holds one, and a NaN answer is always a bug
    # (e.g. exp overflow turned into inf/inf). A NaN equal to "nan" would hide it.
    if math.isnan(a) or math.isnan(b):
        return False
    if math.isinf(a) or math.isinf(b):
        return a == b
    diff = abs(a - b)
    return diff <= abs_tol + SLACK or diff <= rel_tol * max(abs(a), abs(b))


def compare(
    expected: str,
    actual: str,
    abs_tol: float = 1e-4,
    rel_tol: float = 0.0,
    nan_matches: bool = False,
) -> Comparison:
    """Accept `actual` iff it prints the expected values, within tolerance, in the expected shape.

    `nan_matches` is for comparing two wrong outputs (diagnosis), never for grading.
    """
    exp_tokens = tokenize(expected)
    got_tokens = tokenize(actual)
    exp_values = _values(exp_tokens)
    got_values = _values(got_tokens)
    if len(exp_values) != len(got_values):
        noun = _noun(exp_values + got_values, len(exp_values))
        empty = " (empty output)" if not actual.strip() else ""
        return Comparison(False, f"expected {len(exp_values)} {noun}, got {len(got_values)}{empty}")
    has_brackets = any(t.kind == "[" for t in exp_tokens) and any(t.kind == "[" for t in got_tokens)
    if has_brackets:
        exp_shape = [t.kind if t.kind in "[]" else "x" for t in _strip_enclosing(exp_tokens)]
        got_shape = [t.kind if t.kind in "[]" else "x" for t in _strip_enclosing(got_tokens)]
        if exp_shape != got_shape:
            return Comparison(False, f"expected shape {shape_of(exp_tokens)}, got {shape_of(got_tokens)}")
    tolerance = abs_tol
    for k, (e, g) in enumerate(zip(exp_values, got_values, strict=True)):
        where = f"value {k + 1}, line {g.line}"
        if e.kind != g.kind or (e.kind == "word" and e.text != g.text):
            return Comparison(
                False, f"{where}: expected {e.text!r}, got {g.text!r}", k, g.line, e.text, g.text
            )
        if e.kind == "word":
            continue
        if e.kind == "bool":
            if e.value != g.value:
                return Comparison(
                    False, f"{where}: expected {e.text}, got {g.text}", k, g.line, e.text, g.text
                )
            continue
        if not _close(e.value, g.value, abs_tol, rel_tol, nan_matches):
            if math.isnan(g.value) or math.isnan(e.value):
                detail = "nan is never accepted"
                error = math.nan
            elif math.isinf(e.value) or math.isinf(g.value):
                detail = "inf matches only the same signed inf"
                error = math.inf
            else:
                error = abs(e.value - g.value)
                allowed = f"abs_tol {abs_tol:g}"
                if rel_tol:
                    allowed += f" or rel_tol {rel_tol:g}"
                detail = f"absolute error {error:.3g} > {allowed}"
            return Comparison(
                False,
                f"{where}: expected {e.text}, got {g.text} ({detail})",
                k,
                g.line,
                e.text,
                g.text,
                error,
                tolerance,
            )
    return Comparison(True)
