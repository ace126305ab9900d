"""The follow-up plan's references that are no edge of the graph, checked once the graph is built.

An assessment's `by` (an evaluation or an actor), a recommendation's `by` (an evaluation), the
assumption ids in a link's `assumptions` list, and an assumption `about` a link (``{from: A,
to: B}``, which must be a `contributes_to` link of the plan). :func:`insatslogik.model.graph.
build_graph` collects what to check while it adds the links and calls :func:`reference_issues`,
so a plan without a follow-up part pays nothing.

>>> from insatslogik.model.graph import build_graph
>>> from insatslogik.model.schema import Activity, Assessment, Goal
>>> built = build_graph([
...     Goal(id="mal", title="Mål", assessments=[Assessment(year=2023, by="mal", judgement="partly")]),
... ])
>>> [(issue.path, issue.message) for issue in built.issues]  # doctest: +NORMALIZE_WHITESPACE
[(('nodes', 0, 'assessments', 0, 'by'),
  "goal 'mal': an assessment's by must name an actor or evaluation, but 'mal' is a goal")]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from insatslogik.kinds import EdgeKind, Kind, with_article
from insatslogik.model.validation import Issue

if TYPE_CHECKING:
    from insatslogik.model.schema import Link, LinkRef, Node

__all__ = ["Pending", "reference_issues"]

Path = tuple[str | int, ...]

_ASSESSORS: Final = frozenset({Kind.ACTOR.value, Kind.EVALUATION.value})
_EVALUATIONS: Final = frozenset({Kind.EVALUATION.value})
_ASSUMPTION: Final = Kind.ASSUMPTION.value
_CONTRIBUTES: Final = EdgeKind.CONTRIBUTES_TO.value


@dataclass
class Pending:
    """What :func:`reference_issues` is to check, gathered while the graph is built."""

    #: Numbers of the nodes with assessments, or a recommendation's `by`.
    nodes: list[int] = field(default_factory=list)
    #: (node number, place in `contributes_to`, link) of links with assessments or an
    #: assumptions list.
    links: list[tuple[int, int, Link]] = field(default_factory=list)
    #: (node number, place in `about`, link) of an assumption about a link.
    about_links: list[tuple[int, int, LinkRef]] = field(default_factory=list)


def reference_issues(
    pending: Pending,
    nodes: Sequence[Node | None],
    index_of: Mapping[str, int],
    kinds: Sequence[str],
    outs: Sequence[Mapping[str, Mapping[str, Any]]],
    *,
    known_ids: Collection[str] = (),
) -> tuple[list[Issue], list[tuple[Issue, str, str]]]:
    """Check the follow-up references gathered in `pending`.

    Args:
        pending: what to check.
        nodes: the nodes in file order (None: failed validation).
        index_of: the number of each id.
        kinds: the kind of each number ("" for a node left out).
        outs: each number's links: target id → {edge kind: data}.
        known_ids: ids of nodes that failed validation; a reference to one is not reported
            again.

    Returns:
        The issues, and apart from them the references to ids no node has, with the id (so
        that the caller can add a "did you mean" hint) and what the message says after the
        hint ("" for nothing).

    >>> from insatslogik.model.schema import Recommendation
    >>> issues, unknown = reference_issues(
    ...     Pending(nodes=[0]), [Recommendation(id="r", title="Rek", by="utv")], {"r": 0},
    ...     ["recommendation"], [{}])
    >>> issues, [(issue.message, target) for issue, target, _ in unknown]
    ([], [("recommendation 'r': by names 'utv', which is not defined", 'utv')])
    """
    checker = _Checker(index_of, kinds, known_ids)
    for index in pending.nodes:
        node = nodes[index]
        assert node is not None  # only valid nodes are pending
        label = f"{node.kind} {node.id!r}"
        for position, assessment in enumerate(getattr(node, "assessments", ())):
            path = ("nodes", index, "assessments", position, "by")
            checker.named(path, label, assessment.by, _ASSESSORS, "an assessment's by")
        by = getattr(node, "by", None)
        if isinstance(by, str):
            checker.named(("nodes", index, "by"), label, by, _EVALUATIONS, "by")
    for index, position, link in pending.links:
        node = nodes[index]
        assert node is not None
        checker.link(("nodes", index, _CONTRIBUTES, position), f"{node.kind} {node.id!r}", link)
    for index, position, ref in pending.about_links:
        node = nodes[index]
        assert node is not None
        where: Path = ("nodes", index, EdgeKind.ABOUT.value, position)
        checker.about_link(where, f"{node.kind} {node.id!r}", ref, outs)
    return checker.issues, checker.unknown


@dataclass
class _Checker:
    """The references checked so far: the issues, and the ids no node has."""

    index_of: Mapping[str, int]
    kinds: Sequence[str]
    known_ids: Collection[str]
    issues: list[Issue] = field(default_factory=list)
    unknown: list[tuple[Issue, str, str]] = field(default_factory=list)

    def _kind(self, target: str) -> str | None:
        number = self.index_of.get(target)
        if number is not None:
            return self.kinds[number] or None
        # A node of a used plan (``rus:mal``) or one that failed validation: the kind it was
        # written as, where the caller knows it.
        known = self.known_ids.get(target) if isinstance(self.known_ids, Mapping) else None
        return known if isinstance(known, str) and known else None

    def named(
        self, path: Path, label: str, target: str, allowed: frozenset[str], what: str
    ) -> None:
        """A reference that must name a node of one of the `allowed` kinds."""
        kind = self._kind(target)
        if kind is None:
            if target not in self.known_ids:
                issue = Issue(path, f"{label}: {what} names {target!r}, which is not defined")
                self.unknown.append((issue, target, ""))
        elif kind not in allowed:
            article = with_article(sorted(allowed))
            problem = f"{what} must name {article}, but {target!r} is {with_article([kind])}"
            self.issues.append(Issue(path, f"{label}: {problem}"))

    def link(self, base: Path, label: str, link: Link) -> None:
        """A link's assessments and the assumption ids in its list."""
        for place, assessment in enumerate(link.assessments):
            what = f"an assessment of the link to {link.to!r}: by"
            self.named((*base, "assessments", place, "by"), label, assessment.by, _ASSESSORS, what)
        if not isinstance(link.assumptions, tuple):
            return
        ids = set(link.assumption_ids)
        for place, item in enumerate(link.assumptions):
            if item not in ids:
                continue  # text
            kind = self._kind(item)
            path = (*base, "assumptions", place)
            if kind is None:
                if item not in self.known_ids:
                    problem = f"the link to {link.to!r} names no assumption {item!r}"
                    # A short phrase ("5G-utbyggnad") is read as an id: say how to keep it text.
                    advice = (
                        "; an item shaped like an id names an assumption: to keep it as text, "
                        f'write a sentence, or the assumptions as one string (assumptions: "{item}")'
                    )
                    self.unknown.append((Issue(path, f"{label}: {problem}"), item, advice))
            elif kind != _ASSUMPTION:
                problem = (
                    f"the link to {link.to!r} names {item!r} among its assumptions, "
                    f"but it is {with_article([kind])}, not an assumption"
                )
                self.issues.append(Issue(path, f"{label}: {problem}"))

    def about_link(
        self, path: Path, label: str, ref: LinkRef, outs: Sequence[Mapping[str, Mapping[str, Any]]]
    ) -> None:
        """An assumption about a link: both ends defined, and a `contributes_to` between them."""
        text = f"about names the link from {ref.source!r} to {ref.target!r}"
        missing = [end for end in (ref.source, ref.target) if self._kind(end) is None]
        if missing:
            if not any(end in self.known_ids for end in missing):
                self.issues.append(
                    Issue(path, f"{label}: {text}, but {missing[0]!r} is not defined")
                )
        elif ref.source not in self.index_of or ref.target not in self.index_of:
            return  # a link of a used plan: checked where the plans are put together
        elif _CONTRIBUTES not in outs[self.index_of[ref.source]].get(ref.target, {}):
            problem = f"{text}, but {ref.source!r} has no contributes_to link to {ref.target!r}"
            self.issues.append(Issue(path, f"{label}: {problem}"))
