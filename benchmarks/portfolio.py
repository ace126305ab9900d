"""A synthetic national portfolio in the insatslogik file format, deterministic for a seed.

Shape, after the seeds: a national strategy with a few national goals; 21 regions, each with
its RUS (strategy) and main goals (huvudmål) that contribute to the national goals; under each
RUS substrategies (kraftsamlingar, programmes) with their own goals (delmål), indicators,
short- and long-term effects; under each substrategy projects with activities, outputs and
outcomes, resources for some, actors who perform them, challenges and influencing factors.
The follow-up part: a question per delmål about it and its effects, asked every other autumn
from 2024, an assumption on each delmål's link to its main goal, and per region a question
about the main goals, an evaluation of its strategy with a recommendation, and an assumption.
The scale is set by the number of nodes wanted; substrategies multiply as a portfolio grows,
each holding some tens of projects, as programmes do.

A few percent of planted defects trigger every finding code (every `1/defect_rate`-th
opportunity, starting early, so even a portfolio of a few thousand nodes has each):

>>> document = portfolio(3_000, seed=1)
>>> 2_500 < len(document["nodes"]) < 3_500
True
>>> portfolio(3_000, seed=1) == document
True

The same shape also comes as a folder of plan files, as regions and projects keep them: one file
per region's RUS and one per project, each project using its region's RUS (``uses``) and naming
its substrategy, effects, goals and actors there (``rus:id``); see `folder`.

Command line: ``python -m benchmarks.portfolio 100000 -o portfolio.json`` (or ``.yaml``), or
``python -m benchmarks.portfolio --projects 5000 -o FOLDER`` for a folder of plan files.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

__all__ = ["DEFECTS", "folder", "node_count", "portfolio", "write", "write_folder"]

#: The finding codes the generator plants, one kind of defect each.
DEFECTS: Final = (
    "cycle",
    "backward-link",
    "orphan-activity",
    "dead-end",
    "unsupported",
    "skipped-level",
    "uncovered-goal",
    "unmeasured-goal",
    "incomplete-indicator",
    "unused-indicator",
    "not-followed-up",
    "stale-indicator",
    "unmatched-breakdown",
    "unanchored-project",
    "unowned-activity",
    "no-actor",
    "unevaluable-goal",
    "no-follow-up",
    "question-without-method",
    "overdue-follow-up",
    "untested-assumption",
    "failed-assumption",
)

REGIONS: Final = (
    "Stockholm",
    "Uppsala",
    "Södermanland",
    "Östergötland",
    "Jönköping",
    "Kronoberg",
    "Kalmar",
    "Gotland",
    "Blekinge",
    "Skåne",
    "Halland",
    "Västra Götaland",
    "Värmland",
    "Örebro",
    "Västmanland",
    "Dalarna",
    "Gävleborg",
    "Västernorrland",
    "Jämtland Härjedalen",
    "Västerbotten",
    "Norrbotten",
)

_AREAS: Final = (
    "digitalisering",
    "kompetensförsörjning",
    "hållbar energi",
    "innovation i näringslivet",
    "besöksnäring",
    "livsmedel och landsbygd",
    "hälsa och life science",
    "cirkulär ekonomi",
    "transporter och tillgänglighet",
    "kultur och kreativa näringar",
    "entreprenörskap",
    "bredband",
)
_VERBS: Final = (
    "Vi bidrar till att",
    "Vi stödjer att",
    "Vi samverkar för att",
    "Vi finansierar insatser så att",
    "Vi utbildar så att",
    "Vi samordnar så att",
)
_WHO: Final = (
    "fler små och medelstora företag",
    "kommunerna",
    "företag inom tillverkningsindustrin",
    "unga utanför arbetsmarknaden",
    "lärosätena",
    "landsbygdens företag",
    "civilsamhällets organisationer",
    "nyanlända",
)
_DOES: Final = (
    "tar steg i sin digitala utveckling",
    "ökar sin innovationsförmåga",
    "ställer om till förnybar energi",
    "hittar rätt kompetens",
    "samarbetar över gränser",
    "utvecklar nya tjänster",
    "når nya marknader",
    "minskar sin klimatpåverkan",
)
_OUTPUTS: Final = (
    "genomförda rådgivningstillfällen",
    "workshops för",
    "utbildningsdagar för",
    "behovsanalyser hos",
    "nätverksträffar med",
    "pilotprojekt tillsammans med",
)
_CHANGES: Final = (
    "Ökad kunskap hos",
    "Fler samarbeten mellan",
    "Förbättrad förmåga hos",
    "Ökat intresse bland",
)
_METHODS: Final = ("intervju", "enkät", "dialog", "fokusgrupp", "dokumentstudie", "statistik")
_SOURCES: Final = ("SCB", "Tillväxtverket", "DESI", "PTS", "Region", "Eurostat", "Vinnova")
_UNITS: Final = ("%", "antal", "index", "kr per invånare", "procent")
_ACTORS: Final = (
    "Science park",
    "Industriellt utvecklingscentrum",
    "Almi",
    "Länsstyrelsen",
    "Högskolan",
    "Näringslivskontoret",
    "Coompanion",
    "RISE",
    "Företagarna",
    "Arbetsförmedlingen",
)

# Nodes a project brings with it on average (project, activities, outputs, outcomes, some
# resources) plus its share of the substrategy's goals, indicators and effects, and the nodes
# of the national and regional level; found by generating, used to turn nodes into projects.
# (With the follow-up plan: a region's question, evaluation, assumption and recommendation,
# a substrategy's questions and assumptions, one per delmål.)
_NODES_PER_PROJECT: Final = 11.47
_NODES_AROUND: Final = 1_340
_PROJECTS_PER_SUBSTRATEGY: Final = 60


@dataclass
class _Planter:
    """Plants each defect at every `every`-th opportunity.

    Each code starts at its own offset (its place in DEFECTS), so defects of different codes
    rarely land on the same node and hide each other (an orphan activity has no skipped level).
    """

    every: int
    seen: dict[str, int] = field(default_factory=dict)

    def __call__(self, code: str) -> bool:
        count = self.seen.get(code, 0)
        self.seen[code] = count + 1
        return count % self.every == DEFECTS.index(code) % self.every


class _Builder:
    def __init__(self, seed: int, defect_rate: float) -> None:
        self.rng = random.Random(seed)
        self.plant = _Planter(max(1, round(1 / defect_rate)) if defect_rate > 0 else 1 << 62)
        self.nodes: list[dict[str, Any]] = []
        self.goals_of: dict[str, list[str]] = {}

    def add(self, node: dict[str, Any]) -> dict[str, Any]:
        self.nodes.append(node)
        return node

    def pick(self, items: tuple[str, ...] | list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def sample(self, items: list[str], low: int, high: int) -> list[str]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def indicator(self, node_id: str, title: str, *, defect_ok: bool = True) -> dict[str, Any]:
        rng = self.rng
        base = round(rng.uniform(10, 90), 1)
        rising = rng.random() < 0.75
        target = round(base * (1.25 if rising else 0.75), 1)
        # Followed up until 2024 or 2025: not stale in 2026, the year the tests check for.
        last = 2020 + rng.randint(4, 5)
        if defect_ok and self.plant("not-followed-up"):
            last = 2020
        elif defect_ok and self.plant("stale-indicator"):
            last = 2021
        years = [2020, *sorted(rng.sample(range(2021, last), min(2, max(0, last - 2021))))]
        if last > 2020:
            years.append(last)
        values: dict[str, float] = {}
        value = base
        for year in years:
            values[str(year)] = round(value, 1)
            value *= rng.uniform(0.97, 1.08) if rising else rng.uniform(0.92, 1.02)
        node: dict[str, Any] = {
            "id": node_id,
            "kind": "indicator",
            "title": title,
            "source": self.pick(_SOURCES),
            "unit": self.pick(_UNITS),
            "geography": "Sverige",
            "baseline": {"year": 2020, "value": base},
            "target": {"year": 2030, "value": target},
            "values": values,
        }
        if rng.random() < 0.2:
            node["comparisons"] = {"EU": {"2020": round(base * rng.uniform(0.7, 1.2), 1)}}
        if defect_ok and self.plant("unmatched-breakdown"):
            node["disaggregation"] = {"kön": {"kvinnor": {"2019": round(base / 2, 1)}}}
        if defect_ok and self.plant("incomplete-indicator"):
            del node[self.pick(("source", "baseline", "target"))]
        return self.add(node)

    def goal(
        self, node_id: str, title: str, parent: str, above: list[str], *, measured: bool = True
    ) -> dict[str, Any]:
        node: dict[str, Any] = {"id": node_id, "kind": "goal", "title": title, "part_of": parent}
        node["horizon"] = self.pick(("medium", "long"))
        if above:
            node["contributes_to"] = self.sample(above, 1, 2)
        if measured and not self.plant("unmeasured-goal"):
            indicators = []
            for number in range(self.rng.randint(1, 2)):
                indicator = self.indicator(f"{node_id}-i{number}", f"Andel: {title[:60]}")
                indicators.append(indicator["id"])
            node["measured_by"] = indicators
        return self.add(node)


def node_count(projects: int) -> int:
    """Roughly how many nodes a portfolio of `projects` projects has.

    >>> node_count(1_000)
    12810
    """
    return round(projects * _NODES_PER_PROJECT) + _NODES_AROUND


def portfolio(nodes: int, *, seed: int = 0, defect_rate: float = 0.02) -> dict[str, Any]:
    """A portfolio of about `nodes` nodes as file-format data (`insatslogik: 1`, title, nodes).

    Args:
        nodes: how many nodes, roughly (within a few percent from 3 000 up).
        seed: the random seed; the same seed gives the same portfolio.
        defect_rate: the share of opportunities at which each defect is planted.
    """
    builder = _Builder(seed, defect_rate)
    projects_total = max(len(REGIONS), round((nodes - _NODES_AROUND) / _NODES_PER_PROJECT))
    builder.add(
        {
            "id": "nat",
            "kind": "strategy",
            "title": "Nationell strategi för hållbar regional utveckling i hela landet 2021–2030",
            "period": {"start": 2021, "end": 2030},
        }
    )
    national = [
        builder.goal(f"nat-g{number}", f"Nationellt mål: {area}", "nat", [])["id"]
        for number, area in enumerate(_AREAS[:4])
    ]
    builder.add(
        {
            "id": "nat-q",
            "kind": "question",
            "title": "Hur har regionerna bidragit till de nationella målen?",
            "about": list(national),
            "method": ["portföljanalys"],
        }
    )
    for number, name in enumerate(REGIONS):
        share = projects_total // len(REGIONS) + (number < projects_total % len(REGIONS))
        _region(builder, f"r{number:02d}", name, share, national)

    title = f"Nationell portfölj: {len(REGIONS)} regioners strategier och projekt (seed {seed})"
    return {"insatslogik": 1, "title": title, "language": "sv", "nodes": builder.nodes}


def _region(builder: _Builder, rid: str, name: str, projects: int, national: list[str]) -> None:
    strategy, main_goals, actors = _strategy(builder, rid, name, national)
    substrategies = max(1, round(projects / _PROJECTS_PER_SUBSTRATEGY))
    for number in range(substrategies):
        share = projects // substrategies + (number < projects % substrategies)
        _substrategy(
            builder, f"{rid}-s{number}", name, strategy, share, main_goals=main_goals, actors=actors
        )
    _factors(builder, rid, name, main_goals)
    _follow_up(builder, rid, name, strategy=strategy, main_goals=main_goals, actors=actors)


def _strategy(
    builder: _Builder, rid: str, name: str, national: list[str]
) -> tuple[str, list[str], list[str]]:
    """A region's strategy, its challenges, three main goals and 30 actors: their ids."""
    add, pick = builder.add, builder.pick
    strategy = f"{rid}-rus"
    challenges = [f"{rid}-u{number}" for number in range(4)]
    for cid in challenges:
        add({"id": cid, "kind": "challenge", "title": f"Utmaning i {name}: {pick(_AREAS)}"})
    add(
        {
            "id": strategy,
            "kind": "strategy",
            "title": f"Regional utvecklingsstrategi för {name} 2021–2030",
            "period": {"start": 2021, "end": 2030},
            "addresses": challenges,
        }
    )
    main_goals = [
        builder.goal(
            f"{rid}-hm{number}", f"{name}: {pick(_AREAS)} ska stärkas", strategy, national
        )["id"]
        for number in range(3)
    ]
    actors = [f"{rid}-ak{number}" for number in range(30)]
    for number, aid in enumerate(actors):
        add({"id": aid, "kind": "actor", "title": f"{_ACTORS[number % len(_ACTORS)]} {name}"})
    return strategy, main_goals, actors


def _factors(builder: _Builder, rid: str, name: str, main_goals: list[str]) -> None:
    """Two influencing factors of a region, each on two main goals and with an indicator."""
    for number in range(2):
        fid = f"{rid}-f{number}"
        factor: dict[str, Any] = {
            "id": fid,
            "kind": "factor",
            "title": f"Konjunkturen i {name} påverkar {builder.pick(_AREAS)}",
            "influences": builder.rng.sample(main_goals, 2),
        }
        indicator = builder.indicator(f"{fid}-i", f"BNP-tillväxt i {name}", defect_ok=False)
        factor["measured_by"] = [indicator["id"]]
        builder.add(factor)


def _follow_up(
    builder: _Builder,
    rid: str,
    name: str,
    *,
    strategy: str,
    main_goals: list[str],
    actors: list[str],
) -> None:
    # The region's follow-up plan (DESIGN §10), as seed 000 has it: a question followed up
    # every autumn, an evaluation of the strategy, an assumption and a recommendation. No
    # random draws, so the rest of the portfolio is the same as without it.
    add = builder.add
    evaluation = f"{rid}-utv"
    add(
        {
            "id": evaluation,
            "kind": "evaluation",
            "title": f"Utvärdering av den regionala utvecklingsstrategin för {name}",
            "about": [strategy],
            "performed_by": [actors[0]],
            "responsible": [actors[1]],
            "period": {"start": 2021, "end": 2023},
            "when": [2024],
            "method": ["dokumentstudie", "intervju"],
        }
    )
    add(
        {
            "id": f"{rid}-fr0",
            "kind": "question",
            "title": f"Når insatserna i {name} fram till huvudmålen?",
            "about": main_goals,
            "method": ["enkät", "intervju"],
            "when": {"from": 2022, "every": 1, "until": 2030},
            "season": "höst",
            "responsible": [actors[1]],
            # Answered every autumn so far (in 2024 by the evaluation): none overdue in 2026.
            "assessments": [
                {
                    "year": year,
                    "by": evaluation if year == 2024 else actors[1],
                    "judgement": "partly",
                }
                for year in range(2022, 2026)
            ],
        }
    )
    add(
        {
            "id": f"{rid}-ant0",
            "kind": "assumption",
            "title": f"Aktörerna i {name} vill samverka kring strategin",
            "about": [main_goals[0]],
            "status": "holds",
            "evidence": "moderate",
        }
    )
    add(
        {
            "id": f"{rid}-rek0",
            "kind": "recommendation",
            "title": f"Ta fram en gemensam förändringsteori för {name}",
            "by": evaluation,
            "about": [strategy],
        }
    )


@dataclass(frozen=True)
class _Place:
    """Where a substrategy's projects sit: the ids and words they link to."""

    sid: str
    name: str
    area: str
    short_terms: list[str]
    actors: list[str]


def _substrategy(
    builder: _Builder,
    sid: str,
    name: str,
    strategy: str,
    projects: int,
    *,
    main_goals: list[str],
    actors: list[str],
) -> None:
    rng, add, pick, plant = builder.rng, builder.add, builder.pick, builder.plant
    area = pick(_AREAS)
    add(
        {
            "id": sid,
            "kind": "substrategy",
            "title": f"Kraftsamling {area} i {name}",
            "part_of": strategy,
            "period": {"start": 2022, "end": 2026},
        }
    )
    # Each main goal gets a delmål, so only planted goals go uncovered; a delmål neither
    # measured nor asked about cannot be evaluated.
    unevaluable = [plant("unevaluable-goal") for _ in main_goals]
    goals = [
        builder.goal(
            f"{sid}-g{number}",
            f"{pick(_WHO).capitalize()} {pick(_DOES)}",
            sid,
            [main],
            measured=not unevaluable[number],
        )["id"]
        for number, main in enumerate(main_goals)
    ]
    if plant("uncovered-goal"):
        builder.goal(f"{sid}-g9", f"Fler {area}-satsningar når ut i hela {name}", sid, main_goals)
    if plant("unused-indicator"):
        builder.indicator(f"{sid}-oanvand", f"Antal deltagare i {area}", defect_ok=False)
    long_terms = []
    for number in range(3):
        node: dict[str, Any] = {
            "id": f"{sid}-le{number}",
            "kind": "long_term_effect",
            "title": f"Stärkt {area} och konkurrenskraft i {name} på lång sikt",
            "part_of": sid,
            "contributes_to": _spread(builder, goals, number),
        }
        if rng.random() < 0.1:
            node["measured_by"] = [builder.indicator(f"{node['id']}-i", "Effektmått")["id"]]
        long_terms.append(add(node)["id"])
    short_terms = []
    for number in range(6):
        node = {
            "id": f"{sid}-ke{number}",
            "kind": "short_term_effect",
            "title": f"{pick(_WHO).capitalize()} {pick(_DOES)} inom fyra år",
            "part_of": sid,
            "contributes_to": _spread(builder, long_terms, number),
        }
        short_terms.append(add(node)["id"])
    for number, goal in enumerate(goals):
        about = [goal, long_terms[number], *short_terms[2 * number : 2 * number + 2]]
        _question(builder, f"{sid}-q{number}", area, about, actors, unasked=unevaluable[number])
        _assumption(builder, f"{sid}-a{number}", goal, main_goals[number])
    place = _Place(sid, name, area, short_terms, actors)
    for number in range(projects):
        _project(builder, f"{sid}-p{number}", place)


def _question(
    builder: _Builder, qid: str, area: str, about: list[str], actors: list[str], *, unasked: bool
) -> None:
    """A question about a delmål and its effects, every other autumn from 2024, answered in 2024."""
    plant, pick = builder.plant, builder.pick
    if unasked:
        about = about[1:]
    if plant("no-follow-up"):
        about = about[:-1]
    question: dict[str, Any] = {
        "id": qid,
        "kind": "question",
        "title": f"Har insatserna inom {area} lett till de effekter som avsågs?",
        "about": about,
        "method": [pick(_METHODS)],
        "when": {"from": 2024, "every": 2},
        "season": "höst",
        "responsible": pick(actors),
    }
    if plant("question-without-method"):
        del question["method"]
    if not plant("overdue-follow-up"):
        judgement = pick(("achieved", "partly", "not-achieved", "unclear"))
        question["assessments"] = [
            {"year": 2024, "by": question["responsible"], "judgement": judgement}
        ]
    builder.add(question)


def _assumption(builder: _Builder, aid: str, goal: str, main_goal: str) -> None:
    """An assumption on the link from a delmål to its main goal: holds, unless planted."""
    status = "holds"
    if builder.plant("untested-assumption"):
        status = "untested"
    elif builder.plant("failed-assumption"):
        status = "fails"
    builder.add(
        {
            "id": aid,
            "kind": "assumption",
            "title": "Delmålet leder till huvudmålet om insatserna når rätt målgrupp",
            "about": [{"from": goal, "to": main_goal}],
            "status": status,
            "evidence": builder.pick(("strong", "moderate", "weak")),
        }
    )


def _spread(builder: _Builder, targets: list[str], number: int) -> list[str]:
    # The number-th target, and now and then another: every target is reached.
    first = targets[number % len(targets)]
    other = builder.pick(targets)
    return [first, other] if other != first and builder.rng.random() < 0.4 else [first]


def _project(builder: _Builder, pid: str, place: _Place) -> None:
    rng, add, pick, plant = builder.rng, builder.add, builder.pick, builder.plant
    project: dict[str, Any] = {
        "id": pid,
        "kind": "project",
        "title": f"Projekt {place.area}: {pick(_WHO)} {pick(_DOES)}",
        "period": {"start": 2022, "end": 2022 + rng.randint(1, 3)},
        "budget": {"amount": rng.randrange(500, 20_000) * 1000},
        "owner": pick(_ACTORS),
        "part_of": place.sid,
    }
    if plant("unanchored-project"):
        del project["part_of"]
    lacks_actor = plant("no-actor")
    if not lacks_actor:
        project["performed_by"] = [pick(place.actors)]
    add(project)

    outcomes = []
    for number in range(2):
        outcome: dict[str, Any] = {
            "id": f"{pid}-u{number}",
            "kind": "outcome",
            "title": f"{pick(_CHANGES)} {pick(_WHO)} om {place.area}",
            "part_of": pid,
            "contributes_to": builder.sample(place.short_terms, 1, 2),
        }
        outcomes.append(add(outcome))
    if plant("cycle"):
        # Two outcomes that contribute to each other: a loop within one level.
        outcomes[0]["contributes_to"].append(outcomes[1]["id"])
        outcomes[1]["contributes_to"].append(outcomes[0]["id"])
    if plant("unsupported"):
        add(
            {
                "id": f"{pid}-u9",
                "kind": "outcome",
                "title": f"Ökad synlighet för {place.area}",
                "part_of": pid,
                "contributes_to": [pick(place.short_terms)],
            }
        )

    fed: list[list[str]] = [[], []]  # the outputs feeding each outcome
    activities = [
        _activity(
            builder,
            f"{pid}-a{number}",
            pid,
            place,
            outcomes=outcomes,
            fed=fed,
            lacks_actor=lacks_actor,
        )
        for number in range(rng.randint(2, 4))
    ]
    if fed[0] and plant("backward-link"):
        # An outcome pointing back at an output of the other outcome: backward, not a loop.
        outcomes[1]["contributes_to"].append(fed[0][0])
    if rng.random() < 0.3:
        add(
            {
                "id": f"{pid}-r",
                "kind": "resource",
                "title": f"Medel från regionen och EU till {place.area}",
                "contributes_to": [activities[0]],
            }
        )


def _activity(
    builder: _Builder,
    aid: str,
    pid: str,
    place: _Place,
    *,
    outcomes: list[dict[str, Any]],
    fed: list[list[str]],
    lacks_actor: bool,
) -> str:
    rng, add, pick, plant = builder.rng, builder.add, builder.pick, builder.plant
    activity: dict[str, Any] = {
        "id": aid,
        "kind": "activity",
        "title": f"{pick(_VERBS)} {pick(_WHO)} {pick(_DOES)}",
        "part_of": pid,
        "frequency": {"times": rng.randint(1, 12), "hours_each": rng.choice((2, 3, 4, 8))},
    }
    # Half the activities name their own actors; the others are the project's actor's.
    if not lacks_actor and rng.random() < 0.5:
        activity["performed_by"] = builder.sample(place.actors, 1, 2)
    if plant("unowned-activity"):
        del activity["part_of"]
    links: list[str] = []
    for out_number in range(rng.randint(1, 2)):
        oid = f"{aid}-o{out_number}"
        # The first outputs feed one outcome each, so only planted outcomes go unsupported.
        done = len(fed[0]) + len(fed[1])
        which = done if done < 2 else rng.randrange(2)
        output: dict[str, Any] = {
            "id": oid,
            "kind": "output",
            "title": f"{rng.randint(5, 60)} {pick(_OUTPUTS)} {pick(_WHO)}",
            "part_of": pid,
            "contributes_to": [outcomes[which]["id"]],
        }
        if rng.random() < 0.05:
            output["measured_by"] = [builder.indicator(f"{oid}-i", "Antal deltagare")["id"]]
        add(output)
        fed[which].append(oid)
        links.append(oid)
    if plant("dead-end"):
        # A further output that leads nowhere; the activity still reaches goals.
        add({"id": f"{aid}-o9", "kind": "output", "title": "Rapport", "part_of": pid})
        links.append(f"{aid}-o9")
    if plant("skipped-level"):
        links.append(pick(place.short_terms))
    if plant("orphan-activity"):
        links = []
    if links:
        activity["contributes_to"] = links
    add(activity)
    return aid


#: Substrategies in each region's RUS file; the projects of a region are spread over them.
_FOLDER_SUBSTRATEGIES: Final = 4


def folder(projects: int, *, seed: int = 0, defect_rate: float = 0.02) -> dict[str, dict[str, Any]]:
    """A portfolio as plan files: file name -> document; 21 RUS files and `projects` project files.

    Each region's RUS file (``r07-rus``) holds its strategy, main goals, actors, challenges,
    factors and four substrategies with their goals, indicators and effects, as `portfolio`
    makes them. Each project file (``r07-s2-p31``) holds one project of 10 to 30 nodes: its
    activities, outputs, outcomes, sometimes a resource, and one to three project goals with an
    indicator each that contribute to the substrategy's goals; it uses its region's RUS file
    under the alias ``rus``. Defects are planted as in `portfolio`.

    >>> files = folder(50, seed=1)
    >>> len(files), sorted(files)[:2]
    (71, ['r00-rus', 'r00-s0-p0'])
    >>> files['r00-s0-p0']['uses']
    {'rus': 'r00-rus.json'}
    >>> sizes = [len(doc["nodes"]) for name, doc in files.items() if not name.endswith("-rus")]
    >>> 10 <= min(sizes) and max(sizes) <= 30
    True
    """
    builder = _Builder(seed, defect_rate)
    files: dict[str, dict[str, Any]] = {}
    for number, name in enumerate(REGIONS):
        rid = f"r{number:02d}"
        share = projects // len(REGIONS) + (number < projects % len(REGIONS))
        start = len(builder.nodes)
        places = _rus_plan(builder, rid, name)
        files[f"{rid}-rus"] = {
            "insatslogik": 1,
            "id": rid,
            "title": f"Regional utvecklingsstrategi för {name} 2021–2030",
            "language": "sv",
            "nodes": builder.nodes[start:],
        }
        for project in range(share):
            place = places[project % len(places)]
            pid = f"{place.sid.removeprefix('rus:')}-p{project // len(places)}"
            start = len(builder.nodes)
            _project_plan(builder, pid, place)
            files[pid] = {
                "insatslogik": 1,
                "id": pid,
                "title": f"Projekt {pid} i {name}",
                "language": "sv",
                "uses": {"rus": f"{rid}-rus.json"},
                "nodes": builder.nodes[start:],
            }
    return files


def _rus_plan(builder: _Builder, rid: str, name: str) -> list[_Place]:
    """A region's RUS file: `_region` without projects; the places its projects link to."""
    strategy, main_goals, actors = _strategy(builder, rid, name, [])
    places = []
    for number in range(_FOLDER_SUBSTRATEGIES):
        sid = f"{rid}-s{number}"
        start = len(builder.nodes)
        _substrategy(builder, sid, name, strategy, 0, main_goals=main_goals, actors=actors)
        made = builder.nodes[start:]
        places.append(
            _Place(
                f"rus:{sid}",
                name,
                next(node["title"] for node in made if node["id"] == sid).split(" ")[1],
                [f"rus:{node['id']}" for node in made if node["kind"] == "short_term_effect"],
                [f"rus:{aid}" for aid in actors],
            )
        )
        # The substrategy's own goals (delmål), which project goals contribute to.
        goals = [node["id"] for node in made if node["kind"] == "goal"]
        builder.goals_of[f"rus:{sid}"] = [f"rus:{goal}" for goal in goals]
    _factors(builder, rid, name, main_goals)
    return places


def _project_plan(builder: _Builder, pid: str, place: _Place) -> None:
    """One project file's nodes: `_project`, then project goals until it has at least 10 nodes."""
    start = len(builder.nodes)
    _project(builder, pid, place)
    made = builder.nodes[start:]
    outcomes = [node for node in made if node["kind"] == "outcome"]
    wanted = builder.rng.randint(1, 3)
    number = 0
    while number < wanted or len(builder.nodes) - start < 10:
        goal = builder.goal(
            f"{pid}-m{number}",
            f"Projektmål: {builder.pick(_WHO)} {builder.pick(_DOES)}",
            pid,
            builder.goals_of[place.sid],
        )
        # An outcome leads to each project goal, so the project reaches its own goals too.
        outcomes[number % len(outcomes)]["contributes_to"].append(goal["id"])
        number += 1


def write_folder(
    files: dict[str, dict[str, Any]], target: str | Path, suffix: str = ".json"
) -> Path:
    """Write each plan of `folder` as `target/NAME.json` (or ``.yaml``); the folder.

    The ``uses`` paths name ``.json`` files; for YAML they are written with ``.yaml``.
    """
    root = Path(target)
    root.mkdir(parents=True, exist_ok=True)
    for name, document in files.items():
        if suffix != ".json" and "uses" in document:
            uses = {
                alias: str(Path(path).with_suffix(suffix))
                for alias, path in document["uses"].items()
            }
            write({**document, "uses": uses}, root / f"{name}{suffix}")
        else:
            write(document, root / f"{name}{suffix}")
    return root


def write(document: dict[str, Any], path: str | Path) -> Path:
    """Write `document` as JSON or YAML (by suffix), as people and the library write them.

    YAML is written a thousand nodes at a time, so a portfolio of a million nodes does not
    need the emitter's whole node tree in memory at once.
    """
    target = Path(path)
    with target.open("w", encoding="utf-8") as handle:
        if target.suffix == ".json":
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            return target
        dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        options: dict[str, Any] = {
            "Dumper": dumper,
            "allow_unicode": True,
            "sort_keys": False,
            "default_flow_style": False,
            "width": 100,
        }
        header = {key: value for key, value in document.items() if key != "nodes"}
        handle.write(yaml.dump(header, **options))
        handle.write("nodes:\n")
        nodes = document["nodes"]
        for start in range(0, len(nodes), 1000):
            # Each chunk is a block sequence at column 0: together, one list under `nodes:`.
            handle.write(yaml.dump(nodes[start : start + 1000], **options))
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nodes", type=int, nargs="?", help="about how many nodes (one file)")
    parser.add_argument(
        "--projects", type=int, help="a folder of plan files with this many projects"
    )
    parser.add_argument("-o", "--output", required=True, help="a .json or .yaml file, or a folder")
    parser.add_argument(
        "--suffix", default=".json", choices=(".json", ".yaml"), help="of a folder's files"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--defect-rate", type=float, default=0.02)
    args = parser.parse_args(argv)
    if args.projects is not None:
        files = folder(args.projects, seed=args.seed, defect_rate=args.defect_rate)
        write_folder(files, args.output, args.suffix)
        nodes = sum(len(document["nodes"]) for document in files.values())
        print(f"{len(files)} plan files, {nodes} nodes → {args.output}")
        return
    if args.nodes is None:
        parser.error("give a number of nodes, or --projects")
    document = portfolio(args.nodes, seed=args.seed, defect_rate=args.defect_rate)
    write(document, args.output)
    print(f"{len(document['nodes'])} nodes → {args.output}")


if __name__ == "__main__":
    main()
