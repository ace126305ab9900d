"""Comparing two versions of a plan: what `il.diff` finds, how it writes it, and `insatslogik diff`."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.analyses import diff as diff_module
from insatslogik.cli import main
from insatslogik.kinds import (
    ALLOWED_SOURCES,
    ALLOWED_TARGETS,
    EDGE_FIELD,
    FOLLOW_UP_KINDS,
    KIND_ORDER,
    EdgeKind,
    Kind,
)
from insatslogik.model.schema import LINK_FIELDS_OF, NODE_TYPES
from tests.conftest import EXAMPLES
from tests.test_save_properties import models, text

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"

OLD_PLAN = """\
insatslogik: 1
title: Kraftsamling digitalisering
nodes:
  - id: rus
    kind: strategy
    title: RUS 2021–2030
  - id: mal
    kind: goal
    title: Fler företag digitaliseras
    part_of: rus
    measured_by: [andel]
  - id: andel
    kind: indicator
    title: Andel SMF med grundläggande digitaliseringsnivå
    source: DESI
    unit: "%"
    baseline: {year: 2020, value: 82}
    target: {year: 2030, value: 90}
    values: {2022: 86}
  - id: kort
    kind: short_term_effect
    title: Fler SMF har tagit del av insatser
    part_of: rus
    contributes_to:
      - to: mal
        rationale: Insatser höjer mognaden
  - id: smf-steg
    kind: activity
    title: Vi bidrar till att fler SMF tar steg i sin digitala utveckling
    part_of: rus
    performed_by: [iuc]
    contributes_to: [kort]
  - id: iuc
    kind: actor
    title: IUC-bolagen
"""

# The same plan a year on: an activity reworded under a new id, a new activity that leads
# nowhere yet, an effect and a link's rationale reworded, the indicator's target raised.
NEW_PLAN = (
    OLD_PLAN.replace("value: 90}", "value: 95}")
    .replace("del av insatser\n", "del av insatserna\n")
    .replace("Insatser höjer mognaden", "Insatserna höjer den digitala mognaden")
    .replace("id: smf-steg", "id: smf-kliv")
    .replace("tar steg i", "tar kliv i")
    .replace(
        "  - id: iuc\n",
        "  - id: massa\n    kind: activity\n    title: Digitaliseringsmässa\n"
        "    part_of: rus\n    performed_by: [iuc]\n  - id: iuc\n",
    )
)

SWEDISH = """\
Skillnader: «Kraftsamling digitalisering»

Tillagda noder (2)
  + aktivitet massa «Digitaliseringsmässa»
  + aktivitet smf-kliv «Vi bidrar till att fler SMF tar kliv i sin digitala utveckling»

Borttagna noder (1)
  - aktivitet smf-steg «Vi bidrar till att fler SMF tar steg i sin digitala utveckling»

Ändrade noder (2)
  ~ kortsiktig effekt kort «Fler SMF har tagit del av insatserna»
      title: "Fler SMF har tagit del av insatser" → "Fler SMF har tagit del av insatserna"
  ~ indikator andel «Andel SMF med grundläggande digitaliseringsnivå»
      target: {"year": 2030, "value": 90.0} → {"year": 2030, "value": 95.0}

Tillagda länkar (5)
  + massa → rus (part_of)
  + massa → iuc (performed_by)
  + smf-kliv → rus (part_of)
  + smf-kliv → kort (contributes_to)
  + smf-kliv → iuc (performed_by)

Borttagna länkar (3)
  - smf-steg → rus (part_of)
  - smf-steg → kort (contributes_to)
  - smf-steg → iuc (performed_by)

Länkar med ändrad motivering (1)
  ~ kort → mal (contributes_to)
      rationale: "Insatser höjer mognaden" → "Insatserna höjer den digitala mognaden"

Troliga namnbyten (1)
  ~ smf-steg → smf-kliv (aktivitet: titellikhet 94 %, samma länkar)

Nya fynd (2)
  + varning dead-end: Aktiviteten «Digitaliseringsmässa» (massa) bidrar inte till något: kedjan tar slut här. Lägg till contributes_to mot prestationer eller ett mål.
  + varning orphan-activity: Aktiviteten «Digitaliseringsmässa» (massa) leder inte till något mål: ingen kedja av contributes_to går från den till ett mål. Lägg till contributes_to mot den prestation, det utfall eller den effekt den ska bidra till.

Ändrade indikatorer (1)
  ~ andel «Andel SMF med grundläggande digitaliseringsnivå»: målvärde 90 % (2030) → 95 % (2030)
"""

ENGLISH_TAIL = """\
Probable renames (1)
  ~ smf-steg → smf-kliv (activity: title similarity 94%, same links)

New findings (2)
  + warning dead-end: Activity «Digitaliseringsmässa» (massa) contributes to nothing: the chain ends here. Add contributes_to towards outputs or a goal.
  + warning orphan-activity: Activity «Digitaliseringsmässa» (massa) leads to no goal: no chain of contributes_to links runs from it to a goal. Add contributes_to towards the output, outcome or effect it should lead to.

Indicators changed (1)
  ~ andel «Andel SMF med grundläggande digitaliseringsnivå»: target 90% (2030) → 95% (2030)
"""


@pytest.fixture
def versions() -> tuple[il.Model, il.Model]:
    return il.loads(OLD_PLAN, name="old.yaml"), il.loads(NEW_PLAN, name="new.yaml")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD_PLAN, encoding="utf-8")
    new.write_text(NEW_PLAN, encoding="utf-8")
    return old, new


# --- What is found ----------------------------------------------------------------------------


def test_a_plan_compared_with_itself_gives_an_empty_falsy_diff(
    versions: tuple[il.Model, il.Model],
) -> None:
    old, _ = versions
    changes = il.diff(old, old)
    assert not changes
    assert set(changes.counts().values()) == {0}


def test_the_bundled_vgr_plan_compared_with_itself_is_empty() -> None:
    model = il.load(VGR)
    assert not il.diff(model, il.load(VGR))


def test_the_vgr_plan_against_its_own_workbook_is_empty(tmp_path: Path) -> None:
    model = il.load(VGR)
    workbook = il.write_excel(model, tmp_path / "vgr.xlsx")
    changes = il.diff(model, il.read_excel(workbook))
    assert not changes, changes.to_text()


def test_each_kind_of_change_is_found(versions: tuple[il.Model, il.Model]) -> None:
    changes = il.diff(*versions)
    assert [(n.id, n.kind) for n in changes.added] == [
        ("massa", "activity"),
        ("smf-kliv", "activity"),
    ]
    assert [n.id for n in changes.removed] == ["smf-steg"]
    assert [(c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in changes.changed] == [
        (
            "kort",
            [
                (
                    "title",
                    "Fler SMF har tagit del av insatser",
                    "Fler SMF har tagit del av insatserna",
                )
            ],
        ),
        ("andel", [("target", {"year": 2030, "value": 90.0}, {"year": 2030, "value": 95.0})]),
    ]
    assert ("smf-kliv", "kort", "contributes_to") in [
        (k.source, k.target, k.edge) for k in changes.links_added
    ]
    [reasoning] = changes.links_changed
    assert (reasoning.source, reasoning.target, reasoning.edge) == ("kort", "mal", "contributes_to")
    assert [(f.field, f.new) for f in reasoning.fields] == [
        ("rationale", "Insatserna höjer den digitala mognaden")
    ]
    assert [(f.code.value, f.nodes) for f in changes.findings_appeared] == [
        ("dead-end", ("massa",)),
        ("orphan-activity", ("massa",)),
    ]
    [indicator] = changes.indicators
    assert (indicator.old_target, indicator.new_target) == (
        {"year": 2030, "value": 90.0},
        {"year": 2030, "value": 95.0},
    )
    assert changes.header == ()


def test_a_rename_is_reported_beside_the_added_and_removed_node_never_instead(
    versions: tuple[il.Model, il.Model],
) -> None:
    changes = il.diff(*versions)
    assert [(r.old, r.new, r.kind, r.title_similarity, r.same_links) for r in changes.renames] == [
        ("smf-steg", "smf-kliv", "activity", 0.94, True)
    ]
    assert "smf-steg" in [n.id for n in changes.removed]
    assert "smf-kliv" in [n.id for n in changes.added]


@pytest.mark.parametrize(
    ("old_title", "new_title", "renamed"),
    [
        ("Rådgivning till SMF", "Rådgivning till SMF", True),
        ("Rådgivning till SMF", "rådgivning  till smf", True),  # case and spaces do not count
        ("Rådgivning till SMF", "Rådgivning till kommuner", False),
        ("Digitaliseringsmässa", "Bredbandsutbyggnad", False),
    ],
)
def test_a_rename_by_title_needs_the_same_or_nearly_the_same_title(
    old_title: str, new_title: str, renamed: bool
) -> None:
    old = il.Model([il.Activity(id="a", title=old_title)], title="T")
    new = il.Model([il.Activity(id="b", title=new_title)], title="T")
    assert bool(il.diff(old, new).renames) is renamed


def test_a_rename_by_links_needs_the_same_links_and_the_same_kind() -> None:
    goal = il.Goal(id="mal", title="Mål")
    old = il.Model([goal, il.Activity(id="a", title="Mässa", contributes_to=["mal"])], title="T")
    new = il.Model(
        [goal, il.Activity(id="b", title="Seminarier", contributes_to=["mal"])], title="T"
    )
    other = il.Model(
        [goal, il.Output(id="b", title="Seminarier", contributes_to=["mal"])], title="T"
    )
    assert [(r.old, r.new, r.same_links) for r in il.diff(old, new).renames] == [("a", "b", True)]
    assert il.diff(old, other).renames == ()


def test_each_node_is_in_at_most_one_rename_the_closest() -> None:
    old = il.Model([il.Activity(id="a", title="Rådgivning till SMF i Skaraborg")], title="T")
    new = il.Model(
        [
            il.Activity(id="b", title="Rådgivning till SMF i Skaraborg och Fyrbodal"),
            il.Activity(id="c", title="Rådgivning till SMF i Skaraborgs län"),
        ],
        title="T",
    )
    assert [(r.old, r.new) for r in il.diff(old, new).renames] == [("a", "c")]


def test_past_the_pair_limit_only_equal_titles_or_links_make_a_rename(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = il.Model(
        [
            il.Activity(id="a", title="Rådgivning till SMF"),
            il.Activity(id="x", title="Rådgivning till SMF i Skaraborg"),
        ],
        title="T",
    )
    new = il.Model(
        [
            il.Activity(id="b", title="Rådgivning till SMF"),
            il.Activity(id="y", title="Rådgivning till SMF i Skaraborgs län"),
        ],
        title="T",
    )
    assert [(r.old, r.new) for r in il.diff(old, new).renames] == [("a", "b"), ("x", "y")]
    monkeypatch.setattr(diff_module, "RENAME_PAIR_LIMIT", 0)
    assert [(r.old, r.new) for r in il.diff(old, new).renames] == [("a", "b")]


def test_equal_titles_and_links_pair_before_close_titles() -> None:
    goal = il.Goal(id="mal", title="Mål")
    old = il.Model([goal, il.Activity(id="a", title="Mässa", contributes_to=["mal"])], title="T")
    new = il.Model(
        [
            goal,
            il.Activity(id="b", title="Mässa"),
            il.Activity(id="c", title="Mässa", contributes_to=["mal"]),
        ],
        title="T",
    )
    assert [(r.old, r.new, r.same_links) for r in il.diff(old, new).renames] == [("a", "c", True)]


def test_a_changed_kind_is_a_field_change_and_the_header_is_compared() -> None:
    old = il.Model([il.Outcome(id="e", title="Effekt")], title="Plan", description="Gammal")
    new = il.Model([il.ShortTermEffect(id="e", title="Effekt")], title="Plan 2", language="en")
    changes = il.diff(old, new)
    assert [(f.field, f.old, f.new) for f in changes.changed[0].fields] == [
        ("kind", "outcome", "short_term_effect")
    ]
    assert [(f.field, f.old, f.new) for f in changes.header] == [
        ("title", "Plan", "Plan 2"),
        ("language", "sv", "en"),
        ("description", "Gammal", None),
    ]


def test_reordered_links_are_no_change() -> None:
    indicators = [il.Indicator(id="i1", title="A"), il.Indicator(id="i2", title="B")]
    old = il.Model([*indicators, il.Goal(id="g", title="G", measured_by=["i1", "i2"])], title="T")
    new = il.Model([*indicators, il.Goal(id="g", title="G", measured_by=["i2", "i1"])], title="T")
    assert not il.diff(old, new)


def test_goal_coverage_and_findings_that_went_away_are_consequences() -> None:
    goal = il.Goal(id="mal", title="Fler företag digitaliseras", ignore=("unmeasured-goal",))
    old = il.Model([goal, il.Activity(id="akt", title="Rådgivning")], title="T")
    new = il.Model(
        [goal, il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"])], title="T"
    )
    changes = il.diff(old, new)
    assert [(c.goal, c.old, c.new) for c in changes.coverage] == [("mal", "uncovered", "partial")]
    assert [f.code.value for f in changes.findings_disappeared] == [
        "dead-end",
        "orphan-activity",
        "uncovered-goal",
    ]
    assert changes.findings_appeared == ()


def test_an_indicator_whose_status_changes_is_listed() -> None:
    def plan(values: dict[int, float]) -> il.Model:
        return il.Model(
            [
                il.Indicator(
                    id="i",
                    title="Andel",
                    baseline=il.Observation(year=2020, value=50),
                    target=il.Observation(year=2030, value=100),
                    values=values,
                )
            ],
            title="T",
        )

    [change] = il.diff(plan({2025: 80}), plan({2025: 60})).indicators
    assert (change.old_status, change.new_status) == ("on-track", "off-track")
    assert change.old_target == change.new_target


def test_the_diff_is_deterministic(versions: tuple[il.Model, il.Model]) -> None:
    assert il.diff(*versions).to_json() == il.diff(*versions).to_json()


# --- The property: random edits are found, exactly ---------------------------------------------


@dataclass
class Edits:
    """The edits made to a model, as the diff should report them."""

    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: dict[str, set[str]] = field(default_factory=dict)
    links_added: set[tuple[str, str, str]] = field(default_factory=set)
    links_removed: set[tuple[str, str, str]] = field(default_factory=set)


def _without_link(node: il.Node, edge: EdgeKind, target: str) -> il.Node:
    if edge is EdgeKind.PART_OF:
        return node.model_copy(update={"part_of": None})
    name = EDGE_FIELD.get(edge, edge.value)  # an index's `components` hold composed_of links

    def names(item: object) -> object:
        if isinstance(item, il.Link):
            return item.to
        return item.id if isinstance(item, il.Component) else item

    kept = tuple(item for item in getattr(node, name) if names(item) != target)
    return node.model_copy(update={name: kept})


@st.composite
def edited(draw: st.DrawFn) -> tuple[il.Model, il.Model, Edits]:
    """A random model, the same model after random edits, and those edits."""
    # Without the follow-up plan: removing a node or link here would also have to drop the
    # assessments, recommendations and assumptions that name it.
    model = draw(models(follow_up=False))
    rng = random.Random(draw(st.integers(0, 2**32)))
    nodes = {node.id: node for node in model}
    edges = set(model.graph.edges(keys=True))
    edits = Edits()
    ids = sorted(nodes)
    # Remove some nodes, and every link to and from them.
    for node_id in rng.sample(ids, k=rng.randint(0, min(2, len(ids) - 1))):
        edits.removed.add(node_id)
        edits.links_removed |= {e for e in edges if node_id in e[:2]}
    kept = [i for i in ids if i not in edits.removed]
    for node_id in kept:
        node = nodes[node_id]
        for edge, target, _ in node.links:
            if target in edits.removed:
                node = _without_link(node, edge, target)
        # An index's components are not among a node's `links`: they are edges of the graph.
        for target in [c.id for c in getattr(node, "components", ()) if c.id in edits.removed]:
            node = _without_link(node, EdgeKind.COMPOSED_OF, target)
        nodes[node_id] = node
    for node_id in edits.removed:
        del nodes[node_id]
    # Change a title or the description of some of the others.
    for node_id in rng.sample(kept, k=rng.randint(0, min(2, len(kept)))):
        name = rng.choice(["title", "description"])
        before = getattr(nodes[node_id], name)
        after = before + " (reviderad)" if before else draw(text)
        nodes[node_id] = nodes[node_id].model_copy(update={name: after})
        edits.changed[node_id] = {name}
    # Remove some links between nodes that stay.
    remaining = sorted(e for e in edges if e not in edits.links_removed)
    for source, target, key in rng.sample(remaining, k=min(len(remaining), rng.randint(0, 2))):
        nodes[source] = _without_link(nodes[source], EdgeKind(key), target)
        edits.links_removed.add((source, target, key))
    # Add some links that were not there (not part_of: a node has one parent, with no loops;
    # nor composed_of, whose loops are errors too).
    for _ in range(rng.randint(0, 2)):
        source = rng.choice(kept)
        choices = [
            (edge, target)
            for edge in LINK_FIELDS_OF[type(nodes[source])]
            if edge not in (EdgeKind.PART_OF, EdgeKind.COMPOSED_OF)
            for target in kept
            if target != source
            and Kind(nodes[target].kind) in ALLOWED_TARGETS[edge]
            and (source, target, edge.value) not in edges
            and (source, target, edge.value) not in edits.links_added
        ]
        if choices:
            edge, target = rng.choice(choices)
            item: object = il.Link(to=target) if edge is EdgeKind.CONTRIBUTES_TO else target
            value = (*getattr(nodes[source], edge.value), item)
            nodes[source] = nodes[source].model_copy(update={edge.value: value})
            edits.links_added.add((source, target, edge.value))
    # Add a node or two, each perhaps with a link to a node that stays.
    for number in range(rng.randint(0, 2)):
        node_id = f"added-node-{number:03}"  # longer than any generated id
        kind = rng.choice([k for k in Kind if k not in FOLLOW_UP_KINDS])
        fields: dict[str, object] = {}
        links = [
            (edge, target)
            for edge in LINK_FIELDS_OF[NODE_TYPES[kind]]
            if edge is not EdgeKind.COMPOSED_OF
            for target in kept
            if Kind(nodes[target].kind) in ALLOWED_TARGETS[edge]
        ]
        if links and rng.random() < 0.7:
            edge, target = rng.choice(links)
            assert kind in ALLOWED_SOURCES[edge]
            if edge is EdgeKind.PART_OF:
                fields["part_of"] = target
            elif edge is EdgeKind.CONTRIBUTES_TO:
                fields[edge.value] = (il.Link(to=target),)
            else:
                fields[edge.value] = (target,)
            edits.links_added.add((node_id, target, edge.value))
        nodes[node_id] = NODE_TYPES[kind](id=node_id, title=draw(text), **fields)
        edits.added.add(node_id)
    new = il.Model(
        nodes.values(),
        title=model.title,
        language=model.language,
        description=model.description,
    )
    return model, new, edits


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(edited())
def test_random_edits_are_found_exactly(case: tuple[il.Model, il.Model, Edits]) -> None:
    old, new, edits = case
    changes = il.diff(old, new)
    assert {n.id for n in changes.added} == edits.added
    assert {n.id for n in changes.removed} == edits.removed
    assert {c.id: {f.field for f in c.fields} for c in changes.changed} == edits.changed
    assert {(k.source, k.target, k.edge) for k in changes.links_added} == edits.links_added
    assert {(k.source, k.target, k.edge) for k in changes.links_removed} == edits.links_removed
    assert changes.header == ()
    assert changes.links_changed == ()
    # and each list in chain order, then id
    for refs, model in ((changes.added, new), (changes.removed, old), (changes.changed, new)):
        keys = [(KIND_ORDER[model[ref.id].kind], ref.id) for ref in refs]
        assert keys == sorted(keys)


@PROPERTY
@given(models())
def test_any_model_compared_with_itself_is_empty(model: il.Model) -> None:
    copy = il.Model(
        reversed(list(model)),
        title=model.title,
        language=model.language,
        description=model.description,
    )
    assert not il.diff(model, copy)


# --- Outputs ----------------------------------------------------------------------------------


def test_text_in_swedish_for_a_swedish_plan(versions: tuple[il.Model, il.Model]) -> None:
    assert il.diff(*versions).to_text() == SWEDISH


def test_text_in_english_on_request(versions: tuple[il.Model, il.Model]) -> None:
    text = il.diff(*versions, lang="en").to_text()
    assert text.startswith(
        "Differences: «Kraftsamling digitalisering»\n\nAdded nodes (2)\n"
        "  + activity massa «Digitaliseringsmässa»\n"
    )
    assert "  ~ short term effect kort «Fler SMF har tagit del av insatserna»\n" in text
    assert text.endswith(ENGLISH_TAIL)


def test_an_english_plan_is_compared_in_english() -> None:
    old = il.Model([il.Goal(id="g", title="More jobs")], title="Plan", language="en")
    new = il.Model([], title="Plan", language="en")
    assert il.diff(old, new).to_text().startswith("Differences: «Plan»\n\nRemoved nodes (1)\n")


def test_markdown_marks_ids_and_values_as_code(versions: tuple[il.Model, il.Model]) -> None:
    markdown = il.diff(*versions).to_markdown()
    assert markdown.startswith(
        "## Skillnader: «Kraftsamling digitalisering»\n\n### Tillagda noder (2)\n\n"
    )
    assert "- aktivitet `massa` «Digitaliseringsmässa»\n" in markdown
    assert (
        "- indikator `andel` «Andel SMF med grundläggande digitaliseringsnivå»\n"
        '  - `target`: `{"year": 2030, "value": 90.0}` → `{"year": 2030, "value": 95.0}`\n'
    ) in markdown
    assert "- `smf-kliv` → `kort` (`contributes_to`)\n" in markdown


def test_markdown_escapes_titles() -> None:
    old = il.Model([], title="T")
    new = il.Model([il.Actor(id="a", title="*Region* | `VGR` <b>")], title="T")
    assert "- aktör `a` «\\*Region\\* \\| \\`VGR\\` &lt;b&gt;»\n" in il.diff(old, new).to_markdown()


def test_json_has_a_stable_documented_shape(versions: tuple[il.Model, il.Model]) -> None:
    data = json.loads(il.diff(*versions).to_json())
    assert list(data) == [
        "format",
        "version",
        "old",
        "new",
        "language",
        "counts",
        "header",
        "nodes",
        "links",
        "renames",
        "findings",
        "coverage",
        "indicators",
    ]
    assert (data["format"], data["version"], data["language"]) == ("insatslogik-diff", 1, "sv")
    assert data["old"] == {"title": "Kraftsamling digitalisering", "file": "old.yaml"}
    assert data["nodes"]["removed"] == [
        {
            "id": "smf-steg",
            "kind": "activity",
            "title": "Vi bidrar till att fler SMF tar steg i sin digitala utveckling",
        }
    ]
    assert data["nodes"]["changed"][1] == {
        "id": "andel",
        "kind": "indicator",
        "title": "Andel SMF med grundläggande digitaliseringsnivå",
        "fields": [
            {
                "field": "target",
                "old": {"year": 2030, "value": 90.0},
                "new": {"year": 2030, "value": 95.0},
            }
        ],
    }
    assert data["links"]["removed"][1] == {
        "source": "smf-steg",
        "target": "kort",
        "edge": "contributes_to",
    }
    assert data["renames"] == [
        {
            "old": "smf-steg",
            "new": "smf-kliv",
            "kind": "activity",
            "title_similarity": 0.94,
            "same_links": True,
        }
    ]
    assert data["findings"]["appeared"][0]["code"] == "dead-end"
    assert data["indicators"][0]["old_status"] == data["indicators"][0]["new_status"]
    assert data["counts"]["links_added"] == 5
    assert il.diff(*versions).to_dict() == data


def test_github_commands_are_located_in_the_new_file_or_the_old_one(
    versions: tuple[il.Model, il.Model],
) -> None:
    lines = il.diff(*versions).to_github().splitlines()
    assert (
        lines[0]
        == "::notice file=new.yaml,line=33,col=5,title=Tillagda noder::aktivitet massa «Digitaliseringsmässa»"
    )
    assert (
        "::notice file=old.yaml,line=27,col=5,title=Borttagna noder::"
        "aktivitet smf-steg «Vi bidrar till att fler SMF tar steg i sin digitala utveckling»"
    ) in lines
    assert [line.split("::")[1] for line in lines if line.startswith("::warning")] == [
        "warning file=new.yaml,line=33,col=5,title=Nya fynd",
        "warning file=new.yaml,line=33,col=5,title=Nya fynd",
    ]
    # a per cent sign is escaped, as GitHub reads %XX
    assert lines[-1].endswith("målvärde 90 %25 (2030) → 95 %25 (2030)")


def test_a_new_error_is_an_error_command() -> None:
    old = il.Model(
        [
            il.Goal(id="mal", title="Mål"),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
        ],
        title="T",
    )
    new = il.Model(
        [
            il.Goal(id="mal", title="Mål", contributes_to=["akt"]),
            il.Activity(id="akt", title="Gör", contributes_to=["mal"]),
        ],
        title="T",
    )
    errors = [
        line for line in il.diff(old, new).to_github().splitlines() if line.startswith("::error")
    ]
    assert [line.split("::")[2].split(":")[0] for line in errors] == [
        "fel backward-link",
        "fel cycle",
    ]


def test_html_for_jupyter_escapes_titles() -> None:
    old = il.Model([], title="T")
    new = il.Model([il.Actor(id="a", title="<script>x</script>")], title="T")
    html = il.diff(old, new)._repr_html_()
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<code>a</code>" in html


def test_an_empty_diff_says_so_in_every_output() -> None:
    model = il.Model([], title="Plan")
    changes = il.diff(model, model)
    assert changes.to_text() == "Skillnader: «Plan»\nInga skillnader.\n"
    assert changes.to_markdown(lang="en") == "## Differences: «Plan»\n\nNo differences.\n"
    assert changes.to_github() == ""
    assert "Inga skillnader." in changes._repr_html_()


def test_fails_knows_the_gates(versions: tuple[il.Model, il.Model]) -> None:
    changes = il.diff(*versions)
    assert [changes.fails(gate) for gate in ("new-error", "new-warning", "change")] == [
        False,
        True,
        True,
    ]
    with pytest.raises(il.UsageError, match="gate must be one of new-error, new-warning, change"):
        changes.fails("warning")


# --- The command line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 0),
        (["--fail-on", "change"], 1),
        (["--fail-on", "new-warning"], 1),
        (["--fail-on", "new-error"], 0),
    ],
)
def test_diff_exit_code_follows_the_gate(
    files: tuple[Path, Path], options: list[str], code: int
) -> None:
    old, new = files
    assert main(["diff", str(old), str(new), *options]) == code


def test_diff_of_a_file_with_itself_passes_every_gate(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = files
    assert main(["diff", str(old), str(old), "--fail-on", "change"]) == 0
    assert capsys.readouterr().out.endswith("Inga skillnader.\n")


def test_a_new_error_trips_the_new_error_gate(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    il.save(il.Model([il.Goal(id="mal", title="Mål")], title="T"), old)
    il.save(
        il.Model(
            [
                il.Goal(id="mal", title="Mål", contributes_to=["akt"]),
                il.Activity(id="akt", title="Gör"),
            ],
            title="T",
        ),
        new,
    )
    assert main(["diff", str(old), str(new), "--fail-on", "new-error"]) == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "github"])
def test_diff_writes_each_format(
    files: tuple[Path, Path], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    changes = il.diff(il.load(old), il.load(new))
    expected = {
        "text": changes.to_text,
        "markdown": changes.to_markdown,
        "json": changes.to_json,
        "github": changes.to_github,
    }[fmt]()
    assert main(["diff", str(old), str(new), "--format", fmt]) == 0
    assert capsys.readouterr().out == expected


def test_diff_speaks_english_on_request(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    main(["diff", str(old), str(new), "--lang", "en"])
    assert capsys.readouterr().out.endswith(ENGLISH_TAIL)


def test_a_yaml_plan_and_the_same_plan_as_a_workbook_do_not_differ(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = files
    workbook = il.write_excel(il.load(old), old.with_suffix(".xlsx"))
    assert main(["diff", str(old), str(workbook), "--fail-on", "change"]) == 0
    assert capsys.readouterr().out.endswith("Inga skillnader.\n")


def test_a_workbook_someone_edited_is_compared_with_the_yaml(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    workbook = il.write_excel(il.load(new), new.with_suffix(".xlsx"))
    assert main(["diff", str(old), str(workbook), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["new"]["file"] == str(workbook)
    assert [n["id"] for n in data["nodes"]["added"]] == ["massa", "smf-kliv"]


def test_a_file_that_does_not_load_is_reported_located_with_exit_1(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    new.write_text(
        NEW_PLAN.replace("contributes_to: [kort]", "contributes_to: [korrt]"), encoding="utf-8"
    )
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"1 problem in {new}:\n")
    assert f"{new}:32:22: activity 'smf-kliv': contributes_to names 'korrt'" in out
    assert main(["diff", str(old), str(new), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith(f"::error file={new},line=32,col=22::")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"][0]["line"] == 32


@pytest.mark.parametrize(
    "arguments",
    [
        ["diff", "missing.yaml", "missing.yaml"],
        ["diff", "plan.txt", "plan.yaml"],
        ["diff", "a.yaml", "b.yaml", "--fail-on", "warning"],
        ["diff", "a.yaml"],
    ],
    ids=["missing-file", "unknown-suffix", "unknown-gate", "one-file"],
)
def test_usage_errors_exit_2(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.txt").write_text("x", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(OLD_PLAN, encoding="utf-8")
    if arguments[1:2] == ["a.yaml"]:
        with pytest.raises(SystemExit) as exit_:
            main(arguments)
        assert exit_.value.code == 2
    else:
        assert main(arguments) == 2
