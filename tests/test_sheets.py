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
    # The five areas, in the file's order; the RUS's priorities they lead to are the RUS's.
    areas = [n.title for n in model if n.kind == "goal" and model.is_home(n.id)]
    assert [sheet.title for sheet in whole] == areas
    # The whole plan on A4 would be under 6 pt; each area on its own is 8.4 pt or more.
    assert min(sheet.font_size for sheet in whole) >= LEGIBLE
    (a3,) = render_sheets(model, paper="a3")  # the whole plan fits A3 legibly
    assert a3.font_size >= LEGIBLE
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
    assert main(["render", str(VGR), "-o", str(tmp_path / "k.pdf"), "--page", "a4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        f"wrote {tmp_path / f'k-{n}.pdf'}" for n in range(1, 6)
    ]
    assert all(line.endswith(" pt text)") for line in lines)
    with pytest.raises(SystemExit):
        main(["render", str(VGR), "-o", str(tmp_path / "k.pdf"), "--page", "a5"])


def test_paper_is_the_same_option_as_page(tmp_path: Path) -> None:
    assert main(["render", str(VGR), "-o", str(tmp_path / "p.svg"), "--paper", "a4"]) == 0
    assert main(["render", str(VGR), "-o", str(tmp_path / "q.svg"), "--page", "a4"]) == 0
    for n in range(1, 6):
        assert (tmp_path / f"p-{n}.svg").read_bytes() == (tmp_path / f"q-{n}.svg").read_bytes()


def _chain(title: str, goal: str, effects: int) -> str:
    # A goal fed by `effects` long-term effects, each with its own short chain.
    lines = [
        "insatslogik: 1",
        f"title: {title}",
        "nodes:",
        f"  - {{id: {goal}, kind: goal, title: Målet}}",
    ]
    for n in range(effects):
        lines += [
            f"  - {{id: lang{n}, kind: long_term_effect, title: Långsiktig effekt nummer {n} "
            f"med en lång titel som bryts, contributes_to: [{goal}]}}",
            f"  - {{id: kort{n}, kind: short_term_effect, title: Kortsiktig effekt {n} med "
            f"text, contributes_to: [lang{n}]}}",
            f"  - {{id: akt{n}, kind: activity, title: Aktivitet {n} som ger resultat, "
            f"contributes_to: [kort{n}]}}",
        ]
    return "\n".join(lines) + "\n"


def test_one_top_goal_too_small_is_split_by_what_leads_to_it() -> None:
    model = il.loads(_chain("Ett mål", "mal", 24))
    sheets = render_sheets(model, paper="a4")
    assert len(sheets) > 1
    assert [s.title for s in sheets][:2] == [model["lang0"].title, model["lang1"].title]
    assert all(s.font_size >= LEGIBLE for s in sheets)


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_plan_prints_at_a_legible_size(path: Path, paper: str) -> None:
    sheets = render_sheets(il.load(path), paper=paper)  # type: ignore[arg-type]
    assert min(sheet.font_size for sheet in sheets) >= LEGIBLE


def test_a_wide_chain_gets_narrower_boxes_on_paper_rather_than_smaller_text() -> None:
    # Gotland's chain is as wide as its seven levels: with the screen's boxes its sheets print
    # at about 6 pt on A4, and splitting by rows gains nothing; narrower boxes do.
    model = il.load(EXAMPLES / "gotland_insatsplan.yaml")
    sheets = render_sheets(model, paper="a4")
    assert min(sheet.font_size for sheet in sheets) >= LEGIBLE
    screen = il.render_chain(model).source
    longest = max(model, key=lambda node: len(node.title)).title
    assert longest.split()[0] in screen
    assert any(sheet.diagram.source != screen for sheet in sheets)
    narrow = il.render_chain(model, wrap_width=12).source
    assert narrow.count("\\n") > screen.count("\\n")  # more, shorter lines


def _unsplittable(words: int) -> str:
    # One box per level, each titled with one word too long to wrap: nothing can narrow it.
    kinds = ["resource", "activity", "output", "outcome", "short_term_effect", "long_term_effect"]
    lines = ["insatslogik: 1", "title: Lång", "nodes:", "  - {id: mal, kind: goal, title: Mål}"]
    for n, kind in enumerate(kinds):
        target = "mal" if n == len(kinds) - 1 else f"n{n + 1}"
        lines.append(
            f"  - {{id: n{n}, kind: {kind}, title: {'Utvecklingsinsatsen' * words}, "
            f"contributes_to: [{target}]}}"
        )
    return "\n".join(lines) + "\n"


def test_a_chain_too_wide_to_narrow_or_split_keeps_its_size_and_the_command_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "lang.yaml"
    plan.write_text(_unsplittable(3), encoding="utf-8")
    (sheet,) = render_sheets(il.load(plan), paper="a4")
    assert sheet.font_size < LEGIBLE
    assert main(["render", str(plan), "-o", str(tmp_path / "g.svg"), "--page", "a4"]) == 0
    out = capsys.readouterr().out
    assert f"({sheet.font_size} pt text, under 8 pt and cannot be split further)" in out


def test_a_wrap_width_under_eight_is_a_usage_error() -> None:
    with pytest.raises(il.UsageError, match="wrap_width must be a whole number of 8 or more"):
        il.render_chain(il.loads(SMALL_PLAN), wrap_width=4)


def test_another_paper_is_a_usage_error() -> None:
    with pytest.raises(il.UsageError, match="paper must be one of"):
        render_sheets(il.loads(SMALL_PLAN), paper="letter")  # type: ignore[arg-type]
