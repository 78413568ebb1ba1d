"""Every problem can be answered by its entry alone: the template is a stub (the entry, documented, raising
NotImplementedError) then the harness, and the reference and every known program define the same entry
and end with the same harness, so dropping their main block turns them into function-mode answers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from judge.catalog import Catalog

from conftest import PROBLEMS

CATALOG = Catalog(PROBLEMS)
IDS = CATALOG.ids()
# A compile error is a property of the whole file: those programs do not parse, so they define nothing.
UNPARSED_FOLDERS = {"compile_error"}

Signature = tuple[str, ...] | dict[str, tuple[str, ...]]


def _programs(problem_id: str) -> list[Path]:
    """The reference and every known program of a problem that parses."""
    known = [path for folder, path in CATALOG.known_submissions(problem_id) if folder not in UNPARSED_FOLDERS]
    return [CATALOG.solution(problem_id), *known]


def _parse(source: str | bytes) -> ast.Module:
    return ast.parse(source)


def _main_block(tree: ast.Module) -> ast.If | None:
    """The module's `if __name__ == "__main__":` block, when it is the last statement."""
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.If) and ast.unparse(last.test).replace("'", '"') == '__name__ == "__main__"':
        return last
    return None


def _arguments(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    a = function.args
    names = [x.arg for x in a.posonlyargs + a.args]
    names += [f"*{a.vararg.arg}"] if a.vararg else []
    names += [x.arg for x in a.kwonlyargs]
    names += [f"**{a.kwarg.arg}"] if a.kwarg else []
    return tuple(names)


def _definition(tree: ast.Module, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    found = [node for node in tree.body if isinstance(node, kinds) and node.name == name]
    return found[-1] if found else None


def _methods(node: ast.ClassDef) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {m.name: m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, methods: list[str]) -> Signature:
    """A function's parameter names; a class's, for each of the given methods."""
    if isinstance(node, ast.ClassDef):
        defined = _methods(node)
        return {m: _arguments(defined[m]) if m in defined else ("<missing>",) for m in methods}
    return _arguments(node)


def _raises_not_implemented(body: list[ast.stmt]) -> bool:
    last = body[-1]
    if not isinstance(last, ast.Raise) or last.exc is None:
        return False
    exc = last.exc.func if isinstance(last.exc, ast.Call) else last.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _template(problem_id: str) -> tuple[str, ast.Module]:
    problem = CATALOG.load(problem_id)
    assert problem.entry, f"problems/{problem_id}.yaml has no `entry:`"
    return problem.entry, _parse(problem.template)


@pytest.mark.parametrize("problem_id", IDS)
def test_template_is_a_documented_stub_then_a_harness(problem_id: str) -> None:
    """The template defines the entry with a docstring and a body that raises NotImplementedError, and ends with
    the harness."""
    entry, tree = _template(problem_id)
    node = _definition(tree, entry)
    assert node is not None, f"the template defines no {entry}"
    assert ast.get_docstring(node), f"{entry} has no docstring giving the shapes"
    if isinstance(node, ast.ClassDef):
        methods = _methods(node)
        assert methods, f"class {entry} defines no method"
        assert all(_raises_not_implemented(m.body) for m in methods.values())
    else:
        assert _raises_not_implemented(node.body)
    harness = _main_block(tree)
    assert harness is not None, "the template does not end with an `if __name__ == '__main__':` harness"
    called = {n.id for n in ast.walk(harness) if isinstance(n, ast.Name)}
    assert entry in called, "the harness never calls the entry"


@pytest.mark.parametrize("problem_id", IDS)
def test_programs_define_the_entry_and_end_with_the_harness(problem_id: str) -> None:
    """The reference and every known program define the entry with the template's parameter names and end with
    the template's harness (compared as syntax trees)."""
    entry, template = _template(problem_id)
    stub = _definition(template, entry)
    assert stub is not None
    methods = list(_methods(stub)) if isinstance(stub, ast.ClassDef) else []
    expected = (_signature(stub, methods), ast.unparse(_main_block(template) or ast.Pass()))
    found = {}
    for path in _programs(problem_id):
        tree = _parse(path.read_bytes())
        node = _definition(tree, entry)
        main = _main_block(tree)
        found[path.name] = (
            _signature(node, methods) if node is not None else f"no top-level {entry}",
            ast.unparse(main) if main is not None else "no main block at the end",
        )
    assert {name: got for name, got in found.items() if got != expected} == {}


@pytest.mark.parametrize("problem_id", IDS)
def test_stub_raises_not_implemented(problem_id: str) -> None:
    """Calling the template's entry function (harness left out) raises NotImplementedError."""
    problem = CATALOG.load(problem_id)
    entry, tree = _template(problem_id)
    node = _definition(tree, entry)
    if isinstance(node, ast.ClassDef):
        pytest.skip("a class entry: its methods are checked by syntax")
    assert node is not None
    imported = {alias.name.split(".")[0] for n in tree.body if isinstance(n, ast.Import) for alias in n.names}
    imported |= {n.module.split(".")[0] for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
    for module in sorted(imported):
        pytest.importorskip(module)
    namespace: dict[str, object] = {"__name__": "stub"}
    exec(compile(problem.template, f"problems/{problem_id}.yaml:template", "exec"), namespace)
    function = namespace[entry]
    assert callable(function)
    with pytest.raises(NotImplementedError):
        function(*[None] * len([a for a in _arguments(node) if not a.startswith("*")]))
