"""The file format as typed, frozen pydantic models: one class per node kind.

A node is validated through the discriminated union :data:`Node` (on ``kind``), so a bad node
gives the errors of its own kind only, not one set per kind.

>>> node = NODE_ADAPTER.validate_python(
...     {"id": "smf-steg", "kind": "activity", "title": "Fler SMF tar steg",
...      "contributes_to": ["kort-smf", {"to": "naringsliv", "rationale": "Stöd höjer mognaden"}]})
>>> type(node).__name__, [link.to for link in node.contributes_to]
('Activity', ['kort-smf', 'naringsliv'])
>>> node.contributes_to[1].rationale
'Stöd höjer mognaden'
"""

# No `from __future__ import annotations`: pydantic would then evaluate every field's
# annotation from its string at class creation, about 2 ms of the ~14 this module takes to import.

import json
import re
from typing import Annotated, Any, Final, Literal, Self, TypeAlias

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    TypeAdapter,
    field_validator,
    model_serializer,
    model_validator,
)

from insatslogik.codes import Code
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.validation import ABOUT_TAGS, SOURCE_TAGS, WHEN_TAGS

__all__ = [
    "DOCUMENT_ADAPTER",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "LINK_FIELDS",
    "LINK_FIELDS_OF",
    "NODE_ADAPTER",
    "NODE_TYPES",
    "Activity",
    "Actor",
    "Assessment",
    "Assumption",
    "AssumptionStatus",
    "Budget",
    "Challenge",
    "Comparison",
    "Component",
    "Document",
    "Evaluation",
    "Factor",
    "Frequency",
    "Goal",
    "Indicator",
    "JsonstatSource",
    "Judgement",
    "KoladaSource",
    "Link",
    "LinkRef",
    "LongTermEffect",
    "Method",
    "Node",
    "NodeId",
    "NodeRef",
    "Observation",
    "Outcome",
    "Output",
    "Period",
    "Project",
    "PxwebSource",
    "Question",
    "Recommendation",
    "Resource",
    "Revision",
    "Schedule",
    "Season",
    "ShortTermEffect",
    "Source",
    "Strategy",
    "Strength",
    "Substrategy",
    "Target",
    "When",
    "json_schema",
    "source_from_compact",
]

#: The format version this library reads and writes (`insatslogik: 1`).
FORMAT_VERSION: Final = 1

ID_PATTERN: Final = r"^[A-Za-z0-9_.-]+$"
#: A reference to a node: its id, or ``ALIAS:id`` for a node of a plan the file `uses`.
REF_PATTERN: Final = r"^(?:[A-Za-z0-9_.-]+:)?[A-Za-z0-9_.-]+$"

# An item of a link's assumptions list that names an assumption (``ant`` or ``rus:ant``).
_IS_ID: Final = re.compile(REF_PATTERN).fullmatch

#: A node id: letters, digits, `_`, `.` and `-`. No `:`, which graphviz would read as a port.
NodeId: TypeAlias = Annotated[
    str, Strict(), StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)
]
#: A node named by a link: its id, or ``ALIAS:id`` for a node of a used plan (``uses``).
NodeRef: TypeAlias = Annotated[
    str, Strict(), StringConstraints(pattern=REF_PATTERN, min_length=1, max_length=200)
]
#: Free text: a string, never a number or boolean that YAML produced.
Text: TypeAlias = Annotated[str, Strict()]
#: A year, e.g. 2020 (JSON object keys "2020" are accepted too).
Year: TypeAlias = Annotated[int, Field(ge=1000, le=9999)]
#: A measured or planned value: a finite number, never a boolean.
Value: TypeAlias = Annotated[float, Strict(), AllowInfNan(False)]
#: Values by year, e.g. {2020: 82, 2021: 84}.
YearValues: TypeAlias = Annotated[
    dict[Year, Value], Field(json_schema_extra={"propertyNames": {"pattern": "^[0-9]{4}$"}})
]


class _Closed(BaseModel):
    # Closed: a misspelt key is an error, not silently dropped. Input stays out of error
    # text, which can be huge (alias bombs) or private. Validators are built on first use,
    # not at import, so `import insatslogik` stays quick for tools that only read or draw.
    model_config = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True, defer_build=True
    )


class Period(_Closed):
    """A span of years, e.g. a strategy's 2021–2030."""

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(
                f"period must end no earlier than it starts (got {self.start}–{self.end})"
            )
        return self


class Observation(_Closed):
    """A value in a year: an indicator's baseline or target."""

    year: Year
    value: Value


#: How a relative target compares the indicator with its comparison series.
Rule: TypeAlias = Literal["above", "below", "growth-above", "growth-below"]
#: How an indicator's values add over time.
Measure: TypeAlias = Literal["level", "cumulative", "incremental"]
#: How an indicator's values add across plans in a portfolio.
Aggregate: TypeAlias = Literal["sum", "mean", "weighted-mean", "none"]

#: The rules that compare growth since a year (and so take `since`).
GROWTH_RULES: Final = frozenset({"growth-above", "growth-below"})


def _observation_as_target(value: object) -> object:
    # Before targets had kinds, a target was an Observation: Python callers still pass one.
    return value.model_dump() if isinstance(value, Observation) else value


class Target(_Closed):
    """An indicator's target: a level, or a rule relative to one of its comparison series.

    A level target has a `value` and, optionally, a `year` (no year: no deadline). A relative
    target names a comparison in `relative_to` with a `rule`, a `year` and, for the growth
    rules, `since`. `set_by` says whose target it is when it is not the plan's own (``EU``).
    Which fields go together is checked when the model is built, where the error can point at
    the field.

    >>> Target(value=90, set_by="EU").kind, Target(relative_to="riket", rule="above").kind
    ('level', 'relative')
    """

    year: Year | None = None
    value: Value | None = None
    relative_to: Text | None = None
    rule: Rule | None = None
    since: Year | None = None
    set_by: Annotated[Text, StringConstraints(min_length=1)] | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        # Only the fields given: a level target stays {value, year} in files, diffs and JSON.
        data = handler(self)
        return {key: value for key, value in data.items() if value is not None}

    @property
    def kind(self) -> Literal["level", "relative"]:
        """``"relative"`` when the target names a comparison (or a rule), else ``"level"``.

        >>> Target(value=98, year=2025).kind
        'level'
        """
        return "relative" if self.relative_to is not None or self.rule is not None else "level"


class Revision(Target):
    """A later change of an indicator's target: when it was decided, why, and the new target.

    >>> Revision(decided=2022, value=95, year=2030, reason="Skärpt efter halvtidsöversynen").kind
    'level'
    """

    decided: Year
    reason: Text | None = None


TargetItem: TypeAlias = Annotated[
    Target, BeforeValidator(_observation_as_target, json_schema_input_type=Target)
]

_COMPARISON_KEYS: Final = frozenset({"title", "values", "source"})


def _series_as_comparison(value: object) -> object:
    # A comparison written as a bare series {year: value} is short for {values: ...}.
    if isinstance(value, dict) and not _COMPARISON_KEYS.intersection(value):
        return {"values": value}
    return value


class Comparison(_Closed):
    """A comparison series an indicator is read against (``riket``, ``medianen för riket``).

    In files a comparison with values only may be written as the bare series.
    """

    title: Text | None = None
    values: YearValues = Field(default_factory=dict)
    source: Text | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        data = handler(self)
        if self.title is None and self.source is None:
            # A dump that leaves out defaults has no `values` for an empty series.
            return data.get("values", {})
        return data


ComparisonItem: TypeAlias = Annotated[
    Comparison,
    BeforeValidator(_series_as_comparison, json_schema_input_type=YearValues | Comparison),
]


def _component_from_id(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


class Component(_Closed):
    """One component of a composite indicator (an index): the component's id and its weight.

    In files a component without a weight is written as the bare id.
    """

    id: NodeRef
    weight: Annotated[Value, Field(ge=0)] | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return self.id if self.weight is None else handler(self)


ComponentItem: TypeAlias = Annotated[
    Component, BeforeValidator(_component_from_id, json_schema_input_type=NodeRef | Component)
]


def _number_as_text(value: object) -> object:
    # The plan's numbering ("1", "3b"): a bare 1 in YAML means the text "1".
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Breakdowns: {dimension: {group: {year: value}}}, e.g. {"kön": {"kvinnor": {2020: 40}}}.
#: A dimension names at least one group: an empty one says nothing (and a workbook, one row per
#: group, could not keep it).
Breakdowns: TypeAlias = dict[Text, Annotated[dict[Text, YearValues], Field(min_length=1)]]


class Frequency(_Closed):
    """How often an activity happens (seed 001's activity template)."""

    times: Annotated[int, Strict(), Field(ge=1)] = Field(description="antal gånger")
    hours_each: Annotated[Value, Field(gt=0)] | None = Field(
        default=None, description="tid per tillfälle (h)"
    )


class Budget(_Closed):
    """A project's budget."""

    amount: Annotated[Value, Field(ge=0)]
    currency: Annotated[Text, StringConstraints(pattern=r"^[A-Z]{3}$")] = "SEK"


# --- The follow-up and evaluation plan (DESIGN §10) ---------------------------------------------

#: How a question is followed up or an evaluation is made (Swedish codes, as the plans write them).
Method: TypeAlias = Literal[
    "intervju",
    "enkät",
    "dialog",
    "fokusgrupp",
    "dokumentstudie",
    "portföljanalys",
    "statistik",
    "observation",
    "fallstudie",
]
#: The part of the year a follow-up is made in.
Season: TypeAlias = Literal["vår", "sommar", "höst", "vinter"]
#: What an assessment judged: whether what it is about was achieved.
Judgement: TypeAlias = Literal["achieved", "partly", "not-achieved", "unclear"]
#: Whether an assumption has been tested, and held.
AssumptionStatus: TypeAlias = Literal["untested", "holds", "fails"]
#: How strong the evidence for an assumption is.
Strength: TypeAlias = Literal["strong", "moderate", "weak", "none"]


class _Aliased(_Closed):
    # `from` is a Python keyword: the attribute has another name, files keep the word.
    model_config = ConfigDict(
        validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )


class Schedule(_Aliased):
    """A repeating schedule: from a year, every so many years, until a year (or open-ended).

    In files ``{from: 2022, every: 1, until: 2030}``; ``every`` is 1 unless given and without
    ``until`` the schedule has no end. A list of years (``[2022, 2023]``) is the other way to
    write `when`.

    >>> Schedule(start=2022, every=2, until=2026).model_dump()
    {'from': 2022, 'every': 2, 'until': 2026}
    """

    start: Year = Field(alias="from", description="the first year")
    every: Annotated[int, Strict(), Field(ge=1)] = Field(default=1, description="years between")
    until: Year | None = Field(default=None, description="the last year at the latest")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.until is not None and self.until < self.start:
            raise ValueError(
                f"until must be no earlier than from (got from {self.start}, until {self.until})"
            )
        return self


def _when_tag(value: object) -> str:
    return WHEN_TAGS[1] if isinstance(value, dict | Schedule) else WHEN_TAGS[0]


#: When a follow-up is made: a list of years, or a :class:`Schedule` (tagged, so that a bad
#: mapping gives the schedule's errors only, not also "must be a list").
When: TypeAlias = Annotated[
    Annotated[tuple[Year, ...], Field(min_length=1), Tag(WHEN_TAGS[0])]
    | Annotated[Schedule, Tag(WHEN_TAGS[1])],
    Discriminator(_when_tag),
]


class Assessment(_Closed):
    """A dated judgement of a node or link: who judged, what, and on what evidence.

    `by` names an evaluation or an actor of the plan; `evidence` is free text (what the
    judgement rests on). The qualitative values of a follow-up plan.

    >>> Assessment(year=2023, by="oxford", judgement="partly").judgement
    'partly'
    """

    year: Year
    by: NodeRef = Field(description="the evaluation or actor that judged")
    judgement: Judgement
    text: Text | None = None
    evidence: Text | None = Field(default=None, description="what the judgement rests on")


class LinkRef(_Aliased):
    """A `contributes_to` link named by its two ends, for an assumption that is about it.

    In files ``{from: A, to: B}``.

    >>> LinkRef(source="smf-steg", target="kort-smf").model_dump()
    {'from': 'smf-steg', 'to': 'kort-smf'}
    """

    source: NodeRef = Field(alias="from")
    target: NodeRef = Field(alias="to")


#: Free text, or a list whose id-shaped items name assumptions and whose other items are text.
LinkAssumptions: TypeAlias = Text | tuple[Text, ...]


class Link(_Closed):
    """One `contributes_to` link: the target id and why the link should hold.

    In files a link with no reasoning is written as the bare id. `assumptions` is free text,
    or a list in which an item shaped like an id names an assumption node and any other item
    is text; `assessments` are dated judgements of the link.
    """

    to: NodeRef
    rationale: Text | None = None
    assumptions: LinkAssumptions | None = None
    evidence: Text | None = None
    assessments: tuple[Assessment, ...] = ()

    @property
    def assumption_ids(self) -> tuple[str, ...]:
        """The assumption nodes the link's `assumptions` list names: its items shaped like ids.

        Returns:
            The ids in the order written; empty when `assumptions` is free text or missing.

        >>> Link(to="mal", assumptions=["ant-1", "Företagen vill växa"]).assumption_ids
        ('ant-1',)
        """
        if not isinstance(self.assumptions, tuple):
            return ()
        return tuple(item for item in self.assumptions if _IS_ID(item))

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        if (
            self.rationale is None
            and self.assumptions is None
            and self.evidence is None
            and not self.assessments
        ):
            return self.to
        return handler(self)


def _link_from_id(value: object) -> object:
    return {"to": value} if isinstance(value, str) else value


def _one_parent(value: object) -> object:
    if isinstance(value, list | tuple):
        # A list here is the common mistake of giving two parents; say so plainly.
        raise ValueError(  # noqa: TRY004 (pydantic turns ValueError, not TypeError, into a located error)
            f"part_of names one parent, not a list (got {len(value)}); "
            "a node is part of at most one strategy, substrategy or project"
        )
    return value


LinkItem: TypeAlias = Annotated[
    Link, BeforeValidator(_link_from_id, json_schema_input_type=NodeRef | Link)
]
Ids: TypeAlias = tuple[NodeRef, ...]
ParentId: TypeAlias = Annotated[
    NodeRef, BeforeValidator(_one_parent, json_schema_input_type=NodeRef)
]


def _id_as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


#: Ids that may be written as one bare id (``responsible: region``) or a list.
OneOrMoreIds: TypeAlias = Annotated[
    Ids, BeforeValidator(_id_as_list, json_schema_input_type=NodeId | Ids)
]


class _Node(_Closed):
    id: NodeId
    title: Annotated[Text, StringConstraints(min_length=1)]
    description: Text | None = None
    tags: tuple[Text, ...] = ()
    notes: Text | None = None
    ignore: tuple[Code, ...] = Field(default=(), description="finding codes silenced for this node")

    @property
    def links(self) -> list[tuple[EdgeKind, str, Link | None]]:
        """The links this node declares, in field order: (edge kind, target id, link or None).

        >>> Goal(id="g", title="Mål", measured_by=("i1",)).links
        [(<EdgeKind.MEASURED_BY: 'measured_by'>, 'i1', None)]
        """
        found: list[tuple[EdgeKind, str, Link | None]] = []
        for edge in LINK_FIELDS_OF[type(self)]:
            value = getattr(self, edge.value)
            if isinstance(value, str):
                found.append((edge, value, None))
            elif value is not None:
                found.extend(
                    (edge, item.to, item) if isinstance(item, Link) else (edge, item, None)
                    for item in value
                    # An assumption about a link names no node: it is no edge of the graph.
                    if not isinstance(item, LinkRef)
                )
        return found


class Strategy(_Node):
    """A regional development strategy (RUS)."""

    kind: Literal["strategy"] = "strategy"
    period: Period | None = None
    addresses: Ids = ()
    assessments: tuple[Assessment, ...] = ()


class Substrategy(_Node):
    """A substrategy, kraftsamling, RIS or programme under a strategy."""

    kind: Literal["substrategy"] = "substrategy"
    period: Period | None = None
    part_of: ParentId | None = None
    addresses: Ids = ()
    assessments: tuple[Assessment, ...] = ()


class Project(_Node):
    """A project, or an organisation's ongoing work."""

    kind: Literal["project"] = "project"
    period: Period | None = None
    budget: Budget | None = None
    owner: Text | None = None
    part_of: ParentId | None = None
    performed_by: Ids = ()
    assessments: tuple[Assessment, ...] = ()


class Resource(_Node):
    """A resource put into the chain (money, people, time)."""

    kind: Literal["resource"] = "resource"
    contributes_to: tuple[LinkItem, ...] = ()
    assessments: tuple[Assessment, ...] = ()


class Activity(_Node):
    """An activity (aktivitet, insats)."""

    kind: Literal["activity"] = "activity"
    frequency: Frequency | None = None
    part_of: ParentId | None = None
    contributes_to: tuple[LinkItem, ...] = ()
    performed_by: Ids = ()
    assessments: tuple[Assessment, ...] = ()


class _Result(_Node):
    part_of: ParentId | None = None
    contributes_to: tuple[LinkItem, ...] = ()
    measured_by: Ids = ()
    assessments: tuple[Assessment, ...] = ()


class Output(_Result):
    """An output (prestation): what an activity directly delivers."""

    kind: Literal["output"] = "output"


class Outcome(_Result):
    """An outcome (utfall): the change among those the outputs reach."""

    kind: Literal["outcome"] = "outcome"


class ShortTermEffect(_Result):
    """A short-term effect (kortsiktig effekt, about four years)."""

    kind: Literal["short_term_effect"] = "short_term_effect"


class LongTermEffect(_Result):
    """A long-term effect (långsiktig effekt, over ten years)."""

    kind: Literal["long_term_effect"] = "long_term_effect"


class Goal(_Node):
    """A goal (mål, inriktning, huvudmål, delmål): the target of the chain."""

    kind: Literal["goal"] = "goal"
    horizon: Literal["short", "medium", "long"] | None = None
    target_year: Year | None = None
    part_of: ParentId | None = None
    contributes_to: tuple[LinkItem, ...] = ()
    measured_by: Ids = ()
    addresses: Ids = ()
    assessments: tuple[Assessment, ...] = ()


KOLADA_KPI_PATTERN: Final = r"^[A-Z]\d{5}$"
KOLADA_AREA_PATTERN: Final = r"^\d{4}$"


class KoladaSource(_Closed):
    """A Kolada key figure (nyckeltal) in one municipality or region.

    >>> str(KoladaSource(kpi="N00945", area="1400"))
    'Kolada N00945, 1400'
    """

    kpi: Annotated[Text, StringConstraints(pattern=KOLADA_KPI_PATTERN)] = Field(
        description="the KPI id, e.g. N00945"
    )
    area: Annotated[Text, StringConstraints(pattern=KOLADA_AREA_PATTERN)] = Field(
        description="the four-digit municipality or region code, e.g. 1400"
    )
    gender: Literal["T", "K", "M"] | None = Field(
        default=None, description="T (total, the default), K (women) or M (men)"
    )

    def __str__(self) -> str:
        gender = f", {self.gender}" if self.gender else ""
        return f"Kolada {self.kpi}, {self.area}{gender}"


class JsonstatSource(_Closed):
    """A JSON-stat 2.0 series: its address, and the code chosen for every other dimension.

    >>> str(JsonstatSource(url="https://example.org/data"))
    'https://example.org/data'
    """

    url: Annotated[Text, StringConstraints(min_length=1)]
    select: dict[Text, Text] = Field(default_factory=dict)
    time: Text | None = None

    def __str__(self) -> str:
        return self.url


class PxwebSource(JsonstatSource):
    """An SCB PxWeb table: its address, the v1 query to POST (if any) and the selection.

    >>> str(PxwebSource(url="https://api.scb.se/x"))
    'PxWeb https://api.scb.se/x'
    """

    query: dict[Text, Any] | None = None

    def __str__(self) -> str:
        return f"PxWeb {self.url}"


class Source(_Closed):
    """Where an indicator's values are fetched from: one of `kolada`, `pxweb` or `jsonstat`.

    Shown as a short text (``Kolada N00945, 1400``) wherever a free-text source is shown.

    >>> str(Source(kolada=KoladaSource(kpi="N00945", area="1400")))
    'Kolada N00945, 1400'
    """

    kolada: KoladaSource | None = None
    pxweb: PxwebSource | None = None
    jsonstat: JsonstatSource | None = None

    @model_validator(mode="after")
    def _one(self) -> Self:
        if sum(x is not None for x in (self.kolada, self.pxweb, self.jsonstat)) != 1:
            msg = "a source names exactly one of kolada, pxweb or jsonstat"
            raise ValueError(msg)
        return self

    @property
    def service(self) -> KoladaSource | PxwebSource | JsonstatSource:
        """The one service named.

        Returns:
            The `kolada`, `pxweb` or `jsonstat` part, whichever is given.

        >>> Source(jsonstat=JsonstatSource(url="u")).service.url
        'u'
        """
        service = self.kolada or self.pxweb or self.jsonstat
        assert service is not None  # the validator guarantees one
        return service

    def __str__(self) -> str:
        return str(self.service)

    def compact(self) -> str:
        """The source as one line of text that `source_from_compact` reads back.

        For a cell or an attribute, where a mapping does not fit: ``kolada:KPI:AREA[:GENDER]``,
        or ``pxweb:`` / ``jsonstat:`` followed by the part as JSON.

        Returns:
            The text, without spaces for Kolada.

        >>> Source(kolada=KoladaSource(kpi="N00945", area="1400")).compact()
        'kolada:N00945:1400'
        >>> Source(jsonstat=JsonstatSource(url="https://example.org/d")).compact()
        'jsonstat:{"url": "https://example.org/d"}'
        """
        name, part = next(iter(self.model_dump().items()))
        if name == "kolada":
            return ":".join(["kolada", *part.values()])
        return f"{name}:{json.dumps(part, ensure_ascii=False)}"

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        # Only the service given is written, without its empty defaults.
        data = handler(self)
        return {
            key: {k: v for k, v in value.items() if v is not None and (k, v) != ("select", {})}
            for key, value in data.items()
            if value is not None
        }


_COMPACT_KOLADA: Final = re.compile(r"kolada:([^:\s]+):([^:\s]+)(?::([^:\s]+))?")
_COMPACT_JSON: Final = re.compile(r"(pxweb|jsonstat):(\{.*\})", re.DOTALL)


def source_from_compact(text: str) -> str | dict[str, Any]:
    """An indicator's source read from a cell or attribute: structured if compact, else text.

    Args:
        text: the text as written by `Source.compact`, or any free text.

    Returns:
        The mapping to validate as a `Source` when `text` is in the compact form
        (``kolada:N00945:1400``, ``pxweb:{...}``, ``jsonstat:{...}``), else `text` itself:
        free text such as ``Kolada: N00945`` (with a space) stays free text.

    >>> source_from_compact("kolada:N00945:1400")
    {'kolada': {'kpi': 'N00945', 'area': '1400'}}
    >>> source_from_compact("Kolada, nyckeltal N00945")
    'Kolada, nyckeltal N00945'
    """
    kolada = _COMPACT_KOLADA.fullmatch(text)
    if kolada is not None:
        kpi, area, gender = kolada.groups()
        part = {"kpi": kpi, "area": area} | ({"gender": gender} if gender else {})
        return {"kolada": part}
    other = _COMPACT_JSON.fullmatch(text)
    if other is not None:
        try:
            return {other.group(1): json.loads(other.group(2))}
        except ValueError:
            return text
    return text


def _source_tag(value: object) -> str:
    return SOURCE_TAGS[1] if isinstance(value, dict | Source) else SOURCE_TAGS[0]


#: An indicator's source: free text, or a structured `Source` (tagged, so that a bad
#: mapping gives the mapping's errors only, not also "must be text").
IndicatorSource: TypeAlias = Annotated[
    Annotated[Text, Tag(SOURCE_TAGS[0])] | Annotated[Source, Tag(SOURCE_TAGS[1])],
    Discriminator(_source_tag),
]


class Indicator(_Node):
    """An indicator (indikator, nyckeltal) with its source, baseline, target and values.

    An index lists its `components` (other indicators, optionally weighted); `revisions` keep
    later changes of the target (the latest decided applies); `disaggregation` holds
    breakdowns by dimension and group; `measure` says how values add over time, `aggregate`
    how they add across plans (None: by the unit, see :func:`insatslogik.aggregation`).
    """

    kind: Literal["indicator"] = "indicator"
    number: Annotated[Text, BeforeValidator(_number_as_text)] | None = Field(
        default=None, description="the plan's own numbering, e.g. 1 or 3b"
    )
    source: IndicatorSource | None = Field(
        default=None, description="free text, or where the values are fetched from"
    )
    unit: Text | None = None
    geography: Text | None = None
    baseline: Observation | None = None
    target: TargetItem | None = None
    revisions: tuple[Revision, ...] = ()
    values: YearValues = Field(default_factory=dict)
    comparisons: dict[Text, ComparisonItem] = Field(default_factory=dict)
    disaggregation: Breakdowns = Field(default_factory=dict)
    measure: Measure = "level"
    aggregate: Aggregate | None = None
    follow_up_every: Annotated[int, Strict(), Field(ge=1)] = Field(
        default=2, description="years between follow-ups"
    )
    components: tuple[ComponentItem, ...] = ()
    assessments: tuple[Assessment, ...] = ()

    @property
    def current_target(self) -> Target | None:
        """The target that applies: the latest decided revision's, else `target`.

        Revisions decided in the same year apply in the order written (the last one wins).

        >>> Indicator(id="i", title="I", target=Target(value=90),
        ...           revisions=[Revision(decided=2022, value=95, year=2030)]).current_target.value
        95.0
        """
        if not self.revisions:
            return self.target
        return max(enumerate(self.revisions), key=lambda item: (item[1].decided, item[0]))[1]


class Actor(_Node):
    """An actor (aktör) who performs activities or projects."""

    kind: Literal["actor"] = "actor"


class Challenge(_Node):
    """A challenge (utmaning) a strategy or goal addresses."""

    kind: Literal["challenge"] = "challenge"


class Factor(_Node):
    """An external factor (påverkansfaktor) that influences the chain."""

    kind: Literal["factor"] = "factor"
    measured_by: Ids = ()
    influences: Ids = ()


class Question(_Node):
    """A follow-up or evaluation question: what it asks about, how, when and who answers it.

    `source` is where the answer's data come from (for the evaluation matrix); `when` the years
    it is followed up (a list, or a :class:`Schedule`); `responsible` the actors who answer it.

    >>> q = Question(id="f1", title="Har fler SMF tagit digitala steg?", about=["kort-smf"],
    ...              method=["enkät", "intervju"], when=Schedule(start=2022), season="höst")
    >>> q.method, q.when.every
    (('enkät', 'intervju'), 1)
    """

    kind: Literal["question"] = "question"
    about: Ids = ()
    method: tuple[Method, ...] = ()
    source: Text | None = Field(default=None, description="where the answer's data come from")
    when: When | None = None
    season: Season | None = None
    responsible: OneOrMoreIds = ()
    assessments: tuple[Assessment, ...] = ()


class Evaluation(_Node):
    """An evaluation: what it is about, who makes it, who owns it, what it covers and when.

    `performed_by` are the actors who evaluate (an evaluation firm), `responsible` those who
    commission or own it; `period` the years it covers, `when` the years it is carried out.

    >>> Evaluation(id="utv-rus", title="Utvärdering av RUS", when=(2023,)).when
    (2023,)
    """

    kind: Literal["evaluation"] = "evaluation"
    about: Ids = ()
    performed_by: Ids = ()
    responsible: OneOrMoreIds = ()
    period: Period | None = None
    scope: Text | None = None
    when: When | None = None
    season: Season | None = None
    method: tuple[Method, ...] = ()


def _about_tag(value: object) -> str:
    return ABOUT_TAGS[1] if isinstance(value, dict | LinkRef) else ABOUT_TAGS[0]


#: What an assumption is about: a node's id, or a link written ``{from: A, to: B}`` (tagged,
#: so that a bad link gives its own errors only, not also "must be an id").
AboutItem: TypeAlias = Annotated[
    Annotated[NodeRef, Tag(ABOUT_TAGS[0])] | Annotated[LinkRef, Tag(ABOUT_TAGS[1])],
    Discriminator(_about_tag),
]


class Assumption(_Node):
    """An assumption (antagande) that links or nodes rest on, its status and its evidence.

    >>> a = Assumption(id="ant-1", title="Företagen vill digitaliseras",
    ...                about=[LinkRef(source="smf-steg", target="kort-smf")])
    >>> a.status, a.about[0].source
    ('untested', 'smf-steg')
    """

    kind: Literal["assumption"] = "assumption"
    about: tuple[AboutItem, ...] = ()
    status: AssumptionStatus = "untested"
    evidence: Strength | None = Field(default=None, description="how strong the evidence is")

    @property
    def about_links(self) -> tuple[LinkRef, ...]:
        """The `contributes_to` links the assumption is about (its `about` less the node ids).

        Returns:
            The links, in the order written.

        >>> Assumption(id="a", title="A", about=["mal", LinkRef(source="x", target="y")]).about_links
        (LinkRef(source='x', target='y'),)
        """
        return tuple(item for item in self.about if not isinstance(item, str))

    @field_validator("about")
    @classmethod
    def _nodes_then_links(cls, about: tuple[AboutItem, ...]) -> tuple[AboutItem, ...]:
        # One order whatever the medium: formats that keep the links to nodes apart from the
        # links in the chain (node-link edges, workbook columns) read back the same node.
        return (
            *(item for item in about if isinstance(item, str)),
            *(item for item in about if not isinstance(item, str)),
        )


class Recommendation(_Node):
    """A recommendation an evaluation made (`by`), about some of the plan's nodes.

    >>> Recommendation(id="rek-1", title="Gemensam förändringsteori", by="utv-rus").by
    'utv-rus'
    """

    kind: Literal["recommendation"] = "recommendation"
    by: NodeRef = Field(description="the evaluation that made it")
    about: Ids = ()


Node: TypeAlias = Annotated[
    Strategy
    | Substrategy
    | Project
    | Resource
    | Activity
    | Output
    | Outcome
    | ShortTermEffect
    | LongTermEffect
    | Goal
    | Indicator
    | Actor
    | Challenge
    | Factor
    | Question
    | Evaluation
    | Assumption
    | Recommendation,
    Field(discriminator="kind"),
]

NODE_TYPES: Final[dict[Kind, type[_Node]]] = {
    Kind.STRATEGY: Strategy,
    Kind.SUBSTRATEGY: Substrategy,
    Kind.PROJECT: Project,
    Kind.RESOURCE: Resource,
    Kind.ACTIVITY: Activity,
    Kind.OUTPUT: Output,
    Kind.OUTCOME: Outcome,
    Kind.SHORT_TERM_EFFECT: ShortTermEffect,
    Kind.LONG_TERM_EFFECT: LongTermEffect,
    Kind.GOAL: Goal,
    Kind.INDICATOR: Indicator,
    Kind.ACTOR: Actor,
    Kind.CHALLENGE: Challenge,
    Kind.FACTOR: Factor,
    Kind.QUESTION: Question,
    Kind.EVALUATION: Evaluation,
    Kind.ASSUMPTION: Assumption,
    Kind.RECOMMENDATION: Recommendation,
}

#: The names of the link fields; each node kind has those of the links it may declare.
LINK_FIELDS: Final = frozenset(edge.value for edge in EdgeKind)

#: The link fields of each node class, in field order.
LINK_FIELDS_OF: Final[dict[type[_Node], tuple[EdgeKind, ...]]] = {
    cls: tuple(EdgeKind(name) for name in cls.model_fields if name in LINK_FIELDS)
    for cls in NODE_TYPES.values()
}


class Document(_Closed):
    """A whole file: the format version, a title and the nodes."""

    insatslogik: Literal[1] = Field(description="format version")
    title: Annotated[Text, StringConstraints(min_length=1)]
    language: Annotated[Text, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "sv"
    description: Text | None = None
    id: NodeId | None = Field(
        default=None, description="the plan's id in a portfolio (default: the file's name)"
    )
    uses: dict[NodeId, Annotated[Text, StringConstraints(min_length=1)]] = Field(
        default_factory=dict,
        description="plans this one names, ALIAS: path relative to this file; links name "
        "their nodes as ALIAS:id",
    )
    nodes: list[Node] = Field(default_factory=list)


# Built once (on first use): a TypeAdapter per call costs ~100 µs, i.e. seconds over a large
# portfolio.
_DEFERRED = ConfigDict(defer_build=True)
NODE_ADAPTER: Final[TypeAdapter[Node]] = TypeAdapter(Node, config=_DEFERRED)
NODES_ADAPTER: Final[TypeAdapter[list[Node]]] = TypeAdapter(list[Node], config=_DEFERRED)
DOCUMENT_ADAPTER: Final[TypeAdapter[Document]] = TypeAdapter(Document)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the file format, for editors and other validators.

    Returns:
        The schema (JSON Schema 2020-12) of a whole file, as a new dict; a node's `kind` is
        required in it, as in files.

    >>> schema = json_schema()
    >>> schema["required"]
    ['insatslogik', 'title']
    >>> schema["$defs"]["Activity"]["additionalProperties"]
    False
    """
    schema = DOCUMENT_ADAPTER.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "insatslogik model file"
    for definition in schema["$defs"].values():
        # `kind` has a default for Python callers, but a file must always say it.
        if "kind" in definition.get("properties", {}):
            definition["required"] = sorted({*definition.get("required", ()), "kind"})
    return schema


def json_schema_text() -> str:
    """The JSON Schema as indented, key-sorted JSON text, ending in a newline.

    Returns:
        The text of :func:`json_schema`, as ``insatslogik schema`` prints it; the same
        schema gives the same text.

    >>> text = json_schema_text()
    >>> text.splitlines()[:3]
    ['{', '  "$defs": {', '    "Activity": {']
    >>> json.loads(text) == json_schema()
    True
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
