"""Property tests: random valid models survive save and load, in YAML and JSON, byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.kinds import (
    ABOUT_TARGETS_OF,
    ALLOWED_SOURCES,
    ALLOWED_TARGETS,
    FOLLOW_UP_KINDS,
    EdgeKind,
    Kind,
)
from insatslogik.model.schema import LINK_FIELDS_OF, NODE_TYPES

# Text that YAML likes to misread, plus Swedish letters, quotes, colons and line breaks.
TRICKY = [
    "no",
    "yes",
    "on",
    "1.10",
    "012",
    "2020-01-01",
    "null",
    "~",
    "12:30",
    "#",
    "a: b",
    '"',
    "'",
    "- x",
    "å ä ö – ✓",
]
text = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=40))
ids = st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True)
years = st.integers(min_value=1990, max_value=2060)
values = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@st.composite
def own_fields(draw: st.DrawFn, kind: Kind) -> dict[str, object]:
    """Random values for the fields a kind has besides links."""
    fields: dict[str, object] = {
        "description": draw(_optional(text)),
        "notes": draw(_optional(text)),
        "tags": tuple(draw(st.lists(text, max_size=3))),
        "ignore": tuple(draw(st.lists(st.sampled_from(list(il.Code)), max_size=2, unique=True))),
    }
    names = NODE_TYPES[kind].model_fields
    if "period" in names and draw(st.booleans()):
        start = draw(years)
        fields["period"] = il.Period(start=start, end=start + draw(st.integers(0, 12)))
    if "budget" in names:
        fields["budget"] = draw(
            _optional(
                st.builds(
                    il.Budget, amount=st.floats(0, 1e9), currency=st.sampled_from(["SEK", "EUR"])
                )
            )
        )
        fields["owner"] = draw(_optional(text))
    if "frequency" in names:
        fields["frequency"] = draw(
            _optional(
                st.builds(
                    il.Frequency,
                    times=st.integers(1, 52),
                    hours_each=_optional(st.floats(0.25, 40)),
                )
            )
        )
    if "horizon" in names:
        fields["horizon"] = draw(st.sampled_from([None, "short", "medium", "long"]))
        fields["target_year"] = draw(_optional(years))
    if kind is Kind.INDICATOR:
        fields.update(draw(indicator_fields()))
    if "method" in names:
        fields["method"] = tuple(draw(st.lists(st.sampled_from(METHODS), max_size=3)))
        fields["season"] = draw(_optional(st.sampled_from(SEASONS)))
        fields["when"] = draw(_optional(schedules))
    if kind is Kind.QUESTION:
        fields["source"] = draw(_optional(text))
    if kind is Kind.EVALUATION:
        fields["scope"] = draw(_optional(text))
    if kind is Kind.ASSUMPTION:
        fields["status"] = draw(st.sampled_from(["untested", "holds", "fails"]))
        fields["evidence"] = draw(_optional(st.sampled_from(STRENGTHS)))
    return fields


METHODS = list(il.i18n.FOLLOW_UP_TERMS["method"])
SEASONS = list(il.i18n.FOLLOW_UP_TERMS["season"])
JUDGEMENTS = list(il.i18n.FOLLOW_UP_TERMS["judgement"])
STRENGTHS = list(il.i18n.FOLLOW_UP_TERMS["strength"])


@st.composite
def _schedule(draw: st.DrawFn) -> il.Schedule:
    start = draw(years)
    until = draw(_optional(st.integers(start, start + 12)))
    return il.Schedule(start=start, every=draw(st.integers(1, 4)), until=until)


schedules = st.one_of(
    st.lists(years, min_size=1, max_size=3).map(tuple),
    _schedule(),
)


@st.composite
def assessments(draw: st.DrawFn, judges: list[str]) -> tuple[il.Assessment, ...]:
    """Random assessments by some of `judges` (actor and evaluation ids): none if there are none."""
    if not judges:
        return ()
    return tuple(
        draw(
            st.lists(
                st.builds(
                    il.Assessment,
                    year=years,
                    by=st.sampled_from(judges),
                    judgement=st.sampled_from(JUDGEMENTS),
                    text=_optional(text),
                    evidence=_optional(text),
                ),
                max_size=2,
            )
        )
    )


def _link_assumptions(draw: st.DrawFn, assumptions: list[str]) -> object:
    """A link's `assumptions`: none, free text, or a list of assumption ids and text."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return None
    if choice == 1:
        return draw(text)
    # Text with a space is never read as an id.
    words = st.sampled_from(["Företagen vill växa", "Efterfrågan finns", "a b"])
    items = st.sampled_from(assumptions) | words if assumptions else words
    return tuple(draw(st.lists(items, min_size=1, max_size=3, unique=True)))


@st.composite
def _target(draw: st.DrawFn, comparisons: list[str]) -> dict[str, object]:
    """The fields of a valid target: a level, or relative to one of `comparisons`."""
    owner = {"set_by": draw(_optional(text))}
    if comparisons and draw(st.booleans()):
        rule = draw(st.sampled_from(["above", "below", "growth-above", "growth-below"]))
        since = draw(years) if rule.startswith("growth") else None
        year = draw(_optional(st.integers((since or 1989) + 1, 2070)))
        chosen = draw(st.sampled_from(comparisons))
        return {"relative_to": chosen, "rule": rule, "since": since, "year": year, **owner}
    return {"value": draw(values), "year": draw(_optional(years)), **owner}


kolada_sources = st.builds(
    il.KoladaSource,
    kpi=st.from_regex(r"[A-Z][0-9]{5}", fullmatch=True),
    area=st.from_regex(r"[0-9]{4}", fullmatch=True),
    gender=st.sampled_from([None, "T", "K", "M"]),
)
jsonstat_parts = {
    "url": st.sampled_from(["https://api.scb.se/OV0104/v1/doris/sv/ssd/BE/BE0101", "u"]) | text,
    "select": st.dictionaries(text, text, max_size=2),
    "time": _optional(text),
}
structured_sources = st.one_of(
    st.builds(il.Source, kolada=kolada_sources),
    st.builds(il.Source, jsonstat=st.builds(il.JsonstatSource, **jsonstat_parts)),
    st.builds(
        il.Source,
        pxweb=st.builds(
            il.PxwebSource,
            **jsonstat_parts,
            query=_optional(st.fixed_dictionaries({"query": st.lists(text, max_size=2)})),
        ),
    ),
)


@st.composite
def indicator_fields(draw: st.DrawFn) -> dict[str, object]:
    """Random values for every field of an indicator but its components."""
    series = st.dictionaries(years, values, min_size=1, max_size=2)
    comparison = st.one_of(
        series,
        st.builds(il.Comparison, title=_optional(text), values=series, source=_optional(text)),
    )
    comparisons = draw(st.dictionaries(text, comparison, max_size=2))
    names = sorted(comparisons)
    target = draw(_optional(_target(names).map(lambda fields: il.Target(**fields))))
    revisions = draw(
        st.lists(
            st.builds(
                lambda fields, decided, reason: il.Revision(
                    **fields, decided=decided, reason=reason
                ),
                _target(names),
                years,
                _optional(text),
            ),
            max_size=2,
        )
    )
    return {
        "number": draw(_optional(st.sampled_from(["1", "3b", "12"]) | text)),
        "source": draw(_optional(text | structured_sources)),
        "unit": draw(_optional(st.sampled_from(["%", "antal", "kr"]) | text)),
        "geography": draw(_optional(text)),
        "baseline": draw(_optional(st.builds(il.Observation, year=years, value=values))),
        "target": target,
        "revisions": tuple(revisions),
        "values": draw(st.dictionaries(years, values, max_size=4)),
        "comparisons": comparisons,
        "disaggregation": draw(
            st.dictionaries(text, st.dictionaries(text, series, min_size=1, max_size=2), max_size=2)
        ),
        "measure": draw(st.sampled_from(["level", "cumulative", "incremental"])),
        # Never `sum`: a random unit may be a percentage, which may not be summed.
        "aggregate": draw(st.sampled_from([None, "mean", "weighted-mean", "none"])),
        "follow_up_every": draw(st.integers(1, 6)),
    }


@st.composite
def models(draw: st.DrawFn, *, follow_up: bool = True) -> il.Model:
    """Random valid models: every kind, links only where DESIGN §3 allows, no part_of loops.

    With `follow_up`, also the follow-up plan (DESIGN §10): questions, evaluations,
    assumptions (about nodes and links) and recommendations, assessments on nodes and links,
    and links whose assumptions name assumption nodes.
    """
    node_ids = draw(st.lists(ids, min_size=1, max_size=15, unique=True))
    offered = [k for k in Kind if follow_up or k not in FOLLOW_UP_KINDS]
    kinds = {node_id: draw(st.sampled_from(offered)) for node_id in node_ids}
    evaluations = [t for t in node_ids if kinds[t] is Kind.EVALUATION]
    if not evaluations:
        # A recommendation is made by an evaluation: none without one.
        kinds = {t: Kind.ACTOR if k is Kind.RECOMMENDATION else k for t, k in kinds.items()}
    judges = [t for t in node_ids if kinds[t] in {Kind.ACTOR, Kind.EVALUATION}]
    assumption_ids = [t for t in node_ids if kinds[t] is Kind.ASSUMPTION]
    rng = random.Random(draw(st.integers(0, 2**32)))
    order = list(node_ids)  # part_of may only point earlier in this order: no loops
    nodes = []
    chain_links: list[il.LinkRef] = []
    for position, node_id in enumerate(order):
        kind = kinds[node_id]
        fields = draw(own_fields(kind))
        for edge in LINK_FIELDS_OF[NODE_TYPES[kind]]:
            allowed = ABOUT_TARGETS_OF[kind] if edge is EdgeKind.ABOUT else ALLOWED_TARGETS[edge]
            pool = [t for t in node_ids if t != node_id and Kind(kinds[t]) in allowed]
            if edge is EdgeKind.PART_OF:
                pool = [t for t in order[:position] if Kind(kinds[t]) in ALLOWED_TARGETS[edge]]
                fields["part_of"] = rng.choice(pool) if pool and rng.random() < 0.6 else None
                continue
            if edge is EdgeKind.RESPONSIBLE and kind is Kind.EVALUATION:
                # Not those who evaluate: a networkx graph keeps one order of the targets a
                # node names, so two fields naming the same actors may come back reordered.
                pool = [t for t in pool if t not in fields.get("performed_by", ())]
            chosen = rng.sample(pool, k=min(len(pool), rng.randint(0, 3)))
            if edge is EdgeKind.CONTRIBUTES_TO:
                fields[edge.value] = tuple(
                    il.Link(
                        to=t,
                        rationale=draw(_optional(text)),
                        evidence=draw(_optional(text)),
                        **(
                            {
                                "assumptions": _link_assumptions(draw, assumption_ids),
                                "assessments": draw(assessments(judges)),
                            }
                            if follow_up
                            else {}
                        ),
                    )
                    for t in chosen
                )
                chain_links.extend(il.LinkRef(source=node_id, target=t) for t in chosen)
            else:
                fields[edge.value] = tuple(chosen)
        if follow_up and "assessments" in NODE_TYPES[kind].model_fields:
            fields["assessments"] = draw(assessments(judges))
        if kind is Kind.RECOMMENDATION:
            fields["by"] = rng.choice(evaluations)
        assert kind in ALLOWED_SOURCES[EdgeKind.PART_OF] or "part_of" not in fields
        if kind is Kind.INDICATOR:
            # Components name indicators earlier in the order: no cycles.
            earlier = [t for t in order[:position] if kinds[t] is Kind.INDICATOR]
            chosen = rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2)))
            fields["components"] = tuple(
                il.Component(id=t, weight=draw(_optional(st.floats(0, 10)))) for t in chosen
            )
        nodes.append(NODE_TYPES[kind](id=node_id, title=draw(text), **fields))
    # Assumptions about links: the links are all known only now.
    for index, node in enumerate(nodes):
        if isinstance(node, il.Assumption) and chain_links:
            refs = rng.sample(chain_links, k=min(len(chain_links), rng.randint(0, 2)))
            nodes[index] = node.model_copy(update={"about": (*node.about, *refs)})
    return il.Model(
        nodes,
        title=draw(text),
        language=draw(st.sampled_from(["sv", "en"])),
        description=draw(_optional(text)),
    )


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(models(), st.sampled_from(["yaml", "json"]))
def test_load_of_dumps_gives_an_equal_model(model: il.Model, fmt: str) -> None:
    text_ = il.dumps(model, format=fmt)  # type: ignore[arg-type]
    again = il.loads(text_, format=fmt)  # type: ignore[arg-type]
    assert again == model
    assert sorted(again.graph.edges(keys=True, data=True)) == sorted(
        model.graph.edges(keys=True, data=True)
    )


@SETTINGS
@given(models(), st.sampled_from(["yaml", "json"]), st.randoms())
def test_equal_models_dump_to_identical_bytes(
    model: il.Model, fmt: str, rng: random.Random
) -> None:
    shuffled = list(model)
    rng.shuffle(shuffled)
    other = il.Model(
        shuffled, title=model.title, language=model.language, description=model.description
    )
    assert il.dumps(other, format=fmt) == il.dumps(model, format=fmt)  # type: ignore[arg-type]
    assert il.dumps(model, format=fmt) == il.dumps(model, format=fmt)  # type: ignore[arg-type]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(models())
def test_save_and_load_through_files(tmp_path: Path, model: il.Model) -> None:
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"plan{suffix}"
        il.save(model, path)
        first = path.read_bytes()
        assert il.load(path) == model
        il.save(il.load(path), path)
        assert path.read_bytes() == first


@SETTINGS
@given(models())
def test_networkx_round_trip(model: il.Model) -> None:
    assert il.from_networkx(il.to_networkx(model)) == model
