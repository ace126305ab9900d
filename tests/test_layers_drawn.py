"""Optional layers of the chain diagram: actors at the left, challenges and factors at the right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main

PLAN = il.Model(
    [
        il.Project(id="proj", title="Projektet", performed_by=["region"]),
        il.Activity(
            id="akt",
            title="Rådgivning",
            part_of="proj",
            performed_by=["almi"],
            contributes_to=["mal"],
        ),
        il.Goal(id="mal", title="Fler företag", addresses=["kompetensbrist"]),
        il.Actor(id="almi", title="Almi"),
        il.Actor(id="region", title="Regionen"),
        il.Actor(id="ingen", title="Gör inget"),
        il.Challenge(id="kompetensbrist", title="Kompetensbrist"),
        il.Factor(id="konjunktur", title="Konjunkturen", influences=["mal"]),
        il.Factor(id="annat", title="Påverkar inget ritat"),
    ],
    title="Lager",
)


def _names(source: str) -> dict[str, str]:
    # The DOT name of each drawn box by its label.
    found = re.findall(r'^\s*(\w+) \[label=(?:"([^"]*)"|([^\s"]+))', source, re.M)
    return {quoted or bare: name for name, quoted, bare in found}


def _edge(source: str, tail: str, head: str) -> str:
    match = re.search(rf"^\s*{tail} -> {head}( \[.*\])?$", source, re.M)
    assert match is not None, f"no link {tail} -> {head}"
    return match.group(0)


def test_without_layers_no_actor_or_factor_is_drawn() -> None:
    names = _names(il.render_chain(PLAN).source)
    assert not {"Almi", "Regionen", "Kompetensbrist", "Konjunkturen"} & set(names)


def test_actors_stand_in_a_column_of_their_own_linked_dashed_to_what_they_perform() -> None:
    source = il.render_chain(PLAN, show=["actors"]).source
    names = _names(source)
    # Its own actor and its project's; an actor who performs nothing drawn is left out.
    assert {"Almi", "Regionen"} <= set(names)
    assert "Gör inget" not in names
    assert "Kompetensbrist" not in names
    for actor in ("Almi", "Regionen"):
        link = _edge(source, names[actor], names["Rådgivning"])
        assert "style=dashed" in link
        assert "constraint=false" in link
    heading = re.search(r'^\s*"h-1" \[label=(\S+)', source, re.M)
    assert heading is not None
    assert heading.group(1).strip('"') == "Aktörer"
    column = re.search(r"rank=same\s+\"h-1\" \[[^\]]*\]\s+(\w+)\s+(\w+)", source)
    assert column is not None
    assert {column.group(1), column.group(2)} == {names["Almi"], names["Regionen"]}


def test_factors_stand_at_the_right_linked_dotted() -> None:
    source = il.render_chain(PLAN, show=["factors"], lang="en").source
    names = _names(source)
    assert {"Kompetensbrist", "Konjunkturen"} <= set(names)
    assert "Påverkar inget ritat" not in names
    assert "Almi" not in names
    assert "style=dotted" in _edge(source, names["Fler företag"], names["Kompetensbrist"])
    assert "style=dotted" in _edge(source, names["Konjunkturen"], names["Fler företag"])
    assert "Challenges and factors" in source


def test_a_focus_draws_only_the_layers_of_its_chain() -> None:
    model = il.Model(
        [*PLAN, il.Activity(id="annan", title="Annan aktivitet", performed_by=["ingen"])],
        title="T",
    )
    names = _names(il.render_chain(model, focus="akt", show=["actors"]).source)
    assert "Gör inget" not in names
    assert "Gör inget" in _names(il.render_chain(model, show=["actors"]).source)


def test_an_unknown_layer_is_a_usage_error() -> None:
    with pytest.raises(il.UsageError, match="show must be"):
        il.render_chain(PLAN, show=["budget"])  # type: ignore[list-item]
    with pytest.raises(il.UsageError, match="show must be"):
        il.render_chain(PLAN, show="actors")  # type: ignore[arg-type]


def test_render_show_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    il.save(PLAN, plan)
    out = tmp_path / "k.dot"
    assert main(["render", str(plan), "-o", str(out), "--show", "actors", "--show", "factors"]) == 0
    names = _names(out.read_text(encoding="utf-8"))
    assert {"Almi", "Regionen", "Kompetensbrist", "Konjunkturen"} <= set(names)
    capsys.readouterr()
    assert main(["render", str(plan), "-o", str(tmp_path / "p.html"), "--show", "actors"]) == 2
    assert "--show" in capsys.readouterr().err
