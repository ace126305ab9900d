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
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from insatslogik.errors import ModelError, Problem
from insatslogik.formats.files import decode_text, read_input, write_atomic
from insatslogik.formats.native import (
    built_with_uses,
    canonical_nodes,
    document_header,
    refuse_used,
    written_folder,
)
from insatslogik.formats.portfolio import refuse_plans, refuse_qualified_ids
from insatslogik.kinds import EDGE_FIELD, EdgeKind
from insatslogik.model.assembly import assemble, assemble_leniently
from insatslogik.model.model import Model
from insatslogik.model.schema import FORMAT_VERSION
from insatslogik.model.validation import Issue, format_path, pydantic_words, show

__all__ = ["from_node_link", "read_node_link", "to_node_link", "write_node_link"]

_LINK_NAMES: Final = frozenset(EdgeKind)
#: The plan's header fields read from ``graph``.
_HEADER: Final = ("title", "language", "description", "id", "uses")
_ABOUT: Final = EdgeKind.ABOUT.value
# Fields written as edges: the links, and an index's components (`composed_of` edges).
_EDGE_FIELDS: Final = frozenset({*EdgeKind, *EDGE_FIELD.values()})


def to_node_link(model: Model, *, folder: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The model as a JSON-ready node-link dict (`json.dumps` takes it as it is).

    Nodes come in canonical order (kind in chain order, then id), each node's edges in the
    order of its links, so equal models give equal dicts.

    Args:
        model: the model.
        folder: the folder the data is to be read from, to which the paths of ``uses`` are
            made relative (:func:`insatslogik.formats.native.uses_from`); None keeps them as
            the plan wrote them.

    Returns:
        A new dict of plain values (text, numbers, lists, dicts): ``directed``, ``multigraph``,
        ``graph`` (the plan's header), ``nodes`` and ``edges``.

    A plan loaded with the plans it uses (:func:`insatslogik.load`) is written as
    :func:`insatslogik.save` writes it: its own nodes, its header's ``id`` and ``uses`` in
    ``graph``, and each edge into a used plan with the target ``ALIAS:id``.

    Raises:
        UsageError: for a portfolio (:func:`insatslogik.load_portfolio`): node-link data
            holds one plan.

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
    return _node_link(model, folder)


def _node_link(model: Model, folder: str | os.PathLike[str] | None) -> dict[str, Any]:
    refuse_plans(model, "node-link data")
    graph = document_header(model, folder=folder)
    node_entries = []
    edge_entries: list[dict[str, Any]] = []
    for node in canonical_nodes(model):
        fields = node.model_dump(mode="json", exclude_defaults=True, exclude={"id", "kind"})
        for name in _EDGE_FIELDS:
            fields.pop(name, None)
        refs = [ref.model_dump() for ref in getattr(node, "about_links", ())]
        if refs:
            # An assumption about a link names no node: no edge can hold it, its node does.
            fields[_ABOUT] = refs
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
                    (name, list(value) if isinstance(value, tuple) else value)
                    for name in ("rationale", "assumptions", "evidence")
                    if (value := getattr(link, name)) is not None
                )
                if link.assessments:
                    entry["assessments"] = [
                        assessment.model_dump(mode="json", exclude_defaults=True)
                        for assessment in link.assessments
                    ]
            edge_entries.append(entry)
    return {
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": node_entries,
        "edges": edge_entries,
    }


def read_node_link(path: str | os.PathLike[str], *, strict: bool = True) -> Model:
    """Read a node-link JSON file (``.nodelink.json``), as :func:`write_node_link` writes it.

    The file is UTF-8 (with or without a byte order mark), or UTF-16 or UTF-32 with one.

    Args:
        path: the file.
        strict: refuse the file for any problem (the default); False leaves out the nodes and
            edges that cannot be read, listing each in the model's `warnings`, as
            :func:`from_node_link` does.

    Returns:
        The model.

    Raises:
        ModelError: when the file is not JSON text, not node-link data, or (strictly) not a
            valid model.
        OSError: when the file cannot be read.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    >>> read_node_link(write_node_link(model, pathlib.Path(tempfile.mkdtemp(), "plan.nodelink.json"))) == model
    True
    """
    name = os.fspath(path)
    return from_node_link(read_input(name), name=name, strict=strict)


#: Digits a whole number may have: a plan's numbers are years and values, and Python refuses
#: to turn more than 4 300 digits into a number at all.
_MAX_DIGITS: Final = 100
_LONG_NUMBER: Final = re.compile(rf"-?\d{{{_MAX_DIGITS + 1},}}")


class _TooLongError(ValueError):
    """Internal: a whole number with more digits than a plan's numbers have."""


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _TooLongError(text)
    return int(text)


def _parse(data: bytes, name: str) -> Any:
    """The JSON value of a file's bytes; every way it can fail is a located problem."""
    text = decode_text(data, name)
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_int=_whole)
    except json.JSONDecodeError as error:
        message = f"JSON syntax error: {error.msg}"
        raise ModelError([Problem(name, error.lineno, error.colno, message)]) from None
    except _TooLongError as error:
        found = _LONG_NUMBER.search(text)
        at = found.start() if found else 0
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        digits = len(str(error.args[0]).lstrip("-"))
        message = f"a number of {digits} digits is too long to be a value"
        raise ModelError([Problem(name, line, column, message)]) from None
    except RecursionError:
        raise ModelError([Problem(name, None, None, "JSON is nested too deeply")]) from None


def write_node_link(model: Model, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_node_link` of the model to `path` as JSON (UTF-8, atomically).

    Args:
        model: the model.
        path: the file to write, usually ``….nodelink.json``.

    Returns:
        The path written, as given.

    Raises:
        WriteError: when the file cannot be written, or is the file of a plan the model
            uses; the old file, if any, is unchanged.

    >>> import tempfile, pathlib, insatslogik as il
    >>> write_node_link(il.Model([], title="T"), pathlib.Path(tempfile.mkdtemp(), "t.nodelink.json")).name
    't.nodelink.json'
    """
    # The paths of `uses` are made relative to the folder written to, so the file loads there.
    refuse_used(model, path)
    data = _node_link(model, written_folder(path))
    return write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def from_node_link(data: Any, *, name: str = "<node-link>", strict: bool = True) -> Model:
    """A model from node-link data: :func:`to_node_link`'s, or networkx's of :func:`to_networkx`.

    The edge list may be under ``edges`` or the older ``links``. A node whose fields are not
    under ``fields`` has them beside its ``id`` and ``kind``, as ``networkx.node_link_data``
    writes the graph of :func:`insatslogik.to_networkx`. A ``graph`` whose ``uses`` names
    other plans (paths relative to the folder of `name`) is loaded with them, as
    :func:`insatslogik.load` loads a plan file, and an edge may then end at ``ALIAS:id``.

    Data written by another tool may hold a node or an edge that cannot be read. Strictly
    (the default) the data is then refused, every problem listed; leniently the rest is
    loaded and what was left out is listed in the model's `warnings`, each problem named by
    its place in the data (``nodes[3]``, ``edges[7]``).

    Args:
        data: the parsed JSON, or the bytes of a JSON file (UTF-8, or UTF-16 or UTF-32
            with a byte order mark), such as standard input's.
        name: what error messages call the data, e.g. its file name (``<stdin>``).
        strict: refuse the data for any problem; False to leave out what cannot be read.

    Returns:
        The model, its nodes in the order of the data's ``nodes``.

    Raises:
        ModelError: when the data is not node-link data or (strictly) does not make a valid
            model; strictly, one problem for nodes whose ids are qualified by plan
            (``PLAN:id``: networkx's data of :func:`insatslogik.to_networkx` for a plan with
            the plans it uses, or a portfolio), saying to load the plan files instead.

    >>> from_node_link({"nodes": [{"id": "x"}]})
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in <node-link>:
      <node-link>: node-link data must be an object with "graph" holding the title (got no "graph")
    >>> data = {"graph": {"title": "T"}, "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"},
    ...         {"id": 7, "kind": "goal"}], "edges": [{"source": "mal", "target": "x", "key": "part_of"}]}
    >>> for warning in from_node_link(data, strict=False).warnings:
    ...     print(warning)
    <node-link>: nodes[1]: node ids must be text (got 7 (a number))
    <node-link>: edges[0]: a part_of edge names 'x', which is not a node
    """
    if isinstance(data, bytes):  # parsed JSON is never bytes: these are a file's
        data = _parse(data, name)
    header, nodes, edges, edges_key = _parts(data, name)
    if strict:
        # The flat data of to_networkx's graph may hold other plans' nodes: one problem, not
        # one for each qualified id (leniently, each is left out with its own).
        given = [node.get("id") if isinstance(node, dict) else None for node in nodes]
        refuse_qualified_ids(given, held_in="node-link data", name=name)
    problems: list[Problem] = []

    def note(message: str) -> None:
        problems.append(Problem(name, None, None, message))

    # Straight to the raw node mappings a file gives, then the loader's validation: no
    # intermediate networkx graph, whose building would cost as much as the validation.
    raw: dict[str, dict[str, Any]] = {}
    place: dict[str, int] = {}
    for index, node in enumerate(nodes):
        entry = _node_entry(node, raw)
        if isinstance(entry, str):
            note(f"nodes[{index}]: {entry}")
            continue
        raw[entry["id"]] = entry
        place[entry["id"]] = index
    uses = header.get("uses")
    aliases = frozenset(uses) if isinstance(uses, dict) else frozenset()
    for index, edge in enumerate(edges):
        trouble = _add_edge(edge, raw, aliases)
        if trouble is not None:
            note(f"{edges_key}[{index}]: {trouble}")
    ids = list(raw)
    fields: dict[str, Any] = {key: header[key] for key in _HEADER if key in header}

    def build(
        used: Mapping[str, Mapping[str, str]], used_names: Mapping[str, str], unread: list[str]
    ) -> Model:
        found = list(problems)
        raw_nodes = list(raw.values())
        with_uses: dict[str, Any] = {"used": used, "used_names": used_names, "unread": unread}
        if strict:
            result = assemble(fields, raw_nodes, source=name, describe=pydantic_words, **with_uses)
            if isinstance(result, Model):
                if not found:
                    return result
                raise ModelError(found)
            left_out: list[Issue] = []
        else:
            result, left_out = assemble_leniently(
                fields, raw_nodes, source=name, describe=pydantic_words, **with_uses
            )
        # The paths (nodes[3].title) index the data's node list, not the nodes kept.
        found.extend(_placed(issue, ids, place, name) for issue in left_out)
        if isinstance(result, Model):
            result.warnings = tuple(found)
            return result
        found.extend(
            Problem(name, None, None, f"graph.{format_path(issue.path)}: {issue.message}")
            for issue in result.header
        )
        # Links are checked once the nodes are valid.
        found.extend(_placed(issue, ids, place, name) for issue in result.nodes or result.links)
        raise ModelError(found)

    if not aliases:
        return build({}, {}, [])

    def at(path: tuple[str | int, ...], message: str) -> Problem:
        return Problem(name, None, None, f"graph.{format_path(path)}: {message}")

    return built_with_uses(name, fields, at, build)


def _placed(issue: Issue, ids: list[str], place: dict[str, int], name: str) -> Problem:
    path = issue.path
    if len(path) > 1 and path[0] == "nodes" and isinstance(path[1], int) and path[1] < len(ids):
        path = ("nodes", place[ids[path[1]]], *path[2:])
    return Problem(name, None, None, f"{format_path(path)}: {issue.message}")


def _node_entry(node: Any, raw: dict[str, dict[str, Any]]) -> dict[str, Any] | str:
    """The raw node mapping of a node-link node, or what is wrong with it."""
    if not isinstance(node, dict) or "id" not in node:
        return 'a node must be an object with an "id"'
    node_id = node["id"]
    if not isinstance(node_id, str):
        return f"node ids must be text (got {show(node_id)})"
    if node_id in raw:
        return f"duplicate node id {show(node_id)}"
    if "fields" in node:
        fields = node["fields"]
        if not isinstance(fields, dict):
            return f'the "fields" of node {show(node_id)} must be an object'
    else:
        fields = {k: v for k, v in node.items() if k not in {"id", "kind"}}
    links = sorted(
        _EDGE_FIELDS.intersection(
            k for k in fields if isinstance(k, str) and not _about_links(k, fields[k])
        )
    )
    if links:
        return f"node {show(node_id)}: links are edges, not fields (got {links[0]!r})"
    entry = dict(fields)
    if _ABOUT in entry:
        entry[_ABOUT] = list(entry[_ABOUT])  # links to nodes are added to it from the edges
    entry["id"] = node_id
    if "kind" in node:
        entry["kind"] = node["kind"]
    return entry


def _about_links(key: str, value: Any) -> bool:
    # An assumption about links in the chain keeps them in its fields: they name no node.
    return key == _ABOUT and isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _add_edge(edge: Any, raw: dict[str, dict[str, Any]], aliases: frozenset[str]) -> str | None:
    """Add a node-link edge to the raw node it starts from; what is wrong with it, if anything."""
    if not isinstance(edge, dict) or not {"source", "target", "key"} <= edge.keys():
        return 'an edge must be an object with "source", "target" and "key"'
    source, target, key = edge["source"], edge["target"], edge["key"]
    if not isinstance(key, str) or key not in _LINK_NAMES:
        return f"edge key {show(key)} is not a link kind (one of {', '.join(EdgeKind)})"
    for end, used in ((source, False), (target, _used(target, aliases))):
        if not isinstance(end, str) or (end not in raw and not used):
            return f"a {key} edge names {show(end)}, which is not a node"
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
    return None


def _used(end: Any, aliases: frozenset[str]) -> bool:
    # An edge may end at a node of a plan the header uses; the loader checks that it has it.
    if not isinstance(end, str):
        return False
    alias, colon, _ = end.partition(":")
    return bool(colon) and alias in aliases


def _parts(data: Any, name: str) -> tuple[dict[str, Any], list[Any], list[Any], str]:
    # The shape networkx expects, checked before anything is built from it: without it there
    # is nothing to read, strictly or not.
    def fail(message: str) -> ModelError:
        return ModelError([Problem(name, None, None, message)])

    if not isinstance(data, dict):
        raise fail(f"node-link data must be a JSON object (got {type(data).__name__})")
    header = data.get("graph")
    if not isinstance(header, dict):
        raise fail(
            'node-link data must be an object with "graph" holding the title (got no "graph")'
        )
    version = header.get("insatslogik", FORMAT_VERSION)
    if version != FORMAT_VERSION or type(version) is not int:
        raise fail(
            f"unsupported format version {show(version)}: this version reads {FORMAT_VERSION}"
        )
    # networkx 3.6 writes "edges"; before 3.4 it wrote "links". Either is read.
    edges_key = "edges" if "edges" in data or "links" not in data else "links"
    nodes = data.get("nodes", [])
    edges = data.get(edges_key, [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise fail(f'"nodes" and "{edges_key}" must be lists')
    return header, nodes, edges, edges_key
