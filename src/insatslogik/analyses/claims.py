"""Queries over the plan's causal claims: the links, the assumptions they rest on, the judgements.

A `contributes_to` link is a claim that one step leads to the next. These functions ask where
the claims leading to a goal are weak: :func:`fragile_links` (resting on assumptions that are
untested or have failed), :func:`unsupported_links` (no rationale or no evidence written) and
:func:`assessments_of_chain` (everything every assessment says about one goal's chain, by year).

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=[
...         il.Link(to="mal", rationale="Råd sänker tröskeln", assumptions=["vilja"])]),
...     il.Assumption(id="vilja", title="SMF vill ta emot råd"),
... ], title="Kraftsamling digitalisering")
>>> [(link.source, link.target, link.untested) for link in il.fragile_links(model, "mal")]
[('akt', 'mal', ('vilja',))]
>>> [(link.source, link.missing) for link in il.unsupported_links(model)]
[('akt', ('evidence',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from insatslogik.kinds import GOAL_LEVEL, Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.reach import backward
from insatslogik.model.schema import Assessment, Assumption, Link, Question

__all__ = [
    "ChainAssessment",
    "FragileLink",
    "UnsupportedLink",
    "assessments_of_chain",
    "fragile_links",
    "unsupported_links",
]

_ASSUMPTION: Final = Kind.ASSUMPTION.value
# The chain level of each kind by its plain name; off-chain kinds sort after the goals.
_LEVEL_OF: Final = {
    kind.value: GOAL_LEVEL + 1 if kind.level is None else kind.level for kind in Kind
}


@dataclass(frozen=True)
class FragileLink:
    """A `contributes_to` link that rests on assumptions not shown to hold.

    `untested` are the assumptions (ids) with status untested, `failed` those with status fails.
    """

    source: str
    target: str
    untested: tuple[str, ...]
    failed: tuple[str, ...]


@dataclass(frozen=True)
class UnsupportedLink:
    """A `contributes_to` link that lacks a written reason: `missing` names what it lacks.

    `missing` holds ``"rationale"`` (why the step should lead to the next), ``"evidence"``
    (what shows it does), or both.
    """

    source: str
    target: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class ChainAssessment:
    """One assessment of a node, link or question in a goal's chain.

    `node` is what was judged: a node or question, or for a link its source, with `target`
    the node the link names (None for a node); `kind` the kind of `node`.
    """

    year: int
    node: str
    target: str | None
    kind: str
    by: str
    judgement: str
    text: str | None = None
    evidence: str | None = None


def _chain_links(model: Model, members: Iterable[int]) -> Iterator[tuple[str, str, Link]]:
    """The `contributes_to` links from `members` (numbers) to members, in chain order.

    By the source's chain level and id, then the target's id; `members` is every node when it
    is the model's whole range.
    """
    index = model.index
    inside = members if isinstance(members, range) else set(members)
    ids, kind, number = index.ids, index.kind, index.number
    sources = sorted(
        (n for n in inside if index.up[n] is not None), key=lambda n: (_LEVEL_OF[kind[n]], ids[n])
    )
    for source in sources:
        links = _field(index.nodes[source], "contributes_to")
        if len(links) > 1:
            links = sorted(links, key=lambda item: item.to)
        for link in links:
            if number[link.to] in inside:
                yield ids[source], link.to, link


def _field(node: object, name: str) -> Any:
    """A node's field, or () for a kind without it.

    Read from the node's fields directly: asking a pydantic model for an attribute its class
    lacks goes through a slow path, which costs seconds over a portfolio's chain.
    """
    return vars(node).get(name, ())


def _chain(model: Model, goal: str) -> set[int]:
    """The numbers of the goal and every node whose chain leads to it."""
    number = model.index.number
    return {number[node_id] for node_id in backward(model.index, [goal])}


def fragile_links(model: Model, goal: str) -> list[FragileLink]:
    """The links of a goal's chain that rest on an untested or a failed assumption.

    The chain is every node from which the goal is reached along `contributes_to` links, and
    the goal; its links are those between its nodes. An assumption names a link from either
    side (:meth:`insatslogik.Model.link_assumptions`). Cost: one search down from the goal and
    one look at each link of its chain.

    Args:
        model: the model.
        goal: the id of the goal (any chain node works: its chain is what leads to it).

    Returns:
        The links, by their source's chain level and id, then target id; empty when every
        assumption of the chain holds (or it has none).

    Raises:
        KeyError: for an unknown id.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
    ...     il.ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser",
    ...                        contributes_to=["mal"]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["kort"]),
    ...     il.Assumption(id="vilja", title="SMF vill ta emot råd", status="fails",
    ...                   about=[il.LinkRef(source="akt", target="kort")]),
    ...     il.Assumption(id="tid", title="SMF har tid att delta", status="holds",
    ...                   about=[il.LinkRef(source="kort", target="mal")]),
    ... ], title="Kraftsamling digitalisering")
    >>> fragile_links(model, "mal")
    [FragileLink(source='akt', target='kort', untested=(), failed=('vilja',))]
    """
    model[goal]  # the helpful KeyError for an unknown id
    with collector_paused():
        index = model.index
        # The links assumptions name by their ends; other links need a look only if their own
        # `assumptions` is a list (which may name assumptions by id).
        named = {
            (item.source, item.target)
            for number in index.of_kind(_ASSUMPTION)
            for item in _field(index.nodes[number], "about")
            if not isinstance(item, str)
        }
        found = []
        for source, target, link in _chain_links(model, _chain(model, goal)):
            if not isinstance(link.assumptions, tuple) and (source, target) not in named:
                continue
            untested, failed = [], []
            for assumption_id in model.link_assumptions(source, target):
                assumption = model[assumption_id]
                if not isinstance(assumption, Assumption):
                    continue
                if assumption.status == "untested":
                    untested.append(assumption_id)
                elif assumption.status == "fails":
                    failed.append(assumption_id)
            if untested or failed:
                found.append(FragileLink(source, target, tuple(untested), tuple(failed)))
        return found


def unsupported_links(model: Model) -> list[UnsupportedLink]:
    """The `contributes_to` links that lack a rationale, evidence, or both.

    A link's `rationale` says why one step should lead to the next, its `evidence` what shows
    that it does; a link without them is a claim nobody has argued. Cost: one look at each link.

    Returns:
        Every such link, by its source's chain level and id, then target id, with what it
        lacks; filter on `missing` for one of the two.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
    ...     il.ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser",
    ...         contributes_to=[il.Link(to="mal", rationale="Deltagande höjer mognaden",
    ...                                 evidence="Tillväxtverkets uppföljning 2021")]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["kort"]),
    ... ], title="Kraftsamling digitalisering")
    >>> unsupported_links(model)
    [UnsupportedLink(source='akt', target='kort', missing=('rationale', 'evidence'))]
    """
    with collector_paused():
        found = []
        for source, target, link in _chain_links(model, range(len(model))):
            missing = tuple(
                name for name in ("rationale", "evidence") if getattr(link, name) is None
            )
            if missing:
                found.append(UnsupportedLink(source, target, missing))
        return found


def assessments_of_chain(model: Model, goal: str) -> list[ChainAssessment]:
    """Everything every assessment says about one goal's chain, by year.

    The chain is the goal and every node whose `contributes_to` links lead to it; with it come
    the indicators that measure those nodes, the links between them, and the questions about
    any of them. Each assessment of one of these is one entry.

    Args:
        model: the model.
        goal: the id of the goal.

    Returns:
        The entries by year, then by chain level and id of what was judged (nodes before
        indicators and questions, a link after its source node), in the order each was written.

    Raises:
        KeyError: for an unknown id.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Actor(id="vgr", title="Västra Götalandsregionen"),
    ...     il.Goal(id="mal", title="Fler SMF tar steg", assessments=[
    ...         il.Assessment(year=2023, by="vgr", judgement="partly")]),
    ...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=[il.Link(
    ...         to="mal", assessments=[il.Assessment(year=2022, by="vgr", judgement="achieved")])]),
    ...     il.Question(id="q", title="Har fler SMF tagit steg?", about=["mal"], assessments=[
    ...         il.Assessment(year=2023, by="vgr", judgement="unclear", text="För tidigt att säga")]),
    ... ], title="Kraftsamling digitalisering")
    >>> [(a.year, a.node, a.target, a.judgement) for a in assessments_of_chain(model, "mal")]
    [(2022, 'akt', 'mal', 'achieved'), (2023, 'mal', None, 'partly'), (2023, 'q', None, 'unclear')]
    """
    model[goal]
    with collector_paused():
        numbers = _chain(model, goal)
        members = {model.index.ids[n] for n in numbers}
        entries: list[tuple[tuple[int, int, str, str], ChainAssessment]] = []

        def add(node_id: str, target: str | None, assessments: tuple[Assessment, ...]) -> None:
            if not assessments:
                return
            kind = model[node_id].kind
            place = (_LEVEL_OF[kind], node_id, target or "")
            for assessment in assessments:
                entry = ChainAssessment(
                    assessment.year,
                    node_id,
                    target,
                    kind,
                    assessment.by,
                    assessment.judgement,
                    assessment.text,
                    assessment.evidence,
                )
                entries.append(((assessment.year, *place), entry))

        measuring: set[str] = set()
        nodes = model.index.nodes
        for number in numbers:
            node = nodes[number]
            add(node.id, None, _field(node, "assessments"))
            measuring.update(_field(node, "measured_by"))
        for source, target, link in _chain_links(model, numbers):
            add(source, target, link.assessments)
        for indicator in measuring - members:
            add(indicator, None, _field(model[indicator], "assessments"))
        subjects = members | measuring
        for question in model.nodes(Kind.QUESTION):
            if isinstance(question, Question) and subjects.intersection(question.about):
                add(question.id, None, question.assessments)
        # A stable sort: the assessments of one thing keep the order they were written in.
        entries.sort(key=lambda entry: entry[0])
        return [entry for _, entry in entries]
