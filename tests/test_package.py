"""The package surface: what `import insatslogik` gives and what it leaves out."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

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


# --- What loads on first use --------------------------------------------------------------------

TINY_PLAN = '{"insatslogik": 1, "title": "Exempel", "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}]}'


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter once `code` has run."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_loading_and_saving_json_leaves_yaml_unloaded(tmp_path: Path) -> None:
    source = tmp_path / "plan.json"
    source.write_text(TINY_PLAN, encoding="utf-8")
    code = (
        "import insatslogik as il\n"
        f"model = il.load({str(source)!r})\n"
        f"il.save(model, {str(tmp_path / 'copy.json')!r})\n"
        "il.loads(il.dumps(model, format='json'), format='json')\n"
    )
    assert "yaml" not in _modules_after(code)
    assert (tmp_path / "copy.json").is_file()


def test_reading_yaml_loads_pyyaml() -> None:
    loaded = _modules_after(f"import insatslogik as il; il.loads({TINY_PLAN!r})")
    assert {"yaml", "insatslogik.yamltree"} <= loaded
