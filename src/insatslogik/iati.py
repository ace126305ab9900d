r"""IATI activity files in and out: results, indicators, baselines, targets and actuals.

Reading is lenient, because real files are: IATI 2.0x (`narrative` elements, numeric codes)
and the older 1.x style (text directly in `title`, codes such as ``type="Output"``), values
with thousands separators, missing baselines. Writing is strict: a valid IATI 2.03 file.
`docs/interchange.md` says what maps to what and what IATI cannot carry.

XML is parsed with lxml, hardened: no DTDs (a file with a DOCTYPE is refused, so no entity
can expand or reach the file system), no network, libxml2's default size limits. Every
problem is a :class:`ModelError` with line and column.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler SMF är digitala", measured_by=["andel"]),
...     il.Indicator(id="andel", title="Andel SMF", unit="%", source="DESI",
...                  baseline={"year": 2020, "value": 82}, target={"year": 2030, "value": 90},
...                  values={2021: 84})], title="Kraftsamling digitalisering")
>>> text = dumps_iati(model, identifier="SE-ORGNR-2321000131-KD")
>>> print(next(line for line in text.splitlines() if "<result" in line))
    <result type="3" il:id="mal" il:kind="goal">
>>> loads_iati(text) == model
True
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

from pydantic import ValidationError

from insatslogik.errors import ModelError, Problem
from insatslogik.graph import build_graph
from insatslogik.kinds import KIND_ORDER, EdgeKind, Kind
from insatslogik.model import Model
from insatslogik.saving import write_atomic
from insatslogik.schema import DOCUMENT_ADAPTER, FORMAT_VERSION, Indicator, Node
from insatslogik.validation import format_path, validate_nodes

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "EXTENSION_NAMESPACE",
    "IATI_VERSION",
    "RESULT_KINDS",
    "dumps_iati",
    "from_iati",
    "iati_number",
    "loads_iati",
    "to_iati",
]

#: The IATI version written.
IATI_VERSION: Final = "2.03"

#: The namespace of the few attributes IATI has no place for (node ids, the exact kind, chain
#: links, indicator unit, source and geography). IATI allows attributes from other namespaces
#: everywhere; other tools ignore them, and they let a file we wrote load back unchanged.
EXTENSION_NAMESPACE: Final = "urn:insatslogik:iati:1"

_XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
_IL: Final = f"{{{EXTENSION_NAMESPACE}}}"

#: The IATI result type of each kind that IATI can carry as a result (OECD-DAC: outputs;
#: outcomes, the short- and medium-term effects; impact, the long-term effects and goals).
RESULT_KINDS: Final[dict[Kind, str]] = {
    Kind.OUTPUT: "1",
    Kind.OUTCOME: "2",
    Kind.SHORT_TERM_EFFECT: "2",
    Kind.LONG_TERM_EFFECT: "3",
    Kind.GOAL: "3",
}

# Reading: IATI 2.0x codes and the 1.x words. Impact is the top row of a logframe, a goal;
# "other" (9) and unknown types have no level of their own and become outcomes.
_KIND_OF_TYPE: Final[dict[str, Kind]] = {
    "1": Kind.OUTPUT,
    "output": Kind.OUTPUT,
    "2": Kind.OUTCOME,
    "outcome": Kind.OUTCOME,
    "3": Kind.GOAL,
    "impact": Kind.GOAL,
}
_PERCENT_MEASURES: Final = frozenset({"2", "percentage"})
# activity-date types: 2.0x codes and 1.x words, planned and actual.
_STARTS: Final = {"2": 0, "start-actual": 0, "1": 1, "start-planned": 1}
_ENDS: Final = {"4": 0, "end-actual": 0, "3": 1, "end-planned": 1}
_IMPLEMENTING: Final = frozenset({"4", "implementing"})

_PLAIN_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Groups of three digits after a first group of one to three, all with the same separator:
# a comma (1,234,567), a space, a no-break space or a narrow no-break space (1 234 567).
_GROUPED: Final = re.compile(
    r"[+-]?\d{1,3}(?P<sep>[, \u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*(?:\.\d+)?"
)
_SEPARATORS: Final = re.compile(r"[, \u00a0\u202f]")


def iati_number(text: str) -> float | None:
    """A value from an IATI file as a number; None for an empty value.

    IATI values are decimals with a point. Thousands separators are understood: a comma,
    space, no-break space or narrow no-break space between groups of three digits, the same
    one throughout. A comma in any other place is not guessed at (``3,5`` could be 3.5 or a
    typo for 3,500), and neither is a number with both separators as in ``1.234,5``.

    >>> iati_number("20,000"), iati_number("1 110"), iati_number(" 12.5 "), iati_number("")
    (20000.0, 1110.0, 12.5, None)
    >>> iati_number("3,5")
    Traceback (most recent call last):
    ...
    ValueError: value must be a number such as 1234.5 or 1,234.5 (got '3,5'); a comma is read only as a thousands separator between groups of three digits
    """
    stripped = text.strip()
    if not stripped:
        return None
    if _PLAIN_NUMBER.fullmatch(stripped):
        value = float(stripped)
    elif _GROUPED.fullmatch(stripped):
        value = float(_SEPARATORS.sub("", stripped))
    else:
        raise ValueError(
            f"value must be a number such as 1234.5 or 1,234.5 (got {text.strip()[:40]!r}); "
            "a comma is read only as a thousands separator between groups of three digits"
        )
    if not math.isfinite(value):
        raise ValueError(f"value must be a finite number (got {text.strip()[:40]!r})")
    return value


# --------------------------------------------------------------------------------------------
# Reading


def from_iati(path: str | os.PathLike[str], *, lang: str | None = None) -> Model:
    """Load the results of an IATI activity file (``iati-activities`` or one ``iati-activity``).

    Each activity becomes a project with its results (outputs, outcomes, goals) and their
    indicators, part of it; its implementing organisations become actors that perform it. A
    file written by :func:`to_iati` loads back as the plan it came from.

    Args:
        path: the file.
        lang: the language whose narratives to read where there are several (default: each
            activity's own `xml:lang`).

    Raises:
        ModelError: when the file is not well-formed XML, has a DOCTYPE, is not an IATI
            activity file, or has values that are not numbers; each problem with line and column.
        OSError: when the file cannot be read.
    """
    name = os.fspath(path)
    return loads_iati(Path(name).read_bytes(), name=name, lang=lang)


def loads_iati(data: str | bytes, *, name: str = "<string>", lang: str | None = None) -> Model:
    """Load IATI XML from text or bytes; `name` stands for the file in error messages.

    Raises:
        ModelError: as :func:`from_iati`.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        # The text is already decoded, so a declared encoding no longer applies.
        raw = re.sub(rb"^(<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']", rb"\1", raw)
    root = _parse(raw, name)
    return _Reader(raw, name, lang).read(root)


def _parse(data: bytes, name: str) -> etree._Element:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    # Refused before parsing, so libxml2 never reads an entity declaration; the check after
    # parsing catches a DOCTYPE this byte search cannot see (UTF-16 files).
    doctype = data.find(b"<!DOCTYPE")
    first_tag = re.search(rb"<[A-Za-z_]", data)
    if doctype >= 0 and (first_tag is None or doctype < first_tag.start()):
        _refuse_doctype(data, name)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise ModelError(
            [Problem(name, line or None, column or None, f"XML syntax error: {error.msg}")]
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        _refuse_doctype(data, name)
    return root


def _refuse_doctype(data: bytes, name: str) -> NoReturn:
    line, column = _find(data, b"<!DOCTYPE")
    message = (
        "the file has a DOCTYPE: IATI files have none, and entity declarations are refused so "
        "that no entity can expand or read other files"
    )
    raise ModelError([Problem(name, line, column, message)])


def _find(data: bytes, needle: bytes) -> tuple[int | None, int | None]:
    at = data.find(needle)
    if at < 0:
        return None, None
    before = data[:at]
    return before.count(b"\n") + 1, at - (before.rfind(b"\n") + 1) + 1


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == tag]


def _child(element: etree._Element | None, tag: str) -> etree._Element | None:
    if element is None:
        return None
    return next((child for child in element if _local(child) == tag), None)


def _slug(text: str, limit: int = 120) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_text).strip("-.")
    return slug[:limit].rstrip("-.")


@dataclass
class _Found:
    """One node being read: its raw fields and where it was written."""

    raw: dict[str, Any]
    line: int | None
    column: int | None


@dataclass
class _Reader:
    data: bytes
    name: str
    lang: str | None
    problems: list[Problem] = field(default_factory=list)
    found: dict[str, _Found] = field(default_factory=dict)
    lines: list[bytes] = field(default_factory=list)
    #: The language of narratives without `xml:lang`: the current activity's.
    default_lang: str = "en"

    def where(
        self, element: etree._Element, attribute: str | None = None
    ) -> tuple[int | None, int | None]:
        """Line and column of an element's start tag (or one of its attributes)."""
        line = element.sourceline
        if line is None:
            return None, None
        if not self.lines:
            self.lines = self.data.split(b"\n")
        # libxml2 gives the line where the start tag ends; it starts there or above.
        tag = b"<" + _local(element).encode()
        for number in range(min(line, len(self.lines)), 0, -1):
            text = self.lines[number - 1]
            at = text.rfind(tag)
            if at >= 0:
                if attribute is not None:
                    for offset, later in enumerate(self.lines[number - 1 : line]):
                        start = at if offset == 0 else 0
                        found = later.find(attribute.encode() + b"=", start)
                        if found >= 0:
                            return number + offset, len(
                                later[:found].decode("utf-8", "replace")
                            ) + 1
                return number, len(text[:at].decode("utf-8", "replace")) + 1
        return line, None

    def problem(self, element: etree._Element, message: str, attribute: str | None = None) -> None:
        self.problems.append(Problem(self.name, *self.where(element, attribute), message))

    def text(self, element: etree._Element | None, lang: str) -> str | None:
        """The text of a title, description or comment, in `lang` where there is a choice."""
        if element is None:
            return None
        narratives = _children(element, "narrative")
        chosen: etree._Element = element
        if narratives:
            chosen = next(
                (
                    n
                    for n in narratives
                    if _language(n.get(f"{{{_XML_NS}}}lang"), self.default_lang) == lang
                ),
                narratives[0],
            )
        raw = chosen.text or ""
        if chosen.get(f"{{{_XML_NS}}}space") != "preserve":
            # Pretty-printed files wrap and indent their text; that layout is not content.
            raw = " ".join(raw.split())
        return raw or None

    def number(self, element: etree._Element, attribute: str) -> float | None:
        value = element.get(attribute)
        if value is None:
            return None
        try:
            return iati_number(value)
        except ValueError as error:
            self.problem(element, str(error), attribute)
            return None

    def year(self, element: etree._Element | None, attribute: str = "iso-date") -> int | None:
        if element is None:
            return None
        value = (element.get(attribute) or "").strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})(?:-\d\d-\d\d.*)?", value)
        if match is None:
            example = "2021" if attribute == "year" else "2021-12-31"
            self.problem(
                element, f"{attribute} must be like {example} (got {value[:40]!r})", attribute
            )
            return None
        return int(match.group(1))

    def add(self, element: etree._Element, raw: dict[str, Any]) -> None:
        node_id = raw["id"]
        if node_id in self.found:
            previous = self.found[node_id]
            self.problem(
                element,
                f"{raw['kind']} id {node_id!r} is used twice (first at line {previous.line})",
            )
            return
        self.found[node_id] = _Found(raw, *self.where(element))

    def read(self, root: etree._Element) -> Model:
        if _local(root) == "iati-activities":
            activities = _children(root, "iati-activity")
        elif _local(root) == "iati-activity":
            activities = [root]
        else:
            line, column = self.where(root)
            raise ModelError(
                [
                    Problem(
                        self.name,
                        line,
                        column,
                        f"an IATI file starts with <iati-activities> or <iati-activity> (got <{_local(root)}>)",
                    )
                ]
            )
        root_lang = _language(root.get(f"{{{_XML_NS}}}lang"), "en")
        header: dict[str, Any] = {}
        projects = []
        for number, activity in enumerate(activities, start=1):
            self.default_lang = _language(activity.get(f"{{{_XML_NS}}}lang"), root_lang)
            lang = self.lang or self.default_lang
            if activity.get(f"{_IL}plan") == "true":
                header = self.plan(activity, lang)
            else:
                projects.append(self.activity(activity, number, lang))
        if not header:
            header = self.header_of(projects, activities, root_lang)
        return self.model(header)

    def plan(self, activity: etree._Element, lang: str) -> dict[str, Any]:
        title = self.text(_child(activity, "title"), lang) or Path(self.name).stem
        description = self.text(_child(activity, "description"), lang)
        self.results(activity, lang, prefix="", project=None)
        return {
            "title": title,
            "language": lang,
            # IATI requires a description; our writer repeats the title when the plan has none.
            "description": None if description == title else description,
        }

    def header_of(
        self, projects: list[str], activities: list[etree._Element], lang: str
    ) -> dict[str, Any]:
        if len(projects) == 1:
            title = self.found[projects[0]].raw["title"]
        else:
            owners = {self.found[p].raw.get("owner") for p in projects}
            owner = owners.pop() if len(owners) == 1 else None
            title = f"{owner}: {len(projects)} IATI activities" if owner else Path(self.name).stem
        first = activities[0].get(f"{{{_XML_NS}}}lang") if activities else None
        return {"title": title or "IATI", "language": self.lang or _language(first, lang)}

    def activity(self, activity: etree._Element, number: int, lang: str) -> str:
        identifier = self.text(_child(activity, "iati-identifier"), lang) or ""
        node_id = activity.get(f"{_IL}id") or _slug(identifier) or f"activity-{number}"
        raw: dict[str, Any] = {
            "id": node_id,
            "kind": "project",
            "title": self.text(_child(activity, "title"), lang) or identifier or node_id,
        }
        descriptions = _children(activity, "description")
        general = [d for d in descriptions if d.get("type") in (None, "1", "general")]
        description = self.text((general or descriptions or [None])[0], lang)
        if description:
            raw["description"] = description
        owner = self.text(_child(activity, "reporting-org"), lang)
        if owner:
            raw["owner"] = owner
        period = self.period(activity)
        if period:
            raw["period"] = period
        performers = []
        for organisation in _children(activity, "participating-org"):
            if (organisation.get("role") or "").lower() not in _IMPLEMENTING:
                continue
            title = self.text(organisation, lang) or organisation.get("ref")
            if not title:
                continue
            actor_id = _slug(f"org-{organisation.get('ref') or title}")
            if actor_id not in self.found:
                self.add(organisation, {"id": actor_id, "kind": "actor", "title": title})
            if actor_id not in performers:
                performers.append(actor_id)
        if performers:
            raw["performed_by"] = performers
        self.add(activity, raw)
        self.results(activity, lang, prefix=f"{node_id}.", project=node_id)
        return node_id

    def period(self, activity: etree._Element) -> dict[str, int] | None:
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        for date in _children(activity, "activity-date"):
            kind = (date.get("type") or "").lower()
            year = self.year(date)
            if year is None:
                continue
            if kind in _STARTS:
                starts.setdefault(_STARTS[kind], year)
            elif kind in _ENDS:
                ends.setdefault(_ENDS[kind], year)
        if not starts or not ends:
            return None
        # Actual dates over planned ones.
        start, end = starts[min(starts)], ends[min(ends)]
        return {"start": start, "end": end} if end >= start else None

    def results(
        self, activity: etree._Element, lang: str, *, prefix: str, project: str | None
    ) -> None:
        for number, result in enumerate(_children(activity, "result"), start=1):
            result_id = result.get(f"{_IL}id") or f"{prefix}r{number}"
            kind = _result_kind(result)
            raw: dict[str, Any] = {
                "id": result_id,
                "kind": kind.value,
                # 1.x files often title only the indicator; its title says what the result is.
                "title": self.text(_child(result, "title"), lang)
                or self.text(_child(_child(result, "indicator"), "title"), lang)
                or f"Result {number}",
            }
            description = self.text(_child(result, "description"), lang)
            if description:
                raw["description"] = description
            if project is not None:
                raw["part_of"] = project
            links = (result.get(f"{_IL}contributes-to") or "").split()
            if links:
                raw["contributes_to"] = links
            measured = []
            for position, element in enumerate(_children(result, "indicator"), start=1):
                indicator_id = element.get(f"{_IL}id") or f"{result_id}.i{position}"
                if indicator_id not in self.found:
                    self.indicator(element, indicator_id, lang, position)
                if indicator_id not in measured:
                    measured.append(indicator_id)
            if measured:
                raw["measured_by"] = measured
            self.add(result, raw)

    def indicator(self, element: etree._Element, indicator_id: str, lang: str, number: int) -> None:
        raw: dict[str, Any] = {
            "id": indicator_id,
            "kind": "indicator",
            "title": self.text(_child(element, "title"), lang) or f"Indicator {number}",
        }
        description = self.text(_child(element, "description"), lang)
        if description:
            raw["description"] = description
        unit = element.get(f"{_IL}unit")
        if unit is None and (element.get("measure") or "").lower() in _PERCENT_MEASURES:
            unit = "%"
        for key, value in (
            ("source", element.get(f"{_IL}source")),
            ("unit", unit),
            ("geography", element.get(f"{_IL}geography")),
        ):
            if value is not None:
                raw[key] = value
        for baseline in _children(element, "baseline"):
            value = self.number(baseline, "value")
            year = self.year(baseline, "year") if baseline.get("year") else self.year(baseline)
            if value is not None and year is not None:
                raw["baseline"] = {"year": year, "value": value}
                break
        targets: list[tuple[str, int, float]] = []
        actuals: list[tuple[str, int, float]] = []
        for period in _children(element, "period"):
            end = _child(period, "period-end")
            date = (
                end if end is not None and end.get("iso-date") else _child(period, "period-start")
            )
            year = self.year(date)
            if year is None:
                if date is None:
                    self.problem(period, "a period needs a period-end (or period-start) date")
                continue
            when = (date.get("iso-date") or "") if date is not None else ""
            for tag, found in (("target", targets), ("actual", actuals)):
                # The first numeric value of a period; others are breakdowns by dimension or place.
                for item in _children(period, tag):
                    value = self.number(item, "value")
                    if value is not None:
                        found.append((when, year, value))
                        break
        if targets:
            _, year, value = max(targets, key=lambda t: t[0])
            raw["target"] = {"year": year, "value": value}
        if actuals:
            # The latest period of a year gives that year's value.
            raw["values"] = {year: value for _, year, value in sorted(actuals, key=lambda t: t[0])}
        self.add(element, raw)

    def model(self, header: dict[str, Any]) -> Model:
        found = list(self.found.values())
        raw_nodes = [entry.raw for entry in found]
        nodes, issues = validate_nodes(raw_nodes)
        if not issues:
            known = {entry.raw["id"] for entry in found}
            _, issues = build_graph(nodes, known_ids=known)
        for issue in issues:
            index = issue.path[1] if len(issue.path) > 1 else None
            entry = found[index] if isinstance(index, int) else None
            line, column = (entry.line, entry.column) if entry else (None, None)
            self.problems.append(Problem(self.name, line, column, issue.message))
        try:
            document = DOCUMENT_ADAPTER.validate_python(
                {
                    "insatslogik": FORMAT_VERSION,
                    **{k: v for k, v in header.items() if v is not None},
                }
            )
        except ValidationError as error:
            for details in error.errors(include_url=False, include_input=False):
                self.problems.append(
                    Problem(
                        self.name,
                        None,
                        None,
                        f"{format_path(tuple(details['loc']))}: {details['msg']}",
                    )
                )
            raise ModelError(self.problems) from None
        if self.problems:
            raise ModelError(self.problems)
        typed = [node for node in nodes if node is not None]
        graph, _ = build_graph(typed)
        positions = {
            entry.raw["id"]: (entry.line or 0, entry.column or 0) for entry in found if entry.line
        }
        return Model._built(document, typed, graph, source=self.name, positions=positions)


def _language(value: str | None, default: str) -> str:
    if not value:
        return default
    primary = value.split("-")[0].split("_")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else default


def _result_kind(result: etree._Element) -> Kind:
    declared = result.get(f"{_IL}kind")
    if declared in {kind.value for kind in RESULT_KINDS}:
        return Kind(declared)
    return _KIND_OF_TYPE.get((result.get("type") or "").strip().lower(), Kind.OUTCOME)


# --------------------------------------------------------------------------------------------
# Writing


def _decimal(value: float) -> str:
    # xsd:decimal has no exponent: 1e-05 is written 0.00001, 82.0 as 82.
    if value.is_integer():
        return str(int(value))
    from decimal import Decimal

    return format(Decimal(repr(value)), "f")


_XML_CHARACTERS: Final = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _years(model: Model) -> list[int]:
    years: list[int] = []
    for node in model:
        period = getattr(node, "period", None)
        if period is not None:
            years.extend((period.start, period.end))
        if isinstance(node, Indicator):
            years.extend(node.values)
            years.extend(o.year for o in (node.baseline, node.target) if o is not None)
    return years


def _results(model: Model) -> list[Node]:
    # A result must have an indicator in IATI: chain nodes that nothing measures cannot be one.
    return [
        node
        for node in sorted(model, key=lambda n: (KIND_ORDER[n.kind], n.id))
        if Kind(node.kind) in RESULT_KINDS and bool(getattr(node, "measured_by", None))
    ]


def dumps_iati(
    model: Model,
    *,
    identifier: str | None = None,
    reporting_org: str = "XX-INSATSLOGIK",
    reporting_org_name: str | None = None,
    reporting_org_type: str = "11",
    start_year: int | None = None,
) -> str:
    """The model's results and indicators as an IATI 2.03 activity file (XML text).

    The plan is one ``iati-activity``; each output, outcome, effect and goal that an indicator
    measures is a ``result`` with its indicators, baselines and one ``period`` per year with a
    target or value.

    Args:
        model: the plan.
        identifier: the activity's IATI identifier, which must start with the reporting
            organisation's identifier (default: that, a hyphen and the plan title's letters).
        reporting_org: the reporting organisation's IATI identifier, e.g.
            ``SE-ORGNR-2321000131`` for Västra Götalandsregionen. The default is a placeholder.
        reporting_org_name: its name (default: its identifier).
        reporting_org_type: its IATI organisation type (default 11, local government).
        start_year: the year the activity starts (default: the earliest year in the model).

    Raises:
        ModelError: when the model has no year to start from and `start_year` is not given,
            or has text XML cannot hold (control characters).
    """
    from lxml import etree

    years = _years(model)
    if start_year is None and not years:
        raise ModelError(
            [
                Problem(
                    None,
                    None,
                    None,
                    "IATI needs a start date: the model has no year; give start_year",
                )
            ]
        )
    start = start_year if start_year is not None else min(years)
    end = max([*years, start])
    problems: list[Problem] = []

    def narrative(parent: etree._Element, tag: str, text: str, where: str) -> None:
        bad = _XML_CHARACTERS.search(text)
        if bad is not None:
            problems.append(
                Problem(
                    None,
                    None,
                    None,
                    f"{where}: U+{ord(bad.group()):04X} cannot be written in XML; remove it",
                )
            )
            text = _XML_CHARACTERS.sub("", text)
        holder = etree.SubElement(parent, tag)
        element = etree.SubElement(holder, "narrative")
        element.text = text
        if " ".join(text.split()) != text:
            element.set(f"{{{_XML_NS}}}space", "preserve")

    def attribute(element: etree._Element, key: str, value: str, where: str) -> None:
        if _XML_CHARACTERS.search(value):
            problems.append(Problem(None, None, None, f"{where}: text cannot be written in XML"))
            value = _XML_CHARACTERS.sub("", value)
        element.set(key, value)

    root = etree.Element("iati-activities", nsmap={"il": EXTENSION_NAMESPACE}, version=IATI_VERSION)
    activity = _activity(
        etree,
        root,
        model,
        narrative,
        identifier=identifier or f"{reporting_org}-{_slug(model.title, 60) or 'plan'}",
        org=(reporting_org, reporting_org_type, reporting_org_name),
        years=(start, end),
    )

    results = _results(model)
    exported = {node.id for node in results}
    for node in results:
        result = etree.SubElement(activity, "result", type=RESULT_KINDS[Kind(node.kind)])
        result.set(f"{_IL}id", node.id)
        result.set(f"{_IL}kind", node.kind)
        targets = [
            target
            for edge, target, _ in node.links
            if edge is EdgeKind.CONTRIBUTES_TO and target in exported
        ]
        if targets:
            result.set(f"{_IL}contributes-to", " ".join(targets))
        narrative(result, "title", node.title, f"{node.kind} {node.id!r}")
        if node.description:
            narrative(result, "description", node.description, f"{node.kind} {node.id!r}")
        for indicator_id in getattr(node, "measured_by", ()):
            indicator = model[indicator_id]
            if isinstance(indicator, Indicator):  # always: measured_by names indicators only
                _indicator(etree, result, indicator, narrative, attribute)
    if problems:
        raise ModelError(problems)
    text: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text


def _activity(
    etree: Any,
    root: etree._Element,
    model: Model,
    narrative: Any,
    *,
    identifier: str,
    org: tuple[str, str, str | None],
    years: tuple[int, int],
) -> etree._Element:
    activity = etree.SubElement(root, "iati-activity")
    activity.set(f"{{{_XML_NS}}}lang", model.language)
    activity.set(f"{_IL}plan", "true")
    etree.SubElement(activity, "iati-identifier").text = identifier
    ref, org_type, org_name = org
    organisation = etree.SubElement(activity, "reporting-org", ref=ref, type=org_type)
    # IATI requires the organisation's name; without one its identifier stands in.
    etree.SubElement(organisation, "narrative").text = org_name or ref
    narrative(activity, "title", model.title, "title")
    narrative(activity, "description", model.description or model.title, "description")
    activity[-1].set("type", "1")  # general description
    # The reporting organisation is accountable for the plan (IATI requires one participant).
    etree.SubElement(activity, "participating-org", ref=ref, role="2", type=org_type)
    etree.SubElement(activity, "activity-status", code="2")  # implementation
    etree.SubElement(activity, "activity-date", type="1", **{"iso-date": f"{years[0]}-01-01"})
    etree.SubElement(activity, "activity-date", type="3", **{"iso-date": f"{years[1]}-12-31"})
    return activity


def _indicator(
    etree: Any, result: etree._Element, indicator: Indicator, narrative: Any, attribute: Any
) -> None:
    where = f"indicator {indicator.id!r}"
    element = etree.SubElement(result, "indicator", measure="2" if indicator.unit == "%" else "1")
    if indicator.baseline is not None and indicator.target is not None:
        # IATI's direction: does a higher value mean better? Taken from baseline and target.
        element.set("ascending", "0" if indicator.target.value < indicator.baseline.value else "1")
    element.set(f"{_IL}id", indicator.id)
    for key in ("unit", "source", "geography"):
        value = getattr(indicator, key)
        if value is not None:
            attribute(element, f"{_IL}{key}", value, where)
    narrative(element, "title", indicator.title, where)
    if indicator.description:
        narrative(element, "description", indicator.description, where)
    if indicator.baseline is not None:
        etree.SubElement(
            element,
            "baseline",
            year=str(indicator.baseline.year),
            value=_decimal(indicator.baseline.value),
        )
    target = indicator.target
    years = sorted({*indicator.values, *([target.year] if target else [])})
    for year in years:
        period = etree.SubElement(element, "period")
        etree.SubElement(period, "period-start", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(period, "period-end", **{"iso-date": f"{year}-12-31"})
        if target is not None and target.year == year:
            etree.SubElement(period, "target", value=_decimal(target.value))
        if year in indicator.values:
            etree.SubElement(period, "actual", value=_decimal(indicator.values[year]))


def to_iati(model: Model, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`dumps_iati` of the model to `path` (UTF-8, atomically); options as there.

    Raises:
        ModelError: as :func:`dumps_iati`, or when the file cannot be written.
    """
    target = Path(path)
    text = dumps_iati(model, **options)
    try:
        write_atomic(target, text)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ModelError(
            [Problem(str(target), None, None, f"cannot write the file: {reason}")]
        ) from error
    return target
