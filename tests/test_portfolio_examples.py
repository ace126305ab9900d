"""The portfolio examples: plans in several files, linked with `uses`, loaded as one portfolio.

Region Kronoberg's steering chain is one file per level of the seed (`examples/kronoberg/`),
holding the same nodes as `kronoberg_rus.yaml`; Västra Götaland's RUS (`examples/vgr/rus.yaml`)
holds the long-term priorities the kraftsamling names. Each is asserted to say what the seed
says: the same findings as the single file, each on its own plan, and the chain reaching from
a project up to the RUS through the files.
"""

from __future__ import annotations

from collections import Counter

import pytest

import insatslogik as il
from tests.conftest import EXAMPLES

KRONOBERG = EXAMPLES / "kronoberg"
LEVELS = {
    "kronoberg-rus": "rus.yaml",
    "kronoberg-ris": "ris.yaml",
    "kronoberg-understrategi": "platsbundna_naringar.yaml",
    "sydostleden": "sydostleden.yaml",
    "destination-smaland": "destination_smaland.yaml",
}


@pytest.fixture(scope="module")
def kronoberg() -> il.Model:
    return il.load_portfolio(KRONOBERG)


@pytest.fixture(scope="module")
def single() -> il.Model:
    return il.load(EXAMPLES / "kronoberg_rus.yaml")


def _plain(node_id: str) -> str:
    return node_id.partition(":")[2] or node_id


# --- Region Kronoberg: one file per level --------------------------------------------------------


def test_the_folder_is_the_seeds_levels_one_plan_each(kronoberg: il.Model) -> None:
    assert {plan: info.path.rsplit("/", 1)[-1] for plan, info in kronoberg.plans.items()} == (
        LEVELS
    )
    assert all(info.home for info in kronoberg.plans.values())
    assert kronoberg.warnings == ()
    assert kronoberg.plans["sydostleden"].uses == {"understrategi": "kronoberg-understrategi"}
    assert kronoberg.plans["kronoberg-ris"].uses == {"rus": "kronoberg-rus"}


def test_the_split_holds_the_single_files_nodes_each_once(
    kronoberg: il.Model, single: il.Model
) -> None:
    assert sorted(_plain(node.id) for node in kronoberg) == sorted(node.id for node in single)
    per_plan = Counter(kronoberg.plan_of(node.id) for node in kronoberg)
    assert per_plan == {
        "kronoberg-rus": 43,
        "kronoberg-ris": 39,
        "kronoberg-understrategi": 6,
        "sydostleden": 6,
        "destination-smaland": 5,
    }


def test_the_split_has_the_single_files_links(kronoberg: il.Model, single: il.Model) -> None:
    def links(model: il.Model) -> Counter[tuple[str, str, str]]:
        return Counter(
            (_plain(source), _plain(target), str(kind))
            for source, target, kind in model.graph.edges(keys=True)
        )

    assert links(kronoberg) == links(single)


def test_the_split_finds_what_the_single_file_finds_each_in_its_plan(
    kronoberg: il.Model, single: il.Model
) -> None:
    split = {(f.code.value, tuple(map(_plain, f.nodes))) for f in il.check(kronoberg)}
    assert split == {(f.code.value, f.nodes) for f in il.check(single)}
    # Each finding is about a node of the plan that wrote it: the incomplete project indicators
    # are Sydostleden's, the population goal no RIS row reaches is the RUS's.
    by_plan = Counter(kronoberg.plan_of(f.nodes[0]) for f in il.check(kronoberg))
    assert by_plan == {
        "kronoberg-rus": 28,
        "kronoberg-ris": 23,
        "kronoberg-understrategi": 5,
        "sydostleden": 3,
        "destination-smaland": 2,
    }
    uncovered = [f.nodes for f in il.check(kronoberg) if f.code == "uncovered-goal"]
    assert uncovered == [("kronoberg-rus:rus-mal-befolkningstillvaxt",)]


def test_a_project_reaches_the_rus_goal_through_the_substrategy_file(kronoberg: il.Model) -> None:
    reached = [node.id for node in kronoberg.walk("sydostleden:akt-sydostleden", direction="up")]
    assert "kronoberg-understrategi:us-mal-arbetstillfallen-turism" in reached
    assert "kronoberg-rus:rus-mal-arbetstillfallen-per-1000" in reached
    location = kronoberg.location("sydostleden:akt-sydostleden")
    assert location is not None
    assert location.file.endswith("sydostleden.yaml")


def test_the_rus_goal_is_reached_by_four_plans(kronoberg: il.Model) -> None:
    coverage = il.portfolio_coverage(kronoberg)
    reach = {goal.goal: goal.plans for goal in coverage.goals}
    assert reach["kronoberg-rus:rus-mal-arbetstillfallen-per-1000"] == (
        "destination-smaland",
        "kronoberg-rus",
        "kronoberg-understrategi",
        "sydostleden",
    )
    assert reach["kronoberg-rus:rus-mal-befolkningstillvaxt"] == ()
    # RIS's goals are reached by RIS alone, and RIS reaches five of the RUS's goals.
    assert reach["kronoberg-ris:ris-mal-samhandling"] == ("kronoberg-ris",)
    table = il.contribution_table(kronoberg)
    from_ris = {c.goal for c in table.contributions if c.plan == "kronoberg-ris"}
    assert from_ris == {
        "kronoberg-rus:rus-mal-arbetsstallen",
        "kronoberg-rus:rus-mal-gymnasial-utbildning",
        "kronoberg-rus:rus-mal-produktivitet",
        "kronoberg-rus:rus-mal-sysselsatta-dagbefolkning",
        "kronoberg-rus:rus-mal-sysselsattningsgrad",
    }


def test_a_project_file_alone_loads_its_levels_above_as_context() -> None:
    project = il.load(KRONOBERG / "sydostleden.yaml")
    assert {plan: info.home for plan, info in project.plans.items()} == {
        "sydostleden": True,
        "kronoberg-understrategi": False,
        "kronoberg-rus": False,
    }
    assert project["sydostleden-huvudmal-1"].kind == "goal"  # its own ids stay plain
    assert "kronoberg-rus:rus-mal-arbetstillfallen-per-1000" in project
    assert {(f.code.value, f.nodes) for f in il.check(project)} == {
        ("incomplete-indicator", ("ind-deltagare-startade-foretag",)),
        ("incomplete-indicator", ("ind-deltagare-vill-bli-foretagare",)),
        ("no-actor", ("akt-sydostleden",)),
    }


# --- Västra Götaland: the RUS's long-term priorities ---------------------------------------------


def test_the_vgr_rus_holds_the_priorities_and_kraftsamlingar_the_plan_names() -> None:
    rus = il.load(EXAMPLES / "vgr" / "rus.yaml")
    assert rus.id == "vgr-rus"
    goals = {node.title for node in rus.nodes("goal")}
    assert goals == {
        "Stärka innovationskraften",
        "Bygga kompetens",
        "Knyta samman Västra Götaland",
        "Öka inkluderingen",
    }
    assert all(rus.parent(node.id) is rus["rus-vg"] for node in rus.nodes("goal"))
    assert {node.title for node in rus.nodes("substrategy")} == {
        "Kraftsamling cirkulära affärsmodeller",
        "Kraftsamling fullföljda studier",
        "Bredbandsstrategin för VGR",
    }
    # Alone, the RUS says what the seed gives of it: priorities with no indicator, and no
    # activity of its own.
    assert Counter(f.code.value for f in il.check(rus)) == {
        "uncovered-goal": 4,
        "unmeasured-goal": 4,
    }
