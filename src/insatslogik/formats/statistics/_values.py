"""The values one statistical series holds, and the shared parts of reading a saved response."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from insatslogik.errors import ModelError, Problem

__all__ = ["StatisticValues", "load_json", "problem"]


@dataclass(frozen=True)
class StatisticValues:
    """One series of yearly values read from a statistics service, before it meets a plan.

    Attributes:
        source: where the values come from: ``"kolada"`` or ``"jsonstat"``.
        series: the series' id: the Kolada KPI (``"N00945"``) or the JSON-stat dataset's
            label (or ``""`` when it has none).
        area: the Kolada municipality or region code (``"1860"``), or for JSON-stat the code
            chosen for the region dimension when there is one, else ``None``.
        values: the total by year; a year the service lists without a number is ``None``
            (missing), never 0.
        breakdowns: values by group, ``{dimension: {group: {year: value}}}``, such as
            ``{"kön": {"kvinnor": {2020: 51.0}, "män": {2020: 49.0}}}`` from Kolada's K and M.
        status: the service's status symbol by year for the total, where it gives one
            (SCB's ``".."`` for a value not published, Eurostat's ``"p"`` for provisional).
        selection: for JSON-stat, the code used for every dimension but time.
    """

    source: str
    series: str
    area: str | None
    values: dict[int, float | None]
    breakdowns: dict[str, dict[str, dict[int, float | None]]] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)
    selection: dict[str, str] = field(default_factory=dict)

    def known(self) -> dict[int, float]:
        """The years that have a number, with their values.

        Returns:
            A dict from year to value, in year order, leaving out the missing years.

        >>> StatisticValues("kolada", "N00945", "1860", {2019: None, 2020: 4.5}).known()
        {2020: 4.5}
        """
        return {year: value for year, value in sorted(self.values.items()) if value is not None}


def problem(name: str, path: str, message: str) -> Problem:
    """A problem in a saved response, placed by its JSON path (``values[3].values[0].gender``)."""
    return Problem(name, None, None, f"{path}: {message}" if path else message)


def load_json(data: str | bytes | Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The response as a mapping: parsed from text or bytes, or as given.

    A syntax error is located by line and column, as ``json`` reports it.
    """
    if isinstance(data, Mapping):
        return data
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as error:
        raise ModelError(
            [Problem(name, error.lineno, error.colno, f"not JSON: {error.msg}")]
        ) from error
    except UnicodeDecodeError as error:
        raise ModelError([Problem(name, None, None, f"not UTF-8 text: {error.reason}")]) from error
    if not isinstance(parsed, Mapping):
        raise ModelError(
            [problem(name, "", f"a response must be a JSON object (got {type(parsed).__name__})")]
        )
    return parsed


def number(value: Any) -> float | None:
    """A JSON number as a float; None for null. Anything else raises TypeError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    return float(value)
