"""Indicator roll-up across the plans of a portfolio: adding values only where adding means something.

Each plan in a portfolio measures its own part (a project its own companies, a region its own
population); the roll-up combines the indicators of several plans year by year as their
`aggregate` says (``sum``, ``mean``, ``weighted-mean``), obeying `measure` (a running total
that a plan did not report again stays what it was; an increment that was not reported is
missing, never zero). It refuses, with a stable code and a reason in words, what would give a
number that means nothing: shares added up, different units, level, cumulative and
incremental values mixed, different aggregation rules, or ``aggregate: none``.

Which indicators are "the same" across plans: an indicator referenced by several plans
(``measured_by: RUS:andel``) is one node, so one series; besides that, indicators of different
plans match when their structured sources name the same key figure (the same Kolada KPI and
gender, any area: each plan's own municipality or region) or the very same PxWeb or JSON-stat
selection. Two indicators with the same source *and* area are one series written twice and
are counted once (:attr:`RollUp.duplicates`): the one asked for is kept, and a roll-up of
copies whose values differ for a year is refused (``conflicting-duplicates``). Free-text sources and the plans' own `number`
never match: every plan numbers its indicators from 1.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Indicator(id="a", title="Företag som fått stöd", unit="antal", values={2022: 10, 2023: 14}),
...     il.Indicator(id="b", title="Företag som fått stöd", unit="antal", values={2022: 5, 2023: 6}),
... ], title="Portfölj")
>>> total = il.roll_up(model, ["a", "b"])
>>> total.method, total.values
('sum', {2022: 15.0, 2023: 20.0})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from insatslogik.analyses.indicators import aggregation
from insatslogik.analyses.tabular import TableResult
from insatslogik.errors import UsageError
from insatslogik.i18n import Lang, counted, format_number, quantity, resolve_lang, word
from insatslogik.kinds import Kind
from insatslogik.model.measures import is_share
from insatslogik.model.model import Model
from insatslogik.model.schema import Indicator, Source

__all__ = ["REFUSALS", "RollUp", "indicator_key", "matching_indicators", "roll_up"]

Refusal = Literal[
    "conflicting-duplicates",
    "percentage",
    "different-units",
    "mixed-measure",
    "mixed-aggregate",
    "not-aggregated",
    "missing-weights",
    "zero-weights",
]

#: Why a roll-up is refused: the stable codes, in the order they are tried.
REFUSALS: Final[tuple[Refusal, ...]] = (
    "conflicting-duplicates",
    "different-units",
    "mixed-measure",
    "mixed-aggregate",
    "percentage",
    "not-aggregated",
    "missing-weights",
    "zero-weights",
)


@dataclass(frozen=True)
class RollUp(TableResult):
    """Indicators of several plans combined year by year, or the reason they are not.

    `values` holds the years every indicator has a value for (a cumulative one carries its
    latest running total forward); `missing` the other years, each with the indicators that
    lack it: a sum over part of the plans is not shown as the portfolio's. `total` is the
    sum of all years for incremental values (None when a year is missing) and the latest
    year's value for cumulative ones (None when that year is incomplete); None for levels and
    means. A mean is shown (text, Markdown, HTML, CSV) to one decimal more than its most
    precise input (`decimals`); `values` and the JSON keep full precision. When `refusal` is set (a code of
    :data:`REFUSALS`), `values` is empty and :meth:`reason` says why.

    Its records are one dict per year, ``{"year", "value", "missing"}`` (value None where
    the year is incomplete), none when refused; its DataFrame is indexed by year; its JSON is
    ``{"format": "insatslogik-roll-up", "version": 1, "indicators", "plans", "unit",
    "measure", "method", "weights", "refusal", "total", "duplicates", "years"}``, refusals and
    methods as codes, `weights` by indicator (empty unless a weighted mean was given them). Its
    Markdown and HTML say why in a sentence when refused; its caption
    (:meth:`~TableResult.table_caption`) is the method and the indicators, and its notes the
    total.
    """

    indicators: tuple[str, ...]
    plans: tuple[str, ...]
    unit: str | None
    measure: str
    method: str
    values: dict[int, float]
    missing: dict[int, tuple[str, ...]]
    total: float | None
    duplicates: tuple[str, ...] = ()
    refusal: Refusal | None = None
    detail: str = ""
    lang: Lang = "sv"
    weights: dict[str, float] = field(default_factory=dict)
    decimals: int | None = None

    _json_format = "insatslogik-roll-up"
    _frame_index = "year"

    def reason(self, *, lang: Lang | None = None) -> str | None:
        """Why the roll-up was refused, in words; None when it was not.

        Args:
            lang: the language; None for the model's.

        Returns:
            One sentence naming what differs.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(id="a", title="A", unit="%"),
        ...                   il.Indicator(id="b", title="B", unit="%")], title="P")
        >>> result = il.roll_up(model, ["a", "b"])
        >>> result.refusal, result.reason(lang="en")
        ('percentage', 'shares (unit %) are not added up: give aggregate mean or weighted-mean')
        """
        if self.refusal is None:
            return None
        language = resolve_lang(lang, self.lang)
        return word(f"rollup.{self.refusal}", language).format(detail=self.detail)

    def __repr__(self) -> str:
        head = f"<RollUp of {len(self.indicators)} indicators from {len(self.plans)} plans"
        if self.refusal is not None:
            return f"{head}: refused ({self.refusal}: {self.detail})>"
        years = ", ".join(f"{year}: {value:g}" for year, value in self.values.items())
        missing = f", {len(self.missing)} years incomplete" if self.missing else ""
        return f"{head}: {self.method} {{{years}}}{missing}>"

    def _records(self) -> list[dict[str, Any]]:
        years = sorted({*self.values, *self.missing})
        return [
            {
                "year": year,
                "value": self.values.get(year),
                "missing": list(self.missing.get(year, ())),
            }
            for year in years
        ]

    def _frame_columns(self) -> list[str]:
        return ["year", "value", "missing"]

    def _json_fields(self) -> dict[str, Any]:
        return {
            "indicators": list(self.indicators),
            "plans": list(self.plans),
            "unit": self.unit,
            "measure": self.measure,
            "method": self.method,
            "weights": self._weights_used(),
            "refusal": self.refusal,
            "total": self.total,
            "duplicates": list(self.duplicates),
            "years": self._records(),
        }

    def _weights_used(self) -> dict[str, float]:
        # Weights count only in a weighted mean; a sum or a mean given some ignores them.
        if self.method != "weighted-mean":
            return {}
        return {key: self.weights[key] for key in self.indicators if key in self.weights}

    def _shown(self, value: float) -> float:
        """`value` as shown: a computed mean rounded to `decimals`, anything else as it is."""
        return value if self.decimals is None else round(value, self.decimals)

    def _instead(self, lang: Lang) -> str | None:
        return self.reason(lang=lang)

    def table_cells(self, *, lang: Lang | None = None) -> list[list[list[str]]]:
        """The roll-up as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the headings and numbers; None for the model's.

        Returns:
            Rows of cells (year | value | missing); when refused, one cell with the reason.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(id="a", title="A", unit="antal", values={2022: 1})],
        ...                  title="P")
        >>> il.roll_up(model, ["a"]).table_cells(lang="en")
        [[['year'], ['value'], ['missing']], [['2022'], ['1'], []]]
        """
        language = resolve_lang(lang, self.lang)
        if self.refusal is not None:
            return [[[word("rollup.refused", language)]], [[self.reason(lang=language) or ""]]]
        head = [[word(f"rollup.{key}", language)] for key in ("year", "value", "missing")]
        body = [
            [
                [str(record["year"])],
                [
                    "-"
                    if record["value"] is None
                    else format_number(self._shown(record["value"]), language)
                ],
                list(record["missing"]),
            ]
            for record in self._records()
        ]
        return [head, *body]

    def to_text(self, *, lang: Lang | None = None) -> str:
        """The roll-up as lines: the method, one line per year, the total; or the refusal.

        Args:
            lang: the language of words and numbers; None for the model's.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Indicator(id="a", title="A", unit="antal", values={2022: 12000}),
        ...     il.Indicator(id="b", title="B", unit="antal", values={2022: 300})], title="P")
        >>> print(il.roll_up(model, ["a", "b"]).to_text(), end="")
        summa av 2 indikatorer (a, b)
        2022: 12\N{NO-BREAK SPACE}300 st
        """
        language = resolve_lang(lang, self.lang)
        head = self._caption(language)
        if self.refusal is not None:
            return f"{head}\n{word('rollup.refused', language)}: {self.reason(lang=language)}\n"
        lines = [head]
        for record in self._records():
            value = record["value"]
            if value is None:
                lacking = ", ".join(record["missing"])
                lines.append(f"{record['year']}: - ({word('rollup.missing', language)}: {lacking})")
            else:
                shown = self._shown(value)
                lines.append(f"{record['year']}: {quantity(shown, self.unit, language)}")
        lines.extend(self._notes(language))
        return "\n".join(lines) + "\n"

    def _caption(self, lang: Lang) -> str:
        # The method and the indicators (with their weights), before the years in every format.
        weight, used = word("rollup.weight", lang), self._weights_used()
        named = ", ".join(
            f"{key} {weight.format(weight=format_number(used[key], lang))}" if key in used else key
            for key in self.indicators
        )
        return (
            f"{word(f'rollup.method.{self.method}', lang)} "
            f"{word('rollup.of', lang)} {counted(len(self.indicators), 'indicator', lang)} "
            f"({named})"
        )

    def _notes(self, lang: Lang) -> list[str]:
        # The total, and the series left out as copies of one asked for, after the years.
        if self.refusal is not None:
            return []
        notes = []
        if self.total is not None:
            notes.append(f"{word('rollup.total', lang)}: {quantity(self.total, self.unit, lang)}")
        if self.duplicates:
            notes.append(word("rollup.duplicates", lang).format(ids=", ".join(self.duplicates)))
        return notes


def indicator_key(indicator: Indicator) -> str | None:
    """What makes indicators of different plans the same measure: their structured source.

    A Kolada key figure matches by KPI and gender (any area: each plan measures its own
    municipality or region); a PxWeb or JSON-stat series only by its whole address and
    selection. A free-text source or none gives no key: nothing matches it by source.

    Args:
        indicator: the indicator.

    Returns:
        The key, or None.

    >>> import insatslogik as il
    >>> kolada = il.Source(kolada=il.KoladaSource(kpi="N00945", area="1400"))
    >>> indicator_key(il.Indicator(id="i", title="I", source=kolada))
    'kolada:N00945:T'
    >>> indicator_key(il.Indicator(id="j", title="J", source="SCB")) is None
    True
    """
    return _source_key(indicator, area=False)


def _source_key(indicator: Indicator, *, area: bool) -> str | None:
    """The key of an indicator's structured source; with `area`, the one series its values are.

    The measure (:func:`indicator_key`) leaves a Kolada key figure's area out, as each plan
    measures its own; the series adds it, so that one series written twice is counted once.
    """
    source = indicator.source
    if not isinstance(source, Source):
        return None
    if source.kolada is not None:
        kolada = source.kolada
        measure = f"kolada:{kolada.kpi}:{kolada.gender or 'T'}"
        return f"{measure}:{kolada.area}" if area else measure
    return source.compact()


def matching_indicators(model: Model, indicator_id: str) -> tuple[str, ...]:
    """The indicators of the model that measure the same as `indicator_id` (see :func:`indicator_key`).

    Args:
        model: the model, a portfolio or one plan.
        indicator_id: an indicator's id.

    Returns:
        The ids, in id order, `indicator_id` among them.

    Raises:
        KeyError: for an unknown id.
        UsageError: when the id is not an indicator.

    >>> import insatslogik as il
    >>> def kpi(area):
    ...     return il.Source(kolada=il.KoladaSource(kpi="N00945", area=area))
    >>> model = il.Model([il.Indicator(id="a", title="A", source=kpi("1400")),
    ...                   il.Indicator(id="b", title="B", source=kpi("1480")),
    ...                   il.Indicator(id="c", title="C", source="SCB")], title="P")
    >>> matching_indicators(model, "b"), matching_indicators(model, "c")
    (('a', 'b'), ('c',))
    """
    indicator = _indicator(model, indicator_id)
    key = indicator_key(indicator)
    if key is None:
        return (indicator_id,)
    return tuple(
        node.id
        for node in model.nodes(Kind.INDICATOR)
        if isinstance(node, Indicator) and indicator_key(node) == key
    )


def _indicator(model: Model, indicator_id: str) -> Indicator:
    node = model[indicator_id]
    if not isinstance(node, Indicator):
        msg = f"a roll-up takes indicators (got {indicator_id!r}, a {node.kind})"
        raise UsageError(msg)
    return node


def _unit(unit: str | None) -> str:
    return (unit or "").strip().lower()


def _refusal(members: list[Indicator], weights: Mapping[str, float]) -> tuple[Refusal, str] | None:
    units = sorted({_unit(member.unit) for member in members})
    if len(units) > 1:
        return "different-units", ", ".join(unit or "-" for unit in units)
    measures = sorted({member.measure for member in members})
    if len(measures) > 1:
        return "mixed-measure", ", ".join(measures)
    methods = sorted({aggregation(member) for member in members})
    if len(methods) > 1:
        return "mixed-aggregate", ", ".join(methods)
    method = methods[0]
    if is_share(units[0]) and method in {"sum", "none"}:
        return "percentage", members[0].unit or ""
    if method == "none":
        return "not-aggregated", ", ".join(member.id for member in members)
    if method == "weighted-mean":
        lacking = [member.id for member in members if member.id not in weights]
        if lacking:
            return "missing-weights", ", ".join(lacking)
        if not any(weights[member.id] for member in members):
            return "zero-weights", ", ".join(member.id for member in members)
    return None


def _value_at(member: Indicator, year: int, carried: bool) -> float | None:
    value = member.values.get(year)
    if value is not None or not carried:
        return value
    # A running total a plan did not report again stays what it was last reported.
    earlier = [y for y in member.values if y < year]
    return member.values[max(earlier)] if earlier else None


def roll_up(
    model: Model,
    indicators: str | Iterable[str],
    *,
    weights: Mapping[str, float] | None = None,
) -> RollUp:
    """Indicators of several plans combined year by year, as their `aggregate` and `measure` say.

    Args:
        model: a portfolio (:func:`insatslogik.load_portfolio`) or any model.
        indicators: one indicator's id, to roll it up with every indicator that matches it
            (:func:`matching_indicators`), or the ids to combine, chosen by the caller.
        weights: for ``weighted-mean``, each indicator's weight (a population, a number of
            firms), by id.

    Returns:
        The roll-up; refused (`refusal` set, no values) when the indicators cannot be added
        up. Cost: linear in the indicators' values.

    Raises:
        KeyError: for an unknown id.
        UsageError: for an id that is not an indicator, or no ids.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="a", title="Nya jobb", unit="antal", measure="cumulative",
    ...                  values={2021: 10, 2022: 25}),
    ...     il.Indicator(id="b", title="Nya jobb", unit="antal", measure="cumulative",
    ...                  values={2021: 4}),
    ... ], title="Portfölj")
    >>> result = il.roll_up(model, ["a", "b"])
    >>> result.values, result.total
    ({2021: 14.0, 2022: 29.0}, 29.0)
    """
    ids = (
        matching_indicators(model, indicators)
        if isinstance(indicators, str)
        else tuple(dict.fromkeys(indicators))
    )
    if not ids:
        msg = "a roll-up needs at least one indicator (got none)"
        raise UsageError(msg)
    given = weights or {}
    # Of one series written twice the indicator asked for is kept: the one named, or the
    # first of those named; the others are told as duplicates.
    named = indicators if isinstance(indicators, str) else ids[0]
    kept: dict[str, Indicator] = {}
    members: list[Indicator] = []
    duplicates: list[str] = []
    conflicts: list[str] = []
    for indicator_id in sorted(ids, key=lambda node_id: (node_id != named, node_id)):
        member = _indicator(model, indicator_id)
        series = _source_key(member, area=True)
        if series is None:
            members.append(member)
        elif series in kept:
            duplicates.append(indicator_id)
            conflicts.extend(_conflicts(kept[series], member))
        else:
            kept[series] = member
            members.append(member)
    members.sort(key=lambda member: member.id)
    duplicates.sort()
    member_ids = tuple(member.id for member in members)
    plans = tuple(sorted({model.plan_of(member.id) for member in members}))
    first = members[0]
    lang = resolve_lang(None, model.language)
    refused: tuple[Refusal, str] | None = (
        ("conflicting-duplicates", "; ".join(conflicts)) if conflicts else _refusal(members, given)
    )
    method = aggregation(first)
    if refused is not None:
        return RollUp(
            member_ids,
            plans,
            first.unit,
            first.measure,
            method,
            {},
            {},
            None,
            tuple(duplicates),
            refused[0],
            refused[1],
            lang,
        )
    carried = first.measure == "cumulative"
    values: dict[int, float] = {}
    missing: dict[int, tuple[str, ...]] = {}
    for year in sorted({year for member in members for year in member.values}):
        found = [(member.id, _value_at(member, year, carried)) for member in members]
        lacking = tuple(member_id for member_id, value in found if value is None)
        if lacking:
            missing[year] = lacking
            continue
        numbers = [(member_id, float(value)) for member_id, value in found if value is not None]
        values[year] = _combine(method, numbers, given)
    total: float | None = None
    if values and method == "sum":
        if first.measure == "incremental" and not missing:
            total = sum(values.values())
        elif carried:
            # A running total's latest year is the total, whatever an earlier year lacks: that
            # year is complete, each plan's latest total being carried forward to it.
            total = values[max(values)]
    used_weights = {
        member_id: float(given[member_id]) for member_id in member_ids if member_id in given
    }
    return RollUp(
        member_ids,
        plans,
        first.unit,
        first.measure,
        method,
        values,
        missing,
        total,
        tuple(duplicates),
        lang=lang,
        weights=used_weights,
        decimals=_decimals(members) if method != "sum" else None,
    )


def _conflicts(kept: Indicator, duplicate: Indicator) -> list[str]:
    """The years two copies of one series give different values, as ``a ≠ b (2022)``."""
    return [
        f"{duplicate.id} \N{NOT EQUAL TO} {kept.id} ({year})"
        for year, value in sorted(duplicate.values.items())
        if year in kept.values and kept.values[year] != value
    ]


def _decimals(members: list[Indicator]) -> int:
    """How many decimals a mean of the members' values is shown to: one more than theirs.

    A mean of whole percentages (55, 60) is shown to one decimal (57,5), not to fifteen
    significant digits; one of values given to a decimal, to two.
    """
    written = [f"{value:.15g}" for member in members for value in member.values.values()]
    # An exponent form (1e-07) has no plain decimals to count: keep what .15g would show.
    if any("e" in text for text in written):
        return 15
    return max((len(text.partition(".")[2]) for text in written), default=0) + 1


def _combine(method: str, numbers: list[tuple[str, float]], weights: Mapping[str, float]) -> float:
    if method == "sum":
        return sum(value for _, value in numbers)
    if method == "mean":
        return sum(value for _, value in numbers) / len(numbers)
    total_weight = sum(weights[member_id] for member_id, _ in numbers)
    return sum(weights[member_id] * value for member_id, value in numbers) / total_weight
