"""The chain diagram of a new version with what changed since an earlier one marked (`compare=`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.palette import CHANGE, HIGHLIGHT
from tests.conftest import EXAMPLES

REVISED = EXAMPLES / "revisions" / "vgr_kraftsamling_digitalisering_2024.yaml"
ORIGINAL = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"


def _old() -> il.Model:
    return il.Model(
        [
            il.Goal(id="mal", title="Fler företag digitaliseras"),
            il.ShortTermEffect(
                id="kort", title="Fler SMF tar del av insatser", contributes_to=["mal"]
            ),
            il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["kort"]),
            il.Activity(id="gammal", title="Seminarier om AI", contributes_to=["kort"]),
            il.Activity(id="gron", title="Grön och digital omställning", contributes_to=["kort"]),
        ],
        title="Plan 2022",
    )


def _new() -> il.Model:
    return il.Model(
        [
            il.Goal(id="mal", title="Fler företag digitaliseras"),
            il.ShortTermEffect(
                id="kort", title="Fler SMF tar del av insatser", contributes_to=["mal"]
            ),
            il.Activity(
                id="akt", title="Rådgivning till SMF och besöksnäring", contributes_to=["kort"]
            ),
            il.Activity(id="ny", title="Nätverk för IT-säkerhet", contributes_to=["mal"]),
            il.Activity(id="ensam", title="En aktivitet utan kedja"),
            il.Activity(
                id="gron-omstallning", title="Grön och digital omställning", contributes_to=["kort"]
            ),
        ],
        title="Plan 2024",
    )


def _line(source: str, title: str) -> str:
    return next(line for line in source.splitlines() if f'label="{title}"' in line)


def test_new_changed_and_removed_nodes_are_marked_and_a_rename_drawn_once() -> None:
    source = il.render_chain(_new(), compare=_old()).source
    assert f'color="{CHANGE["added"]}"' in _line(source, "Nätverk för IT-säkerhet")
    assert f'color="{CHANGE["changed"]}"' in _line(source, "Rådgivning till SMF och\\nbesöksnäring")
    removed = _line(source, "Seminarier om AI")
    assert f'color="{CHANGE["removed"]}"' in removed
    assert "dashed" in removed
    renamed = _line(source, "Grön och digital omställning")
    assert f'color="{CHANGE["changed"]}"' in renamed
    assert "troligen nytt id för gron" in renamed
    assert source.count('label="Grön och digital omställning"') == 1


def test_new_and_removed_links_are_marked() -> None:
    source = il.render_chain(_new(), compare=_old()).source
    names = dict(re.findall(r'\t(\w+) \[label="([^"]+)"', source))
    by_title = {title: name for name, title in names.items()}
    new_link = f"{by_title['Nätverk för IT-säkerhet']} -> {by_title['Fler företag digitaliseras']}"
    assert f'{new_link} [color="{CHANGE["added"]}" penwidth=2]' in source
    old_link = f"{by_title['Seminarier om AI']} -> {by_title['Fler SMF tar del av insatser']}"
    assert f'{old_link} [color="{CHANGE["removed"]}" style=dashed]' in source
    # The rename's link moved with it: it is neither new nor removed.
    moved = (
        f"{by_title['Grön och digital omställning']} -> {by_title['Fler SMF tar del av insatser']}"
    )
    assert f"\t{moved}\n" in source


def test_the_legend_names_the_earlier_version_in_the_plan_s_language() -> None:
    swedish = il.render_chain(_new(), compare=_old()).source
    assert "Ändringar sedan «Plan 2022»" in swedish
    assert all(word in swedish for word in ("tillagd", "ändrad", "borttagen"))
    english = il.render_chain(_new(), compare=_old(), lang="en").source
    assert "Changes since «Plan 2022»" in english
    assert all(word in english for word in ("added", "changed", "removed"))


def test_changes_replace_the_findings_highlight_and_without_changes_nothing_is_marked() -> None:
    model = _new()
    plain = il.render_chain(model).source
    assert any(
        colour in plain for colour in HIGHLIGHT.values()
    )  # the orphan-free plan has findings
    compared = il.render_chain(model, compare=model).source
    assert not any(f'color="{colour}"' in compared for colour in HIGHLIGHT.values())
    assert f'penwidth=3 color="{CHANGE["added"]}"' not in compared
    marked = [
        line for line in compared.splitlines() if "penwidth=3" in line and "legend" not in line
    ]
    assert marked == []


def test_the_bundled_revision_marks_its_changes(tmp_path: Path) -> None:
    diagram = il.render_chain(il.load(REVISED), compare=il.load(ORIGINAL))
    source = diagram.source
    assert f'color="{CHANGE["added"]}" penwidth=2' in source  # the new link
    assert f'color="{CHANGE["removed"]}" style=dashed' in source  # the dropped link
    assert diagram.save(tmp_path / "jamforelse.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_render_compare_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kedja.dot"
    assert main(["render", str(REVISED), "--compare", str(ORIGINAL), "-o", str(out)]) == 0
    assert "Ändringar sedan" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert (
        main(["render", str(REVISED), "--compare", str(ORIGINAL), "-o", str(tmp_path / "s.html")])
        == 2
    )
    assert "--compare markerar ändringarna i kedjediagrammet" in capsys.readouterr().err
    bad = tmp_path / "trasig.yaml"
    bad.write_text("insatslogik: 1\ntitle: T\nnodes: [{id: a, kind: goal}]\n", encoding="utf-8")
    assert main(["render", str(REVISED), "--compare", str(bad), "-o", str(out)]) == 1
    assert "title is required" in capsys.readouterr().out
