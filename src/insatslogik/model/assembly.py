"""The one step every reader ends in: the raw header and raw nodes of a plan → a `Model`, or its issues.

Each reader turns its medium (a YAML or JSON file, node-link data, an Excel workbook, an IATI
file, a networkx graph) into the data a YAML file gives: a header mapping (title, language,
description) and a list of node mappings. :func:`assemble` validates both through the schema,
builds the graph, checking every link, and gives the model; or, if anything is wrong, the
issues, each at a path in that raw data (``("nodes", 3, "contributes_to", 0)``), for the reader
to locate in its own medium: a line and column, a cell, an XML element.

>>> model = assemble({"title": "Plan"}, [{"id": "mal", "kind": "goal", "title": "Mål"}])
>>> model
<Model 'Plan': 1 nodes, 0 links>
>>> rejected = assemble({"title": "Plan"}, [
...     {"id": "akt", "kind": "activity", "title": "Gör", "contributes_to": ["mal"]},
...     {"id": "mal", "kind": "goal"},
... ])
>>> [(issue.path, issue.message) for issue in rejected]
[(('nodes', 1, 'title'), "goal 'mal': title is required")]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from insatslogik.kinds import EdgeKind
from insatslogik.model.graph import build_graph, invalid_node_issues
from insatslogik.model.model import Locate, Model
from insatslogik.model.plans import reference_issues
from insatslogik.model.validation import (
    Describe,
    Issue,
    describe_error,
    validate_header,
    validate_nodes,
)

__all__ = ["Rejected", "assemble", "assemble_leniently"]

_LINK_FIELDS = frozenset(EdgeKind)


@dataclass(frozen=True)
class Rejected:
    """Why raw data made no model: the issues of its header, of its nodes and of their links.

    Iterating gives them all in that order. Links are checked between the nodes that are
    valid; a link to a node that is not is left to that node's own issues.
    """

    header: list[Issue]
    nodes: list[Issue]
    links: list[Issue]

    def __iter__(self) -> Iterator[Issue]:
        yield from self.header
        yield from self.nodes
        yield from self.links


def assemble(
    header: Mapping[str, Any],
    raw_nodes: list[Any],
    *,
    source: str | None = None,
    positions: Sequence[tuple[int, int] | None] = (),
    locate: Locate | None = None,
    describe: Describe = describe_error,
    used: Mapping[str, Mapping[str, str]] | None = None,
    used_names: Mapping[str, str] | None = None,
    unread: Collection[str] = (),
) -> Model | Rejected:
    """Validate a plan's raw header and nodes and build its model.

    Args:
        header: the header's keys and values as read (``insatslogik``, the format version, is
            added if missing: a reader that has one checks it first).
        raw_nodes: the node mappings as read, in the plan's order. The list is emptied once the
            nodes are validated, so that at a million nodes the model reuses the memory of the
            values read (about a GB) rather than adding to it: the caller keeps no use for it.
        source: the name of what was read (a file name), kept as the model's `source`.
        positions: where each raw node was written, (line, column) by its place in
            `raw_nodes` (None or left out: unknown); :meth:`Model.location` gives them.
        locate: how the model finds the other positions (nodes and link entries) when first
            asked: :meth:`Model.from_parts`.
        describe: how a problem with the header is put in words.
        used: the plans the header `uses`: for each alias, the kind of each of its nodes by
            id; a link may name them as ``ALIAS:id``. Such links are checked (the alias, the
            id, the kind the link may name) but left out of the model's graph:
            :meth:`Model.combined` adds them with the used plans' nodes.
        used_names: what messages call each alias's plan (its file), by alias.
        unread: aliases of used plans that could not be read, whose links are not reported.

    Returns:
        The model, or the issues (:class:`Rejected`), whose paths index the header and
        `raw_nodes` as they were given.

    >>> assemble({"title": ""}, []).header[0].message
    'title must not be empty'
    """
    # The schema, and pydantic's model machinery with it, loads on first use: docs/decisions.md.
    from insatslogik.model.schema import FORMAT_VERSION

    document, header_issues = validate_header(
        header if "insatslogik" in header else {"insatslogik": FORMAT_VERSION, **header},
        describe=describe,
    )
    nodes, node_issues = validate_nodes(raw_nodes)
    # Links to nodes that failed validation are reported where those nodes are written; the
    # ids and links of those nodes are checked apart, so every problem is reported at once.
    known = (
        {
            n["id"]: str(n.get("kind"))
            for n in reversed(raw_nodes)
            if isinstance(n, dict) and isinstance(n.get("id"), str)
        }
        if node_issues
        else {}
    )
    if node_issues:
        node_issues = [*node_issues, *invalid_node_issues(raw_nodes, nodes)]
    raw_nodes.clear()
    # Only a plan that uses others pays for a look at every link: in one that uses none, a
    # link `ALIAS:id` names no node, which the graph reports with the alias in its words.
    reference_problems: list[Issue] = []
    if used or unread:
        reference_problems, named = reference_issues(
            nodes, used or {}, names=used_names, unread=unread
        )
        known = {**known, **named}
    built = build_graph(nodes, known_ids=known)
    if reference_problems:
        built = built._replace(issues=[*reference_problems, *built.issues])
    if document is None or header_issues or node_issues or built.issues:
        return Rejected(header_issues, node_issues, built.issues)
    valid = [node for node in nodes if node is not None]
    where = {
        node.id: mark for node, mark in zip(valid, positions, strict=False) if mark is not None
    }
    return Model.from_parts(document, valid, built, source=source, positions=where, locate=locate)


#: Rounds of leaving things out: the nodes that are invalid, then the links that named them.
_ROUNDS = 4


def assemble_leniently(
    header: Mapping[str, Any],
    raw_nodes: list[Any],
    *,
    source: str | None = None,
    positions: Sequence[tuple[int, int] | None] = (),
    describe: Describe = describe_error,
    used: Mapping[str, Mapping[str, str]] | None = None,
    used_names: Mapping[str, str] | None = None,
    unread: Collection[str] = (),
) -> tuple[Model | Rejected, list[Issue]]:
    """Like :func:`assemble`, leaving out what is invalid instead of refusing the whole plan.

    A node with a problem of its own is left out, then a link (or ``part_of``) that names
    a node left out, or is wrong itself; what remains is built. A problem with the header
    (the plan's title, say) still refuses the plan: there is no model without one.

    Args:
        header: as :func:`assemble` takes it.
        raw_nodes: as :func:`assemble` takes it; links left out are removed from these
            mappings, and the list is emptied.
        source: as :func:`assemble` takes it.
        positions: as :func:`assemble` takes it.
        describe: as :func:`assemble` takes it.
        used: as :func:`assemble` takes it.
        used_names: as :func:`assemble` takes it.
        unread: as :func:`assemble` takes it.

    Returns:
        The model (or the issues that no leaving out could mend) and the issues of what was
        left out, their paths indexing `raw_nodes` as given.

    >>> model, left_out = assemble_leniently({"title": "Plan"}, [
    ...     {"id": "akt", "kind": "activity", "title": "Gör", "contributes_to": ["mal"]},
    ...     {"id": "mal", "kind": "goal"},
    ... ])
    >>> model
    <Model 'Plan': 1 nodes, 0 links>
    >>> for issue in left_out:
    ...     print(issue.path, issue.message)
    ('nodes', 0, 'contributes_to', 0) activity 'akt': contributes_to names 'mal', which is not defined
    ('nodes', 1, 'title') goal 'mal': title is required
    """
    alive = list(range(len(raw_nodes)))
    nodes = list(raw_nodes)
    raw_nodes.clear()
    left_out: list[Issue] = []
    result: Model | Rejected = Rejected([], [], [])
    for _ in range(_ROUNDS):
        result = assemble(
            header,
            [nodes[i] for i in alive],
            source=source,
            positions=[positions[i] if i < len(positions) else None for i in alive],
            describe=describe,
            used=used,
            used_names=used_names,
            unread=unread,
        )
        if isinstance(result, Model) or result.header:
            break
        issues = result.nodes or result.links
        dropped: set[int] = set()
        # Later list items first, so that removing one leaves the places of the others.
        for issue in sorted(issues, key=lambda i: i.path, reverse=True):
            mended = _leave_out(issue, alive, nodes, dropped)
            if mended is None:
                return result, left_out
            left_out.append(mended)
        alive = [index for index in alive if index not in dropped]
    left_out.sort(key=lambda issue: issue.path)
    return result, left_out


def _leave_out(issue: Issue, alive: list[int], nodes: list[Any], dropped: set[int]) -> Issue | None:
    # The issue's path indexes the nodes of this round; the one returned, the nodes as given.
    path = issue.path
    if len(path) < 2 or path[0] != "nodes" or not isinstance(path[1], int):
        return None
    original = alive[path[1]]
    moved = Issue(("nodes", original, *path[2:]), issue.message, issue.at_key, None)
    if len(path) == 2 or "id" in path[2:3] or "kind" in path[2:3] or issue.first is not None:
        dropped.add(original)
        return moved
    raw = nodes[original]
    if not isinstance(raw, dict):
        dropped.add(original)
        return moved
    field = path[2]
    value = raw.get(field)
    if (
        len(path) >= 4
        and isinstance(path[3], int)
        and isinstance(value, list)
        and path[3] < len(value)
        and field in _LINK_FIELDS
    ):
        del value[path[3]]
        return moved
    if field in _LINK_FIELDS and field in raw and (len(path) == 3 or not isinstance(value, list)):
        del raw[field]
        return moved
    # Anything else wrong inside a node (a title, a value): the node is left out.
    dropped.add(original)
    return moved
