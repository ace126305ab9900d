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
>>> text = to_iati_xml(model, identifier="SE-ORGNR-2321000131-KD")
>>> print(next(line for line in text.splitlines() if "<result" in line))
    <result type="3" il:id="mal" il:kind="goal">
>>> from_iati_xml(text) == model
True
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from insatslogik.errors import ModelError, Problem, UsageError
from insatslogik.formats.files import read_input, write_atomic
from insatslogik.formats.iati._reading import (
    EXTENSION_NAMESPACE,
    RESULT_KINDS,
    XML_NAMESPACE,
    iati_number,
    parse_iati,
    slug,
)
from insatslogik.formats.native import canonical_nodes, refuse_used
from insatslogik.formats.portfolio import refuse_plans
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, Node, Source

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lxml import etree

__all__ = [
    "EXTENSION_NAMESPACE",
    "IATI_VERSION",
    "RESULT_KINDS",
    "from_iati_xml",
    "iati_number",
    "read_iati",
    "to_iati_xml",
    "write_iati",
]

#: The IATI version written.
IATI_VERSION: Final = "2.03"

_IL: Final = f"{{{EXTENSION_NAMESPACE}}}"
_FIRST_YEAR: Final = 1000
_LAST_YEAR: Final = 9999


def read_iati(
    path: str | os.PathLike[str], *, lang: str | None = None, strict: bool = False
) -> Model:
    """Load the results of an IATI activity file (``iati-activities`` or one ``iati-activity``).

    Each activity becomes a project with its results (outputs, outcomes, goals) and their
    indicators, part of it; its implementing organisations become actors that perform it. A
    file written by :func:`write_iati` loads back as the plan it came from.

    Files published by other organisations often have a value that is not a number
    (``N/A``), a date that is no date or a period without dates. Read leniently (the
    default), what cannot be read is left out and listed, located, in the model's
    `warnings`; read strictly, any such problem refuses the whole file.

    Args:
        path: the file.
        lang: the language whose narratives to read where there are several (default: each
            activity's own `xml:lang`).
        strict: refuse the file for any problem (one `ModelError` listing them all) instead
            of leaving out what cannot be read.

    Returns:
        The model; for one activity, titled and in the language of that activity.

    Raises:
        ModelError: when the file is not well-formed XML, has a DOCTYPE or XInclude, or is
            not an IATI activity file; strictly, also when it has values that are not
            numbers or dates that are not dates; each problem with line and column.
        OSError: when the file cannot be read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp(), "kraftsamling.xml")
    >>> _ = path.write_text('''<iati-activity>
    ...   <iati-identifier>SE-KD</iati-identifier>
    ...   <title>Kraftsamling digitalisering</title>
    ...   <result type="Outcome">
    ...     <title>Fler SMF digitaliseras</title>
    ...     <indicator measure="2">
    ...       <title>Andel SMF</title>
    ...       <baseline year="2020" value="82"/>
    ...     </indicator>
    ...   </result>
    ... </iati-activity>''', encoding="utf-8")
    >>> model = read_iati(path)
    >>> [(node.kind, node.id) for node in model.nodes()]
    [('project', 'SE-KD'), ('outcome', 'SE-KD.r1'), ('indicator', 'SE-KD.r1.i1')]
    >>> model["SE-KD.r1.i1"].baseline
    Observation(year=2020, value=82.0)
    """
    name = os.fspath(path)
    return from_iati_xml(read_input(name), name=name, lang=lang, strict=strict)


def from_iati_xml(
    data: str | bytes, *, name: str = "<string>", lang: str | None = None, strict: bool = False
) -> Model:
    """Load IATI XML from text or bytes; `name` stands for the file in error messages.

    Args:
        data: the XML, as text or as the file's bytes.
        name: what error messages call the data, e.g. the file it came from.
        lang: as :func:`read_iati` takes it.
        strict: as :func:`read_iati` takes it.

    Returns:
        The model, as :func:`read_iati` gives it.

    Raises:
        ModelError: as :func:`read_iati`.

    >>> model = from_iati_xml('''<iati-activities version="2.03">
    ...   <iati-activity xml:lang="sv">
    ...     <iati-identifier>SE-ORGNR-2321000131-KD</iati-identifier>
    ...     <title><narrative>Kraftsamling digitalisering</narrative></title>
    ...     <participating-org role="4"><narrative>Science Park</narrative></participating-org>
    ...   </iati-activity>
    ... </iati-activities>''')
    >>> model.language, [(node.kind, node.id) for node in model.nodes()]
    ('sv', [('project', 'SE-ORGNR-2321000131-KD'), ('actor', 'org-Science-Park')])
    >>> from_iati_xml("<iati-activities><iati-activity/>", name="plan.xml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in plan.xml:
      plan.xml:1:34: XML syntax error: ...

    A value that is not a number is left out, with a warning; strictly, it refuses the file:

    >>> text = '''<iati-activity><iati-identifier>XM-1</iati-identifier><result type="1">
    ... <title>Lärare</title><indicator measure="1"><title>Utbildade</title>
    ... <baseline year="2020" value="N/A"/></indicator></result></iati-activity>'''
    >>> [str(warning) for warning in from_iati_xml(text, name="x.xml").warnings]  # doctest: +ELLIPSIS
    ["x.xml:3:23: value must be a number such as 1234.5 or 1,234.5 (got 'N/A')"]
    >>> from_iati_xml(text, name="x.xml", strict=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in x.xml:
      x.xml:3:23: value must be a number ...
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        # The text is already decoded, so a declared encoding no longer applies.
        raw = re.sub(rb"^(<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']", rb"\1", raw)
    return parse_iati(raw, name, lang, strict=strict)


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


def _years(nodes: list[Node]) -> list[int]:
    years: list[int] = []
    for node in nodes:
        period = getattr(node, "period", None)
        if period is not None:
            years.extend((period.start, period.end))
        if isinstance(node, Indicator):
            years.extend(node.values)
            years.extend(
                o.year for o in (node.baseline, node.current_target) if o and o.year is not None
            )
    return years


def _results(nodes: list[Node], indicators: Mapping[str, Indicator]) -> list[Node]:
    # A result must have an indicator in IATI: chain nodes that nothing measures cannot be one,
    # nor can those measured only by a used plan's indicator, which the file does not hold.
    return [
        node
        for node in nodes
        if Kind(node.kind) in RESULT_KINDS
        and any(ref in indicators for ref in getattr(node, "measured_by", ()))
    ]


def to_iati_xml(
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
    target or value. A plan loaded with the plans it uses writes its own results: links into
    the used plans (``ALIAS:id``) are left out, as IATI holds one plan (``docs/interchange.md``).

    Args:
        model: the plan.
        identifier: the activity's IATI identifier, which must start with the reporting
            organisation's identifier (default: that, a hyphen and the plan title's letters).
        reporting_org: the reporting organisation's IATI identifier, e.g.
            ``SE-ORGNR-2321000131`` for Västra Götalandsregionen. The default is a placeholder.
        reporting_org_name: its name (default: its identifier).
        reporting_org_type: its IATI organisation type (default 11, local government).
        start_year: the year the activity starts (default: the earliest year in the model),
            from 1000 to 9999 as every year in a model.

    Returns:
        The XML text, with its declaration.

    Raises:
        ModelError: when the model has no year to start from and `start_year` is not given,
            or has text XML cannot hold (control characters).
        UsageError: when `start_year` is not a year from 1000 to 9999, or for a portfolio
            (:func:`insatslogik.load_portfolio`): an IATI activity is one plan.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
    ...     il.Indicator(id="andel", title="Andel SMF", unit="%", values={2021: 84}),
    ... ], title="Kraftsamling digitalisering")
    >>> text = to_iati_xml(model, reporting_org="SE-ORGNR-2321000131")
    >>> [line.strip() for line in text.splitlines() if "identifier" in line or "actual" in line]
    ['<iati-identifier>SE-ORGNR-2321000131-Kraftsamling-digitalisering</iati-identifier>', '<actual value="84"/>']
    >>> to_iati_xml(il.Model([], title="Tom plan"))
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem:
      IATI needs a start date: the model has no year; give start_year (--start-year)
    """
    from lxml import etree

    if start_year is not None and not (
        isinstance(start_year, int) and _FIRST_YEAR <= start_year <= _LAST_YEAR
    ):
        # An IATI date has four digits; a model's years are those of its schema, 1000–9999.
        raise UsageError(
            f"start year must be a year from {_FIRST_YEAR} to {_LAST_YEAR} (got {start_year!r})"
        )
    refuse_plans(model, "an IATI activity file")
    # A plan loaded with the plans it uses writes its own nodes (docs/decisions.md): an IATI
    # activity is one plan, and a used plan's nodes have no place in it.
    nodes = canonical_nodes(model)
    years = _years(nodes)
    if start_year is None and not years:
        raise ModelError(
            [
                Problem(
                    None,
                    None,
                    None,
                    "IATI needs a start date: the model has no year; give start_year (--start-year)",
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
            element.set(f"{{{XML_NAMESPACE}}}space", "preserve")

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
        identifier=identifier or f"{reporting_org}-{slug(model.title, 60) or 'plan'}",
        org=(reporting_org, reporting_org_type, reporting_org_name),
        years=(start, end),
    )

    indicators = {node.id: node for node in nodes if isinstance(node, Indicator)}
    results = _results(nodes, indicators)
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
            indicator = indicators.get(indicator_id)
            if indicator is not None:  # None: a used plan's indicator (ALIAS:id)
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
    activity.set(f"{{{XML_NAMESPACE}}}lang", model.language)
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
    # IATI has level targets in a year only: a relative target, or one without a year, stays out.
    target = indicator.current_target
    if target is None or target.value is None or target.year is None:
        target = None
    if indicator.baseline is not None and target is not None and target.value is not None:
        # IATI's direction: does a higher value mean better? Taken from baseline and target.
        element.set("ascending", "0" if target.value < indicator.baseline.value else "1")
    element.set(f"{_IL}id", indicator.id)
    for key in ("unit", "source", "geography"):
        value = getattr(indicator, key)
        if isinstance(value, Source):
            value = value.compact()  # an attribute holds text: the form read back as structured
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
    years = sorted({*indicator.values, *([target.year] if target and target.year else [])})
    for year in years:
        period = etree.SubElement(element, "period")
        etree.SubElement(period, "period-start", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(period, "period-end", **{"iso-date": f"{year}-12-31"})
        if target is not None and target.year == year and target.value is not None:
            etree.SubElement(period, "target", value=_decimal(target.value))
        if year in indicator.values:
            etree.SubElement(period, "actual", value=_decimal(indicator.values[year]))


def write_iati(model: Model, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`to_iati_xml` of the model to `path` (UTF-8, atomically); options as there.

    Args:
        model: the model.
        path: the ``.xml`` file to write.
        options: as :func:`to_iati_xml` takes them (``identifier``, ``reporting_org``, …).

    Returns:
        The path written, as given.

    Raises:
        ModelError: as :func:`to_iati_xml`, when the model cannot be written as IATI.
        WriteError: when the file cannot be written, or is the file of a plan the model
            uses; the old file, if any, is unchanged.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål", measured_by=["andel"]),
    ...     il.Indicator(id="andel", title="Andel SMF", values={2022: 84})], title="T")
    >>> path = write_iati(model, pathlib.Path(tempfile.mkdtemp(), "plan.xml"))
    >>> read_iati(path) == model
    True
    """
    refuse_used(model, path)
    return write_atomic(path, to_iati_xml(model, **options))
