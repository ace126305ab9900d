"""Every command-line output of the bundled examples is byte for byte what it was.

`tools/output_snapshot.py` runs each output (findings, coverage, indicators, tables, DOT,
Mermaid, the interactive page, JSON, YAML, node-link, IATI, Excel, the template, the starter
plan, the schema) on every plan in `examples/`; `tests/golden/outputs.sha256` holds their
digests. After a deliberate change to an output, look at the new output, then write the
digests anew with ``UPDATE_GOLDEN=1 python -m pytest tests/test_output_snapshot.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT, load_script

GOLDEN = ROOT / "tests" / "golden" / "outputs.sha256"


def _tool() -> ModuleType:
    return load_script(ROOT / "tools" / "output_snapshot.py")


def test_every_output_of_the_examples_is_unchanged(tmp_path: Path) -> None:
    tool = _tool()
    made = tool.manifest(tool.snapshot(tmp_path))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(made, encoding="utf-8")
    golden = dict(
        line.split("  ", 1)[::-1] for line in GOLDEN.read_text(encoding="utf-8").splitlines()
    )
    now = dict(line.split("  ", 1)[::-1] for line in made.splitlines())
    changed = sorted(name for name in golden.keys() & now.keys() if golden[name] != now[name])
    assert (changed, sorted(golden.keys() - now.keys()), sorted(now.keys() - golden.keys())) == (
        [],
        [],
        [],
    )


def test_the_snapshot_covers_every_example_and_command() -> None:
    tool = _tool()
    names = GOLDEN.read_text(encoding="utf-8").splitlines()
    plans = {path.stem for path in (ROOT / "examples").glob("*.yaml")}
    assert len(plans) >= 5
    assert len(names) == len(plans) * sum(
        1 for s, _ in tool.COMMANDS if not s.endswith(".svg")
    ) + len(tool.SINGLE)
