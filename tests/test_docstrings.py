"""Docstrings of the public API: a Returns section, a runnable example, nothing a user cannot open.

The examples themselves run with the rest of the suite (`--doctest-modules` over `src/`); this
checks that every public callable has one, and that no docstring sends a reader to a document
that is not shipped with the package (the design notes and the pitfalls list live with the
project, not in the package).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il

SRC = Path(il.__file__).resolve().parent
UNSHIPPED = re.compile(r"DESIGN|PITFALLS|STYLE\.md|§")


def _members(cls: type) -> Iterator[tuple[str, Callable[..., Any], bool]]:
    """The public methods and properties a class defines itself: (name, function, is property)."""
    for attribute, member in vars(cls).items():
        if attribute.startswith("_"):
            continue
        if isinstance(member, property) and member.fget is not None:
            yield attribute, member.fget, True
        elif isinstance(member, staticmethod | classmethod):
            yield attribute, member.__func__, False
        elif inspect.isfunction(member):
            yield attribute, member, False


def _modules() -> Iterator[Any]:
    """The package and its public modules (no part of whose name starts with `_`)."""
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if any(part.startswith("_") for part in parts):
            continue
        yield importlib.import_module(".".join(("insatslogik", *parts)))


def _public_callables() -> list[tuple[str, Callable[..., Any], bool]]:
    """Every function and class method exported (`__all__`) by the package or one of its modules."""
    found: dict[str, tuple[str, Callable[..., Any], bool]] = {}
    for module in _modules():
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if getattr(value, "__module__", "").startswith("insatslogik"):
                where = f"{value.__module__}.{value.__qualname__}"
                if inspect.isfunction(value):
                    found[where] = (where, value, False)
                elif inspect.isclass(value):
                    for member, function, prop in _members(value):
                        found[f"{where}.{member}"] = (f"{where}.{member}", function, prop)
    return [found[key] for key in sorted(found)]


PUBLIC = _public_callables()


@pytest.mark.parametrize(("name", "function", "is_property"), PUBLIC, ids=[p[0] for p in PUBLIC])
def test_every_public_callable_has_a_returns_section_and_an_example(
    name: str, function: Callable[..., Any], is_property: bool
) -> None:
    doc = inspect.getdoc(function) or ""
    assert ">>>" in doc, f"{name}: no runnable example"
    returned = inspect.signature(function).return_annotation
    if not is_property and returned not in (None, "None", inspect.Signature.empty):
        assert "Returns:" in doc, f"{name}: no Returns section"


def _docstrings() -> Iterator[tuple[str, str]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                if doc:
                    where = getattr(node, "name", "module")
                    yield f"{path.relative_to(SRC)}:{where}", doc


def test_no_docstring_cites_a_document_the_package_does_not_ship() -> None:
    cited = [where for where, doc in _docstrings() if UNSHIPPED.search(doc)]
    assert cited == []


def test_the_public_api_is_large_enough_for_this_check_to_mean_something() -> None:
    assert len(PUBLIC) > 80
