"""What changed between two versions of a plan, as :func:`insatslogik.diff` gives it.

`ModelDiff` holds the lists of changes (nodes, links, probable renames, consequences) and
writes them as text, Markdown, JSON, GitHub workflow commands and HTML in Jupyter.

>>> import insatslogik as il
>>> old = il.Model([il.Goal(id="mal", title="Mål", ignore=["unmeasured-goal", "uncovered-goal"])], title="Plan")
>>> new = il.Model([], title="Plan")
>>> changes = il.diff(old, new)
>>> [(node.id, node.kind) for node in changes.removed], changes.counts()["removed"]
([('mal', 'goal')], 1)
>>> bool(changes), bool(il.diff(new, new))
(True, False)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from insatslogik.analyses._diff_output import (
    github_command,
    github_lines,
    html_of,
    markdown_of,
    text_of,
)
from insatslogik.analyses.findings import Finding
from insatslogik.codes import Severity
from insatslogik.errors import Problem, UsageError
from insatslogik.i18n import Lang, resolve_lang

__all__ = [
    "GATES",
    "LISTS",
    "CoverageChange",
    "FieldChange",
    "IndicatorChange",
    "LinkChange",
    "LinkRef",
    "ModelDiff",
    "NodeChange",
    "NodeRef",
    "Rename",
    "github_annotation",
]

#: What `insatslogik diff --fail-on` can gate on: a new error, a new warning or error, any change.
GATES: Final = ("new-error", "new-warning", "change")


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: its name as in files, and the values as JSON-ready data.

    A value that is absent is None (an empty list or mapping stays empty).
    """

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class NodeRef:
    """A node that is only in one of the versions: its id, kind and title."""

    id: str
    kind: str
    title: str


@dataclass(frozen=True)
class NodeChange:
    """A node in both versions whose fields differ (its links are compared as links).

    `kind` and `title` are the new version's; a changed kind or title is among `fields`.
    """

    id: str
    kind: str
    title: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LinkRef:
    """A link only in one of the versions: from `source` to `target`, of kind `edge`."""

    source: str
    target: str
    edge: str


@dataclass(frozen=True)
class LinkChange:
    """A `contributes_to` link in both versions whose rationale, assumptions or evidence differ."""

    source: str
    target: str
    edge: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Rename:
    """A removed and an added node of one kind that look like one node under a new id.

    `title_similarity` is difflib's ratio of the two titles (1.0 for the same title);
    `same_links` says whether the two have the same links to and from the same nodes.
    Reported beside the added and removed nodes, never instead of them.
    """

    old: str
    new: str
    kind: str
    title_similarity: float
    same_links: bool


@dataclass(frozen=True)
class CoverageChange:
    """A goal in both versions whose coverage status changed (``covered``, ``partial``, ``uncovered``)."""

    goal: str
    title: str
    old: str
    new: str


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator in both versions whose target or status changed.

    Targets are ``{"year", "value"}`` or None; statuses are those of
    :func:`insatslogik.indicator_status`.
    """

    indicator: str
    title: str
    unit: str | None
    old_target: dict[str, Any] | None
    new_target: dict[str, Any] | None
    old_status: str
    new_status: str


@dataclass(frozen=True)
class ModelDiff:
    """What changed from one version of a plan to another; falsy when nothing did.

    Every list is sorted: nodes by kind in chain order, then id; links by their source the
    same way, then kind and target; findings as a report sorts them; goals and indicators by
    id. `locations` says where each node named here was written: in the new version, or in
    the old one for a node that is only there (used by :meth:`to_github`). `lang` is the
    language of the findings' messages and of the text around them.
    """

    old_title: str
    new_title: str
    header: tuple[FieldChange, ...] = ()
    added: tuple[NodeRef, ...] = ()
    removed: tuple[NodeRef, ...] = ()
    changed: tuple[NodeChange, ...] = ()
    links_added: tuple[LinkRef, ...] = ()
    links_removed: tuple[LinkRef, ...] = ()
    links_changed: tuple[LinkChange, ...] = ()
    renames: tuple[Rename, ...] = ()
    findings_appeared: tuple[Finding, ...] = ()
    findings_disappeared: tuple[Finding, ...] = ()
    coverage: tuple[CoverageChange, ...] = ()
    indicators: tuple[IndicatorChange, ...] = ()
    lang: Lang = "sv"
    old_source: str | None = None
    new_source: str | None = None
    locations: Mapping[str, Problem] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in LISTS)

    def __repr__(self) -> str:
        # One line of counts, however much changed: Jupyter shows it beside the HTML.
        counts = ", ".join(f"{name} {count}" for name, count in self.counts().items() if count)
        return f"<ModelDiff {self.old_title!r} -> {self.new_title!r}: {counts or 'no changes'}>"

    def counts(self) -> dict[str, int]:
        """How many of each kind of change, by the name of its list.

        Returns:
            ``{"header": n, "added": n, ... "indicators": n}``, every list present, in the
            order of the fields.

        >>> import insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål")], title="Plan")
        >>> counts = il.diff(old, il.Model([], title="Plan")).counts()
        >>> counts["removed"], counts["added"]
        (1, 0)
        """
        return {name: len(getattr(self, name)) for name in LISTS}

    def fails(self, gate: str) -> bool:
        """Whether the change trips a CI gate (what ``insatslogik diff --fail-on`` tests).

        Args:
            gate: ``new-error`` (a finding of severity error appeared), ``new-warning`` (one
                of severity warning or error appeared) or ``change`` (anything changed).

        Returns:
            True when the gate trips.

        Raises:
            UsageError: for another gate.

        >>> import insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål")], title="Plan")
        >>> new = il.Model([il.Goal(id="mal", title="Målet")], title="Plan")
        >>> changes = il.diff(old, new)
        >>> changes.fails("change"), changes.fails("new-warning"), changes.fails("new-error")
        (True, False, False)
        """
        if gate == "change":
            return bool(self)
        levels = {"new-error": Severity.ERROR, "new-warning": Severity.WARNING}
        if gate not in levels:
            raise UsageError(f"gate must be one of {', '.join(GATES)} (got {gate!r})")
        return any(f.severity.at_least(levels[gate]) for f in self.findings_appeared)

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data, in a stable shape (see :meth:`to_json`).

        Returns:
            A dict of plain strings, numbers, lists and dicts.

        >>> import insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål")], title="Plan")
        >>> new = il.Model([il.Goal(id="mal", title="Mål"), il.Goal(id="mal2", title="Mål 2")], title="Plan")
        >>> il.diff(old, new).to_dict()["nodes"]["added"]
        [{'id': 'mal2', 'kind': 'goal', 'title': 'Mål 2'}]
        """

        def fields(changes: Iterable[FieldChange]) -> list[dict[str, Any]]:
            return [{"field": c.field, "old": c.old, "new": c.new} for c in changes]

        def node(ref: NodeRef) -> dict[str, Any]:
            return {"id": ref.id, "kind": ref.kind, "title": ref.title}

        def link(ref: LinkRef) -> dict[str, Any]:
            return {"source": ref.source, "target": ref.target, "edge": ref.edge}

        return {
            "format": "insatslogik-diff",
            "version": 1,
            "old": {"title": self.old_title, "file": self.old_source},
            "new": {"title": self.new_title, "file": self.new_source},
            "language": self.lang,
            "counts": self.counts(),
            "header": fields(self.header),
            "nodes": {
                "added": [node(ref) for ref in self.added],
                "removed": [node(ref) for ref in self.removed],
                "changed": [
                    {"id": c.id, "kind": c.kind, "title": c.title, "fields": fields(c.fields)}
                    for c in self.changed
                ],
            },
            "links": {
                "added": [link(ref) for ref in self.links_added],
                "removed": [link(ref) for ref in self.links_removed],
                "changed": [
                    {
                        "source": c.source,
                        "target": c.target,
                        "edge": c.edge,
                        "fields": fields(c.fields),
                    }
                    for c in self.links_changed
                ],
            },
            "renames": [
                {
                    "old": r.old,
                    "new": r.new,
                    "kind": r.kind,
                    "title_similarity": r.title_similarity,
                    "same_links": r.same_links,
                }
                for r in self.renames
            ],
            "findings": {
                "appeared": [f.to_dict() for f in self.findings_appeared],
                "disappeared": [f.to_dict() for f in self.findings_disappeared],
            },
            "coverage": [
                {"goal": c.goal, "title": c.title, "old": c.old, "new": c.new}
                for c in self.coverage
            ],
            "indicators": [
                {
                    "indicator": c.indicator,
                    "title": c.title,
                    "old_target": c.old_target,
                    "new_target": c.new_target,
                    "old_status": c.old_status,
                    "new_status": c.new_status,
                }
                for c in self.indicators
            ],
        }

    def to_json(self) -> str:
        """The change as JSON, for programs and CI.

        Returns:
            ``{"format": "insatslogik-diff", "version": 1, "old", "new", "language",
            "counts", "header", "nodes": {"added", "removed", "changed"}, "links": {"added",
            "removed", "changed"}, "renames", "findings": {"appeared", "disappeared"},
            "coverage", "indicators"}``, indented, non-ASCII letters as they are, ending in a
            newline.

        >>> import json, insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål")], title="Plan")
        >>> data = json.loads(il.diff(old, old).to_json())
        >>> data["format"], data["version"], data["nodes"]
        ('insatslogik-diff', 1, {'added': [], 'removed': [], 'changed': []})
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_text(self, *, lang: Lang | None = None) -> str:
        """The change for a terminal: one section per kind of change, each with its count.

        Args:
            lang: the language of the headings and words; None for the diff's own. Ids,
                codes, field names and values are as they are; finding messages stay in the
                language they were written in.

        Returns:
            Lines ending in a newline; ``Inga skillnader.`` (``No differences.``) when
            nothing changed.

        >>> import insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål", ignore=["unmeasured-goal", "uncovered-goal"])], title="Plan")
        >>> new = il.Model([il.Goal(id="mal", title="Målet", ignore=["unmeasured-goal", "uncovered-goal"])], title="Plan")
        >>> print(il.diff(old, new).to_text(), end="")
        Skillnader: «Plan»
        <BLANKLINE>
        Ändrade noder (1)
          ~ mål mal «Målet»
              title: "Mål" → "Målet"
        >>> print(il.diff(old, old).to_text(lang="en"), end="")
        Differences: «Plan»
        No differences.
        """
        return text_of(self, resolve_lang(lang, self.lang))

    def to_markdown(self, *, lang: Lang | None = None) -> str:
        """The change as Markdown: a heading, then one list per kind of change.

        Args:
            lang: the language of the headings and words; None for the diff's own.

        Returns:
            The Markdown, ending in a newline.

        >>> import insatslogik as il
        >>> old = il.Model([il.Goal(id="mal", title="Mål", ignore=["unmeasured-goal", "uncovered-goal"])], title="Plan")
        >>> print(il.diff(old, il.Model([], title="Plan")).to_markdown(lang="en"), end="")
        ## Differences: «Plan»
        <BLANKLINE>
        ### Removed nodes (1)
        <BLANKLINE>
        - goal `mal` «Mål»
        """
        return markdown_of(self, resolve_lang(lang, self.lang))

    def to_github(self, *, lang: Lang | None = None) -> str:
        """The change as GitHub Actions workflow commands, which a job's log shows as annotations.

        A new error finding is ``::error``, a new warning ``::warning``, every other change a
        ``::notice``, each at the file, line and column of the node it concerns (in the new
        version, or the old one for a removed node), when the model was read from a file.

        Args:
            lang: the language of the words; None for the diff's own.

        Returns:
            One command per line, ending in a newline; empty when nothing changed.

        >>> import insatslogik as il
        >>> old = il.loads('''insatslogik: 1
        ... title: Plan
        ... language: en
        ... nodes:
        ...   - {id: mal, kind: goal, title: Mål, ignore: [unmeasured-goal, uncovered-goal]}
        ... ''', name="plan.yaml")
        >>> new = il.loads('''insatslogik: 1
        ... title: Plan
        ... language: en
        ... nodes:
        ...   - {id: mal, kind: goal, title: Mål, ignore: [unmeasured-goal, uncovered-goal]}
        ...   - {id: akt, kind: activity, title: Rådgivning, ignore: [no-actor, unowned-activity]}
        ... ''', name="plan.yaml")
        >>> print(il.diff(old, new).to_github(), end="")
        ::notice file=plan.yaml,line=6,col=5,title=Added nodes::activity akt «Rådgivning»
        ::warning file=plan.yaml,line=6,col=5,title=New findings::warning dead-end: Activity «Rådgivning» (akt) contributes to nothing: the chain ends here. Add contributes_to towards outputs or a goal.
        ::warning file=plan.yaml,line=6,col=5,title=New findings::warning orphan-activity: Activity «Rådgivning» (akt) leads to no goal: no chain of contributes_to links runs from it to a goal. Add contributes_to towards the output, outcome or effect it should lead to.
        """
        return github_lines(self, resolve_lang(lang, self.lang))

    def _repr_html_(self) -> str:
        return html_of(self, self.lang)


#: The names of the lists of changes in a `ModelDiff`, in the order its outputs show them.
LISTS: Final = (
    "header",
    "added",
    "removed",
    "changed",
    "links_added",
    "links_removed",
    "links_changed",
    "renames",
    "findings_appeared",
    "findings_disappeared",
    "coverage",
    "indicators",
)


def github_annotation(problem: Problem, *, level: str = "error") -> str:
    """A located problem (one of a :class:`insatslogik.ModelError`'s) as a GitHub workflow command.

    Args:
        problem: the problem, with its file, line and column when known.
        level: ``error``, ``warning`` or ``notice``.

    Returns:
        One line without its newline; a problem in a workbook names its cell in the message,
        since GitHub places annotations on lines of text.

    >>> print(github_annotation(Problem("plan.yaml", 3, 5, "title is required")))
    ::error file=plan.yaml,line=3,col=5::title is required
    >>> print(github_annotation(Problem("plan.xlsx", 5, 2, "title is required", sheet="Mål")))
    ::error file=plan.xlsx::Mål!B5: title is required
    """
    return github_command(level, problem.message, problem)
