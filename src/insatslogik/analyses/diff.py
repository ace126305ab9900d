"""What changed between two versions of a plan: nodes, links, probable renames and consequences.

>>> import insatslogik as il
>>> old = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras"),
...     il.Activity(id="radgivning", title="Rådgivning till SMF", contributes_to=["mal"]),
... ], title="Kraftsamling digitalisering")
>>> new = il.Model([
...     il.Goal(id="mal", title="Fler små företag digitaliseras"),
...     il.Activity(id="radgivning", title="Rådgivning till SMF"),
... ], title="Kraftsamling digitalisering")
>>> changes = il.diff(old, new)
>>> [(change.id, [(f.field, f.old, f.new) for f in change.fields]) for change in changes.changed]
[('mal', [('title', 'Fler företag digitaliseras', 'Fler små företag digitaliseras')])]
>>> [(link.source, link.target, link.edge) for link in changes.links_removed]
[('radgivning', 'mal', 'contributes_to')]
>>> [finding.code.value for finding in changes.findings_appeared]
['dead-end', 'orphan-activity', 'uncovered-goal']
>>> bool(il.diff(old, old))
False
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Final

from insatslogik.analyses.changes import (
    CoverageChange,
    FieldChange,
    IndicatorChange,
    LinkChange,
    LinkRef,
    ModelDiff,
    NodeChange,
    NodeRef,
    Rename,
)
from insatslogik.analyses.checks import check
from insatslogik.analyses.coverage import goal_coverage
from insatslogik.analyses.indicators import indicator_status
from insatslogik.errors import Problem
from insatslogik.i18n import Lang, resolve_lang
from insatslogik.kinds import KIND_ORDER, EdgeKind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.schema import LINK_FIELDS

__all__ = ["RENAME_PAIR_LIMIT", "RENAME_SIMILARITY", "ModelDiff", "diff"]

#: How alike (difflib's ratio of the titles in lower case, 0–1) the titles of a removed and an
#: added node of one kind must be for the pair to be a probable rename: 0.85 lets a reworded
#: title through ("Vi bidrar till att fler SMF tar steg" → "… tar kliv", 0.89) and keeps apart
#: short titles that only share their start ("Rådgivning till SMF" and "Rådgivning till
#: kommuner", 0.79).
RENAME_SIMILARITY: Final = 0.85

#: Equal titles and links are paired by lookup; titles are compared pairwise only among the
#: removed and added nodes of one kind left after that, and only up to this many pairs, so a
#: large revision stays linear.
RENAME_PAIR_LIMIT: Final = 10_000

_EDGE_ORDER: Final = {edge.value: index for index, edge in enumerate(EdgeKind)}
_CONTRIBUTES: Final = EdgeKind.CONTRIBUTES_TO.value
_REASONS: Final = ("rationale", "assumptions", "evidence")


def diff(old: Model, new: Model, *, lang: Lang | None = None) -> ModelDiff:
    """Compare two versions of a plan: what was added, removed and changed, and what follows.

    Nodes are matched by id. A node in both versions is changed when a field other than its
    links differs (the order of ids in a list of links does not count); links are compared
    as (source, target, kind), and a `contributes_to` link in both by its rationale,
    assumptions and evidence. A removed and an added node of one kind whose titles are the
    same or nearly so (:data:`RENAME_SIMILARITY`), or whose links are the same, are listed as
    a probable rename, and stay listed as removed and added. The consequences come from the
    analyses run on both versions: findings that appeared or disappeared (by code and nodes),
    goals in both whose coverage changed, and indicators in both whose target or status
    changed. Cost: the analyses of both versions and one look at each node and link, plus
    the title comparisons of the removed and added nodes of a kind left unpaired by the
    lookups for equal titles and links, at most :data:`RENAME_PAIR_LIMIT` of them.

    Args:
        old: the earlier version.
        new: the later version.
        lang: the language of the findings' messages and of the text; None for the new
            version's.

    Returns:
        The :class:`ModelDiff`, empty (and falsy) when the two versions say the same.

    >>> import insatslogik as il
    >>> old = il.Model([il.Activity(id="smf-steg", title="Vi bidrar till att fler SMF tar steg")], title="Plan")
    >>> new = il.Model([il.Activity(id="smf", title="Vi bidrar till att fler SMF tar kliv")], title="Plan")
    >>> changes = diff(old, new)
    >>> [node.id for node in changes.removed], [node.id for node in changes.added]
    (['smf-steg'], ['smf'])
    >>> [(r.old, r.new, r.title_similarity) for r in changes.renames]
    [('smf-steg', 'smf', 0.89)]
    """
    language = resolve_lang(lang, new.language)
    with collector_paused():
        old_ids = {node.id for node in old}
        new_ids = {node.id for node in new}
        added = _refs(new, new_ids - old_ids)
        removed = _refs(old, old_ids - new_ids)
        old_edges = set(old.graph.edges(keys=True))
        new_edges = set(new.graph.edges(keys=True))
        links_added = _links(new, new_edges - old_edges)
        links_removed = _links(old, old_edges - new_edges)
        differing = _differing(old, new, old_ids & new_ids)
        old_findings = check(old, lang=language).findings
        new_findings = check(new, lang=language).findings
        old_keys = {(f.code, f.nodes) for f in old_findings}
        new_keys = {(f.code, f.nodes) for f in new_findings}
        result = ModelDiff(
            old_title=old.title,
            new_title=new.title,
            header=_header(old, new),
            added=added,
            removed=removed,
            changed=_changed(old, new, differing),
            links_added=links_added,
            links_removed=links_removed,
            links_changed=_links_changed(old, new, differing),
            renames=_renames(old, new, removed, added),
            findings_appeared=tuple(f for f in new_findings if (f.code, f.nodes) not in old_keys),
            findings_disappeared=tuple(
                f for f in old_findings if (f.code, f.nodes) not in new_keys
            ),
            coverage=_coverage(old, new),
            indicators=_indicators(old, new),
            lang=language,
            old_source=old.source,
            new_source=new.source,
        )
        return replace(result, locations=_locations(result, old, new))


def _node_key(model: Model, node_id: str) -> tuple[int, str]:
    return (KIND_ORDER[model[node_id].kind], node_id)


def _refs(model: Model, ids: Iterable[str]) -> tuple[NodeRef, ...]:
    ordered = sorted(ids, key=lambda node_id: _node_key(model, node_id))
    return tuple(NodeRef(i, model[i].kind, model[i].title) for i in ordered)


def _links(model: Model, edges: Iterable[tuple[str, str, str]]) -> tuple[LinkRef, ...]:
    def key(edge: tuple[str, str, str]) -> tuple[int, str, int, str]:
        source, target, kind = edge
        return (*_node_key(model, source), _EDGE_ORDER[kind], target)

    return tuple(LinkRef(s, t, k) for s, t, k in sorted(edges, key=key))


def _header(old: Model, new: Model) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in ("title", "language", "description")
        if getattr(old, name) != getattr(new, name)
    )


def _fields(node: Any) -> dict[str, Any]:
    data: dict[str, Any] = node.model_dump(mode="json")
    # Components are compared as links too (composed_of edges).
    for name in ("id", "components", *LINK_FIELDS):
        data.pop(name, None)
    return data


def _differing(old: Model, new: Model, common: Iterable[str]) -> list[str]:
    # `is` first: a model compared with itself, or a node carried over, costs no comparison.
    return [i for i in common if old[i] is not new[i] and old[i] != new[i]]


def _changed(old: Model, new: Model, differing: list[str]) -> tuple[NodeChange, ...]:
    changes = []
    for node_id in differing:
        before, after = old[node_id], new[node_id]
        old_fields, new_fields = _fields(before), _fields(after)
        if old_fields == new_fields:
            continue  # only links changed, and links are compared as links
        # kind first (it changes what the node is), then the new kind's fields in order
        names = ["kind", *(n for n in new_fields if n != "kind")]
        names += [n for n in old_fields if n not in new_fields]
        fields = tuple(
            FieldChange(name, old_fields.get(name), new_fields.get(name))
            for name in names
            if old_fields.get(name) != new_fields.get(name)
        )
        changes.append(NodeChange(node_id, after.kind, after.title, fields))
    return tuple(sorted(changes, key=lambda c: _node_key(new, c.id)))


def _reasons(node: Any) -> dict[str, tuple[str | None, ...]]:
    return {
        link.to: tuple(getattr(link, name) for name in _REASONS)
        for link in getattr(node, _CONTRIBUTES, ())
    }


def _links_changed(old: Model, new: Model, differing: list[str]) -> tuple[LinkChange, ...]:
    # A link's reasoning is written on its source, so only a source that differs can have one.
    changes = []
    for source in differing:
        before, after = _reasons(old[source]), _reasons(new[source])
        for target, reasons in after.items():
            earlier = before.get(target)
            if earlier is None or earlier == reasons:
                continue
            fields = tuple(
                FieldChange(name, was, now)
                for name, was, now in zip(_REASONS, earlier, reasons, strict=True)
                if was != now
            )
            changes.append(LinkChange(source, target, _CONTRIBUTES, fields))
    return tuple(sorted(changes, key=lambda c: (*_node_key(new, c.source), c.target)))


def _signature(model: Model, node_id: str) -> frozenset[tuple[str, str, str]]:
    graph = model.graph
    return frozenset(
        [("out", key, target) for _, target, key in graph.out_edges(node_id, keys=True)]
        + [("in", key, source) for source, _, key in graph.in_edges(node_id, keys=True)]
    )


def _plain(title: str) -> str:
    return " ".join(title.casefold().split())


def _renames(
    old: Model, new: Model, removed: tuple[NodeRef, ...], added: tuple[NodeRef, ...]
) -> tuple[Rename, ...]:
    if not removed or not added:
        return ()
    from difflib import SequenceMatcher  # only a revision with new ids needs it

    def ratio(a: str, b: str) -> float:
        return SequenceMatcher(None, a, b, autojunk=False).ratio()

    found: list[Rename] = []
    for kind in sorted(
        {r.kind for r in removed} & {a.kind for a in added}, key=KIND_ORDER.__getitem__
    ):
        gone = {r.id: (_plain(r.title), _signature(old, r.id)) for r in removed if r.kind == kind}
        came = {a.id: (_plain(a.title), _signature(new, a.id)) for a in added if a.kind == kind}
        # By lookup, linear: the same title and links, then the same links, then the same title.
        for tier in ("both", "links", "title"):
            waiting: dict[object, deque[str]] = {}
            for new_id, (title, links) in came.items():
                key = {"both": (title, links), "links": links, "title": title}[tier]
                if tier == "title" or links:
                    waiting.setdefault(key, deque()).append(new_id)
            for old_id, (title, links) in list(gone.items()):
                key = {"both": (title, links), "links": links, "title": title}[tier]
                queue = waiting.get(key)
                if queue and (tier == "title" or links):
                    new_id = queue.popleft()
                    similarity = 1.0 if tier != "links" else ratio(title, came[new_id][0])
                    found.append(
                        Rename(old_id, new_id, kind, round(similarity, 2), tier != "title")
                    )
                    del gone[old_id], came[new_id]
        # Then the closest titles among the rest, pairwise, when there are few enough pairs.
        if len(gone) * len(came) > RENAME_PAIR_LIMIT:
            continue
        candidates = []
        for old_id, (title, _) in gone.items():
            for new_id, (other, _) in came.items():
                matcher = SequenceMatcher(None, title, other, autojunk=False)
                if (
                    matcher.real_quick_ratio() >= RENAME_SIMILARITY
                    and matcher.quick_ratio() >= RENAME_SIMILARITY
                    and (similarity := matcher.ratio()) >= RENAME_SIMILARITY
                ):
                    candidates.append((-similarity, old_id, new_id))
        candidates.sort()  # the closest pairs first; each node in at most one pair
        for negative, old_id, new_id in candidates:
            if old_id in gone and new_id in came:
                found.append(Rename(old_id, new_id, kind, round(-negative, 2), False))
                del gone[old_id], came[new_id]
    return tuple(sorted(found, key=lambda r: (KIND_ORDER[r.kind], r.old)))


def _coverage(old: Model, new: Model) -> tuple[CoverageChange, ...]:
    before = {goal.goal: goal.status for goal in goal_coverage(old).goals}
    return tuple(
        CoverageChange(goal.goal, goal.title, before[goal.goal], goal.status)
        for goal in goal_coverage(new).goals
        if goal.goal in before and before[goal.goal] != goal.status
    )


def _indicators(old: Model, new: Model) -> tuple[IndicatorChange, ...]:
    before = {status.indicator: status for status in indicator_status(old)}
    changes = []
    for status in indicator_status(new):
        was = before.get(status.indicator)
        if was is None:
            continue
        old_target = None if was.target is None else was.target.model_dump(exclude_none=True)
        new_target = None if status.target is None else status.target.model_dump(exclude_none=True)
        if old_target != new_target or was.status != status.status:
            changes.append(
                IndicatorChange(
                    status.indicator,
                    status.title,
                    status.unit,
                    old_target,
                    new_target,
                    was.status,
                    status.status,
                )
            )
    return tuple(changes)


def _locations(result: ModelDiff, old: Model, new: Model) -> dict[str, Problem]:
    ids = [
        *(ref.id for ref in (*result.added, *result.removed)),
        *(change.id for change in result.changed),
        *(ref.source for ref in (*result.links_added, *result.links_removed)),
        *(ref.source for ref in result.links_changed),
        *(r.new for r in result.renames),
        *(f.nodes[0] for f in (*result.findings_appeared, *result.findings_disappeared) if f.nodes),
        *(c.goal for c in result.coverage),
        *(c.indicator for c in result.indicators),
    ]
    found = {}
    for node_id in dict.fromkeys(ids):
        model = new if node_id in new else old
        location = model.location(node_id) if node_id in model else None
        if location is not None:
            found[node_id] = location
    return found
