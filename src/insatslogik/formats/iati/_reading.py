r"""Reading IATI activity files: lenient about structure, strict about values, safe with XML.

Real files are IATI 2.0x (`narrative` elements, numeric codes) or the older 1.x style (text
directly in `title`, codes such as ``type="Output"``), with thousands separators in values and
often no baselines; all of that is read. A value that is not a number, a bad date or malformed
XML is a problem with line and column. XML is parsed with lxml, hardened: a file with a
DOCTYPE is refused before parsing, so no entity can expand or read a file; entities are not
resolved, nothing is fetched from the network, libxml2's size limits stay on.

>>> model = parse_iati(b'''<iati-activity xml:lang="en"><iati-identifier>XM-1</iati-identifier>
... <title>Grant</title><result type="Output"><indicator measure="1"><title>Teachers trained</title>
... <period><period-start iso-date="2012-04-01"/><period-end iso-date="2012-09-30"/>
... <target value="1,540"/><actual value="1,433"/></period></indicator></result></iati-activity>''', "x.xml")
>>> indicator = model["XM-1.r1.i1"]
>>> indicator.target.value, indicator.values
(1540.0, {2012: 1433.0})
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

from insatslogik.errors import ModelError, Problem
from insatslogik.kinds import Kind
from insatslogik.model.assembly import Rejected, assemble, assemble_leniently
from insatslogik.model.model import Model
from insatslogik.model.schema import source_from_compact
from insatslogik.model.validation import Issue, pydantic_words, show

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "EXTENSION_NAMESPACE",
    "RESULT_KINDS",
    "XML_NAMESPACE",
    "iati_number",
    "parse_iati",
    "slug",
]

#: The namespace of the few attributes IATI has no place for (node ids, the exact kind, chain
#: links, indicator unit, source and geography). IATI allows attributes from other namespaces
#: everywhere; other tools ignore them, and they let a file we wrote load back unchanged.
EXTENSION_NAMESPACE: Final = "urn:insatslogik:iati:1"

#: The namespace of `xml:lang` and `xml:space`.
XML_NAMESPACE: Final = "http://www.w3.org/XML/1998/namespace"

_XML_NS: Final = XML_NAMESPACE
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
# An ISO date, optionally with a time or zone after it (xsd:date and xsd:dateTime both occur).
_DATE: Final = re.compile(r"(\d{4})(?:-(\d\d)-(\d\d)(?:[T ]\S*|Z|[+-]\d\d:\d\d)?)?")
#: XInclude, which lxml would resolve only when asked; a file that uses it is refused all the
#: same, as defusedxml refuses it: an IATI file has no part in another file.
_XINCLUDE: Final = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
#: How many lines above the one libxml2 gives a start tag may begin (a tag with many
#: attributes over many lines); looking further would make locating quadratic.
_TAG_LINES: Final = 200


def iati_number(text: str) -> float | None:
    """A value from an IATI file as a number; None for an empty value.

    IATI values are decimals with a point. Thousands separators are understood: a comma,
    space, no-break space or narrow no-break space between groups of three digits, the same
    one throughout. A comma in any other place is not guessed at (``3,5`` could be 3.5 or a
    typo for 3,500), and neither is a number with both separators as in ``1.234,5``.

    Args:
        text: the value as written in the file.

    Returns:
        The number, or None for an empty value.

    Raises:
        ValueError: for text that is not a number as above.

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
        comma = (
            "; a comma is read only as a thousands separator between groups of three digits"
            if "," in stripped
            else ""
        )
        raise ValueError(
            f"value must be a number such as 1234.5 or 1,234.5 (got {show(stripped)}){comma}"
        )
    if not math.isfinite(value):
        raise ValueError(f"value must be a finite number (got {show(stripped)})")
    return value


def parse_iati(data: bytes, name: str, lang: str | None = None, *, strict: bool = False) -> Model:
    """A model from the bytes of an IATI activity file; `name` stands for the file in messages.

    Leniently (the default), a value, date, period or node that cannot be read is left out
    and listed in the model's `warnings`; strictly, any of them refuses the file.

    Raises:
        ModelError: every problem found, with line and column; leniently, only for a file
            that is not well-formed IATI XML or has no plan left to make.
    """
    root = _parse(data, name)
    return _Reader(data, name, lang, strict=strict).read(root)


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
            [Problem(name, line or None, column or None, f"XML syntax error: {_brief(error.msg)}")]
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        _refuse_doctype(data, name)
    for namespace in _XINCLUDE:
        included = next(root.iter(f"{{{namespace}}}*"), None)
        if included is not None:
            message = (
                f"the file uses XInclude (<{included.prefix or 'xi'}:{_local(included)}>): "
                "an IATI file is read alone, never with parts of other files"
            )
            raise ModelError([Problem(name, included.sourceline, None, message)])
    return root


_LONG_WORD: Final = re.compile(r"\S{41,}")


def _brief(message: str) -> str:
    """libxml2's message with the names it quotes (a tag of 5 000 characters) cut to 40."""
    return _LONG_WORD.sub(lambda word: word.group()[:40] + "…", message)[:300]


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


def slug(text: str, limit: int = 120) -> str:
    """`text` as an id: ASCII letters, digits, `_`, `.` and `-`, at most `limit` characters.

    >>> slug("Kraftsamling för digitalisering 2021/24")
    'Kraftsamling-for-digitalisering-2021-24'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_text).strip("-.")
    return cleaned[:limit].rstrip("-.")


@dataclass
class _Found:
    """One node being read: its raw fields and where it was written."""

    raw: dict[str, Any]
    line: int | None
    column: int | None


class _Locator:
    """Where each element's start tag is written, found in time linear in the file.

    lxml gives an element's line (where its start tag ends), not its column. The k-th element
    of a tag on a line is the k-th start tag of that name written there, so each line is
    searched once per tag, and characters are counted from the nearest of blocks counted once:
    a file on one line (12 000 results, 2 MB) is located as fast as a pretty-printed one.
    """

    _BLOCK: Final = 16_384
    # UTF-8 continuation bytes: the characters before a byte are the other bytes before it.
    _CONTINUATION: Final = bytes(range(0x80, 0xC0))

    def __init__(self, data: bytes, root: etree._Element) -> None:
        self.lines = data.split(b"\n")
        self.root = root
        self.ranks: dict[etree._Element, int] | None = None
        self.counts: dict[tuple[int | None, bytes], int] = {}
        self.starts: dict[tuple[int, bytes], list[int]] = {}
        self.blocks: dict[int, list[int]] = {}

    @staticmethod
    def tag(element: etree._Element) -> bytes:
        prefix = element.prefix
        return b"<" + (f"{prefix}:" if prefix else "").encode() + _local(element).encode()

    def rank(self, element: etree._Element) -> tuple[int, int] | None:
        """The element's place among those of its tag on its line, and how many there are."""
        if self.ranks is None:
            self.ranks = {}
            for each in self.root.iter():
                if isinstance(each.tag, str):
                    key = (each.sourceline, self.tag(each))
                    self.ranks[each] = self.counts.get(key, 0)
                    self.counts[key] = self.ranks[each] + 1
        found = self.ranks.get(element)
        if found is None:
            return None
        return found, self.counts[element.sourceline, self.tag(element)]

    def written(self, number: int, tag: bytes) -> list[int]:
        """Where start tags of `tag` begin on a line (not tags that only begin alike)."""
        key = (number, tag)
        if key not in self.starts:
            pattern = re.escape(tag) + rb"(?=[\s/>])"
            self.starts[key] = [m.start() for m in re.finditer(pattern, self.lines[number - 1])]
        return self.starts[key]

    def column(self, number: int, at: int) -> int:
        text = self.lines[number - 1]
        blocks = self.blocks.get(number)
        if blocks is None:
            blocks = [0]
            for begin in range(0, len(text), self._BLOCK):
                chunk = text[begin : begin + self._BLOCK].translate(None, self._CONTINUATION)
                blocks.append(blocks[-1] + len(chunk))
            self.blocks[number] = blocks
        block = at // self._BLOCK
        rest = text[block * self._BLOCK : at].translate(None, self._CONTINUATION)
        return blocks[block] + len(rest) + 1

    def where(
        self, element: etree._Element, attribute: str | None
    ) -> tuple[int | None, int | None]:
        line = element.sourceline
        if line is None or line > len(self.lines):
            return line, None
        tag = self.tag(element)
        number, at = line, None
        rank = self.rank(element)
        written = self.written(line, tag)
        if rank is not None and rank[1] == len(written):
            at = written[rank[0]]
        else:
            # A start tag over several lines: it begins a few lines above where it ends.
            for above in range(line - 1, max(line - _TAG_LINES, 0), -1):
                if len(self.lines[above - 1]) <= self._BLOCK * 4 and self.written(above, tag):
                    number, at = above, self.written(above, tag)[-1]
                    break
        if at is None:
            return line, None
        if attribute is not None:
            pattern = re.compile(rb"\s" + re.escape(attribute.encode()) + rb"\s*=")
            for offset in range(line - number + 1):
                found = pattern.search(self.lines[number - 1 + offset], at if offset == 0 else 0)
                if found is not None:
                    return number + offset, self.column(number + offset, found.start() + 1)
        return number, self.column(number, at)


@dataclass
class _Reader:
    data: bytes
    name: str
    lang: str | None
    strict: bool = False
    problems: list[Problem] = field(default_factory=list)
    found: dict[str, _Found] = field(default_factory=dict)
    locator: _Locator | None = None
    #: The language of narratives without `xml:lang`: the current activity's.
    default_lang: str = "en"

    def where(
        self, element: etree._Element, attribute: str | None = None
    ) -> tuple[int | None, int | None]:
        """Line and column of an element's start tag (or one of its attributes)."""
        if self.locator is None:
            self.locator = _Locator(self.data, element.getroottree().getroot())
        return self.locator.where(element, attribute)

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
        match = _DATE.fullmatch(value)
        if match is not None and match.group(2) is not None:
            try:
                datetime.date(*(int(part) for part in match.group(1, 2, 3)))
            except ValueError:
                match = None  # 2025-13-45: no such day
        if match is None:
            example = "2021" if attribute == "year" else "2021-12-31"
            self.problem(
                element, f"{attribute} must be like {example} (got {show(value)})", attribute
            )
            return None
        return int(match.group(1))

    def add(self, element: etree._Element, raw: dict[str, Any]) -> None:
        node_id = raw["id"]
        if node_id in self.found:
            previous = self.found[node_id]
            self.problem(
                element,
                f"{raw['kind']} id {show(node_id)} is used twice (first at line {previous.line})",
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
                        "an IATI file starts with <iati-activities> or <iati-activity> "
                        f"(got <{_local(root)[:40]}>)",
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
        node_id = activity.get(f"{_IL}id") or slug(identifier) or f"activity-{number}"
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
            actor_id = slug(f"org-{organisation.get('ref') or title}")
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
            ("source", _source(element.get(f"{_IL}source"))),
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
        arguments: dict[str, Any] = {
            "source": self.name,
            "positions": [
                (entry.line, entry.column or 0) if entry.line else None for entry in found
            ],
            "describe": pydantic_words,
        }
        document = {k: v for k, v in header.items() if v is not None}
        raw = [entry.raw for entry in found]
        if self.strict:
            result = assemble(document, raw, **arguments)
            if isinstance(result, Model) and not self.problems:
                return result
        else:
            result, left_out = assemble_leniently(document, raw, **arguments)
            warnings = [*self.problems, *(self.locate(issue, found) for issue in left_out)]
            self.problems = []
            if isinstance(result, Model):
                result.warnings = tuple(sorted(warnings, key=_order))
                return result
        if isinstance(result, Rejected):
            # Links are checked once the nodes are valid; each issue is at its node's element.
            self.problems.extend(
                self.locate(issue, found) for issue in result.nodes or result.links
            )
            self.problems.extend(issue.as_problem(self.name) for issue in result.header)
        raise ModelError(self.problems)

    def locate(self, issue: Issue, found: list[_Found]) -> Problem:
        index = issue.path[1] if len(issue.path) > 1 else None
        entry = found[index] if isinstance(index, int) and index < len(found) else None
        line, column = (entry.line, entry.column) if entry else (None, None)
        return Problem(self.name, line, column, issue.message)


def _order(problem: Problem) -> tuple[int, int, str]:
    return (problem.line or 0, problem.column or 0, problem.message)


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


def _source(text: str | None) -> str | dict[str, Any] | None:
    return None if text is None else source_from_compact(text)
