"""Reading a saved Kolada data response (``/v3/data/kpi/{KPI}/municipality/{CODE}/year/...``).

The shape, as the service documents it (github.com/Hypergene/kolada, README, for v2, whose
paths and items v3 keeps): ``{"values": [{"kpi", "municipality", "period", "values":
[{"gender", "value", "count", "status"}]}], "count", "next_url"}`` (v2: ``next_page``);
``gender`` is T (total), K (kvinnor) or M (män); a value may be null. Organisational-unit data
(``/v3/oudata/...``) names its unit ``ou`` instead of ``municipality``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from insatslogik.errors import ModelError, Problem
from insatslogik.formats.statistics._values import StatisticValues, load_json, number, problem

__all__ = ["values_from_kolada"]

# Kolada's gender codes and the group each stands for in a breakdown by kön.
_GROUPS: Final[dict[str, str]] = {"K": "kvinnor", "M": "män"}
_YEAR: Final = re.compile(r"\d{4}")


def values_from_kolada(
    data: str | bytes | Mapping[str, Any],
    *,
    name: str = "<kolada>",
    kpi: str | None = None,
    area: str | None = None,
) -> StatisticValues:
    """The values of one KPI in one area from a saved Kolada data response (v3 or v2).

    Args:
        data: the response: JSON text, bytes or the parsed mapping.
        name: what to call the response in problems (a file name or URL).
        kpi: the KPI to read when the response holds several.
        area: the municipality, region or unit to read when the response holds several.

    Returns:
        The total (gender T) by year, and the breakdown ``{"kön": {"kvinnor": ..., "män":
        ...}}`` when the response has K and M values. A null value is missing (None), not 0.

    Raises:
        ModelError: the response is not a Kolada data response, or holds several KPIs or areas
            and none was chosen; each problem names the JSON path (``values[3].period``).

    >>> response = {"count": 1, "values": [{"kpi": "N00945", "municipality": "1860",
    ...     "period": 2020, "values": [{"count": 1, "gender": "T", "status": "", "value": 4.5},
    ...     {"count": 1, "gender": "K", "status": "", "value": None}]}]}
    >>> series = values_from_kolada(response)
    >>> series.series, series.area, series.values, series.breakdowns
    ('N00945', '1860', {2020: 4.5}, {'kön': {'kvinnor': {2020: None}}})
    """
    response = load_json(data, name)
    problems: list[Problem] = []
    items = response.get("values")
    if not isinstance(items, list):
        raise ModelError([problem(name, "values", "must be a list of data items")])
    rows: list[tuple[str, str, int, str, float | None, str, str]] = []
    for position, item in enumerate(items):
        rows.extend(_item_rows(item, f"values[{position}]", name, problems))
    if problems:
        raise ModelError(problems)
    rows = [
        row for row in rows if (kpi is None or row[0] == kpi) and (area is None or row[1] == area)
    ]
    kpis = sorted({row[0] for row in rows})
    areas = sorted({row[1] for row in rows})
    if len(kpis) > 1:
        problems.append(problem(name, "values", f"holds several KPIs {kpis}: choose one (kpi=)"))
    if len(areas) > 1:
        problems.append(problem(name, "values", f"holds several areas {areas}: choose one (area=)"))
    if not rows and (kpi is not None or area is not None):
        problems.append(problem(name, "values", f"holds no values for kpi={kpi!r} area={area!r}"))
    if problems:
        raise ModelError(problems)
    total: dict[int, float | None] = {}
    status: dict[int, str] = {}
    groups: dict[str, dict[int, float | None]] = {}
    seen: dict[tuple[int, str], str] = {}
    for _kpi, _area, year, gender, value, state, path in rows:
        if (year, gender) in seen:
            problems.append(
                problem(name, path, f"repeats {year} {gender} (first at {seen[year, gender]})")
            )
            continue
        seen[year, gender] = path
        if gender == "T":
            total[year] = value
            if state:
                status[year] = state
        else:
            groups.setdefault(_GROUPS[gender], {})[year] = value
    if problems:
        raise ModelError(problems)
    breakdowns = {"kön": {g: dict(sorted(v.items())) for g, v in sorted(groups.items())}}
    return StatisticValues(
        source="kolada",
        series=kpis[0] if kpis else (kpi or ""),
        area=areas[0] if areas else area,
        values=dict(sorted(total.items())),
        breakdowns=breakdowns if groups else {},
        status=dict(sorted(status.items())),
    )


def _item_rows(
    item: Any, path: str, name: str, problems: list[Problem]
) -> list[tuple[str, str, int, str, float | None, str, str]]:
    """The (kpi, area, year, gender, value, status, path) rows of one data item."""
    if not isinstance(item, Mapping):
        problems.append(problem(name, path, "must be an object"))
        return []
    before = len(problems)
    kpi = item.get("kpi")
    if not isinstance(kpi, str) or not kpi:
        problems.append(problem(name, f"{path}.kpi", f"must be a KPI id (got {kpi!r})"))
    where = "ou" if "ou" in item and "municipality" not in item else "municipality"
    area = item.get(where)
    if not isinstance(area, str) or not area:
        problems.append(problem(name, f"{path}.{where}", f"must be a code (got {area!r})"))
    period = item.get("period")
    year = _year(period)
    if year is None:
        problems.append(problem(name, f"{path}.period", f"must be a year (got {period!r})"))
    entries = item.get("values")
    if not isinstance(entries, list):
        problems.append(problem(name, f"{path}.values", "must be a list"))
        return []
    rows: list[tuple[str, str, int, str, float | None, str, str]] = []
    for position, entry in enumerate(entries):
        here = f"{path}.values[{position}]"
        if not isinstance(entry, Mapping):
            problems.append(problem(name, here, "must be an object"))
            continue
        gender = entry.get("gender")
        if gender not in ("T", "K", "M"):
            problems.append(
                problem(name, f"{here}.gender", f"must be 'T', 'K' or 'M' (got {gender!r})")
            )
            continue
        try:
            value = number(entry.get("value"))
        except TypeError:
            problems.append(
                problem(name, f"{here}.value", f"must be a number or null (got {entry['value']!r})")
            )
            continue
        state = entry.get("status") or ""
        if not isinstance(state, str):
            problems.append(problem(name, f"{here}.status", f"must be text (got {state!r})"))
            continue
        rows.append((str(kpi), str(area), year or 0, gender, value, state, here))
    return rows if len(problems) == before else []


def _year(period: Any) -> int | None:
    """The year a Kolada period names: an int or a four-digit string."""
    if isinstance(period, int) and not isinstance(period, bool) and 1000 <= period <= 9999:
        return period
    if isinstance(period, str) and _YEAR.fullmatch(period):
        return int(period)
    return None
