"""Two ways to answer a problem: a whole program that reads stdin and prints (program mode), or just
the problem's entry function (function mode), which the judge runs through the problem's harness.

The harness is the template's `if __name__ == "__main__":` block; what the template has above it but
the entry's stub (its imports, helpers) is the prelude. In function mode a case runs the prelude, then
the learner's file (its definitions win), then the harness, in one module: the cases and the checker
are the same in both modes."""

from __future__ import annotations

import ast
import difflib
import enum
import functools
from dataclasses import dataclass

from judge.program import Program, parse


class Mode(str, enum.Enum):
    PROGRAM = "program"
    FUNCTION = "function"


@dataclass(frozen=True)
class Harness:
    prelude: str  # the template's imports and helpers, without the entry's stub
    main: str  # the `if __name__ == "__main__":` block
    signature: str  # how the entry is declared, e.g. "def softmax(scores)"


def _is_main_block(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def _defines(node: ast.stmt, name: str) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name


def _signature(node: ast.stmt) -> str:
    if isinstance(node, ast.ClassDef):
        bases = ", ".join(ast.unparse(base) for base in [*node.bases, *node.keywords])
        return f"class {node.name}({bases})" if bases else f"class {node.name}"
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    return f"def {node.name}({ast.unparse(node.args)})"


@functools.lru_cache(maxsize=256)
def harness_of(template: str, entry: str) -> Harness:
    """Split a template into its prelude and its harness. A template without a main block, or without
    the entry, is a problem-file error that problem validation reports; here it is a ValueError."""
    tree = parse(template)
    lines = template.splitlines(keepends=True)
    prelude: list[str] = []
    main = ""
    signature = ""
    for node in tree.body:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        text = "".join(lines[first - 1 : node.end_lineno])
        if _is_main_block(node):
            main = text
        elif _defines(node, entry):
            signature = _signature(node)
        else:
            prelude.append(text)
    if not main:
        raise ValueError('the template has no `if __name__ == "__main__":` block')
    if not signature:
        raise ValueError(f"the template defines no top-level {entry!r}")
    return Harness("\n".join(prelude), main, signature)


def _reads_stdin(node: ast.AST) -> bool:
    """input(), anything named stdin (sys.stdin, sys.stdin.buffer...) or open(0), outside a def or class."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
        return False
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "input":
            return True
        if (
            node.func.id == "open"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == 0
        ):
            return True
    if isinstance(node, ast.Attribute) and node.attr == "stdin":
        return True
    return any(_reads_stdin(child) for child in ast.iter_child_nodes(node))


def _top_level_code_reads_stdin(tree: ast.Module) -> bool:
    return any(_reads_stdin(node) for node in tree.body)


def _runs_code(node: ast.stmt) -> bool:
    """A top-level statement that does something when run (not a definition, an import, an
    assignment or a docstring)."""
    quiet = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Assign,
             ast.AnnAssign)  # fmt: skip
    if isinstance(node, quiet):
        return False
    return not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))


def detect_mode(source: bytes, entry: str | None) -> Mode:
    """Function mode for a file that defines functions or classes, with no main block and no top-level
    reading of stdin, on a problem that names its entry, when the file defines the entry or runs nothing
    of its own at top level; a program otherwise (a file that does not parse is a program: its error is
    the compile error a program gets)."""
    if entry is None:
        return Mode.PROGRAM
    try:
        tree = parse(source.decode("utf-8-sig"))
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        return Mode.PROGRAM
    if any(_is_main_block(node) for node in tree.body) or _top_level_code_reads_stdin(tree):
        return Mode.PROGRAM
    if not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in tree.body):
        return Mode.PROGRAM  # nothing to call: an empty file, or a script (it gets its verdict as a program)
    if entry in _names(tree) or not any(_runs_code(node) for node in tree.body):
        return Mode.FUNCTION
    return Mode.PROGRAM


def top_level_definitions(source: bytes) -> list[str]:
    """The names a file binds at top level: functions, classes, assignments, imports."""
    try:
        return _names(parse(source.decode("utf-8-sig")))
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        return []


def _names(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names.extend(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.extend((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def missing_entry(program: Program, entry: str, harness: Harness) -> str | None:
    """The compile error of a function-mode file that does not define the entry, else None."""
    names = top_level_definitions(program.source)
    if entry in names:
        return None
    near = difflib.get_close_matches(entry, [n for n in names if not n.startswith("_")], n=1, cutoff=0.6)
    hint = f" (did you mean `{near[0]}`? rename it)" if near else ""
    return (
        f"{program.name} defines no `{entry}`{hint}: in function mode the file defines `{harness.signature}` "
        "and the problem's harness calls it; or write a whole program with "
        '`if __name__ == "__main__":` that reads stdin and prints'
    )


def strip_main(source: str) -> str:
    """A program without its main block (a known-wrong program seen as a function-mode answer)."""
    tree = parse(source)
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if _is_main_block(node):
            assert node.end_lineno is not None
            del lines[node.lineno - 1 : node.end_lineno]
    return "".join(lines)


@dataclass(frozen=True)
class Prepared:
    """What a runner runs for one answer: the program (with the harness in function mode), the mode,
    or the compile error found before anything ran."""

    program: Program
    mode: Mode
    compile_error: str | None = None


def prepare(program: Program, template: str, entry: str | None, mode: Mode | None = None) -> Prepared:
    """The answer as the runner runs it: the mode given, else detected from the file's syntax tree."""
    chosen = mode or detect_mode(program.source, entry)
    if chosen is Mode.PROGRAM:
        return Prepared(program, Mode.PROGRAM)
    if entry is None:
        return Prepared(
            program, Mode.FUNCTION, f"{program.name}: this problem has no function mode (no entry)"
        )
    harness = harness_of(template, entry)
    missing = missing_entry(program, entry, harness)
    if missing is not None:
        return Prepared(program, Mode.FUNCTION, missing)
    with_harness = Program(
        program.name, program.source, harness.prelude.encode(), harness.main.encode(), entry
    )
    return Prepared(with_harness, Mode.FUNCTION)
