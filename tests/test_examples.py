"""The real examples in `examples/`: each loads, says what the analyses find in it, and runs.

Every example is a model file from the seeds plus a thin script over `examples/run_example.py`.
The findings each example produces are asserted exactly, as (code, nodes) pairs: they are what
the example is there to show. (Västra Götaland's full plan has its own file,
`tests/test_example_vgr.py`; it is in the parametrized tests here as well.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Literal

import jsonschema
import pytest
import yaml

import insatslogik as il
from tests.conftest import EXAMPLES

NAMES = [
    "vgr_kraftsamling_digitalisering",
    "reglab_stryktips",
    "kronoberg_rus",
    "gotland_insatsplan",
    "vgr_business_digitalisation_en",
    "digg_index",
]

Found = set[tuple[str, tuple[str, ...]]]


def _load(name: str) -> il.Model:
    return il.load(EXAMPLES / f"{name}.yaml")


def _found(model: il.Model) -> Found:
    return {(finding.code.value, finding.nodes) for finding in il.check(model)}


def _each(code: str, ids: list[str]) -> Found:
    return {(code, (node_id,)) for node_id in ids}


# --- every example -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_example_loads_validates_and_round_trips(name: str, tmp_path: Path) -> None:
    model = _load(name)
    document = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(document)), il.json_schema())
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"{name}{suffix}"
        il.save(model, path)
        again = il.load(path)
        # Saved into another folder, each `uses` path names the same file from there.
        assert {alias: (tmp_path / used).resolve() for alias, used in again.uses.items()} == {
            alias: (EXAMPLES / used).resolve() for alias, used in model.uses.items()
        }
        again.uses = model.uses
        assert again == model


@pytest.mark.parametrize("name", NAMES)
def test_the_example_has_a_thin_script_over_the_shared_runner(name: str) -> None:
    script = (EXAMPLES / f"{name}.py").read_text(encoding="utf-8")
    assert "from run_example import main" in script
    assert f'main("{name}.yaml")' in script


@pytest.mark.parametrize("name", NAMES)
def test_the_script_runs_and_writes_only_into_the_output_folder(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "INSATSLOGIK_EXAMPLES_OUT": str(out)}
    # Run from another folder: the script must not depend on the current directory.
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    model = _load(name)
    report = il.check(model)
    assert done.stdout.startswith(f"{model.title}\n")
    assert report.to_text() in done.stdout
    assert il.goal_coverage(model).to_text() in done.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]
    assert sorted(path.name for path in out.iterdir()) == [
        f"{name}.html",
        f"{name}.indicators.md",
        f"{name}.plan.md",
        f"{name}.svg",
    ]
    svg = (out / f"{name}.svg").read_text(encoding="utf-8")
    chain = [node for node in model if node.kind in {kind.value for kind in il.CHAIN_KINDS}]
    # Every chain node is drawn (the column headings are nodes too).
    assert svg.count('class="node"') >= len(chain) > 0
    page = (out / f"{name}.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    lang: Literal["sv", "en"] = "en" if model.language == "en" else "sv"
    plan = il.render_table(model, kind="plan", format="markdown", lang=lang)
    assert (out / f"{name}.plan.md").read_text(encoding="utf-8") == plan


def test_the_output_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "INSATSLOGIK_EXAMPLES_OUT": str(tmp_path / "env")}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "reglab_stryktips.py"), "--out", str(tmp_path / "opt")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["opt"]


# --- Reglab's stryktips (seed 001) ---------------------------------------------------------------

# Vinnova's answer sheet, as in the seed: each statement and the levels it marks, in chain order.
ANSWER_SHEET = {
    "Ökad produktion från förnybara källor": ["output", "outcome", "short", "long"],
    "Ökad förädling av bioråvara till material och energi": ["output", "outcome", "short", "long"],
    "Teknikutveckling": ["activity"],
    "Ändrat användningsmönster": ["outcome", "short", "long"],
    "Öka internationella forsknings- och innovationssamarbeten": ["activity"],
    "Vinnväxt": ["resource", "activity", "output", "outcome", "short", "long"],
    "Stärkt innovationskraft": ["long"],
    "Mer hållbar livsmedelsproduktion": ["short", "long"],
    "Minskat utanförskap": ["short", "long"],
    "Bättre infrastruktur": ["outcome", "short", "long"],
    "Utveckla ett hållbart resande": ["long"],
    "Göra konst och kultur tillgängligt för så många som möjligt": ["outcome"],
    "Verksamhetsutveckling": ["activity"],
    "Öka tillgängligheten till natur, rekreation och friluftsliv": ["outcome"],
    "Bilda en klusterorganisation": ["activity"],
    "Beviljade medel till filmproduktion": ["resource"],
    "Reglabs årskonferens": ["activity"],
    "Spetskompetenser": ["resource", "output", "outcome"],
    "Stark forskning inom bioteknik": ["outcome", "short", "long"],
}
LEVELS = {
    "resource": ("resource", "resurser"),
    "activity": ("activity", "aktiviteter"),
    "output": ("output", "prestationer"),
    "outcome": ("outcome", "utfall"),
    "short": ("short_term_effect", "kortsiktiga-samhallseffekter"),
    "long": ("long_term_effect", "langsiktiga-samhallseffekter"),
}


@pytest.fixture(scope="module")
def stryktips() -> il.Model:
    return _load("reglab_stryktips")


def test_each_statement_stands_at_the_lowest_level_the_answer_sheet_marks(
    stryktips: il.Model,
) -> None:
    placed = {node.title: node for node in stryktips}
    assert set(placed) == set(ANSWER_SHEET)
    for title, marks in ANSWER_SHEET.items():
        node = placed[title]
        assert node.kind == LEVELS[marks[0]][0], title
        # Every marked level is kept, in the tags and in the description.
        assert list(node.tags) == [LEVELS[mark][1] for mark in marks], title
        assert node.description is not None
        assert node.description.startswith("Svarsbladet markerar"), title


def test_the_stryktips_findings_say_the_exercise_has_no_links(stryktips: il.Model) -> None:
    resources = ["medel-filmproduktion", "spetskompetenser", "vinnvaxt"]
    activities = [
        "internationella-samarbeten",
        "klusterorganisation",
        "reglabs-arskonferens",
        "teknikutveckling",
        "verksamhetsutveckling",
    ]
    outputs = ["foradling-bioravara", "produktion-fornybara-kallor"]
    outcomes = [
        "andrat-anvandningsmonster",
        "battre-infrastruktur",
        "forskning-bioteknik",
        "konst-och-kultur",
        "natur-rekreation-friluftsliv",
    ]
    short = ["hallbar-livsmedelsproduktion", "minskat-utanforskap"]
    long = ["hallbart-resande", "starkt-innovationskraft"]
    assert _found(stryktips) == (
        _each("dead-end", resources + activities + outputs + outcomes + short)
        | _each("unsupported", outputs + outcomes + short + long)
        | _each("orphan-activity", activities)
        | _each("no-actor", activities)
        | _each("unowned-activity", activities)
    )
    assert il.goal_coverage(stryktips).goals == ()
    assert il.indicator_status(stryktips) == []


def test_the_stryktips_diagram_has_one_column_per_chain_level(stryktips: il.Model) -> None:
    source = il.render_chain(stryktips).source
    for heading in ("Resurser", "Aktiviteter", "Prestationer", "Utfall"):
        assert heading in source
    assert Counter(node.kind for node in stryktips) == {
        "resource": 3,
        "activity": 5,
        "output": 2,
        "outcome": 5,
        "short_term_effect": 2,
        "long_term_effect": 2,
    }


# --- Region Kronoberg (seeds 001 and 002) --------------------------------------------------------


@pytest.fixture(scope="module")
def kronoberg() -> il.Model:
    return _load("kronoberg_rus")


def test_kronoberg_steering_chain_runs_from_the_rus_to_project_and_organisation(
    kronoberg: il.Model,
) -> None:
    assert [n.id for n in kronoberg.ancestors("akt-sydostleden")] == [
        "sydostleden",
        "understrategier",
        "rus-kronoberg",
    ]
    assert [n.id for n in kronoberg.ancestors("akt-destination-smaland")] == [
        "destination-smaland",
        "understrategier",
        "rus-kronoberg",
    ]
    assert [n.id for n in kronoberg.children("rus-kronoberg") if n.kind == "substrategy"] == [
        "ris",
        "understrategier",
    ]
    # The project's chain reaches the RUS goal through the substrategy's goal.
    reached = {n.id for n in kronoberg.walk("akt-sydostleden", direction="up")}
    assert {
        "sydostleden-delmal-1",
        "sydostleden-huvudmal-1",
        "us-mal-arbetstillfallen-turism",
        "rus-mal-arbetstillfallen-per-1000",
    } <= reached


def test_kronoberg_goal_template_gives_the_projects_huvudmal_and_delmal(
    kronoberg: il.Model,
) -> None:
    delmal, huvudmal = kronoberg["sydostleden-delmal-1"], kronoberg["sydostleden-huvudmal-1"]
    assert isinstance(delmal, il.Goal)
    assert isinstance(huvudmal, il.Goal)
    assert (delmal.horizon, huvudmal.horizon) == ("medium", "long")
    assert delmal.title.startswith("60 % av deltagarna")
    assert huvudmal.title == "30 % av deltagarna ska starta företag"
    # The template's fields for indicator, baseline and source are blank in the seed.
    for goal in (delmal, huvudmal):
        [indicator] = [kronoberg[i] for i in goal.measured_by]
        assert isinstance(indicator, il.Indicator)
        assert (indicator.source, indicator.baseline, indicator.target) == (None, None, None)
    # So is the activity template: no frequency is made up.
    activity = kronoberg["akt-sydostleden"]
    assert isinstance(activity, il.Activity)
    assert activity.frequency is None


def test_kronoberg_ris_rows_link_challenges_goals_and_indicators(kronoberg: il.Model) -> None:
    challenges = kronoberg.nodes("challenge")
    assert Counter(tag for c in challenges for tag in c.tags) == {"rus": 3, "ris": 12}
    rows = {
        "ris-mal-samhandling": (4, 4, 2),
        "ris-mal-kompetens": (4, 6, 3),
        "ris-mal-nya-foretag": (4, 5, 2),
    }
    for goal_id, (addressed, measured, rus_goals) in rows.items():
        goal = kronoberg[goal_id]
        assert isinstance(goal, il.Goal)
        assert goal.target_year == 2025
        assert len(goal.addresses) == addressed + 1  # the row's RUS challenge and RIS challenges
        assert len(goal.measured_by) == measured
        assert len(goal.contributes_to) == rus_goals
    # The one RUS target the seed gives as a number.
    matchning = kronoberg["ind-rus-matchning"]
    assert isinstance(matchning, il.Indicator)
    assert matchning.target == il.Target(year=2025, value=80)


def test_kronoberg_rus_targets_are_relative_to_the_nation(kronoberg: il.Model) -> None:
    relative = {
        n.id: (t.rule, t.relative_to, t.since, t.year, n.comparisons[t.relative_to].title)
        for n in kronoberg.nodes("indicator")
        if isinstance(n, il.Indicator) and (t := n.target) is not None and t.relative_to
    }
    # The seed's words: "öka mer än medianen för riket" between 2014 and 2025 is growth-above,
    # "överstiga riksgenomsnittet" in 2025 is above.
    assert relative == {
        "ind-befolkningsantalet": (
            "growth-above",
            "riket-median",
            2014,
            2025,
            "medianen för riket",
        ),
        "ind-rus-arbetstillfallen": (
            "growth-above",
            "riket-median",
            2014,
            2025,
            "medianen för riket",
        ),
        "ind-rus-fornyelseformaga": ("above", "medianen", None, 2025, "medianen"),
        "ind-rus-produktivitet": ("growth-above", "riket", 2014, 2025, "riket"),
        "ind-rus-utbildningsniva": ("above", "riksgenomsnittet", None, 2025, "riksgenomsnittet"),
    }
    # The seed gives no national value, so no comparison has one.
    for node_id in relative:
        indicator = kronoberg[node_id]
        assert isinstance(indicator, il.Indicator)
        assert [c.values for c in indicator.comparisons.values()] == [{}]
    # The RIS indicators name a direction only ("Fler", "Ökad"): no target is made up.
    ris = [n for n in kronoberg.nodes("indicator") if "ris-indikator" in n.tags]
    assert len(ris) == 6
    assert all(isinstance(n, il.Indicator) and n.target is None for n in ris)


def test_kronoberg_findings_say_the_follow_up_fields_are_blank(kronoberg: il.Model) -> None:
    indicators = [n.id for n in kronoberg.nodes("indicator")]
    assert len(indicators) == 42
    assert _found(kronoberg) == (
        # No indicator has a source or a baseline; only the employment rate has a target.
        _each("incomplete-indicator", indicators)
        # The population goal has an indicator but no RIS row or activity leads to it.
        | _each("uncovered-goal", ["rus-mal-befolkningstillvaxt"])
        # The substrategy's and the organisation's effects, and the RUS goal of the
        # steering-chain example, are named by a measure but have no indicator of their own.
        | _each(
            "unmeasured-goal",
            [
                "destination-delmal-besoksnatter",
                "destination-huvudmal-anstallda",
                "rus-mal-arbetstillfallen-per-1000",
                "us-delmal-besoksnatter",
                "us-delmal-stamningslaget",
                "us-delmal-vill-vara-foretagare",
                "us-mal-arbetstillfallen-turism",
            ],
        )
        # Only Destination Småland is named as doing its own activity.
        | _each(
            "no-actor",
            [
                "akt-sydostleden",
                "prio-diversifiering",
                "prio-platsbundna-naringar",
                "ris-prio-fokusomraden",
                "ris-prio-kompetens",
                "ris-prio-ledarskap",
                "ris-prio-riskkapital",
                "ris-prio-samverkan-akademi",
                "ris-prio-stodsystem",
                "ris-prio-utmaningsdriven-innovation",
                "ris-prio-verktyg",
            ],
        )
        # The follow-up cycle's questions say no method, as the seed gives none but for the
        # deeper studies.
        | _each(
            "question-without-method",
            [
                "fraga-gor-vi-vad-vi-ska",
                "fraga-projekten-resultat",
                "fraga-styr-vi-mot-malen",
                "fraga-tillrackligt-bra",
            ],
        )
        # Destination Småland's goals have no indicator, and no question names them.
        | _each(
            "unevaluable-goal",
            ["destination-delmal-besoksnatter", "destination-huvudmal-anstallda"],
        )
    )
    # The RUS indicators with a target (the 80 % and the five relative ones) lack only these two;
    # the population has its source, Kolada's N01951, and lacks only the baseline.
    messages = {f.nodes[0]: f.message for f in il.check(kronoberg)}
    assert messages["ind-befolkningsantalet"].endswith(
        "» (ind-befolkningsantalet) saknar utgångsvärde."
    )
    with_target = {
        node
        for node, message in messages.items()
        if message.endswith("saknar källa och utgångsvärde.")
    }
    assert with_target == {
        "ind-rus-arbetstillfallen",
        "ind-rus-fornyelseformaga",
        "ind-rus-matchning",
        "ind-rus-produktivitet",
        "ind-rus-utbildningsniva",
    }


def test_kronoberg_coverage_and_indicator_status(kronoberg: il.Model) -> None:
    coverage = il.goal_coverage(kronoberg)
    statuses = Counter(goal.status for goal in coverage.goals)
    # Every goal but one is reached, none is measured by a complete indicator.
    assert statuses == {"partial": 17, "uncovered": 1}
    assert coverage.ratio == 0.0
    assert coverage.by_structure == {"ris": 0.0, "rus-kronoberg": 0.0, "understrategier": 0.0}
    # No value for the county or the nation: a relative target cannot be judged either.
    assert {s.status for s in il.indicator_status(kronoberg)} == {"no-data"}
    table = il.render_table(kronoberg, kind="indicators", format="markdown")
    assert "mål: större ökning än medianen för riket sedan 2014 (2025)" in table
    assert "mål: över riksgenomsnittet (2025)" in table


def test_kronoberg_county_values_without_national_ones_say_no_comparison() -> None:
    # Hypothetical county values for the education target; the seed gives no national value.
    document = yaml.safe_load((EXAMPLES / "kronoberg_rus.yaml").read_text(encoding="utf-8"))
    [node] = [n for n in document["nodes"] if n["id"] == "ind-rus-utbildningsniva"]
    node["values"] = {2020: 88.0, 2024: 90.0}
    model = il.loads(yaml.safe_dump(document, allow_unicode=True), format="yaml")
    [status] = [s for s in il.indicator_status(model) if s.indicator == node["id"]]
    assert status.status == "no-comparison"


# --- Region Gotland (seed 001) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def gotland() -> il.Model:
    return _load("gotland_insatsplan")


def test_gotland_runs_from_strategy_through_programme_plan_to_insatsplan(
    gotland: il.Model,
) -> None:
    assert [n.id for n in gotland.ancestors("identifiera-insatser")] == [
        "insatsplan",
        "programplan",
        "tillvaxtprogram-gotland",
    ]
    strategy = gotland["tillvaxtprogram-gotland"]
    assert isinstance(strategy, il.Strategy)
    assert strategy.period == il.Period(start=2016, end=2020)
    assert len(strategy.addresses) == 4  # the four samhällsutmaningar
    # The effektkedja uses every level from resources to a short-term effect, then the goals.
    assert Counter(node.kind for node in gotland if il.Kind(node.kind).level is not None) == {
        "resource": 6,
        "activity": 3,
        "output": 3,
        "outcome": 2,
        "short_term_effect": 1,
        "goal": 2,
    }
    assert {n.id for n in gotland.walk("lag", direction="up")} >= {
        "leda-samordna-folja-upp",
        "insatsplanemall",
        "insatsplaner",
        "grund-for-uppfoljning",
        "resultatorienterat-utvecklingsarbete",
        "genomfora-tillvaxtprogrammet",
        "starkt-attraktionskraft",
    }


def test_gotland_findings_say_the_chain_has_no_indicators(gotland: il.Model) -> None:
    assert _found(gotland) == _each(
        "unmeasured-goal", ["genomfora-tillvaxtprogrammet", "starkt-attraktionskraft"]
    )
    coverage = il.goal_coverage(gotland)
    assert [(g.goal, g.status, g.projects) for g in coverage.goals] == [
        ("genomfora-tillvaxtprogrammet", "partial", ("insatsplan",)),
        ("starkt-attraktionskraft", "partial", ("insatsplan",)),
    ]
    assert il.indicator_status(gotland) == []


# --- Area 1 of Västra Götaland's plan in English (seed 000) --------------------------------------


@pytest.fixture(scope="module")
def english() -> il.Model:
    return _load("vgr_business_digitalisation_en")


def test_the_english_example_is_area_1_of_the_swedish_plan(english: il.Model) -> None:
    swedish = _load("vgr_kraftsamling_digitalisering")
    assert english.language == "en"
    assert english.description is not None
    assert "seed 000" in english.description
    # Same ids, same kinds, same links and the same indicator values as the Swedish plan.
    for node in english:
        # The English file holds the strategy itself; the Swedish plan uses the RUS's.
        original = swedish[node.id] if node.id in swedish else swedish[f"vgr-rus:{node.id}"]
        assert original.kind == node.kind
        assert sorted((e, t) for e, t, _ in node.links) == sorted(
            (e, t.removeprefix("vgr-rus:"))
            for e, t, _ in original.links
            if t.removeprefix("vgr-rus:") in english
        )
        if isinstance(node, il.Indicator):
            assert isinstance(original, il.Indicator)
            assert (node.baseline, node.target, node.values) == (
                original.baseline,
                original.target,
                original.values,
            )
            assert node.number == original.number
            # The same comparisons under the same names; only their titles are translated.
            assert {k: c.values for k, c in node.comparisons.items()} == {
                k: c.values for k, c in original.comparisons.items()
            }


def test_the_english_example_reports_in_english(english: il.Model) -> None:
    report = il.check(english, year=2026)
    assert {(f.code.value, f.nodes) for f in report} == _each(
        "incomplete-indicator", ["foretagens-digitaliseringsindex", "molntjanster"]
    ) | _each("not-followed-up", ["smf-grundlaggande-digitalisering"]) | _each(
        # Followed up every autumn from 2022, with no assessment recorded yet.
        "overdue-follow-up",
        [
            "fraga-forflyttning-kort-sikt",
            "fraga-moten-seminarier",
            "fraga-nya-aktorer",
            "fraga-samordning",
            "fraga-takt",
            "sammanstallning-stod-projekt-resurser",
            "utvardering-rus-2023",
        ],
    ) | _each("no-follow-up", ["lang-fossilfritt-samhalle", "lang-smf-konkurrenskraft"])
    assert all(
        f.message.endswith("has no target.") for f in report if f.code == "incomplete-indicator"
    )
    coverage = il.goal_coverage(english)
    assert [(g.goal, g.status) for g in coverage.goals] == [("omrade-naringsliv", "covered")]
    statuses = {s.indicator: s.status for s in il.indicator_status(english)}
    assert statuses == {
        "foretagens-digitaliseringsindex": "no-target",
        "molntjanster": "no-target",
        "smf-grundlaggande-digitalisering": "not-followed-up",
    }
    table = il.render_table(english, kind="indicators", format="markdown")
    assert "EU target: 90%" in table
    assert "Activities" in il.render_chain(english, lang="en").source


# --- Digg's four indices (seed 003) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def digg() -> il.Model:
    return _load("digg_index")


def test_digg_has_four_indices_made_of_the_parts_the_seed_names(digg: il.Model) -> None:
    indices = {
        n.title: [digg[c.id].title for c in n.components]
        for n in digg.nodes("indicator")
        if isinstance(n, il.Indicator) and n.components
    }
    assert indices == {
        "Digg-indexet": [
            "Förvaltningsgemensam digitalisering",
            "Digital information för vidareutnyttjande",
        ],
        "Mognadsindexet": [
            "Målen från regering och riksdag",
            "Målen från EU",
        ],
        "Samverkansindexet": [
            "Förhållningssätt till samverkan",
            "Samverkan på olika områden",
        ],
        "Teknologiindexet": [
            "Införd ny teknik",
            "Testad ny teknik",
        ],
    }
    goal = digg["styra-mot-samverkan"]
    assert isinstance(goal, il.Goal)
    assert [digg[i].title for i in goal.measured_by] == list(indices)
    # The seed gives no weights, values or targets: none is made up.
    for node in digg.nodes("indicator"):
        assert isinstance(node, il.Indicator)
        assert (node.values, node.baseline, node.target) == ({}, None, None)
        assert all(c.weight is None for c in node.components)
    # Where the parts are a reading of the seed's words, the notes say so.
    for index in ("digg-indexet", "mognadsindexet"):
        assert "tolkning" in (digg[index].notes or "")


def test_digg_findings_say_nothing_is_measured_yet(digg: il.Model) -> None:
    indicators = [n.id for n in digg.nodes("indicator")]
    assert len(indicators) == 12
    # A part of an index is not unused; every index and part lacks a baseline and a target.
    assert _found(digg) == (
        _each("incomplete-indicator", indicators)
        # The seed does not say which strategy or programme the survey belongs to.
        | _each("unowned-activity", ["uppfoljning-enkat"])
    )
    assert [(g.goal, g.status) for g in il.goal_coverage(digg).goals] == [
        ("styra-mot-samverkan", "partial")
    ]
    assert {s.status for s in il.indicator_status(digg)} == {"no-data"}
    # The indicator table shows each part under its index.
    rows = il.render_table(digg, kind="indicators", format="csv").splitlines()[1:]
    titles = [row.split(",", 1)[0] for row in rows]
    assert titles.index("Samverkansindexet") + 1 == next(
        i for i, title in enumerate(titles) if "Förhållningssätt" in title
    )


def test_every_example_file_is_tested() -> None:
    assert sorted(path.stem for path in EXAMPLES.glob("*.yaml")) == sorted(NAMES)
