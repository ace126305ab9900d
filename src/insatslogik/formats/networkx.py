"""networkx graphs in and out: the whole model as a new, mutable `MultiDiGraph`, and back.

In-memory interchange, beside node-link data (:mod:`insatslogik.formats.nodelink`): node
attributes are a node's fields, edge keys the link kinds, graph attributes the plan's title,
language and description.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="g", title="Mål", measured_by=["i"]),
...                   il.Indicator(id="i", title="Andel", unit="%")], title="T")
>>> graph = to_networkx(model)
>>> graph.nodes["i"]
{'kind': 'indicator', 'title': 'Andel', 'unit': '%'}
>>> from_networkx(graph) == model
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from insatslogik.errors import ModelError
from insatslogik.formats.portfolio import refuse_qualified_ids
from insatslogik.kinds import EDGE_FIELD, EdgeKind
from insatslogik.model.assembly import assemble
from insatslogik.model.model import Model

__all__ = ["from_networkx", "to_networkx"]

_CONTRIBUTES = EdgeKind.CONTRIBUTES_TO.value


def to_networkx(model: Model) -> nx.MultiDiGraph:
    """A new, mutable graph holding the whole model: every field, not just the structure.

    Node attributes are the node's fields (not `id`, which is the node itself; not the links,
    which are the edges); graph attributes are the plan's title, language and description,
    and its header's ``id`` if it has one.
    :func:`from_networkx` turns it back into an equal model, for a plan that uses no other:
    the nodes of used plans, and every node of a portfolio, keep their qualified ids
    (``PLAN:id``), which no plan's file holds, and :func:`from_networkx` refuses them.

    Args:
        model: the model.

    Returns:
        A new graph, which the model does not share: change it freely.

    >>> import insatslogik as il
    >>> graph = to_networkx(il.Model([il.Goal(id="g", title="Mål")], title="T", language="en"))
    >>> graph.graph, list(graph.nodes(data=True))
    ({'insatslogik': 1, 'title': 'T', 'language': 'en'}, [('g', {'kind': 'goal', 'title': 'Mål'})])
    """
    from insatslogik.model.schema import FORMAT_VERSION  # loaded already: every model has a header

    graph = nx.MultiDiGraph(insatslogik=FORMAT_VERSION, title=model.title, language=model.language)
    if model.description is not None:
        graph.graph["description"] = model.description
    if model.id is not None:
        # The plan's id as its header writes it: a plan is equal to its copy only with it.
        graph.graph["id"] = model.id
    for node in model:
        fields = node.model_dump(
            exclude_defaults=True, exclude={"id", *EdgeKind, *EDGE_FIELD.values()}
        )
        refs = [ref.model_dump() for ref in getattr(node, "about_links", ())]
        if refs:
            # An assumption about a link names no node: no edge can hold it, its node does.
            fields[EdgeKind.ABOUT.value] = refs
        graph.add_node(node.id, kind=node.kind, **fields)
    graph.add_edges_from(model.graph.edges(keys=True, data=True))
    for node in model:
        for edge, target, link in node.links:
            if link is not None and link.assessments:
                graph.edges[node.id, target, edge.value]["assessments"] = [
                    assessment.model_dump(exclude_defaults=True) for assessment in link.assessments
                ]
    return graph


def from_networkx(graph: nx.MultiDiGraph) -> Model:
    """A model from a graph shaped like :func:`to_networkx`'s; raises ModelError if it is not valid.

    Edge order among a node's out-edges is kept as the order of its links. Problems are said
    at the path of the node list the graph's nodes make, in the graph's order: those of the
    nodes first; once the nodes are valid, those of the header, then those of the links.

    Args:
        graph: node ids as nodes, each with a `kind` and its fields as attributes; edges keyed
            by link kind, `contributes_to` edges with the link's `rationale`, `assumptions`
            and `evidence`; the plan's `title`, `language`, `description` and header `id`
            as graph attributes.

    Returns:
        The model, its nodes in the graph's order.

    Raises:
        ModelError: listing the problems of the first of those groups that has any; or one
            problem for a graph that holds nodes of several plans, their ids qualified
            (``PLAN:id``), as :func:`to_networkx` gives a plan with the plans it uses or a
            portfolio: load the plan files with :func:`insatslogik.load` or
            :func:`insatslogik.load_portfolio` instead.

    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph(title="Kraftsamling digitalisering")
    >>> graph.add_node("mal", kind="goal", title="Fler företag digitaliseras")
    >>> graph.add_node("akt", kind="activity", title="Rådgivning")
    >>> _ = graph.add_edge("akt", "mal", key="contributes_to", rationale="Råd ger digitala steg")
    >>> model = from_networkx(graph)
    >>> model["akt"].contributes_to[0].rationale, model.language
    ('Råd ger digitala steg', 'sv')
    >>> graph = nx.MultiDiGraph(title="T")
    >>> graph.add_node("g", kind="goal")
    >>> from_networkx(graph)
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem:
      nodes[0].title: goal 'g': title is required
    """
    refuse_qualified_ids(list(graph.nodes), held_in="the graph")
    raw: dict[Any, dict[str, Any]] = {}
    for node_id, attributes in graph.nodes(data=True):
        raw[node_id] = {"id": node_id, **attributes}
        if isinstance(attributes.get("about"), list):
            # Links to nodes are added to it below: the graph's own list is left as it is.
            raw[node_id]["about"] = list(attributes["about"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        entry = raw[source]
        if key == EdgeKind.PART_OF:
            entry[key] = target
        elif key == _CONTRIBUTES:
            entry.setdefault(key, []).append({"to": target, **data})
        elif key == EdgeKind.COMPOSED_OF:
            entry.setdefault(EDGE_FIELD[EdgeKind.COMPOSED_OF], []).append({"id": target, **data})
        else:
            entry.setdefault(key, []).append(target)
    header = {
        "title": graph.graph.get("title", ""),
        "language": graph.graph.get("language", "sv"),
        "description": graph.graph.get("description"),
    }
    if "id" in graph.graph:
        header["id"] = graph.graph["id"]
    result = assemble(header, list(raw.values()))
    if isinstance(result, Model):
        return result
    raise ModelError(issue.as_problem() for issue in result.nodes or result.header or result.links)
