"""The portfolio examples: plans in several files, linked with `uses`, loaded as one portfolio.

Region Kronoberg's steering chain is one file per level of the seed (`examples/kronoberg/`),
holding the same nodes as `kronoberg_rus.yaml`; Västra Götaland's RUS (`examples/vgr/rus.yaml`)
holds the long-term priorities the kraftsamling names. Each is asserted to say what the seed
says: the same findings as the single file, each on its own plan, and the chain reaching from
a project up to the RUS through the files.
"""

from __future__ import annotations

import subprocess
import sys
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
    "kronoberg-uppfoljning": "uppfoljning.yaml",
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
        "kronoberg-uppfoljning": 7,  # the region, four questions and two evaluations
    }


def test_the_split_has_the_single_files_links(kronoberg: il.Model, single: il.Model) -> None:
    def links(model: il.Model) -> Counter[tuple[str, str, str]]:
        ids = {_plain(node.id) for node in model}
        return Counter(
            (_plain(source), _plain(target), str(kind))
            for source, target, kind in model.graph.edges(keys=True)
            if _plain(source) in ids and _plain(target) in ids
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
        "destination-smaland": 4,  # two goals no indicator or question follows up
        "kronoberg-uppfoljning": 4,  # four questions that say no method
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
    # The follow-up plan uses RIS, so RIS's own goals are shared too.
    assert from_ris == {
        "kronoberg-ris:ris-mal-kompetens",
        "kronoberg-ris:ris-mal-nya-foretag",
        "kronoberg-ris:ris-mal-samhandling",
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


# --- Smart industri i regionerna 2.0: a programme and its regional projects ----------------------

SMART_INDUSTRI = EXAMPLES / "smart_industri"
COMPANIES = ["region-a:ind-industriforetag", "region-b:ind-industriforetag"]


@pytest.fixture(scope="module")
def smart_industri() -> il.Model:
    return il.load_portfolio(SMART_INDUSTRI, strict=True)


def test_the_programme_and_four_regional_projects_load_as_one_portfolio(
    smart_industri: il.Model,
) -> None:
    assert sorted(smart_industri.plans) == [
        "program",
        "region-a",
        "region-b",
        "region-c",
        "region-d",
    ]
    assert all(
        info.uses == {"program": "program"}
        for plan, info in smart_industri.plans.items()
        if plan != "program"
    )
    # The programme's follow-up nodes name their evaluation and links under qualified ids too.
    recommendation = smart_industri["program:rek-forandringsteori"]
    assert isinstance(recommendation, il.Recommendation)
    assert recommendation.by == "program:utv-oxford-research"
    assumption = smart_industri["program:ant-linjerad-forandringsteori"]
    assert isinstance(assumption, il.Assumption)
    assert [(link.source, link.target) for link in assumption.about_links] == [
        ("program:akt-utlysning", "program:out-regionala-projekt")
    ]


def test_every_project_reaches_the_programme_goal_through_its_outcomes(
    smart_industri: il.Model,
) -> None:
    coverage = il.portfolio_coverage(smart_industri)
    [goal] = [
        goal for goal in coverage.goals if goal.goal == "program:mal-smart-industri-regionalt"
    ]
    assert goal.plans == ("program", "region-a", "region-b", "region-c", "region-d")
    meeting = {chain.node: chain.plans for chain in il.shared_chains(smart_industri).chains}
    assert meeting["program:utf-industrin-nas"] == ("program", "region-a", "region-b", "region-c")
    assert meeting["program:utf-synergier"] == ("program", "region-d")


def test_the_alignment_matrix_has_no_shared_indicator_to_report_on(
    smart_industri: il.Model,
) -> None:
    matrix = il.alignment_matrix(smart_industri)
    # Oxford Research: "Indikatorer och resultattyper har varierat mellan projekten".
    assert matrix.columns == ("program:mal-smart-industri-regionalt",)
    assert set(matrix.kinds) == {"goal"}
    assert [row.plan for row in matrix.rows] == [
        "program",
        "region-a",
        "region-b",
        "region-c",
        "region-d",
    ]
    assert all(row.marks == ("reaches",) for row in matrix.rows)


def test_companies_add_up_and_participants_do_not(smart_industri: il.Model) -> None:
    companies = il.roll_up(smart_industri, COMPANIES)
    assert companies.refusal is None
    assert companies.method == "sum"
    assert companies.values == {}  # the seed gives no values
    mixed = il.roll_up(smart_industri, [*COMPANIES, "region-c:ind-deltagare-sammankomster"])
    assert mixed.refusal == "different-units"
    assert mixed.reason() == "indikatorerna har olika enheter (deltagare, st)"


def test_the_project_findings_are_the_projects_own(smart_industri: il.Model) -> None:
    found = {(f.code.value, f.nodes) for f in il.check(smart_industri)}
    projects = {finding for finding in found if not finding[1][0].startswith("program:")}
    assert projects == {
        ("incomplete-indicator", ("region-a:ind-industriforetag",)),
        ("incomplete-indicator", ("region-b:ind-industriforetag",)),
        ("incomplete-indicator", ("region-c:ind-deltagare-sammankomster",)),
    }


def test_the_portfolio_script_prints_what_the_analyses_say() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "smart_industri_portfolio.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("smart_industri\n")
    assert "region-d: program:mal-smart-industri-regionalt (når)" in done.stdout
    assert "Räknas inte samman: indikatorerna har olika enheter (deltagare, st)" in done.stdout
    assert done.stderr == ""
