"""Typed nodes → the networkx graph, checking on the way that every link names a node it may.

The graph is a `MultiDiGraph` whose node attribute `kind` is the node kind and whose edge key
is the edge kind; `contributes_to` edges carry `rationale`, `assumptions` and `evidence` when
given. A link must name a node that exists, is not the node itself, is named once, and is of a
kind the link may name (:data:`insatslogik.kinds.ALLOWED_TARGETS`: `measured_by` an indicator,
`part_of` a strategy, substrategy or project, …). One pass over the links builds the graph and
finds every bad link, so its cost is linear.

>>> from insatslogik.model.schema import Activity, Goal
>>> graph, issues, numbering = build_graph([Goal(id="g", title="Mål"), Activity(id="a", title="Gör", contributes_to=["g"])])
>>> list(graph.edges(keys=True)), issues, numbering.up
([('a', 'g', 'contributes_to')], [], [None, [0]])
>>> _, issues, _ = build_graph([Activity(id="a", title="Gör", contributes_to=["gg"])])
>>> issues[0].message
"activity 'a': contributes_to names 'gg', which is not defined"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import networkx as nx

from insatslogik.kinds import (
    ABOUT_TARGETS_OF,
    ALLOWED_SOURCES,
    ALLOWED_TARGETS,
    EdgeKind,
    Kind,
    with_article,
)
from insatslogik.model.measures import indicator_issues
from insatslogik.model.references import Pending, reference_issues
from insatslogik.model.validation import Issue

if TYPE_CHECKING:
    from insatslogik.model.schema import Indicator, Link, Node

__all__ = ["Built", "ChainGraph", "Numbering", "build_graph", "invalid_node_issues", "walk_up"]

# Close-match hints scan every id; past this many unknown ids they would cost more than they help.
_MAX_HINTS: Final = 20
# ... and past this many comparisons in all: 20 hints among 20 000 ids took 6 s of difflib.
_HINT_COMPARISONS: Final = 100_000


_TARGET_KINDS: Final = {
    edge: frozenset(k.value for k in kinds) for edge, kinds in ALLOWED_TARGETS.items()
}
#: What `about` may name, by the kind of the node that declares it.
_ABOUT_KINDS: Final = {
    kind.value: frozenset(k.value for k in kinds) for kind, kinds in ABOUT_TARGETS_OF.items()
}
_INDICATOR: Final = "indicator"
_COMPOSED_OF: Final = EdgeKind.COMPOSED_OF.value


@cache
def _link_fields() -> dict[type, tuple[tuple[EdgeKind, str], ...]]:
    """Each node class's link fields as (edge kind, field name), looked up once per node."""
    # The schema, and pydantic's model machinery with it, loads on first use: docs/decisions.md.
    from insatslogik.model.schema import LINK_FIELDS_OF

    return {
        cls: tuple((edge, edge.value) for edge in edges) for cls, edges in LINK_FIELDS_OF.items()
    }


@cache
def _referring_classes() -> dict[type, bool]:
    """The node classes with references that are no edge, and whether to check every node.

    True for a class with a `by` (always checked), False for one with `assessments` only
    (checked when a node has some).
    """
    from insatslogik.model.schema import NODE_TYPES

    return {
        cls: "by" in cls.model_fields
        for cls in NODE_TYPES.values()
        if {"assessments", "by"} & set(cls.model_fields)
    }


@dataclass(frozen=True)
class Numbering:
    """The links by node number, a node's place in the node list, found while building the graph.

    Lists of numbers stay in the processor's caches where dicts keyed by id would not, so the
    analyses (:class:`insatslogik.model.index.ChainIndex`) run on these. Complete only for a graph
    without issues.
    """

    #: The number of each id.
    number: dict[str, int]
    #: The kind of each number, by its plain name.
    kind: list[str]
    #: What each node contributes to (None: nothing).
    up: list[list[int] | None]
    #: What contributes to each node (None: nothing).
    down: list[list[int] | None]
    #: The structure each node is `part_of` (-1: none).
    parent: list[int]


def walk_up(parent: list[int], number: int) -> Iterator[int]:
    """The numbers node `number` is `part_of`, nearest first (its project, substrategy, …).

    Args:
        parent: the number each node is `part_of` (-1: none), as in :class:`Numbering`.
        number: the node to start from.

    Returns:
        An iterator over the numbers above `number`, itself left out.

    >>> list(walk_up([-1, 0, 1], 2))  # 2 is part of 1, which is part of 0
    [1, 0]
    """
    above = parent[number]
    while above >= 0:
        yield above
        above = parent[above]


# Edge data: a link's reasons (text), a component's weight (a number).
# A list of assumptions is a tuple of text.
_Adjacency = dict[str, dict[str, dict[str, str | float | tuple[str, ...]]]]


class ChainGraph(nx.MultiDiGraph):  # type: ignore[misc]  # networkx has no type hints
    """The graph of a model: a networkx `MultiDiGraph` that adds a model's nodes in one pass.

    It is a `MultiDiGraph` in every other way. Its own method fills the node and adjacency
    dicts (`_node`, `_succ`, `_pred`: the dict-of-dicts that networkx's Graph reference
    describes for subclasses), and gives back each node's successor and predecessor dicts, so that :func:`build_graph`
    adds the links without looking ids up again: the same graph as `add_nodes_from` and
    `add_edges_from` in the same order, several times faster, since
    `MultiDiGraph.add_edges_from` looks every edge up again through adjacency views (most of
    the time of loading a large model).
    """

    def add_numbered_nodes(
        self, nodes: Sequence[Node | None]
    ) -> tuple[dict[str, int], list[str], list[_Adjacency], list[_Adjacency], list[Issue]]:
        """Add each node once, in order, with its `kind`; no node may be in the graph yet.

        Returns:
            Where each id is written first (its number), the kinds by number ("" for a node
            left out: None, or a duplicate id), each number's successor and predecessor dicts
            (an edge is added by putting one key dict into both: ``outs[u][v] =
            ins[number of v][u] = {key: data}``), and the duplicate ids.

        >>> import insatslogik as il
        >>> graph = ChainGraph()
        >>> number, kinds, outs, ins, issues = graph.add_numbered_nodes([
        ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
        ...     il.Activity(id="akt", title="Rådgivning"),
        ...     il.Activity(id="akt", title="Rådgivning igen"),
        ... ])
        >>> number, kinds, [issue.message for issue in issues]
        ({'mal': 0, 'akt': 1}, ['goal', 'activity', ''], ["duplicate id 'akt'"])
        >>> outs[1]["mal"] = ins[0]["akt"] = {"contributes_to": {}}
        >>> list(graph.edges(keys=True))
        [('akt', 'mal', 'contributes_to')]
        """
        issues: list[Issue] = []
        index_of: dict[str, int] = {}
        kinds = [""] * len(nodes)
        outs: list[_Adjacency] = []
        ins: list[_Adjacency] = []
        kind_attributes, succ, pred = self._node, self._succ, self._pred
        for index, node in enumerate(nodes):
            out: _Adjacency = {}
            into: _Adjacency = {}
            outs.append(out)
            ins.append(into)
            if node is None:
                continue
            node_id = node.id
            first = index_of.setdefault(node_id, index)
            if first != index:
                issues.append(
                    Issue(
                        ("nodes", index, "id"), f"duplicate id {node_id!r}", first=("nodes", first)
                    )
                )
                continue
            kinds[index] = node.kind
            kind_attributes[node_id] = {"kind": node.kind}
            succ[node_id] = out
            pred[node_id] = into
        return index_of, kinds, outs, ins, issues


class Built(NamedTuple):
    """What :func:`build_graph` gives."""

    graph: ChainGraph
    issues: list[Issue]
    numbering: Numbering


def build_graph(  # noqa: PLR0912, PLR0915 (one pass over every link: the loop stays whole for speed)
    nodes: Sequence[Node | None], *, known_ids: Collection[str] = ()
) -> Built:
    """Build the graph of `nodes` and report duplicate ids and links that may not be.

    Args:
        nodes: the nodes in file order; None stands for a node that failed validation.
        known_ids: ids of such failed nodes, so links to them are not reported twice; as a
            mapping of id to the kind written (text), a link to a kind it may not name is.

    Returns:
        The graph and the links by number (both complete only when there are no issues), and
        the issues, whose paths index `nodes` as ``("nodes", i, field, j)``.

    >>> import insatslogik as il
    >>> built = build_graph([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning",
    ...                 contributes_to=[il.Link(to="mal", rationale="Råd ger digitala steg")]),
    ... ])
    >>> list(built.graph.edges(keys=True, data=True)), built.issues
    ([('akt', 'mal', 'contributes_to', {'rationale': 'Råd ger digitala steg'})], [])
    >>> built = build_graph([il.Activity(id="akt", title="Rådgivning", performed_by=["regionen"])])
    >>> [(issue.path, issue.message) for issue in built.issues]
    [(('nodes', 0, 'performed_by', 0), "activity 'akt': performed_by names 'regionen', which is not defined")]
    """
    graph = ChainGraph()
    # The nodes go in through the graph's own method, which gives back each node's adjacency
    # dicts: the links are added into them directly. One key dict is shared by both directions.
    index_of, kinds, outs, ins, issues = graph.add_numbered_nodes(nodes)
    up: list[list[int] | None] = [None] * len(nodes)
    parent = [-1] * len(nodes)
    # (issue, the id no node has, what the message says after a "did you mean" hint)
    unknown: list[tuple[Issue, str, str]] = []
    composed: list[int] = []
    pending = Pending()
    fields_of = _link_fields()
    referring = _referring_classes()
    for index, node in enumerate(nodes):
        if node is None or not kinds[index]:
            continue  # failed validation, or a duplicate id
        node_id = node.id
        out = outs[index]
        always = referring.get(type(node))
        # Only a field the class has is read: a missing one costs pydantic an exception.
        if always is not None and (always or getattr(node, "assessments")):  # noqa: B009
            pending.nodes.append(index)
        for edge, field in fields_of[type(node)]:
            value = getattr(node, field)
            if not value:
                continue
            about = edge is EdgeKind.ABOUT
            allowed = _ABOUT_KINDS[node.kind] if about else _TARGET_KINDS[edge]
            single = edge is EdgeKind.PART_OF
            chain = edge is EdgeKind.CONTRIBUTES_TO
            seen: set[str] = set()
            for position, item in enumerate((value,) if single else value):
                if about and not isinstance(item, str):
                    # An assumption about a link: checked once every link is in the graph.
                    pending.about_links.append((index, position, item))
                    continue
                link = item if chain else None
                target = item if link is None else link.to
                number = index_of.get(target)
                # The common case first: a link to a known node of an allowed kind, once.
                if (
                    number is not None
                    and kinds[number] in allowed
                    and target != node_id
                    and target not in seen
                ):
                    seen.add(target)
                    keys = out.get(target)
                    if keys is None:
                        keys = out[target] = {}
                        ins[number][node_id] = keys
                    keys[field] = {} if link is None else _attributes(link)
                    if single:
                        parent[index] = number
                    elif chain:
                        assert link is not None  # a chain link is always a Link
                        if link.assessments or isinstance(link.assumptions, tuple):
                            pending.links.append((index, position, link))
                        above = up[index]
                        if above is None:
                            up[index] = [number]
                        else:
                            above.append(number)
                    continue
                seen.add(target)
                if link is not None and (link.assessments or isinstance(link.assumptions, tuple)):
                    # A link to a node of a used plan, or one with a problem of its own: what
                    # it says of assumptions and assessments is checked all the same.
                    pending.links.append((index, position, link))
                target_kind = None if number is None else kinds[number]
                problem = _problem(node, edge, target, target_kind, allowed, known_ids=known_ids)
                if problem is not None:
                    issue = Issue(_path(index, edge, None if single else position), problem)
                    if number is None:
                        unknown.append((issue, target, ""))
                    else:
                        issues.append(issue)
        if kinds[index] == _INDICATOR:
            _add_indicator(
                node,  # type: ignore[arg-type]  # its kind says it is an Indicator
                index,
                (index_of, kinds, outs, ins),
                found=(issues, unknown, composed),
                known_ids=known_ids,
            )
    if pending.nodes or pending.links or pending.about_links:
        found, not_defined = reference_issues(
            pending, nodes, index_of, kinds, outs, known_ids=known_ids
        )
        issues += found
        unknown += not_defined
    issues += [
        *_with_hints(unknown, index_of),
        *_part_of_loops(parent, nodes),
        *_component_loops(composed, nodes, index_of),
    ]
    return Built(graph, issues, Numbering(index_of, kinds, up, _reversed(up), parent))


def invalid_node_issues(raw_nodes: Sequence[Any], nodes: Sequence[Node | None]) -> list[Issue]:
    """What :func:`build_graph` cannot see about the nodes that failed validation.

    A node with a problem of its own is left out of the graph, so its id and links were not
    checked: a repeated id, or a `part_of` naming an indicator, came to light only once the
    first problem was fixed. Here they are checked on the raw data, as far as it can be read.

    Args:
        raw_nodes: the node mappings as read.
        nodes: the validated nodes, None where a node failed validation.

    Returns:
        The issues: each id repeated where either copy is invalid (a repeat of valid nodes is
        left to :func:`build_graph`), and each link of an invalid node to an id that no node
        has, or to a node of a kind the link may not name.

    >>> raw = [
    ...     {"id": "smf", "kind": "indicator", "title": "Andel SMF"},
    ...     {"id": "akt", "kind": "activity", "part_of": "smf"},
    ...     {"id": "akt", "kind": "goal", "title": "Mål"},
    ... ]
    >>> nodes = [None, None, None]
    >>> for issue in invalid_node_issues(raw, nodes):
    ...     print(issue.path, issue.message)
    ('nodes', 2, 'id') duplicate id 'akt'
    ('nodes', 1, 'part_of') activity 'akt': part_of must name a project, strategy or substrategy, but 'smf' is an indicator
    """
    # The schema, and pydantic's model machinery with it, loads on first use: docs/decisions.md.
    from insatslogik.model.schema import ID_PATTERN

    # Only what could be an id is checked: anything else has its own problem already, and
    # quoting it whole would repeat the input.
    is_id = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
    kinds: dict[str, str] = {}
    first: dict[str, int] = {}
    first_valid: dict[str, int] = {}
    issues: list[Issue] = []
    for index, raw in enumerate(raw_nodes):
        node_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(node_id, str) or len(node_id) > _MAX_ID or not is_id(node_id):
            continue
        kind = raw.get("kind")
        kinds.setdefault(node_id, kind if isinstance(kind, str) else "")
        original = first.setdefault(node_id, index)
        valid = nodes[index] is not None
        if valid:
            seen_valid = first_valid.setdefault(node_id, index) != index
        if original != index and (not valid or (not seen_valid and nodes[original] is None)):
            issues.append(
                Issue(
                    ("nodes", index, "id"), f"duplicate id {node_id!r}", first=("nodes", original)
                )
            )
    for index, raw in enumerate(raw_nodes):
        if nodes[index] is None and isinstance(raw, dict):
            issues.extend(_raw_link_issues(index, raw, kinds, is_id))
    return issues


def _raw_link_issues(
    index: int, raw: dict[str, Any], kinds: Mapping[str, str], is_id: Callable[[str], object]
) -> Iterator[Issue]:
    node_id, kind = raw.get("id"), raw.get("kind")
    if not isinstance(node_id, str) or node_id not in kinds or not isinstance(kind, str):
        return
    if kind not in _KIND_NAMES:
        return
    for edge, sources in ALLOWED_SOURCES.items():
        value = raw.get(edge.value)
        if value is None or Kind(kind) not in sources:
            continue
        single = edge is EdgeKind.PART_OF
        about = edge is EdgeKind.ABOUT
        may_name = _ABOUT_KINDS[kind] if about else _TARGET_KINDS[edge]
        items = [value] if single else value if isinstance(value, list) else []
        for position, item in enumerate(items):
            if about and isinstance(item, dict):
                continue  # an assumption about a link: checked once the node is valid
            target = item.get("to") if isinstance(item, dict) else item
            if not isinstance(target, str) or len(target) > _MAX_ID or not is_id(target):
                continue
            target_kind = kinds.get(target)
            if target_kind is None:
                problem = f"{edge.value} names {target!r}, which is not defined"
            elif target_kind in _KIND_NAMES and target_kind not in may_name:
                allowed = with_article(sorted(may_name))
                problem = f"{edge.value} must name {allowed}, but {target!r} is {with_article([target_kind])}"
            else:
                continue
            yield Issue(
                _path(index, edge, None if single else position), f"{kind} {node_id!r}: {problem}"
            )


_KIND_NAMES: Final = frozenset(kind.value for kind in Kind)
_MAX_ID: Final = 200


def _add_indicator(
    indicator: Indicator,
    index: int,
    built: tuple[dict[str, int], list[str], list[_Adjacency], list[_Adjacency]],
    *,
    found: tuple[list[Issue], list[tuple[Issue, str, str]], list[int]],
    known_ids: Collection[str],
) -> None:
    """Check an indicator's own fields; add its `composed_of` edges (with any weight)."""
    issues, unknown, composed = found
    issues.extend(indicator_issues(index, indicator))
    if not indicator.components:
        return
    composed.append(index)
    index_of, kinds, outs, ins = built
    label = f"indicator {indicator.id!r}"
    seen: set[str] = set()
    for position, component in enumerate(indicator.components):
        target = component.id
        number = index_of.get(target)
        path = ("nodes", index, "components", position)
        if number is None:
            if target not in known_ids:
                problem = f"{label}: components names {_undefined(target)}"
                unknown.append((Issue(path, problem), target, ""))
            elif isinstance(known_ids, Mapping) and known_ids[target] not in ("", _INDICATOR):
                # A node of a used plan (ALIAS:id), whose kind is known.
                problem = f"{label}: components must name indicators, but {target!r} is {with_article([known_ids[target]])}"
                issues.append(Issue(path, problem))
        elif kinds[number] != _INDICATOR:
            issues.append(
                Issue(
                    path,
                    f"{label}: components must name indicators, but {target!r} is {with_article([kinds[number]])}",
                )
            )
        elif target == indicator.id:
            issues.append(Issue(path, f"{label}: components names the indicator itself"))
        elif target in seen:
            issues.append(Issue(path, f"{label}: components names {target!r} twice"))
        else:
            data: dict[str, str | float | tuple[str, ...]] = (
                {} if component.weight is None else {"weight": component.weight}
            )
            keys = outs[index].get(target)
            if keys is None:
                keys = outs[index][target] = {}
                ins[number][indicator.id] = keys
            keys[_COMPOSED_OF] = data
        seen.add(target)


def _component_loops(
    composed: list[int], nodes: Sequence[Node | None], index_of: dict[str, int]
) -> list[Issue]:
    """A cycle of components (an index that is, through its parts, a part of itself)."""
    if not composed:
        return []
    parts = nx.DiGraph()
    for index in composed:
        node = nodes[index]
        assert node is not None  # only valid nodes have components
        parts.add_edges_from(
            (node.id, component.id)
            for component in getattr(node, "components", ())
            if component.id in index_of and component.id != node.id
        )
    issues = []
    for group in nx.strongly_connected_components(parts):
        if len(group) < 2:
            continue
        start = min(group)
        cycle = [u for u, _ in nx.find_cycle(parts.subgraph(group), source=start)]
        first = cycle.index(min(cycle))
        ids = [*cycle[first:], *cycle[:first]]
        text = " → ".join([*ids, ids[0]])
        path = ("nodes", index_of[ids[0]], "components")
        issues.append((ids[0], Issue(path, f"components form a cycle: {text}")))
    return [issue for _, issue in sorted(issues)]


def _reversed(up: list[list[int] | None]) -> list[list[int] | None]:
    down: list[list[int] | None] = [None] * len(up)
    for source, targets in enumerate(up):
        if targets is None:
            continue
        for target in targets:
            below = down[target]
            if below is None:
                down[target] = [source]
            else:
                below.append(source)
    return down


def _problem(
    node: Node,
    edge: EdgeKind,
    target: str,
    target_kind: str | None,
    allowed: frozenset[str],
    *,
    known_ids: Collection[str],
) -> str | None:
    """What is wrong with one link, or None for a link to a node that failed validation."""
    if target_kind is None and target in known_ids:
        # That node failed validation and is reported where it is written; but if what it
        # was written as may not be named here, that is this link's problem too.
        written = known_ids.get(target) if isinstance(known_ids, Mapping) else None
        if written not in _KIND_NAMES or written in allowed:
            return None
        target_kind = written
    if target_kind is None:
        return f"{node.kind} {node.id!r}: {edge.value} names {_undefined(target)}"
    if target_kind not in allowed:
        kinds = with_article(sorted(allowed))
        problem = f"{edge.value} must name {kinds}, but {target!r} is {with_article([target_kind])}"
    elif target == node.id:
        problem = f"{edge.value} names the node itself"
    else:
        problem = f"{edge.value} names {target!r} twice"
    return f"{node.kind} {node.id!r}: {problem}"


def _undefined(target: str) -> str:
    """The words for a link to `target`, which names no node of the plan (or of a plan it uses)."""
    alias, separator, _ = target.partition(":")
    if separator:
        # A reference ALIAS:id in a plan that uses no plans: those that do check them first.
        return f"{target!r}, but the plan uses no plan called {alias!r} (its uses: none)"
    return f"{target!r}, which is not defined"


def _path(index: int, edge: EdgeKind, position: int | None) -> tuple[str | int, ...]:
    return (
        ("nodes", index, edge.value) if position is None else ("nodes", index, edge.value, position)
    )


def _attributes(link: Link) -> dict[str, str | float | tuple[str, ...]]:
    # A new dict for every edge, as networkx's add_edge makes.
    if link.rationale is None and link.assumptions is None and link.evidence is None:
        return {}
    return {
        name: value
        for name in ("rationale", "assumptions", "evidence")
        if (value := getattr(link, name)) is not None
    }


def _with_hints(unknown: list[tuple[Issue, str, str]], ids: Collection[str]) -> list[Issue]:
    import difflib  # only for bad links: not worth its import time up front

    issues = []
    for count, (issue, target, tail) in enumerate(unknown):
        affordable = count < _MAX_HINTS and (count + 1) * len(ids) <= _HINT_COMPARISONS
        close = difflib.get_close_matches(target, ids, n=1, cutoff=0.8) if affordable else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        issues.append(Issue(issue.path, issue.message + hint + tail))
    return issues


def _part_of_loops(parent: list[int], nodes: Sequence[Node | None]) -> list[Issue]:
    # Each node has at most one parent, so following parents from every node, marking what
    # is done, finds each loop once in linear time.
    state = bytearray(len(parent))  # 1: on the current walk, 2: done
    loops = []
    for start, above in enumerate(parent):
        if above < 0 or state[start]:
            continue
        walk = []
        number = start
        while number >= 0 and not state[number]:
            state[number] = 1
            walk.append(number)
            number = parent[number]
        if number >= 0 and state[number] == 1:
            loops.append(walk[walk.index(number) :])
        for done in walk:
            state[done] = 2
    issues = []
    for loop in loops:
        ids = [_id(nodes[number]) for number in loop]
        first = ids.index(min(ids))
        text = " → ".join([*ids[first:], *ids[:first], ids[first]])
        path = ("nodes", loop[first], "part_of")
        issues.append((ids[first], Issue(path, f"part_of forms a loop: {text}")))
    # In the order of the ids that start them, whatever the order of the nodes.
    return [issue for _, issue in sorted(issues)]


def _id(node: Node | None) -> str:
    assert node is not None  # only valid nodes have a parent
    return node.id
