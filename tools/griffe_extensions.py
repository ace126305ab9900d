"""Griffe extensions for the API reference; mkdocs.yml loads them into mkdocstrings.

- `DoctestBlocks`: the docstrings carry runnable ``>>>`` examples without an ``Examples:``
  heading (pytest runs them with ``--doctest-modules``). Markdown would read ``>>>`` as nested
  block quotes and ``[...]`` in their output as links, so each example (its ``>>>``/``...``
  lines and the output up to the next blank line) is wrapped in a fenced ``pycon`` block.
- `DoctestBlocks` also turns Sphinx roles (``:func:`check```, ``:class:`~a.b.C```), which
  some docstrings use, into plain code (`check`, `C`), as Markdown has no roles.
- `ExportedNames`: a function exported under the name of its own module is documented.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|obj|exc|const):`~?(?P<target>[^`]+)`")


def plain_roles(text: str) -> str:
    """Turn Sphinx cross-reference roles into inline code, keeping what ``~`` keeps."""

    def code(match: re.Match[str]) -> str:
        target = match["target"]
        return f"`{target.rsplit('.', 1)[-1]}`" if match[0].count("~") else f"`{target}`"

    return ROLE.sub(code, text)


def fence_doctests(text: str) -> str:
    """Wrap each run of doctest lines, with its output, in a fenced pycon block."""
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples of every docstring Griffe loads."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Rewrite the object's docstring once the tree is built."""
        del loader, kwargs
        docstring = obj.docstring
        if docstring is None:
            return
        if ">>>" in docstring.value and "```pycon" not in docstring.value:
            docstring.value = fence_doctests(docstring.value)
        docstring.value = plain_roles(docstring.value)

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Rewrite the package's own docstring, which `on_object` does not see."""
        self.on_object(obj=pkg, loader=loader, **kwargs)


class ExportedNames(griffe.Extension):
    """Document a function that the package exports under the name of its own module.

    `from insatslogik.formats.convert import convert` makes `insatslogik.formats.convert` the function at run
    time, but Griffe keeps the submodule under that name, so the reference would leave the
    function out. For each such name in `__all__`, the package member becomes the function.
    """

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Point each exported name that is shadowed by its submodule at the exported object."""
        del kwargs
        for export in pkg.exports or ():
            name = str(export)
            member = pkg.members.get(name)
            if isinstance(member, griffe.Module) and name in member.members:
                target = member.members[name]
                # Once detached, the submodule is no longer visited by `on_object`.
                if isinstance(target, griffe.Object):
                    DoctestBlocks().on_object(obj=target, loader=loader)
                pkg.set_member(name, griffe.Alias(name, target, parent=pkg))
