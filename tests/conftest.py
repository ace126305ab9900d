"""Shared fixtures: small real models built from seed 000 (Västra Götaland, kraftsamling digitalisering)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

import insatslogik as il
from insatslogik.formats.native import uses_from

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def saved_into(model: il.Model, folder: Path) -> il.Model:
    """The model as a copy written into `folder` loads: each ``uses`` path relative to that folder.

    For comparing with what is read back; the model's `source` stays its own file, so the
    result is not for writing again.
    """
    moved = model.with_nodes(model)
    moved.uses = uses_from(model, folder)
    return moved


def load_script(path: Path) -> ModuleType:
    """A script of the project that is not in a package (tools/, examples/), imported by path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would: dataclasses and pickling look it up
    spec.loader.exec_module(module)
    return module


def ascii_locale() -> dict[str, str]:
    """An environment for a child Python whose standard streams are ASCII (LANG=C, no UTF-8 mode)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C",
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


SMALL_PLAN = """\
insatslogik: 1
title: Kraftsamling digitalisering
nodes:
  - id: rus-vg
    kind: strategy
    title: Regional utvecklingsstrategi för Västra Götaland 2021–2030
    period: {start: 2021, end: 2030}
  - id: digitalisering
    kind: substrategy
    title: Kraftsamling digitalisering
    part_of: rus-vg
  - id: naringsliv
    kind: goal
    title: Näringslivets digitala transformation ska öka
    part_of: digitalisering
    measured_by: [smf-digital]
  - id: smf-steg
    kind: activity
    title: Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling
    part_of: digitalisering
    performed_by: [iuc]
    contributes_to:
      - kort-smf
      - to: naringsliv
        rationale: Stöd till SMF höjer den digitala mognaden i näringslivet
  - id: kort-smf
    kind: short_term_effect
    title: Fler SMF har tagit del av insatser
    contributes_to: [lang-smf]
  - id: lang-smf
    kind: long_term_effect
    title: SMF i Västra Götaland är internationellt konkurrenskraftiga
    contributes_to: [naringsliv]
  - id: smf-digital
    kind: indicator
    title: Andel SMF med åtminstone en grundläggande digitaliseringsnivå
    source: DESI
    unit: "%"
    baseline: {year: 2020, value: 82}
    target: {year: 2030, value: 90}
    values: {2020: 82, 2022: 90}
    comparisons: {EU: {2020: 60}}
  - id: iuc
    kind: actor
    title: IUC-bolagen
"""


@pytest.fixture
def small_model() -> il.Model:
    """A seven-node chain from seed 000: strategy → kraftsamling → goal, activity, effects."""
    return il.loads(SMALL_PLAN, name="small.yaml")
