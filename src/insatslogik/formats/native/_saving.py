"""`Model` → file text, deterministically, and files written atomically.

Nodes are written in a canonical order (by kind as in the results chain, then id), each with
its keys in schema order and its defaults left out, so equal models give equal bytes and a
saved file reads like a formatted one. Comments in a hand-written file are not kept.

>>> from insatslogik.model.model import Model
>>> from insatslogik.model.schema import Goal, Indicator
>>> model = Model([Indicator(id="i", title="Andel", values={2021: 84, 2020: 82}),
...                Goal(id="g", title="Mål", measured_by=["i"])], title="Exempel")
>>> print(dumps(model), end="")
insatslogik: 1
title: Exempel
language: sv
nodes:
- id: g
  kind: goal
  title: Mål
  measured_by:
  - i
- id: i
  kind: indicator
  title: Andel
  values:
    2020: 82
    2021: 84
"""

from __future__ import annotations

import json
import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from insatslogik.errors import WriteError
from insatslogik.formats.files import write_atomic
from insatslogik.formats.native._loading import Format, checked_format, format_of
from insatslogik.kinds import KIND_ORDER
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.plans import absolute_path, uses_folder

if TYPE_CHECKING:
    from insatslogik.model.schema import Node

__all__ = [
    "canonical_nodes",
    "document_header",
    "dumps",
    "refuse_used",
    "save",
    "used_files",
    "uses_from",
    "written_folder",
]


def _number(value: float) -> float | int:
    # 82.0 is written 82, as people write it; it loads back as the equal float 82.0.
    return int(value) if value.is_integer() else value


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, Enum):
        # A finding code in `ignore`: YAML's safe dumper writes plain strings only.
        return value.value
    return value


def _node_data(node: Node) -> dict[str, Any]:
    fields = node.model_dump(exclude_defaults=True)
    # Years and comparison labels have no order of their own: sort them, so equal models
    # write equal bytes.
    if "values" in fields:
        fields["values"] = dict(sorted(fields["values"].items()))
    if "comparisons" in fields:
        fields["comparisons"] = {
            label: _sorted_series(comparison)
            for label, comparison in sorted(fields["comparisons"].items())
        }
    if "disaggregation" in fields:
        fields["disaggregation"] = {
            dimension: {
                group: dict(sorted(by_year.items())) for group, by_year in sorted(groups.items())
            }
            for dimension, groups in sorted(fields["disaggregation"].items())
        }
    data = {"id": fields.pop("id"), "kind": node.kind}
    data.update(_plain(fields))
    return data


def _sorted_series(comparison: dict[Any, Any]) -> dict[Any, Any]:
    # A comparison is a bare series {year: value}, or {title, values, source}.
    if "values" in comparison and isinstance(comparison["values"], dict):
        return {**comparison, "values": dict(sorted(comparison["values"].items()))}
    return dict(sorted(comparison.items()))


def document_header(
    model: Model, *, folder: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """The top-level fields of a saved model, before its nodes: version, title, language, description.

    Node-link data uses the same fields as its ``graph``, and a workbook as its plan sheet.

    Args:
        model: the model.
        folder: the folder of the file to be written, to which the paths of ``uses`` are
            made relative (:func:`uses_from`); None keeps them as the plan wrote them.

    Returns:
        A new dict of the fields, in the order they are written; no description if it has
        none, and ``id`` and ``uses`` only if the plan's header has them.

    >>> import insatslogik as il
    >>> document_header(il.Model([], title="Kraftsamling digitalisering", language="sv"))
    {'insatslogik': 1, 'title': 'Kraftsamling digitalisering', 'language': 'sv'}
    """
    from insatslogik.model.schema import FORMAT_VERSION  # loaded already: every model has a header

    data: dict[str, Any] = {
        "insatslogik": FORMAT_VERSION,
        "title": model.title,
        "language": model.language,
    }
    if model.description is not None:
        data["description"] = model.description
    if model.id is not None:
        data["id"] = model.id
    if model.uses:
        data["uses"] = dict(sorted(uses_from(model, folder).items()))
    return data


def uses_from(model: Model, folder: str | os.PathLike[str] | None) -> dict[str, str]:
    r"""The plan's ``uses`` for a file written into `folder`: each path still naming the same file.

    A relative path is relative to the plan's own file, so a copy in another folder must
    name the used plans by another path: relative to the new folder, or absolute where no
    relative path leads there (another drive). An absolute path is kept as written, and so
    is every path when the folder is the plan's own, or unknown.

    The path is made between the real folders, symbolic links resolved, as the system
    follows them when the file is read: into a folder reached through a link, ``..`` leads
    from the link's target, not back to where the link is. The plan's own folder is the one
    it was read from (:attr:`~insatslogik.Model.source_path`), even after :func:`os.chdir`.

    Args:
        model: the plan, loaded with :func:`insatslogik.load` (its ``source`` is its file).
        folder: the folder of the file to be written; None keeps the paths as written.

    Returns:
        A new dict alias → path, with ``/`` between folders on every system.

    >>> import insatslogik as il
    >>> model = il.loads("insatslogik: 1\ntitle: T\n", name="planer/projekt.yaml")
    >>> model.uses = {"rus": "../rus.yaml"}
    >>> uses_from(model, "planer/kopior")
    {'rus': '../../rus.yaml'}
    >>> uses_from(model, "planer")
    {'rus': '../rus.yaml'}
    """
    if folder is None:
        return dict(model.uses)
    home = _home_folder(model)
    real_folder = os.path.realpath(folder)
    if os.path.realpath(home) == real_folder:
        return dict(model.uses)
    moved: dict[str, str] = {}
    for alias, path in model.uses.items():
        if Path(path).is_absolute():
            moved[alias] = path
            continue
        target = os.path.realpath(Path(home, path))
        try:
            moved[alias] = Path(os.path.relpath(target, real_folder)).as_posix()
        except ValueError:  # Windows: no relative path between two drives
            moved[alias] = Path(target).as_posix()
    return moved


def _home_folder(model: Model) -> str:
    # The folder the plan was read from, made absolute then; a model built in Python is
    # taken to be in the current folder, as `loads` without a name takes it.
    return os.fspath(uses_folder(absolute_path(model.source_path or model.source or "plan")))


def used_files(model: Model) -> dict[str, str]:
    r"""The files of the plans the model uses, directly or through the plans it uses.

    These are the files a plan's file names and that must stay as they are: writing the plan
    over one of them would lose that plan (:func:`refuse_used`).

    Args:
        model: the plan, loaded with :func:`insatslogik.load`, or a portfolio.

    Returns:
        A new dict: each used file's real path (links resolved) → what messages call it, the
        plan's id and its path as read; the model's own file is not among them.

    >>> import insatslogik as il
    >>> model = il.loads("insatslogik: 1\ntitle: T\n", name="planer/projekt.yaml")
    >>> model.uses = {"rus": "../rus.yaml"}
    >>> [(os.path.relpath(real), name) for real, name in used_files(model).items()]
    [('rus.yaml', 'rus (../rus.yaml)')]
    """
    own = None if model.source_path is None else os.path.realpath(model.source_path)
    found: dict[str, str] = {}
    home = _home_folder(model)
    for alias, path in model.uses.items():
        found.setdefault(os.path.realpath(Path(home, path)), f"{alias} ({path})")
    for info in model.plans.values():
        if info.absolute_path is not None:
            found.setdefault(os.path.realpath(info.absolute_path), f"{info.id} ({info.path})")
    found.pop(own or "", None)
    return found


def refuse_used(model: Model, path: str | os.PathLike[str]) -> None:
    r"""Refuse to write over a file of a plan the model uses: that plan would be lost.

    Every writer of a model asks this before it writes: a plan converted or saved over the
    RUS it uses (``insatslogik convert plan.yaml vgr/rus.yaml``) would replace the RUS by
    itself, and the plan would no longer load.

    Args:
        model: the model to be written.
        path: the file to be written; through a symbolic link, the file it points to.

    Raises:
        WriteError: naming `path` and the plan whose file it is; nothing is written.

    >>> import insatslogik as il
    >>> model = il.loads("insatslogik: 1\ntitle: T\n", name="planer/projekt.yaml")
    >>> model.uses = {"rus": "../rus.yaml"}
    >>> refuse_used(model, "planer/kopia.yaml")
    >>> refuse_used(model, "rus.yaml")
    Traceback (most recent call last):
    ...
    insatslogik.errors.WriteError: cannot write rus.yaml: it holds rus (../rus.yaml), a plan this plan uses, which would be lost; nothing was changed
    """
    if not model.uses and len(model.plans) == 1:
        return  # a plan that uses none: nothing to lose, nothing to ask the system
    name = used_files(model).get(os.path.realpath(path))
    if name is not None:
        raise WriteError(
            os.fspath(path), f"it holds {name}, a plan this plan uses, which would be lost"
        )


def canonical_nodes(model: Model) -> list[Node]:
    """The nodes a file of the plan writes, in the order files are written: kind in chain order, then id.

    A plan loaded with the plans it uses writes its own nodes, each link to a used plan's
    node as ``ALIAS:id`` (:meth:`Model.plan_nodes`): the used plans keep their own files.

    Args:
        model: the model.

    Returns:
        A new list of the plan's nodes: structure first, then the chain from resources to
        goals, then indicators, actors and context; each kind's nodes sorted by id.

    Raises:
        UsageError: for a portfolio (:func:`insatslogik.load_portfolio`), whose plans each
            keep their own file.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras"),
    ...     il.Activity(id="natverk", title="Nätverksträffar", contributes_to=["mal"]),
    ...     il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
    ...     il.Strategy(id="rus", title="Regional utvecklingsstrategi"),
    ... ], title="T")
    >>> [node.id for node in canonical_nodes(model)]
    ['rus', 'akt', 'natverk', 'mal']
    """
    # A plan loaded with the plans it uses writes its own nodes, its links as it wrote them.
    one = len(model.plans) == 1 and not model.is_portfolio  # a portfolio of one plan is not one
    return _canonical(list(model) if one else model.plan_nodes())


def _document(model: Model, folder: str | os.PathLike[str] | None) -> dict[str, Any]:
    data = document_header(model, folder=folder)
    data["nodes"] = [_node_data(node) for node in canonical_nodes(model)]
    return data


def _canonical(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda node: (KIND_ORDER[node.kind], node.id))


def dumps(
    model: Model, *, format: Format = "yaml", folder: str | os.PathLike[str] | None = None
) -> str:
    """The model as YAML or JSON text, in canonical order and ending in a newline.

    Args:
        model: the model.
        format: ``"yaml"`` (the default) or ``"json"``.
        folder: the folder the text is to be read from (standard output: the current
            folder), to which the paths of ``uses`` are made relative (:func:`uses_from`);
            None keeps them as the plan wrote them, relative to its own file.

    Returns:
        The text; equal models give equal text, and :func:`insatslogik.loads` reads it back
        as an equal model.

    Raises:
        UsageError: for another `format`, or for a portfolio (:func:`insatslogik.load_portfolio`),
            whose plans each keep their own file.

    >>> import insatslogik as il
    >>> print(dumps(il.Model([], title="Tom"), format="json"), end="")
    {
      "insatslogik": 1,
      "title": "Tom",
      "language": "sv",
      "nodes": []
    }
    """
    checked = checked_format(format)
    with collector_paused():
        return _dumps(model, checked, folder)


def _dumps(model: Model, format: Format, folder: str | os.PathLike[str] | None = None) -> str:
    data = _document(model, folder)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # PyYAML is imported here, on the first YAML written, so that saving JSON never imports it.
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


def save(model: Model, path: str | os.PathLike[str], *, format: Format | None = None) -> Path:
    """Write the model to `path` as YAML or JSON (by suffix, or `format`), atomically.

    A plan loaded with the plans it uses (``uses``) is written as its file was: its header's
    ``id`` and ``uses``, its own nodes, its links to used plans as ``ALIAS:id``; the used
    plans stay in their own files. Saved into another folder, each ``uses`` path is made
    relative to that folder (:func:`uses_from`), so that the new file loads.

    The text goes to a temporary file beside the target, which is flushed to disk and then
    renamed over it: a crash or a full disk leaves the old file as it was, never half-written.

    Args:
        model: the model.
        path: the file to write (``.yaml``, ``.yml`` or ``.json``).
        format: ``"yaml"`` or ``"json"``, when the suffix does not say.

    Returns:
        The path written, as given.

    Raises:
        UsageError: when the suffix is neither YAML nor JSON and no `format` is given, or
            for a portfolio (:func:`insatslogik.load_portfolio`), whose plans each keep their
            own file.
        WriteError: when the file cannot be written, or is the file of a plan the model
            uses (:func:`refuse_used`); the old file, if any, is unchanged.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
    >>> path = save(model, pathlib.Path(tempfile.mkdtemp(), "plan.yaml"))
    >>> print(path.read_text(encoding="utf-8"), end="")
    insatslogik: 1
    title: T
    language: sv
    nodes:
    - id: mal
      kind: goal
      title: Fler företag digitaliseras
    >>> il.load(path) == model
    True
    """
    target = Path(path)
    checked = checked_format(format) if format else format_of(str(target))
    refuse_used(model, target)
    with collector_paused():
        text = _dumps(model, checked, written_folder(target))
    return write_atomic(target, text)


def written_folder(path: str | os.PathLike[str]) -> str:
    """The real folder a file written to `path` lands in, to which its relative paths lead.

    Writing through a link to a file replaces the file it points to (as every writer here
    does), in that file's folder; a folder reached through a link is its target. The paths
    of ``uses`` a writer writes are made relative to this folder (:func:`uses_from`).

    Args:
        path: the file to be written.

    Returns:
        The folder's real path, every link resolved.

    >>> import os
    >>> written_folder("planer/kopia.yaml") == os.path.realpath("planer")
    True
    """
    return os.fspath(Path(os.path.realpath(path)).parent)
