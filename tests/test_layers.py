"""The package's layers hold: no module imports from a layer above its own, not even in a function.

The contract is import-linter's, in pyproject.toml; these tests run it as CI does, check that it
names every module of the package, and that it does break when a lower layer imports a higher one.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import insatslogik as il

ROOT = Path(__file__).resolve().parent.parent
#: The folder the tested package is imported from (the checkout's src, or an installed copy).
SOURCE = Path(il.__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]

LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def _lint(config: Path, source: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source), *sys.path])}
    return subprocess.run(
        [sys.executable, "-c", LINT, str(config)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_contract_is_kept() -> None:
    result = _lint(ROOT / "pyproject.toml", SOURCE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_every_module_of_the_package_is_in_a_layer() -> None:
    [contract] = CONFIG["contracts"]
    in_layers = {
        name.strip().strip("()").removeprefix("insatslogik.")
        for layer in contract["layers"]
        for name in layer.split("|")
    }
    # The package root re-exports the API and __main__ starts the command line: both above all.
    modules = {module.name for module in pkgutil.iter_modules(il.__path__)} - {"__main__"}
    assert modules == in_layers


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path) -> None:
    # A copy of the package whose model imports a renderer, inside a function as lazy imports do.
    copy = tmp_path / "src" / "insatslogik"
    shutil.copytree(SOURCE / "insatslogik", copy, ignore=shutil.ignore_patterns("__pycache__"))
    graph = copy / "model" / "graph.py"
    graph.write_text(
        graph.read_text(encoding="utf-8")
        + "\n\ndef _draw() -> None:\n    from insatslogik.render import diagrams  # noqa: F401\n",
        encoding="utf-8",
    )
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    result = _lint(config, copy.parent)
    assert result.returncode == 1
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert "insatslogik.model is not allowed to import insatslogik.render" in result.stdout
    assert "insatslogik.model.graph -> insatslogik.render.diagrams" in result.stdout


def test_no_module_reaches_into_another_module_s_private_names() -> None:
    # ruff's SLF001, on the package's source alone: tests may look at private parts.
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "--select", "SLF001", str(ROOT / "src")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
