"""Golden DOT files: the exact text of small chain diagrams, reviewed by eye once as pictures.

After a deliberate change to the drawing, look at the new picture, then write the files anew
with ``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import insatslogik as il
from tests.conftest import SMALL_PLAN

GOLDEN = Path(__file__).resolve().parent / "golden"

CASES = {
    "small_chain.dot": {},
    "small_chain_en_clusters.dot": {"lang": "en", "cluster_by": "substrategy"},
    "small_chain_focus_plain.dot": {
        "focus": "kort-smf",
        "show_indicators": False,
        "highlight": False,
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chain_diagram_dot_text_is_unchanged(name: str) -> None:
    source = il.render_chain(il.loads(SMALL_PLAN, name="small.yaml"), **CASES[name]).source
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(source, encoding="utf-8")
    assert source == path.read_text(encoding="utf-8")
    assert il.render_chain(il.loads(SMALL_PLAN), **CASES[name]).svg().startswith("<?xml")
