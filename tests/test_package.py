"""The package surface: what `import insatslogik` gives and what it leaves out."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files

import insatslogik as il


def test_every_public_name_resolves() -> None:
    missing = [name for name in il.__all__ if not hasattr(il, name)]
    assert missing == []


def test_public_names_are_listed_once() -> None:
    assert len(il.__all__) == len(set(il.__all__))


def test_import_leaves_graphviz_and_pyvis_unloaded() -> None:
    code = "import sys, insatslogik; print(sorted(m for m in ('graphviz', 'pyvis', 'jinja2') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_package_is_typed() -> None:
    assert files("insatslogik").joinpath("py.typed").is_file()
