"""Graphviz diagrams: escaping, columns, determinism, focus, clusters, highlighting, missing dot."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.render.diagrams import dot_label, notebook_bundle
from tests.conftest import EXAMPLES, SMALL_PLAN

NASTY = [
    "C:\\new\\tabell",
    "\\N",
    "<b>fet</b>",
    "<lambda> <map>",
    'Säg "hej"',
    "A & B < C",
    "{a|b}",
    "mål:1 – ✓",
]


def _svg_texts(svg_text: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg_text)]


def test_every_label_is_drawn_verbatim_and_no_phantom_nodes_appear() -> None:
    nodes: list[il.Node] = [il.Goal(id="mal", title="Mål")]
    nodes += [
        il.Activity(id=f"a{i}", title=title, contributes_to=["mal"])
        for i, title in enumerate(NASTY)
    ]
    model = il.Model(nodes, title="Escaping")
    drawn = il.render_chain(model).svg()
    texts = _svg_texts(drawn)
    for title in NASTY:
        assert title in texts
    # Two columns (activities, goals) draw a heading node each.
    assert drawn.count('class="node"') == len(nodes) + 2


def test_columns_align_by_level_even_with_a_skip_level_link() -> None:
    model = il.Model(
        [
            il.Activity(id="a1", title="A1", contributes_to=["o1"]),
            il.Activity(id="a2", title="A2", contributes_to=["m2"]),  # straight to a goal
            il.Output(id="o1", title="O1", contributes_to=["k1"]),
            il.ShortTermEffect(id="k1", title="K1", contributes_to=["l1"]),
            il.LongTermEffect(id="l1", title="L1", contributes_to=["m1"]),
            il.Goal(id="m1", title="M1"),
            il.Goal(id="m2", title="M2"),
        ],
        title="Kolumner",
    )
    plain = il.render_chain(model, show_indicators=False).pipe("plain").decode("utf-8")
    x = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts[0] == "node":
            x[parts[6]] = float(parts[2])  # label → x
    assert x["A1"] == x["A2"] == x["Aktiviteter"]
    assert x["M1"] == x["M2"] == x["Mål"]
    assert x["A1"] < x["O1"] < x["K1"] < x["L1"] < x["M1"]


def test_long_labels_wrap_at_30_characters_without_splitting_words() -> None:
    title = " ".join(
        ["digitalisering", "och", "kompetensförsörjningsutmaningar", "i", "Västra", "Götaland"] * 15
    )
    label = dot_label(title)
    lines = label.split("\\n")
    assert all(len(line) <= 30 or " " not in line for line in lines)
    assert " ".join(lines) == title


# Same DOT text in other processes and under other hash seeds: tests/test_determinism.py.


def test_user_ids_never_reach_dot() -> None:
    model = il.Model(
        [
            il.Goal(id="mal.1", title="M"),
            il.Activity(id="akt-1", title="A", contributes_to=["mal.1"]),
        ],
        title="T",
    )
    source = il.render_chain(model).source
    assert "mal.1" not in source
    assert "akt-1" not in source


def test_focus_draws_only_the_chain_of_one_goal() -> None:
    model = il.load(EXAMPLES / "vgr_kraftsamling_digitalisering.yaml")
    texts = _svg_texts(il.render_chain(model, focus="omrade-naringsliv").svg())
    assert "Näringslivets digitala" in " ".join(texts)
    assert not any("Offentlig sektors" in t for t in texts)


def test_indicators_show_their_latest_value_and_target() -> None:
    model = il.loads(SMALL_PLAN)
    source = il.render_chain(model).source
    assert "90 % (2022)\\nmål: 90 % (2030)" in source
    assert "90% (2022)\\ntarget: 90% (2030)" in il.render_chain(model, lang="en").source
    assert "Indikatorer" in source
    assert "Indikatorer" not in il.render_chain(model, show_indicators=False).source


def test_clusters_group_nodes_by_project() -> None:
    model = il.Model(
        [
            il.Project(id="p", title="Sydostleden"),
            il.Activity(id="a", title="Cykelled", part_of="p", contributes_to=["g"]),
            il.Goal(id="g", title="Besöksnäringen växer"),
        ],
        title="T",
    )
    source = il.render_chain(model, cluster_by="project").source
    assert "subgraph cluster_0" in source
    assert "label=Sydostleden" in source
    with pytest.raises(ValueError, match="cluster_by must be"):
        il.render_chain(model, cluster_by="actor")  # type: ignore[arg-type]


def test_highlight_outlines_orphans_and_uncovered_goals() -> None:
    model = il.Model(
        [il.Activity(id="a", title="Ensam"), il.Goal(id="g", title="Ingen når mig")], title="T"
    )
    source = il.render_chain(model).source
    assert source.count("penwidth=3") == 2
    assert "penwidth=3" not in il.render_chain(model, highlight=False).source


def test_backward_links_are_drawn_red() -> None:
    model = il.Model(
        [il.Output(id="o", title="O"), il.ShortTermEffect(id="k", title="K", contributes_to=["o"])],
        title="T",
    )
    assert 'n1 -> n0 [color="#c0392b" penwidth=2]' in il.render_chain(model).source


def test_structure_diagram_runs_top_down() -> None:
    model = il.loads(SMALL_PLAN)
    source = il.render_structure(model).source
    assert "rankdir=TB" in source
    assert source.count("->") == 2  # rus-vg → digitalisering → smf-steg


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".dot"])
def test_a_diagram_saves_by_suffix(tmp_path: Path, suffix: str) -> None:
    path = il.render_chain(il.loads(SMALL_PLAN)).save(tmp_path / f"kedja{suffix}")
    data = path.read_bytes()
    assert data[:4] in {b"<?xm", b"\x89PNG", b"%PDF", b"digr"}
    assert [p.name for p in tmp_path.iterdir()] == [f"kedja{suffix}"]


def test_without_dot_images_fail_clearly_and_dot_text_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    model = il.loads(SMALL_PLAN)
    with pytest.raises(il.GraphvizNotFoundError, match="apt-get install graphviz"):
        il.render_chain(model).save(tmp_path / "kedja.svg")
    assert not (tmp_path / "kedja.svg").exists()
    il.render_chain(model).save(tmp_path / "kedja.dot")
    bundle = notebook_bundle(model)
    assert set(bundle) == {"text/plain"}
    assert "Graphviz" in bundle["text/plain"]
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert main(["render", str(plan), "-o", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "install it with `sudo apt-get install graphviz`" in err


def test_a_model_shows_its_diagram_in_jupyter() -> None:
    bundle = il.loads(SMALL_PLAN)._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")


def test_render_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert (
        main(
            [
                "render",
                str(plan),
                "-o",
                str(tmp_path / "k.svg"),
                "--lang",
                "en",
                "--focus",
                "smf-steg",
            ]
        )
        == 0
    )
    assert "Activities" in (tmp_path / "k.svg").read_text(encoding="utf-8")
    assert main(["render", str(plan), "-o", str(tmp_path / "s.dot"), "--structure"]) == 0
    assert "rankdir=TB" in (tmp_path / "s.dot").read_text(encoding="utf-8")
    assert main(["render", str(plan), "-o", str(tmp_path / "k.txt")]) == 2
    assert main(["render", str(plan), "-o", str(tmp_path / "k.svg"), "--focus", "saknas"]) == 2
    assert "no node with id 'saknas'" in capsys.readouterr().err
