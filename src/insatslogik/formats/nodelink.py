"""networkx node-link JSON in and out: the whole model, for D3, other graph tools and networkx.

The shape is what ``networkx.node_link_data`` writes for a multigraph, with the edge list
under ``edges`` (networkx ≥ 3.4; older writers used ``links``, which is read too)::

    {"directed": true, "multigraph": true,
     "graph": {"insatslogik": 1, "title": …, "language": …, "description": …},
     "nodes": [{"id": "mal", "kind": "goal", "fields": {"title": …, …}}, …],
     "edges": [{"source": "akt", "target": "mal", "key": "contributes_to", "rationale": …}, …]}

A node's own fields sit under ``fields``, never beside ``id``: networkx reads a node's ``id``
key as the node itself, so a field beside it with a reserved name (``id``, and ``source``,
``target`` or ``key`` on edges) would be lost. Edge keys are the edge kinds.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Mål", measured_by=["andel"]),
...                   il.Indicator(id="andel", title="Andel", unit="%", values={2020: 82})], title="T")
>>> data = to_node_link(model)
>>> data["nodes"][0]
{'id': 'mal', 'kind': 'goal', 'fields': {'title': 'Mål'}}
>>> data["edges"]
[{'source': 'mal', 'target': 'andel', 'key': 'measured_by'}]
>>> from_node_link(data) == model
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from insatslogik.errors import ModelError, Problem
from insatslogik.formats.files import write_atomic
from insatslogik.formats.native import canonical_nodes, document_header
from insatslogik.kinds import EDGE_FIELD, EdgeKind
from insatslogik.model.assembly import assemble
from insatslogik.model.model import Model
from insatslogik.model.schema import FORMAT_VERSION
from insatslogik.model.validation import format_path, pydantic_words

__all__ = ["from_node_link", "read_node_link", "to_node_link", "write_node_link"]

_LINK_NAMES: Final = frozenset(EdgeKind)
# Fields written as edges: the links, and an index's components (`composed_of` edges).
_EDGE_FIELDS: Final = frozenset({*EdgeKind, *EDGE_FIELD.values()})


def to_node_link(model: Model) -> dict[str, Any]:
    """The model as a JSON-ready node-link dict (`json.dumps` takes it as it is).

    Nodes come in canonical order (kind in chain order, then id), each node's edges in the
    order of its links, so equal models give equal dicts.

    Args:
        model: the model.

    Returns:
        A new dict of plain values (text, numbers, lists, dicts): ``directed``, ``multigraph``,
        ``graph`` (the plan's header), ``nodes`` and ``edges``.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="akt", title="Rådgivning",
    ...                 contributes_to=[il.Link(to="mal", rationale="Råd ger digitala steg")]),
    ... ], title="Kraftsamling digitalisering")
    >>> data = to_node_link(model)
    >>> data["graph"]
    {'insatslogik': 1, 'title': 'Kraftsamling digitalisering', 'language': 'sv'}
    >>> [node["id"] for node in data["nodes"]], data["edges"]
    (['akt', 'mal'], [{'source': 'akt', 'target': 'mal', 'key': 'contributes_to', 'rationale': 'Råd ger digitala steg'}])
    """
    graph = document_header(model)
    node_entries = []
    edge_entries: list[dict[str, Any]] = []
    for node in canonical_nodes(model):
        fields = node.model_dump(mode="json", exclude_defaults=True, exclude={"id", "kind"})
        for name in _EDGE_FIELDS:
            fields.pop(name, None)
        node_entries.append({"id": node.id, "kind": node.kind, "fields": fields})
        edge_entries.extend(
            {"source": node.id, "target": part.id, "key": EdgeKind.COMPOSED_OF.value}
            | ({} if part.weight is None else {"weight": part.weight})
            for part in getattr(node, "components", ())
        )
        for edge, target, link in node.links:
            entry: dict[str, Any] = {"source": node.id, "target": target, "key": edge.value}
            if link is not None:
                entry.update(
                    (name, value)
                    for name in ("rationale", "assumptions", "evidence")
                    if (value := getattr(link, name)) is not None
                )
            edge_entries.append(entry)
    return {
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": node_entries,
        "edges": edge_entries,
    }


def read_node_link(path: str | os.PathLike[str]) -> Model:
    """Read a node-link JSON file (``.nodelink.json``), as :func:`write_node_link` writes it.

    Args:
        path: the file.

    Returns:
        The model.

    Raises:
        ModelError: when the file is not JSON, not node-link data, or not a valid model.
        OSError: when the file cannot be read.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    >>> read_node_link(write_node_link(model, pathlib.Path(tempfile.mkdtemp(), "plan.nodelink.json"))) == model
    True
    """
    name = os.fspath(path)
    text = Path(name).read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelError(
            [Problem(name, error.lineno, error.colno, f"JSON syntax error: {error.msg}")]
        ) from None
    except RecursionError:
        raise ModelError([Problem(name, None, None, "JSON is nested too deeply")]) from None
    return from_node_link(data, name=name)


def write_node_link(model: Model, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_node_link` of the model to `path` as JSON (UTF-8, atomically).

    Args:
        model: the model.
        path: the file to write, usually ``….nodelink.json``.

    Returns:
        The path written, as given.

    Raises:
        WriteError: when the file cannot be written; the old file, if any, is unchanged.

    >>> import tempfile, pathlib, insatslogik as il
    >>> write_node_link(il.Model([], title="T"), pathlib.Path(tempfile.mkdtemp(), "t.nodelink.json")).name
    't.nodelink.json'
    """
    return write_atomic(path, json.dumps(to_node_link(model), ensure_ascii=False, indent=2) + "\n")


def from_node_link(data: Any, *, name: str = "<node-link>") -> Model:
    """A model from node-link data: :func:`to_node_link`'s, or networkx's of :func:`to_networkx`.

    The edge list may be under ``edges`` or the older ``links``. A node whose fields are not
    under ``fields`` has them beside its ``id`` and ``kind``, as ``networkx.node_link_data``
    writes the graph of :func:`insatslogik.to_networkx`.

    Args:
        data: the parsed JSON.
        name: what error messages call the data, e.g. its file name.

    Returns:
        The model, its nodes in the order of the data's ``nodes``.

    Raises:
        ModelError: when the data is not node-link data or does not make a valid model.

    >>> from_node_link({"nodes": [{"id": "x"}]})
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in <node-link>:
      <node-link>: node-link data must be an object with "graph" holding the title (got no "graph")
    """

    def fail(message: str) -> ModelError:
        return ModelError([Problem(name, None, None, message)])

    header, nodes, edges = _parts(data, fail)
    # Straight to the raw node mappings a file gives, then the loader's validation: no
    # intermediate networkx graph, whose building would cost as much as the validation.
    raw: dict[str, dict[str, Any]] = {}
    for node in nodes:
        node_id = node["id"]
        if not isinstance(node_id, str):
            raise fail(f"node ids must be text (got {node_id!r})")
        if node_id in raw:
            raise fail(f"duplicate node id {node_id!r}")
        if "fields" in node:
            fields = node["fields"]
            if not isinstance(fields, dict):
                raise fail(f'the "fields" of node {node_id!r} must be an object')
        else:
            fields = {k: v for k, v in node.items() if k not in {"id", "kind"}}
        links = sorted(_EDGE_FIELDS.intersection(k for k in fields if isinstance(k, str)))
        if links:
            raise fail(f"node {node_id!r}: links are edges, not fields (got {links[0]!r})")
        entry = dict(fields)
        entry["id"] = node_id
        if "kind" in node:
            entry["kind"] = node["kind"]
        raw[node_id] = entry
    for edge in edges:
        source, target, key = edge["source"], edge["target"], edge["key"]
        if not isinstance(key, str) or key not in _LINK_NAMES:
            raise fail(f"edge key {key!r} is not a link kind (one of {', '.join(EdgeKind)})")
        for end in (source, target):
            if not isinstance(end, str) or end not in raw:
                raise fail(f"a {key} edge names {end!r}, which is not a node")
        entry = raw[source]
        if key == EdgeKind.PART_OF:
            entry[key] = target
        elif key == EdgeKind.CONTRIBUTES_TO:
            reasons = {k: v for k, v in edge.items() if k not in {"source", "target", "key"}}
            entry.setdefault(key, []).append({"to": target, **reasons})
        elif key == EdgeKind.COMPOSED_OF:
            weight = {k: v for k, v in edge.items() if k not in {"source", "target", "key"}}
            entry.setdefault(EDGE_FIELD[EdgeKind.COMPOSED_OF], []).append({"id": target, **weight})
        else:
            entry.setdefault(key, []).append(target)
    return _model(header, list(raw.values()), name)


def _model(header: dict[str, Any], raw_nodes: list[dict[str, Any]], name: str) -> Model:
    fields: dict[str, Any] = {
        key: header[key] for key in ("title", "language", "description") if key in header
    }
    result = assemble(fields, raw_nodes, source=name, describe=pydantic_words)
    if isinstance(result, Model):
        return result
    problems = [
        Problem(name, None, None, f"graph.{format_path(issue.path)}: {issue.message}")
        for issue in result.header
    ]
    # The paths (nodes[3].title) index the node list as given; links are checked once the
    # nodes are valid.
    problems.extend(issue.as_problem(name) for issue in result.nodes or result.links)
    raise ModelError(problems)


def _parts(
    data: Any, fail: Callable[[str], ModelError]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    # The shape networkx expects, checked before anything is built from it.
    if not isinstance(data, dict):
        raise fail(f"node-link data must be a JSON object (got {type(data).__name__})")
    header = data.get("graph")
    if not isinstance(header, dict):
        raise fail(
            'node-link data must be an object with "graph" holding the title (got no "graph")'
        )
    version = header.get("insatslogik", FORMAT_VERSION)
    if version != FORMAT_VERSION or type(version) is not int:
        raise fail(f"unsupported format version {version!r}: this version reads {FORMAT_VERSION}")
    # networkx 3.6 writes "edges"; before 3.4 it wrote "links". Either is read.
    edges_key = "edges" if "edges" in data or "links" not in data else "links"
    nodes = data.get("nodes", [])
    edges = data.get(edges_key, [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise fail(f'"nodes" and "{edges_key}" must be lists')
    for index, node in enumerate(nodes):
        if not isinstance(node, dict) or "id" not in node:
            raise fail(f'nodes[{index}] must be an object with an "id"')
    for index, edge in enumerate(edges):
        if not isinstance(edge, dict) or not {"source", "target", "key"} <= edge.keys():
            raise fail(f'{edges_key}[{index}] must be an object with "source", "target" and "key"')
    return header, nodes, edges
