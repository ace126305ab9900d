"""Reading a saved JSON-stat 2.0 dataset (SCB's PxWeb ``json-stat2``, Eurostat's API).

A dataset names its dimensions in ``id`` with their lengths in ``size``; ``value`` is the cube
flattened row-major (the last dimension varies fastest), either a list or, when sparse, an
object from the flat index (as text) to the value. ``status`` marks values the same way, or is
one string for all. (json-stat.org/format, sections "id", "size", "value", "status".)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final, cast

from insatslogik.errors import ModelError, Problem
from insatslogik.formats.statistics._values import StatisticValues, load_json, number, problem

__all__ = ["values_from_jsonstat"]

_YEAR: Final = re.compile(r"\d{4}")
# Periods finer than a year, as SCB (2025M01, 2025K1) and Eurostat (2025-01, 2025-Q1) write them.
_SUB_YEARLY: Final = re.compile(r"\d{4}(-?[MQKH]\d{1,2}|-\d{2}|-S\d)")
# Names services give the time dimension when a dataset has no role.time.
_TIME_NAMES: Final = ("Tid", "time", "Time", "period", "år")
# Names of a region dimension, whose chosen code becomes the series' area.
_AREA_NAMES: Final = ("Region", "region", "geo", "Kommun", "Lan")


def values_from_jsonstat(
    data: str | bytes | Mapping[str, Any],
    *,
    name: str = "<json-stat>",
    time: str | None = None,
    select: Mapping[str, str] | None = None,
) -> StatisticValues:
    """The yearly values of one series in a saved JSON-stat 2.0 dataset.

    Args:
        data: the dataset: JSON text, bytes or the parsed mapping.
        name: what to call the dataset in problems (a file name or URL).
        time: the time dimension; by default the one ``role.time`` names, else one called
            ``Tid`` (SCB) or ``time`` (Eurostat).
        select: the code to use for every other dimension with more than one category
            (``{"Region": "1480", "Kon": "1+2"}``); a dimension of one category needs none.

    Returns:
        The values by year for the chosen series; a value that is null or absent is missing
        (None), and its status symbol (SCB's ``..``) is kept in ``status``.

    Raises:
        ModelError: not a JSON-stat 2.0 dataset, a dimension not chosen (the problem lists the
            dimensions and their codes), an unknown code, or periods finer than a year
            (monthly or quarterly values are refused, not summed: a sum is wrong for rates).

    >>> dataset = {"version": "2.0", "class": "dataset", "id": ["Region", "Tid"],
    ...     "size": [2, 2], "dimension": {
    ...         "Region": {"category": {"index": {"1480": 0, "1280": 1}}},
    ...         "Tid": {"category": {"index": {"2019": 0, "2020": 1}}}},
    ...     "value": [1.0, 2.0, 3.0, None], "status": {"3": ".."}}
    >>> series = values_from_jsonstat(dataset, select={"Region": "1280"})
    >>> series.area, series.values, series.status
    ('1280', {2019: 3.0, 2020: None}, {2020: '..'})
    """
    dataset = load_json(data, name)
    chosen = dict(select or {})
    dims, sizes, dimension = _shape(dataset, name)
    time_dim = _time_dimension(dataset, dims, time, name)
    codes = {
        dim: _codes(dimension.get(dim), size, dim, name)
        for dim, size in zip(dims, sizes, strict=True)
    }
    problems: list[Problem] = []
    for dim in sorted(set(chosen) - set(dims) - {time_dim}):
        problems.append(problem(name, "id", f"has no dimension {dim!r} (dimensions: {dims})"))
    position: dict[str, int] = {}
    for dim in dims:
        if dim == time_dim:
            continue
        listed = codes[dim]
        if dim in chosen:
            if chosen[dim] not in listed:
                problems.append(
                    problem(
                        name,
                        f"dimension.{dim}",
                        f"has no code {chosen[dim]!r} (codes: {', '.join(listed)})",
                    )
                )
                continue
            position[dim] = listed.index(chosen[dim])
        elif len(listed) == 1:
            position[dim] = 0
            chosen[dim] = listed[0]
        else:
            problems.append(
                problem(
                    name,
                    f"dimension.{dim}",
                    f"has {len(listed)} codes: choose one with select={{{dim!r}: ...}} "
                    f"(codes: {', '.join(listed[:20])}{', ...' if len(listed) > 20 else ''})",
                )
            )
    years = _years(dimension[time_dim], codes[time_dim], time_dim, name, problems)
    if problems:
        raise ModelError(problems)
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    total = math.prod(sizes)
    raw_values = dataset.get("value")
    if isinstance(raw_values, list) and len(raw_values) != total:
        raise ModelError(
            [problem(name, "value", f"has {len(raw_values)} values; the sizes make {total}")]
        )
    statuses = dataset.get("status")
    values: dict[int, float | None] = {}
    status: dict[int, str] = {}
    for time_position, year in enumerate(years):
        flat = sum(
            strides[i] * (time_position if dim == time_dim else position[dim])
            for i, dim in enumerate(dims)
        )
        values[year] = _value_at(raw_values, flat, name, problems)
        symbol = _status_at(statuses, flat)
        if symbol:
            status[year] = symbol
    if problems:
        raise ModelError(problems)
    area = next((chosen[d] for d in _AREA_NAMES if d in chosen), None)
    label = dataset.get("label")
    return StatisticValues(
        source="jsonstat",
        series=label if isinstance(label, str) else "",
        area=area,
        values=dict(sorted(values.items())),
        status=dict(sorted(status.items())),
        selection={dim: chosen[dim] for dim in dims if dim != time_dim},
    )


def _shape(dataset: Mapping[str, Any], name: str) -> tuple[list[str], list[int], Mapping[str, Any]]:
    """The dimension ids, their sizes and the dimension objects, checked against each other."""
    if "dataset" in dataset and "id" not in dataset:
        raise ModelError(
            [problem(name, "", "is JSON-stat 1 (a bundle): ask the service for json-stat2")]
        )
    problems: list[Problem] = []
    klass = dataset.get("class")
    if klass != "dataset":
        problems.append(problem(name, "class", f"must be 'dataset' (got {klass!r})"))
    version = dataset.get("version")
    if version != "2.0":
        problems.append(problem(name, "version", f"must be '2.0' (got {version!r})"))
    dims = dataset.get("id")
    sizes = dataset.get("size")
    dimension = dataset.get("dimension")
    if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
        problems.append(problem(name, "id", "must be a list of dimension names"))
    if not isinstance(sizes, list) or not all(
        isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes
    ):
        problems.append(problem(name, "size", "must be a list of whole numbers"))
    if not isinstance(dimension, Mapping):
        problems.append(problem(name, "dimension", "must be an object"))
    if "value" not in dataset:
        problems.append(problem(name, "value", "is required"))
    if problems:
        raise ModelError(problems)
    # Checked above; the casts only tell mypy so.
    dims, sizes = cast("list[str]", dims), cast("list[int]", sizes)
    dimension = cast("Mapping[str, Any]", dimension)
    if len(dims) != len(sizes):
        problems.append(
            problem(name, "size", f"has {len(sizes)} lengths for {len(dims)} dimensions in id")
        )
    problems.extend(
        problem(name, "dimension", f"has no entry for {dim!r}")
        for dim in dims
        if dim not in dimension
    )
    if problems:
        raise ModelError(problems)
    return dims, sizes, dimension


def _codes(entry: Any, size: int, dim: str, name: str) -> list[str]:
    """A dimension's category codes in index order."""
    path = f"dimension.{dim}.category"
    category = entry.get("category") if isinstance(entry, Mapping) else None
    if not isinstance(category, Mapping):
        raise ModelError([problem(name, path, "must be an object")])
    index = category.get("index")
    if index is None:
        # A dimension of one category may leave out the index (JSON-stat 2.0, "index").
        labels = category.get("label")
        if isinstance(labels, Mapping) and len(labels) == 1 == size:
            return [str(next(iter(labels)))]
        raise ModelError([problem(name, f"{path}.index", "is required")])
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, Mapping) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in index.values()
    ):
        codes = [str(code) for code, _ in sorted(index.items(), key=lambda item: item[1])]
        if sorted(index.values()) != list(range(len(index))):
            raise ModelError([problem(name, f"{path}.index", "must number its codes 0, 1, 2, ...")])
    else:
        raise ModelError([problem(name, f"{path}.index", "must be a list or an object of numbers")])
    if len(codes) != size:
        raise ModelError(
            [problem(name, f"{path}.index", f"has {len(codes)} codes; size says {size}")]
        )
    return codes


def _time_dimension(
    dataset: Mapping[str, Any], dims: list[str], time: str | None, name: str
) -> str:
    """The time dimension: the one asked for, the one role.time names, or a usual name."""
    if time is not None:
        if time not in dims:
            raise ModelError(
                [problem(name, "id", f"has no dimension {time!r} (dimensions: {dims})")]
            )
        return time
    role = dataset.get("role")
    named = role.get("time") if isinstance(role, Mapping) else None
    if isinstance(named, list) and len(named) == 1 and named[0] in dims:
        return str(named[0])
    for candidate in _TIME_NAMES:
        if candidate in dims:
            return candidate
    raise ModelError(
        [problem(name, "id", f"has no time dimension: name it with time= (dimensions: {dims})")]
    )


def _years(
    entry: Mapping[str, Any], codes: list[str], dim: str, name: str, problems: list[Problem]
) -> list[int]:
    """The year of each time category: its code, or its label when the code is an index."""
    labels = entry["category"].get("label")
    labels = labels if isinstance(labels, Mapping) else {}
    years: list[int] = []
    for code in codes:
        label = labels.get(code)
        text = code if _YEAR.fullmatch(code) or label is None else str(label)
        if _YEAR.fullmatch(text):
            years.append(int(text))
        elif _SUB_YEARLY.fullmatch(text):
            problems.append(
                problem(
                    name,
                    f"dimension.{dim}",
                    f"period {text!r} is finer than a year: only yearly values are read "
                    "(ask the service for a yearly table)",
                )
            )
            return []
        else:
            problems.append(problem(name, f"dimension.{dim}", f"period {text!r} is not a year"))
            return []
    return years


def _value_at(raw: Any, flat: int, name: str, problems: list[Problem]) -> float | None:
    """The value at a flat index of a dense list or sparse object; None when absent or null."""
    if isinstance(raw, list):
        item = raw[flat]
        path = f"value[{flat}]"
    elif isinstance(raw, Mapping):
        item = raw.get(str(flat))
        path = f"value.{flat}"
    else:
        problems.append(problem(name, "value", "must be a list or an object"))
        return None
    try:
        return number(item)
    except TypeError:
        problems.append(problem(name, path, f"must be a number or null (got {item!r})"))
        return None


def _status_at(statuses: Any, flat: int) -> str | None:
    """The status symbol at a flat index: one string for all, a list, or a sparse object."""
    if isinstance(statuses, str):
        return statuses or None
    if isinstance(statuses, list) and flat < len(statuses):
        found = statuses[flat]
    elif isinstance(statuses, Mapping):
        found = statuses.get(str(flat))
    else:
        return None
    return found if isinstance(found, str) and found else None
