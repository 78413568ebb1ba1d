"""The output checker: two printed outputs -> a Comparison, by the contract of DESIGN.md.

Numbers are pulled out of Python / numpy / torch reprs; brackets, and parentheses that group values,
are shape; words match exactly. Pure and symmetric: compare(a, b) accepts exactly when compare(b, a)
does. Printed output is untrusted, so one hand-written pass reads it: linear time, no recursion, and
caps on values, brackets and depth past which the comparison fails instead of running on.
"""

from __future__ import annotations

import enum
import math
import re
from array import array
from dataclasses import dataclass, replace

SLACK = 1e-9  # absorbs binary rounding: two 4-decimal values exactly 1e-4 apart still pass
MAX_VALUES = 100_000  # about 100 times the largest expected output in the bank (1088 values)
MAX_MARKS = 3 * MAX_VALUES  # brackets, parentheses, names before '(', keyword arguments: an N×1 has 2N
MAX_DEPTH = 64  # numpy prints at most 64 dimensions
SHOWN_CHARS = 40  # a printed value longer than this is cut short in messages

# Linear by construction: each pattern is matched at a position (never searched) and is one character
# class repeated, except _NUMBER (a digit run whose later parts are optional and each fail within a
# character or two) and _PIECES (a run, or one byte). No match backtracks more than a character or two,
# so each costs the length it matches; the scanner reads no character more than a few times.
_SEPARATORS = re.compile(r"[\s,:;]*")
_SPACES = re.compile(r"\s*")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_GLUED = re.compile(r"[\w.]*")  # what makes a number-like start a word: 1a, 1.2.3, 3_000
_NAME = re.compile(r"[^\W\d]\w*")
_BARE_VALUE = re.compile(r"[\w.+-]*")  # a keyword argument's unquoted value: float32, torch.int64
_OTHER = re.compile(r"[^\w\s,:;()\[\].+-]+")  # a run of other characters is one word: =, ->, '''
_PIECES = re.compile(rb"x+|[^x]")  # nesting read a run of values at a time

_NUMBER_START = frozenset("0123456789.+-")
_BOOLEANS = {"true": 1.0, "false": 0.0}
_INF_NAN = {"inf": math.inf, "infinity": math.inf, "nan": math.nan}

# Kinds of value, one byte each in Scan.kinds.
_NUM, _BOOL, _WORD = 0, 1, 2
# Scan.nesting: one byte per opening bracket, closing bracket, value, or ']' that closes nothing.
_OPEN, _CLOSE, _VALUE, _STRAY = b"[]x}"
_WRAP = ord("w")  # on the scanner's stack: the parenthesis of a wrapper call like array(


class Difference(enum.Enum):
    """What a failed comparison found first; with the Comparison's fields it rebuilds the message."""

    COUNT = "count"  # expected_count vs got_count values (with shapes when both are regular)
    EMPTY = "empty"  # the output is empty (expected_count values were expected)
    SHAPE = "shape"  # the brackets differ: expected_shape / got_shape, or where (expected, got)
    VALUE = "value"  # a number out of tolerance (error, tolerance, rel_tol; rounded_to when it looks rounded)
    WORD = "word"  # a word where another word or a number was expected, or the reverse
    BOOL = "bool"  # True for False or the reverse
    NAN = "nan"  # a nan, which is never accepted
    INF = "inf"  # an inf against anything but the same signed inf
    TOO_MANY = "too_many"  # `side` has more than `limit` values
    TOO_MANY_MARKS = "too_many_marks"  # `side` has more than `limit` brackets and names
    TOO_DEEP = "too_deep"  # `side` nests brackets deeper than `limit`


@dataclass(frozen=True)
class Comparison:
    """The checker's answer; on failure, what differs first and where (`message` is its English text)."""

    ok: bool
    message: str = ""
    index: int | None = None  # 0-based position of the first differing value
    line: int | None = None  # line of that value in the actual output
    expected: str | None = None  # the expected value as printed (SHAPE: "[", "]", "}", "value" or "end")
    got: str | None = None  # the actual value as printed (SHAPE: as `expected`)
    error: float | None = None
    tolerance: float | None = None  # abs_tol
    kind: Difference | None = None
    span: tuple[int, int] | None = None  # characters of that value in the actual output
    expected_count: int | None = None
    got_count: int | None = None
    expected_shape: str | None = None  # like "2×3" when regular and nested
    got_shape: str | None = None
    noun: str | None = None  # "number" when every value is a number, else "value"
    rel_tol: float | None = None
    rounded_to: int | None = None  # decimals of a value that looks like the answer rounded
    decimals: int | None = None  # decimals the tolerance needs
    limit: int | None = None  # the cap that was passed
    side: str | None = None  # "expected" or "actual": the output that passed the cap


@dataclass(frozen=True, eq=False)
class Scan:
    """One printed output as parallel compact arrays (no object per value), cut at the first cap."""

    text: str
    kinds: bytearray  # per value: _NUM, _BOOL or _WORD
    numbers: array[float]  # per value: the number (1.0 / 0.0 for booleans, 0.0 for words)
    starts: array[int]  # per value: its characters in text
    ends: array[int]
    nesting: bytearray  # _OPEN, _CLOSE, _VALUE, _STRAY in output order
    leading: int  # opening brackets before anything else
    enclosing: int  # bracket pairs around the whole output
    overflow: Difference | None  # TOO_MANY, TOO_MANY_MARKS or TOO_DEEP when the scan stopped at a cap

    @property
    def count(self) -> int:
        return len(self.kinds)

    @property
    def nested(self) -> bool:
        return _OPEN in self.nesting

    def core(self) -> bytearray:
        """The nesting without the brackets that enclose the whole output."""
        return self.nesting[self.enclosing : len(self.nesting) - self.enclosing]

    def printed(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]

    def line_of(self, k: int) -> int:
        return self.text.count("\n", 0, self.starts[k]) + 1


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where the run of `pattern` (a class repeated) that starts at pos ends; pos when there is none."""
    match = pattern.match(text, pos)
    return pos if match is None else match.end()


def _special(text: str, start: int, end: int) -> str:
    """A name lowered when it may be a boolean, inf or nan (never a long one: names can be megabytes)."""
    return text[start:end].lower() if end - start <= 8 else ""


def _keyword_end(text: str, name_end: int, found: dict[str, int]) -> int:
    """Where `name=value` ends, when the name ending at name_end starts a keyword argument; else -1."""
    equals = _end(_SPACES, text, name_end)
    if text[equals : equals + 1] != "=":
        return -1
    start = _end(_SPACES, text, equals + 1)
    first = text[start : start + 1]
    if first and first in "'\"<":
        close = first if first != "<" else ">"
        # Searched once per closing character: the scan only moves forward, so what a search found
        # (or that there is none) holds for every later start up to it.
        at = found.get(close, -2)
        if at != -1 and at < start + 1:
            at = found[close] = text.find(close, start + 1)
        return at + 1 if at >= 0 else -1
    end = _end(_BARE_VALUE, text, start)
    return end if end > start else -1


def scan(text: str) -> Scan:
    """Read numbers, booleans, words and nesting in one pass (DESIGN.md); stop at the first cap.

    '[' and a '(' that groups values open nesting. A name right before '(' (array(, np.float64() is a
    wrapper whose parentheses are ignored, as are keyword arguments (dtype=float32, device='cpu'),
    whitespace, ',', ':' and ';'. A number glued to letters (1a, 1.2.3) is a word.
    """
    n = len(text)
    kinds = bytearray()
    numbers = array("d")
    starts, ends = (array("I"), array("I")) if n < 1 << 32 else (array("Q"), array("Q"))
    nesting = bytearray()
    stack = bytearray()  # what each open '[', '(' or 'name(' is
    first_close = [-1] * (MAX_DEPTH + 1)  # per level: where in nesting it was first closed down to
    level = 0  # open brackets and grouping parentheses (wrapper parentheses are not nesting)
    marks = 0
    plain_until = 0  # a name before this is in a dotted run not followed by '(': not a wrapper
    found: dict[str, int] = {}
    overflow: Difference | None = None
    pos = _end(_SEPARATORS, text, 0)
    while pos < n:
        c = text[pos]
        end = pos + 1
        kind = -1
        value = 0.0
        opens = 0  # an opening bracket or parenthesis to push
        if c in _NUMBER_START:
            number = _NUMBER.match(text, pos)
            name = None if number is not None or c == "." else _NAME.match(text, end)
            if number is not None:
                end = number.end()
                glued = _end(_GLUED, text, end)
                kind, end = (_WORD, glued) if glued > end else (_NUM, end)
            elif (
                name is not None
                and _special(text, end, name.end()) in _INF_NAN
                and text[name.end() : name.end() + 1] != "("  # inf( is a wrapper's name
            ):
                kind, end = _NUM, name.end()  # -inf, +nan
            else:
                kind = _WORD  # a lone sign or dot
            if kind == _NUM:
                value = float(text[pos:end])
        elif c == "[" or c == "(":
            opens = ord(c)
        elif c == "]" or c == ")":
            top = stack[-1] if stack else 0
            if top == ord("[" if c == "]" else "("):
                stack.pop()
                level -= 1
                if first_close[level] < 0:
                    first_close[level] = len(nesting)
                nesting.append(_CLOSE)
            elif c == ")" and top == _WRAP:
                stack.pop()
            elif c == "]":
                nesting.append(_STRAY)
            # a ')' that closes nothing is ignored, as ')' always was
            marks += 1
        elif (name := _NAME.match(text, pos)) is None:
            kind, end = _WORD, max(_end(_OTHER, text, pos), _end(_GLUED, text, pos), end)
        else:
            end = name.end()
            if pos >= plain_until:
                plain_until = _end(_GLUED, text, end)
                if text[plain_until : plain_until + 1] == "(":
                    opens, end = _WRAP, plain_until + 1
            if not opens:
                after = text[end : end + 1]
                keyword = _keyword_end(text, end, found) if after == "=" or after.isspace() else -1
                if keyword >= 0:
                    end = keyword
                    marks += 1
                    if text[end : end + 1] == "(":  # a value printed as a call: device=device(type='cpu')
                        opens, end = _WRAP, end + 1
                else:
                    special = _special(text, pos, end)
                    if special in _BOOLEANS:
                        kind, value = _BOOL, _BOOLEANS[special]
                    elif special in _INF_NAN:
                        kind, value = _NUM, _INF_NAN[special]
                    else:
                        kind = _WORD
        if opens:
            if len(stack) == MAX_DEPTH:
                overflow = Difference.TOO_DEEP
                break
            stack.append(opens)
            marks += 1
            if opens != _WRAP:
                nesting.append(_OPEN)
                level += 1
        if kind >= 0:
            if len(kinds) == MAX_VALUES:
                overflow = Difference.TOO_MANY
                break
            kinds.append(kind)
            numbers.append(value)
            starts.append(pos)
            ends.append(end)
            nesting.append(_VALUE)
        elif marks > MAX_MARKS:
            overflow = Difference.TOO_MANY_MARKS
            break
        pos = _end(_SEPARATORS, text, end)
    leading = 0
    while leading < len(nesting) and nesting[leading] == _OPEN:  # at most MAX_DEPTH
        leading += 1
    enclosing = 0
    while enclosing < leading and first_close[enclosing] == len(nesting) - 1 - enclosing:
        enclosing += 1
    return Scan(text, kinds, numbers, starts, ends, nesting, leading, enclosing, overflow)


def has_nan(text: str) -> bool:
    return any(v != v for v in scan(text).numbers)


def dims_of(nesting: bytes | bytearray) -> list[int] | None:
    """The dimensions of values nested regularly, read as one list (xx → [2]); None when irregular."""
    counts = [0]  # children of each open list; the first is the whole
    lengths = [-1] * (MAX_DEPTH + 2)  # per depth: the length every list there has
    leaf = -1  # the depth of the values
    deepest = 0
    for piece in _PIECES.finditer(nesting):
        byte = nesting[piece.start()]
        if byte == _VALUE:
            if leaf < 0:
                leaf = len(counts)
            elif leaf != len(counts):
                return None
            counts[-1] += piece.end() - piece.start()
        elif byte == _OPEN:
            counts[-1] += 1
            counts.append(0)
            deepest = max(deepest, len(counts) - 1)
        elif byte == _CLOSE and len(counts) > 1:
            length = counts.pop()
            depth = len(counts)
            if lengths[depth] < 0:
                lengths[depth] = length
            elif lengths[depth] != length:
                return None
        else:
            return None
    if len(counts) != 1 or (leaf >= 0 and deepest != leaf - 1):
        return None
    return [counts[0], *lengths[1 : deepest + 1]]


def _shape(scanned: Scan) -> list[int] | None:
    """The output's dimensions, the enclosing brackets included (a 1×3 stays 1×3)."""
    dims = dims_of(scanned.core())
    if dims is None:
        return None
    return [1] * (scanned.enclosing - 1) + dims if scanned.enclosing else dims


def _text(dims: list[int]) -> str:
    return "×".join(str(d) for d in dims)


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


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


def _decimals_needed(abs_tol: float) -> int | None:
    """Decimals a printed answer needs to be within abs_tol: 4 for 1e-4."""
    if abs_tol <= 0:
        return None
    return max(0, math.ceil(-math.log10(abs_tol) - 1e-9))


def _rounded_to(expected: float, got: str, needed: int | None) -> int | None:
    """The decimals of `got` when it is `expected` rounded to fewer than needed, else None."""
    point = got.find(".")
    if needed is None or point < 0 or "e" in got or "E" in got:
        return None
    decimals = len(got) - point - 1
    if not 0 < decimals < needed or abs(float(got) - expected) > 0.5 * 10.0**-decimals + SLACK:
        return None
    return decimals


def _overflow(exp: Scan, got: Scan) -> Comparison | None:
    for side, whose, scanned in (("actual", "output", got), ("expected", "expected output", exp)):
        if scanned.overflow is Difference.TOO_DEEP:
            message, limit = f"{whose} has brackets nested deeper than {MAX_DEPTH}", MAX_DEPTH
        elif scanned.overflow is Difference.TOO_MANY:
            message, limit = f"{whose} has more than {MAX_VALUES} values", MAX_VALUES
        elif scanned.overflow is Difference.TOO_MANY_MARKS:
            message, limit = f"{whose} has more than {MAX_MARKS} brackets and names", MAX_MARKS
        else:
            continue
        return Comparison(False, message, kind=scanned.overflow, limit=limit, side=side)
    return None


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _count_difference(exp: Scan, got: Scan) -> Comparison:
    every_number = exp.kinds.count(_NUM) + got.kinds.count(_NUM) == exp.count + got.count
    noun = "number" if every_number else "value"
    base = Comparison(False, expected_count=exp.count, got_count=got.count, noun=noun)
    first_word = got.kinds.find(_WORD) if _WORD not in exp.kinds else -1
    if first_word >= 0:  # words where only numbers belong: often a debug print (print("shape", x.shape))
        start, end = got.starts[first_word], got.ends[first_word]
        base = replace(
            base, line=got.line_of(first_word), got=_short(got.printed(first_word)), span=(start, end)
        )
    if not got.text.strip():
        message = f"expected {_counted(exp.count, noun)}, got an empty output"
        return replace(base, message=message, kind=Difference.EMPTY)
    exp_dims, got_dims = _shape(exp), _shape(got)
    if exp_dims is None or got_dims is None or max(len(exp_dims), len(got_dims)) < 2:
        message = f"expected {_counted(exp.count, noun)}, got {got.count}"
        return replace(base, message=message, kind=Difference.COUNT)
    # Both regular and one has rows: the shapes say more than the counts.
    exp_shape = _text(exp_dims) if len(exp_dims) > 1 else None
    got_shape = _text(got_dims) if len(got_dims) > 1 else None
    expected = _counted(exp.count, noun)
    if exp_shape is not None:
        expected = f"shape {exp_shape} ({expected})"
    actual = _counted(got.count, noun)
    if got_shape is not None:
        actual = f"{got_shape} ({actual})" if exp_shape is not None else f"shape {got_shape} ({actual})"
    return replace(
        base,
        message=f"expected {expected}, got {actual}",
        kind=Difference.COUNT,
        expected_shape=exp_shape,
        got_shape=got_shape,
    )


_NESTING_WORDS = {
    "[": "an opening bracket",
    "]": "a closing bracket",
    "}": "a closing bracket that closes nothing",
    "value": "a value",
    "end": "the end",
}


def _item(core: bytearray, at: int) -> str:
    if at >= len(core):
        return "end"
    return "value" if core[at] == _VALUE else chr(core[at])


def _first_difference(a: bytearray, b: bytearray) -> int:
    """The first position where a and b differ, comparing blocks at C speed first."""
    at, block = 0, 4096
    while at < min(len(a), len(b)) and a[at : at + block] == b[at : at + block]:
        at += block
    while at < len(a) and at < len(b) and a[at] == b[at]:
        at += 1
    return at


def _shape_difference(exp: Scan, got: Scan) -> Comparison | None:
    exp_core, got_core = exp.core(), got.core()
    if exp_core == got_core:
        return None
    exp_dims, got_dims = _shape(exp), _shape(got)
    exp_shape = _text(exp_dims) if exp_dims is not None else None
    got_shape = _text(got_dims) if got_dims is not None else None
    # Located with the opening brackets lined up (so that a bracket lost or added at the end shows
    # there, not as a difference at the start), else on the whole nestings, which differ.
    lined_up = min(exp.leading, got.leading)
    exp_seq = exp.nesting[exp.leading - lined_up :]
    got_seq = got.nesting[got.leading - lined_up :]
    if exp_seq == got_seq:
        exp_seq, got_seq = exp.nesting, got.nesting
    at = _first_difference(exp_seq, got_seq)
    index = got_seq.count(_VALUE, 0, at)
    expected, actual = _item(exp_seq, at), _item(got_seq, at)
    base = Comparison(
        False,
        expected=expected,
        got=actual,
        kind=Difference.SHAPE,
        expected_shape=exp_shape,
        got_shape=got_shape,
    )
    place = "after the last value"
    if index < got.count:
        base = replace(base, index=index, line=got.line_of(index), span=(got.starts[index], got.ends[index]))
        place = f"at value {index + 1}, line {base.line}"
    if exp_shape is not None and got_shape is not None:
        return replace(base, message=f"expected shape {exp_shape}, got {got_shape}")
    message = f"brackets differ {place}: expected {_NESTING_WORDS[expected]}, got {_NESTING_WORDS[actual]}"
    if exp_dims is not None and len(exp_dims) > 1:
        message += f" (expected shape {exp_shape})"
    elif got_dims is not None and len(got_dims) > 1:
        message += f" (your shape is {got_shape})"
    return replace(base, message=message)


def _value_difference(exp: Scan, got: Scan, k: int, abs_tol: float, rel_tol: float) -> Comparison:
    """The Comparison for the first pair that differs, at value k."""
    e, g = _short(exp.printed(k)), _short(got.printed(k))
    line = got.line_of(k)
    where = f"value {k + 1}, line {line}"
    base = Comparison(False, index=k, line=line, expected=e, got=g, span=(got.starts[k], got.ends[k]))
    kind = exp.kinds[k]
    if kind != got.kinds[k] or kind == _WORD:
        return replace(base, message=f"{where}: expected {e!r}, got {g!r}", kind=Difference.WORD)
    if kind == _BOOL:
        return replace(base, message=f"{where}: expected {e}, got {g}", kind=Difference.BOOL)
    base = replace(base, tolerance=abs_tol, rel_tol=rel_tol)
    x, y = exp.numbers[k], got.numbers[k]
    if math.isnan(x) or math.isnan(y):
        message = f"{where}: expected {e}, got {g} (nan is never accepted)"
        return replace(base, message=message, kind=Difference.NAN, error=math.nan)
    if math.isinf(x) or math.isinf(y):
        message = f"{where}: expected {e}, got {g} (inf matches only the same signed inf)"
        return replace(base, message=message, kind=Difference.INF, error=math.inf)
    error = abs(x - y)
    allowed = f"abs_tol {abs_tol:g}" + (f" or rel_tol {rel_tol:g}" if rel_tol else "")
    message = f"{where}: expected {e}, got {g} (absolute error {error:.3g} > {allowed})"
    decimals = _decimals_needed(abs_tol)
    rounded = _rounded_to(x, got.printed(k), decimals)
    if rounded is None:
        return replace(base, message=message, kind=Difference.VALUE, error=error)
    message += f"; it looks rounded to {_counted(rounded, 'decimal')}: print at least {decimals}"
    return replace(
        base, message=message, kind=Difference.VALUE, error=error, rounded_to=rounded, decimals=decimals
    )


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
    exp, got = scan(expected), scan(actual)
    failure = _overflow(exp, got)
    if failure is None and exp.count != got.count:
        failure = _count_difference(exp, got)
    if failure is None and exp.nested and got.nested:
        failure = _shape_difference(exp, got)
    if failure is not None:
        return failure
    exp_kinds, got_kinds = exp.kinds, got.kinds
    for k, (x, y) in enumerate(zip(exp.numbers, got.numbers, strict=True)):
        kind = exp_kinds[k]
        if kind != got_kinds[k] or (kind == _WORD and exp.printed(k) != got.printed(k)):
            return _value_difference(exp, got, k, abs_tol, rel_tol)
        if x != y and not (kind == _NUM and _close(x, y, abs_tol, rel_tol, nan_matches)):
            return _value_difference(exp, got, k, abs_tol, rel_tol)
    return Comparison(True)
