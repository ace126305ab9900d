"""Mermaid: every label is escaped, the text has one subgraph per level, and it is deterministic."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.cli import main
from insatslogik.kinds import CHAIN_KINDS, Kind
from insatslogik.palette import KIND_STYLES
from insatslogik.render.mermaid import mermaid_text
from insatslogik.render.style import wrap
from tests.test_save_properties import models

VGR = Path(__file__).resolve().parent.parent / "examples" / "vgr_kraftsamling_digitalisering.yaml"
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The lines Mermaid's flowchart grammar takes here; anything else means a label broke out.
LINE = re.compile(
    r'%%\{init: \{"flowchart": \{"wrappingWidth": 320\}\}\}%%'
    r"|flowchart LR"
    r'|  subgraph level[0-7]\["[^"]*"\]'
    r"|    direction TB"
    r'|    n\d+\["[^"]*"\]'
    r"|  end"
    r"|  n\d+ (-->|-\.-) n\d+"
    r"|  classDef [a-z_]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}"
    r"|  class n\d+(,n\d+)* [a-z_]+"
    r"|  style n\d+ stroke:#[0-9a-f]{6},stroke-width:3px"
)


def decode(label: str) -> str:
    """What Mermaid shows for a label: entities decoded, <br> as a line break."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", "\n"))


def assert_well_formed(text: str) -> None:
    assert text.endswith("\n")
    for line in text.splitlines():
        assert LINE.fullmatch(line), line


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ('Säg "hej"', "Säg #34;hej#34;"),
        ("<b>fet</b>", "#60;b#62;fet#60;/b#62;"),
        ("mål #1", "mål #35;1"),
        ("[a] {b} (c)", "#91;a#93; #123;b#125; (c)"),
        ("A & B", "A #38; B"),
        ("`kod`", "#96;kod#96;"),
        ("å ä ö Å Ä Ö – ✓", "å ä ö Å Ä Ö #8211; #10003;"),
        ("C:\\new\\tabell", "C:#92;new#92;tabell"),
        ("a;b|c", "a#59;b#124;c"),
        ("%%{init: {}}%%", "%%#123;init: #123;#125;#125;%%"),
        ("tab\there", "tab here"),
    ],
)
def test_labels_are_escaped_for_mermaid(text: str, label: str) -> None:
    assert mermaid_text(text, None) == label


# One line: str.splitlines() also breaks at \x1c-\x1e, \x85 and \u2028, which become <br>.
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.splitlines() == [t]))
def test_escaped_labels_show_the_text_and_cannot_break_out(text: str) -> None:
    label = mermaid_text(text, None)
    assert not re.search(r'["<>\[\]{}`&\\]', label)
    assert decode(label) == "".join(" " if c.isspace() else c for c in text)


def test_long_titles_wrap_at_word_boundaries_with_br() -> None:
    title = "Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling."
    label = mermaid_text(title)
    assert [decode(line) for line in label.split("<br>")] == wrap(title)
    assert all(len(line) <= 30 for line in label.split("<br>"))
    assert decode(label).replace("\n", " ") == title


def test_chain_has_a_subgraph_per_level_with_headings(small_model: il.Model) -> None:
    text = il.render_mermaid(small_model)
    assert_well_formed(text)
    headings = re.findall(r'subgraph level(\d)\["([^"]*)"\]', text)
    assert headings == [
        ("1", "Aktiviteter"),
        ("4", "Kortsiktiga effekter"),
        ("5", "Långsiktiga effekter"),
        ("6", "Mål"),
        ("7", "Indikatorer"),
    ]
    english = re.findall(
        r'subgraph level\d\["([^"]*)"\]', il.render_mermaid(small_model, lang="en")
    )
    assert english == [
        "Activities",
        "Short-term effects",
        "Long-term effects",
        "Goals",
        "Indicators",
    ]


def test_nodes_edges_and_colours(small_model: il.Model) -> None:
    text = il.render_mermaid(small_model)
    names = dict(re.findall(r'    (n\d+)\["([^"]*)"\]', text))
    by_title = {decode(label).replace("\n", " "): name for name, label in names.items()}
    activity = by_title[
        "Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling"
    ]
    goal = by_title["Näringslivets digitala transformation ska öka"]
    indicator = by_title["Andel SMF med åtminstone en grundläggande digitaliseringsnivå"]
    assert f"  {activity} --> {goal}\n" in text
    assert f"  {goal} -.- {indicator}\n" in text
    assert len(re.findall(r" --> ", text)) == 4  # every contributes_to link among shown nodes
    for kind in (Kind.ACTIVITY, Kind.GOAL, Kind.INDICATOR):
        style = KIND_STYLES[kind]
        assert f"classDef {kind.value} fill:{style.fill},stroke:{style.border}," in text
    assert f"  class {activity} activity\n" in text
    # Structure and actors are not part of the chain drawing; no user id reaches the text.
    assert "Kraftsamling digitalisering" not in text
    assert "IUC" not in text
    assert "smf-steg" not in text


def test_focus_draws_only_that_chain() -> None:
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
            il.Activity(id="annan", title="Annat"),
        ],
        title="T",
    )
    text = il.render_mermaid(model, focus="akt")
    assert "Gör" in text
    assert "Mål" in text
    assert "Annat" not in text
    with pytest.raises(KeyError, match="no node with id 'okand'"):
        il.render_mermaid(model, focus="okand")


def test_indicators_can_be_left_out(small_model: il.Model) -> None:
    text = il.render_mermaid(small_model, show_indicators=False)
    assert "Indikatorer" not in text
    assert " -.- " not in text


@SETTINGS
@given(models(), st.randoms(), st.sampled_from(["sv", "en"]))
def test_random_models_give_well_formed_deterministic_text(
    model: il.Model, rng: random.Random, lang: str
) -> None:
    text = il.render_mermaid(model, lang=lang)  # type: ignore[arg-type]
    assert_well_formed(text)
    nodes = list(model)
    rng.shuffle(nodes)
    shuffled = il.Model(
        nodes, title=model.title, language=model.language, description=model.description
    )
    # Boxes stand in the plan's order, so a shuffled plan gives its own text, the same each time.
    again = il.Model(
        nodes, title=model.title, language=model.language, description=model.description
    )
    assert il.render_mermaid(shuffled, lang=lang) == il.render_mermaid(again, lang=lang)  # type: ignore[arg-type]
    assert il.render_mermaid(model, lang=lang) == text  # type: ignore[arg-type]
    chain = [n for n in model if Kind(n.kind) in CHAIN_KINDS]
    labels = re.findall(r'    n\d+\["([^"]*)"\]', text)
    assert len(labels) >= len(chain)


def test_real_plan_renders_every_chain_node() -> None:
    model = il.load(VGR)
    text = il.render_mermaid(model)
    assert_well_formed(text)
    chain = [n for n in model if Kind(n.kind) in CHAIN_KINDS]
    measured = {t for n in chain for t in getattr(n, "measured_by", ())}
    assert len(re.findall(r'    n\d+\["', text)) == len(chain) + len(measured)


def test_cli_render_writes_mermaid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.mmd"
    assert main(["render", str(VGR), "-o", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8") == il.render_mermaid(il.load(VGR), lang="en")
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_cli_render_mermaid_refuses_the_structure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(VGR), "-o", str(tmp_path / "s.mmd"), "--structure"]) == 2
    assert "--structure" in capsys.readouterr().err
    assert not (tmp_path / "s.mmd").exists()


def test_a_literal_backslash_n_in_a_wrapped_label_stays_text() -> None:
    title = "Sökvägen C:\\nya\\filer ligger i en mapp med ett långt namn"
    label = mermaid_text(title)
    assert "<br>" in label
    assert "#92;#8203;nya" in label  # Mermaid would break the line at \n here
    assert decode(label).replace("\u200b", "").replace("\n", " ") == title
