"""Report diagrams on paper: split per top goal when the whole chain would print too small."""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.render.sheets import LEGIBLE, render_sheets, save_sheets
from tests.conftest import EXAMPLES, SMALL_PLAN

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"


def test_a_plan_that_fits_legibly_stays_one_sheet() -> None:
    (sheet,) = render_sheets(il.loads(SMALL_PLAN), paper="a4")
    assert LEGIBLE <= sheet.font_size < 11.0  # scaled down a little to fit the paper
    (sheet,) = render_sheets(il.loads(SMALL_PLAN), paper="a3")
    assert sheet.font_size == 11.0
    assert "size=" in sheet.diagram.source


def test_a_large_plan_is_split_per_area_in_the_plans_order_and_each_sheet_is_larger() -> None:
    model = il.load(VGR)
    whole = render_sheets(model, paper="a4")
    areas = [n.title for n in model.nodes(il.Kind.GOAL)]
    assert [sheet.title for sheet in whole] == areas  # the five areas, none leads to another
    # The whole plan on A4 would be under 6 pt; each area on its own is about 8.
    assert min(sheet.font_size for sheet in whole) >= LEGIBLE - 0.1
    assert [s.font_size for s in render_sheets(model, paper="a3")] == [11.0] * 5
    upright = render_sheets(model, paper="a4", landscape=False)
    assert max(s.font_size for s in upright) < min(s.font_size for s in whole)


def test_sheets_are_written_as_numbered_files(tmp_path: Path) -> None:
    sheets = render_sheets(il.load(VGR), paper="a4")
    written = save_sheets(sheets, tmp_path / "kedja.svg")
    assert [p.name for p in written] == [f"kedja-{n}.svg" for n in range(1, 6)]
    assert all(p.read_text(encoding="utf-8").startswith("<?xml") for p in written)


def test_render_paper_writes_the_sheets_and_says_their_text_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(VGR), "-o", str(tmp_path / "k.pdf"), "--paper", "a3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"wrote {tmp_path / f'k-{n}.pdf'} (11 pt text)" for n in range(1, 6)]
    with pytest.raises(SystemExit):
        main(["render", str(VGR), "-o", str(tmp_path / "k.pdf"), "--paper", "a5"])


def test_another_paper_is_a_usage_error() -> None:
    with pytest.raises(il.UsageError, match="paper must be one of"):
        render_sheets(il.loads(SMALL_PLAN), paper="letter")  # type: ignore[arg-type]
