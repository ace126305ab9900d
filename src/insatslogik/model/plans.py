"""Plans that use other plans: plan ids, references ``ALIAS:id``, and qualified ids ``PLAN:id``.

A plan file may name other plans in its header (``uses: {rus: ../rus.yaml}``) and their nodes
in its links as ``ALIAS:node-id``. In a model of several plans every node of a plan other than
the file loaded (and, in a portfolio, every node) has the qualified id ``PLAN:node-id``, the
plan's own id (its header ``id``, or its file's name), not the alias. This module holds what
that takes without reading files: the plan's id, the check of references and the rewriting of
a plan's nodes to qualified ids. Which fields are links comes from the schema's table of link
fields, so a new link field takes references without a change here.

>>> plan_id_of("Kraftsamling digitalisering 2022.yaml")
'Kraftsamling-digitalisering-2022'
>>> split_reference("rus:mal"), split_reference("mal")
(('rus', 'mal'), (None, 'mal'))
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Final

from insatslogik.model.validation import Issue

if TYPE_CHECKING:
    from insatslogik.model.schema import Node

__all__ = [
    "PlanInfo",
    "absolute_path",
    "plan_id_of",
    "qualified",
    "reference_issues",
    "requalified",
    "split_reference",
]

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9_.-]+")
#: The separator of a plan's id and a node's id in a reference or a qualified id.
SEPARATOR: Final = ":"


@dataclass(frozen=True)
class PlanInfo:
    """One plan of a model: its id, title, file, the plans it uses, and whether it is at home.

    A plan is *at home* when it was asked for: the file :func:`insatslogik.load` read, or a
    plan given to :func:`insatslogik.load_portfolio`. The plans they use are context: their
    nodes are in the model for links to name, but analyses report on the plans at home only.

    >>> PlanInfo("proj", "Projektet", "proj.yaml", {"rus": "rus-vg"}, home=True).uses
    {'rus': 'rus-vg'}
    """

    id: str
    title: str
    path: str | None
    #: The plans this one uses: alias → plan id.
    uses: Mapping[str, str] = field(default_factory=dict)
    home: bool = True
    #: `path` made absolute when the plan was read (None without a path), so that its file is
    #: still known after the current folder changes (:func:`absolute_path`).
    absolute_path: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.absolute_path is None and self.path is not None:
            # Frozen: the one way to fill in a field the caller left out.
            object.__setattr__(self, "absolute_path", absolute_path(self.path))


def uses_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a plan file's ``uses`` paths are relative to: the file's, links followed.

    A plan file that is itself a link names the plans beside the file it points to, so that a
    folder of links to plans kept elsewhere loads as they do; any other path stays as written
    (messages show it), the system following links to folders as it reads.

    Args:
        path: the plan's file.

    Returns:
        The folder.

    >>> uses_folder("planer/projekt.yaml").as_posix()
    'planer'
    """
    written = Path(path)
    return Path(os.path.realpath(written)).parent if written.is_symlink() else written.parent


def absolute_path(path: str) -> str:
    """`path` joined to the current folder, as the system reads it now, nothing resolved.

    A plan's ``uses`` are relative to its file, and its file may be relative to the current
    folder: a model keeps this of its file, so that it still names the same files after
    :func:`os.chdir`. Nothing is normalised: ``link/..`` goes where the system goes (the
    link's target's parent), which :func:`os.path.abspath` would not.

    Args:
        path: a file name, relative or absolute (a name that is no file, like ``<stdin>``,
            stands for a file in the current folder).

    Returns:
        The absolute path; `path` itself when the current folder is gone.

    >>> import os
    >>> absolute_path("planer/../rus.yaml") == os.getcwd() + "/planer/../rus.yaml"
    True
    >>> absolute_path("/planer/rus.yaml")
    '/planer/rus.yaml'
    """
    try:
        # Once per plan loaded: os.path is a third of pathlib's cost here (5 µs, 13 µs).
        return os.path.join(os.getcwd(), path)  # noqa: PTH109, PTH118 (speed, as said)
    except OSError:  # the current folder was removed: no better name is known
        return path


def plan_id_of(name: str) -> str:
    """The plan id a file gives when its header has none: its name without suffix, made id-safe.

    Args:
        name: the file's name or path.

    Returns:
        The stem with every run of characters an id may not hold replaced by ``-`` (``plan``
        if nothing is left).

    >>> plan_id_of("../planer/Gotland insatsplan.yml"), plan_id_of("<string>")
    ('Gotland-insatsplan', 'string')
    >>> plan_id_of("proj.nodelink.json"), plan_id_of("proj.xlsx")
    ('proj', 'proj')
    """
    stem = PurePath(name).name
    # The suffixes of every format a plan is read from, so that a plan's workbook or
    # node-link data has the id of its YAML file.
    for suffix in (".nodelink.json", ".yaml", ".yml", ".json", ".xlsx", ".xml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    # Å, ä, ö and é become a, a, o and e, so that "Jönköping.yaml" is "Jonkoping", not "J-nk-ping".
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    safe = _UNSAFE.sub("-", plain).strip("-")
    return safe or "plan"


def split_reference(reference: str) -> tuple[str | None, str]:
    """A reference as (alias or plan id, node id); (None, id) for a plain id.

    Args:
        reference: ``ALIAS:id`` or ``id``.

    Returns:
        The part before the first ``:`` (None if there is none) and the rest.

    >>> split_reference("vg:smf-digital")
    ('vg', 'smf-digital')
    """
    prefix, separator, rest = reference.partition(SEPARATOR)
    return (prefix, rest) if separator else (None, reference)


def qualified(plan: str, node_id: str) -> str:
    """The qualified id of a plan's node: ``PLAN:id``.

    Args:
        plan: the plan's id.
        node_id: the node's id in its plan.

    Returns:
        The qualified id.

    >>> qualified("rus-vg", "mal")
    'rus-vg:mal'
    """
    return f"{plan}{SEPARATOR}{node_id}"


@cache
def _link_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that name nodes: one per edge kind it has a field for.

    Driven by the edge kinds and the field each is written as (``components`` for
    ``composed_of``), so a link field added with its edge kind takes references at once.
    """
    from insatslogik.kinds import EDGE_FIELD, EdgeKind

    fields = getattr(cls, "model_fields", {})
    return tuple(name for edge in EdgeKind if (name := EDGE_FIELD.get(edge, edge.value)) in fields)


def _link_targets(node: Node) -> list[tuple[tuple[str | int, ...], str, str]]:
    # (path under the node, what messages call the field, target as written), for every
    # link field of the kind and every reference of the follow-up plan that is no edge.
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    for field_name in _link_fields(type(node)):
        value = getattr(node, field_name, None)
        if isinstance(value, str):
            found.append(((field_name,), field_name, value))
        elif isinstance(value, tuple):
            found.extend(
                ((field_name, place), field_name, target)
                for place, item in enumerate(value)
                if (target := _target_of(item)) is not None
            )
    found.extend(_follow_up_references(node))
    return found


def _follow_up_references(node: Node) -> list[tuple[tuple[str | int, ...], str, str]]:
    # An assessment's and a recommendation's `by`, the assumption ids of a link, and the ends
    # of a link an assumption is `about`: references that the graph checks apart from edges.
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    judged, has_by, contributes, has_about = _follow_up_fields(type(node))
    held: Any = node  # the fields asked for are those its class has
    for place, assessment in enumerate(held.assessments if judged else ()):
        found.append((("assessments", place, "by"), "by", assessment.by))
    by = held.by if has_by else None
    if isinstance(by, str):
        found.append((("by",), "by", by))
    for place, link in enumerate(held.contributes_to if contributes else ()):
        base = ("contributes_to", place)
        for number, assessment in enumerate(getattr(link, "assessments", ())):
            found.append(((*base, "assessments", number, "by"), "by", assessment.by))
        ids = set(getattr(link, "assumption_ids", ()))
        for number, item in enumerate(getattr(link, "assumptions", None) or ()):
            if isinstance(link.assumptions, tuple) and item in ids:
                found.append(((*base, "assumptions", number), "assumptions", item))
    for place, item in enumerate(held.about if has_about else ()):
        ends = (getattr(item, "source", None), getattr(item, "target", None))
        for key, end in zip(("from", "to"), ends, strict=True):
            if isinstance(end, str):
                found.append((("about", place, key), "about", end))
    return found


@cache
def _follow_up_fields(cls: type) -> tuple[bool, bool, bool, bool]:
    # Whether the class has `assessments`, `by`, `contributes_to` and `about`: asking a pydantic
    # model for a field it lacks costs microseconds, which a portfolio pays per node.
    fields = getattr(cls, "model_fields", {})
    judged, by, contributes, about = (
        name in fields for name in ("assessments", "by", "contributes_to", "about")
    )
    return judged, by, contributes, about


def _target_of(item: Any) -> str | None:
    # A link is an id, or an object naming one (`to:` of a link, `id:` of a component).
    if isinstance(item, str):
        return item
    for name in ("to", "id"):
        target = getattr(item, name, None)
        if isinstance(target, str):
            return target
    return None


def reference_issues(
    nodes: Sequence[Node | None],
    used: Mapping[str, Mapping[str, str]],
    *,
    names: Mapping[str, str] | None = None,
    unread: Collection[str] = (),
) -> tuple[list[Issue], dict[str, str]]:
    """The references ``ALIAS:id`` of a plan's nodes that name nothing, and those that do.

    Args:
        nodes: the plan's validated nodes, in file order (None for one that failed).
        used: for each alias of the plan's ``uses``, the kind of each node of that plan, by
            its id in that plan.
        names: what messages call each alias's plan (its file), by alias.
        unread: aliases of plans that could not be read: links to them are not reported.

    Returns:
        The issues, at paths ``("nodes", i, field, j)``: an alias the plan does not use, an
        id the used plan does not have; and the kind of every reference that names a node,
        by the reference as written, for the graph's check of what a link may name.

    >>> from insatslogik.model.schema import Activity
    >>> issues, known = reference_issues(
    ...     [Activity(id="akt", title="Gör", contributes_to=["rus:mal", "rus:maal", "x:mal"])],
    ...     {"rus": {"mal": "goal"}},
    ... )
    >>> [issue.message for issue in issues]
    ["activity 'akt': contributes_to names 'rus:maal', but the plan rus has no node 'maal' (did you mean 'mal'?)", "activity 'akt': contributes_to names 'x:mal', but the plan uses no plan called 'x' (its uses: rus)"]
    >>> known
    {'rus:mal': 'goal', 'rus:maal': '', 'x:mal': ''}
    """
    issues: list[Issue] = []
    known: dict[str, str] = {}
    names = names or {}
    for index, node in enumerate(nodes):
        if node is None:
            continue
        for under, field_name, target in _link_targets(node):
            alias, local = split_reference(target)
            if alias is None:
                continue
            path: tuple[str | int, ...] = ("nodes", index, *under)
            kinds = used.get(alias)
            where = f"{node.kind} {node.id!r}: {field_name} names {target!r}"
            if alias in unread:
                known[target] = ""  # its plan's own problems say why it is not there
            elif kinds is None:
                aliases = ", ".join(sorted(used)) or "none"
                message = (
                    f"{where}, but the plan uses no plan called {alias!r} (its uses: {aliases})"
                )
                issues.append(Issue(path, message))
                # Known, with no kind: reported here, not again as a node not defined.
                known[target] = ""
            elif local not in kinds:
                import difflib  # only for a bad reference

                close = difflib.get_close_matches(local, kinds, n=1, cutoff=0.8)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                plan = names.get(alias, alias)
                message = f"{where}, but the plan {plan} has no node {local!r}{hint}"
                issues.append(Issue(path, message))
                known[target] = ""
            else:
                known[target] = kinds[local]
    return issues, known


def requalified(
    nodes: Sequence[Node], rename: Callable[[str], str], *, ids: Callable[[str], str]
) -> list[Node]:
    """The nodes with their ids renamed by `ids` and every reference by `rename`.

    Args:
        nodes: valid nodes.
        rename: the new text of a reference (``mal`` → ``proj:mal``, ``rus:mal`` →
            ``rus-vg:mal``).
        ids: the new id of a node.

    Returns:
        New nodes (copies, unvalidated: a qualified id holds a ``:``, which a file's id may
        not); a node whose id and references all stay is kept as it is.

    >>> from insatslogik.model.schema import Goal, Activity
    >>> nodes = requalified(
    ...     [Goal(id="mal", title="Mål"), Activity(id="akt", title="Gör", contributes_to=["mal"])],
    ...     lambda ref: "p:" + ref, ids=lambda node_id: "p:" + node_id,
    ... )
    >>> [(node.id, node.links[0][1] if node.links else None) for node in nodes]
    [('p:mal', None), ('p:akt', 'p:mal')]
    """
    renamed: list[Node] = []
    for node in nodes:
        update: dict[str, Any] = {}
        new_id = ids(node.id)
        if new_id != node.id:
            update["id"] = new_id
        for field_name in _link_fields(type(node)):
            value = getattr(node, field_name, None)
            if isinstance(value, str):
                new = rename(value)
                if new != value:
                    update[field_name] = new
            elif isinstance(value, tuple) and value:
                items = tuple(_renamed_item(item, rename) for item in value)
                if any(new is not old for new, old in zip(items, value, strict=True)):
                    update[field_name] = items
        update.update(_renamed_names(node, rename))
        renamed.append(node.model_copy(update=update) if update else node)
    return renamed


#: Fields besides the link fields that name a node: who judged (an assessment's or a
#: recommendation's `by`), the two ends of a link an assumption is about (`from`/`to`, held as
#: `source`/`target`), and the link object's own target (`to`) or a component's (`id`).
_NAMING_FIELDS: Final = ("by", "source", "target", "to", "id")


def _renamed_item(item: Any, rename: Callable[[str], str]) -> Any:
    if isinstance(item, str):
        new = rename(item)
        return item if new == item else new
    update = _renamed_names(item, rename)
    return item.model_copy(update=update) if update else item


def _renamed_names(item: Any, rename: Callable[[str], str]) -> dict[str, Any]:
    """The naming fields of `item` whose reference `rename` changes, and its assessments."""
    update: dict[str, Any] = {}
    has, judged_field, names_assumptions = _naming_fields(item.__class__)
    for name in has:
        target = getattr(item, name)
        if isinstance(target, str) and (new := rename(target)) != target:
            update[name] = new
    assessments = getattr(item, "assessments", None) if judged_field else None
    if assessments:
        judged = tuple(_renamed_item(assessment, rename) for assessment in assessments)
        if any(new is not old for new, old in zip(judged, assessments, strict=True)):
            update["assessments"] = judged
    listed = getattr(item, "assumptions", None) if names_assumptions else None
    if isinstance(listed, tuple):
        # A link's assumptions list: its id-shaped items name assumption nodes, the rest is text.
        ids = set(item.assumption_ids)
        renamed = tuple(rename(entry) if entry in ids else entry for entry in listed)
        if renamed != listed:
            update["assumptions"] = renamed
    return update


@cache
def _naming_fields(cls: type) -> tuple[tuple[str, ...], bool, bool]:
    # Which of _NAMING_FIELDS the class has (a node's own `id` is renamed by `ids`, not here), and
    # whether it has assessments and a link's assumptions list: asking a pydantic model for a
    # field it lacks is slow.
    fields = getattr(cls, "model_fields", {})
    node = "kind" in fields
    # On a node only `by` names a node: its `id` is renamed by `ids`, and an indicator's or a
    # question's `source` is where its data comes from ("SCB"), never a reference.
    has = tuple(name for name in _NAMING_FIELDS if name in fields and (not node or name == "by"))
    return has, "assessments" in fields, "assumptions" in fields
