"""The documentation agrees with the code: the file-format tables are checked against the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from insatslogik.kinds import EdgeKind, Kind
from insatslogik.schema import NODE_TYPES

DOCS = Path(__file__).resolve().parent.parent / "docs"
COMMON = {"id", "kind", "title", "description", "tags", "notes", "ignore"}
LINKS = {edge.value for edge in EdgeKind}


def _kind_rows() -> dict[str, list[str]]:
    text = (DOCS / "file-format.md").read_text(encoding="utf-8")
    section = text.split("## Kinds and their fields", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in section.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells
    return rows


def _names(cell: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", cell))


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_file_format_table_lists_each_kinds_fields_and_links(kind: Kind) -> None:
    rows = _kind_rows()
    fields = set(NODE_TYPES[kind].model_fields) - COMMON
    _, _, level, own, links = rows[kind.value]
    assert _names(own) == fields - LINKS
    assert _names(links) == fields & LINKS
    assert level == ("—" if kind.level is None else str(kind.level))


def test_file_format_table_has_no_unknown_kinds() -> None:
    assert set(_kind_rows()) == {kind.value for kind in Kind}
