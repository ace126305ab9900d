"""Indicator status: latest value, progress from baseline to target, and whether it is on track.

>>> import insatslogik as il
>>> model = il.Model([il.Indicator(
...     id="smf", title="Andel SMF med grundläggande digitaliseringsnivå", unit="%",
...     baseline=il.Observation(year=2020, value=82), target=il.Observation(year=2030, value=90),
...     values={2020: 82, 2022: 85})], title="Exempel")
>>> status = il.indicator_status(model)[0]
>>> status.latest_year, status.latest_value, status.status, round(status.progress, 3)
(2022, 85.0, 'on-track', 0.375)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from insatslogik.kinds import Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.schema import Indicator, Observation

__all__ = ["IndicatorStatus", "indicator_status"]

Status = Literal["achieved", "on-track", "off-track", "no-target", "no-data"]


@dataclass(frozen=True)
class IndicatorStatus:
    """Where one indicator stands.

    `progress` is the share of the way from baseline to target that the latest value has come
    (1.0 at the target; negative when it moved the wrong way). Without a baseline the earliest
    value starts the way; None without a target or anything to start from. The direction (up or
    down) is taken from the target: a target below the start means lower is better.
    """

    indicator: str
    title: str
    unit: str | None
    latest_year: int | None
    latest_value: float | None
    baseline: Observation | None
    target: Observation | None
    progress: float | None
    status: Status

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON-ready data (baseline and target as ``{"year", "value"}``).

        Returns:
            A dict of the fields, by name.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(
        ...     id="smf", title="Andel SMF", unit="%", values={2022: 85},
        ...     baseline=il.Observation(year=2020, value=82), target=il.Observation(year=2030, value=90),
        ... )], title="Kraftsamling digitalisering")
        >>> il.indicator_status(model)[0].to_dict()
        {'indicator': 'smf', 'title': 'Andel SMF', 'unit': '%', 'latest_year': 2022, 'latest_value': 85.0, 'baseline': {'year': 2020, 'value': 82.0}, 'target': {'year': 2030, 'value': 90.0}, 'progress': 0.375, 'status': 'on-track'}
        """
        data = asdict(self)
        for name in ("baseline", "target"):
            observation = getattr(self, name)
            data[name] = None if observation is None else observation.model_dump()
        return data


def _status_of(indicator: Indicator) -> IndicatorStatus:
    observed = dict(indicator.values)
    start = indicator.baseline
    if start is not None:
        observed.setdefault(start.year, start.value)
    elif observed:
        first = min(observed)
        start = Observation(year=first, value=observed[first])
    latest_year = max(observed) if observed else None
    latest = observed[latest_year] if latest_year is not None else None
    target = indicator.target
    progress = None
    status: Status
    if latest is None or latest_year is None:
        status = "no-data"
    elif target is None or start is None:
        status = "no-target"
    else:
        rising = target.value >= start.value
        span = target.value - start.value
        progress = (
            (latest - start.value) / span if span else (1.0 if latest == target.value else 0.0)
        )
        if (latest >= target.value) if rising else (latest <= target.value):
            status = "achieved"
        else:
            years = target.year - start.year
            share = (latest_year - start.year) / years if years > 0 else 1.0
            expected = start.value + span * min(max(share, 0.0), 1.0)
            on_line = latest >= expected if rising else latest <= expected
            status = "on-track" if on_line else "off-track"
    return IndicatorStatus(
        indicator.id,
        indicator.title,
        indicator.unit,
        latest_year,
        latest,
        indicator.baseline,
        target,
        progress,
        status,
    )


def indicator_status(model: Model) -> list[IndicatorStatus]:
    """The status of every indicator, sorted by id.

    The latest value is the one of the latest year among `values` and the baseline. Status:
    ``no-data`` without any value; ``no-target`` without a target (or without any value to
    start the line from); ``achieved`` at or beyond the target; ``on-track`` at or beyond the
    straight line from the baseline to the target at the latest year; else ``off-track``.
    Cost: one look at each indicator.

    Returns:
        One :class:`IndicatorStatus` per indicator, in id order.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Indicator(id="bredband", title="Hushåll med 1 Gbit/s", unit="%", values={2022: 75},
    ...                  baseline=il.Observation(year=2020, value=70),
    ...                  target=il.Observation(year=2025, value=98)),
    ...     il.Indicator(id="desi", title="DESI", values={2021: 52.5}),
    ...     il.Indicator(id="nri", title="Network Readiness Index"),
    ... ], title="Kraftsamling digitalisering")
    >>> [(status.indicator, status.latest_value, status.status) for status in indicator_status(model)]
    [('bredband', 75.0, 'off-track'), ('desi', 52.5, 'no-target'), ('nri', None, 'no-data')]
    """
    with collector_paused():
        return [
            _status_of(node) for node in model.nodes(Kind.INDICATOR) if isinstance(node, Indicator)
        ]
