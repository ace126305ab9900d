"""The years a follow-up is scheduled in: a question's or an evaluation's `when`.

`when` is a list of years (``[2022, 2023]``) or a schedule (``{from: 2022, every: 1, until:
2030}``, where `until` may be left out: no end). :func:`scheduled_years` gives the years either
way, up to a year the caller names, so that an open schedule is finite.

>>> from insatslogik.model.schema import Schedule
>>> scheduled_years(Schedule(start=2022, every=2), until=2027)
(2022, 2024, 2026)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from insatslogik.model.schema import Schedule

__all__ = ["scheduled_years"]


def scheduled_years(when: Schedule | tuple[int, ...] | None, *, until: int) -> tuple[int, ...]:
    """The years a follow-up is scheduled in, up to and including `until`.

    Args:
        when: a node's `when`: a tuple of years, a :class:`~insatslogik.model.schema.Schedule`,
            or None (not scheduled).
        until: the last year of interest (a calendar's end, the year of a report). An open
            schedule (no `until` of its own) stops here; so does every other form: a year
            after it is never given.

    Returns:
        The years, ascending, each once; empty for None or when every year is after `until`.

    >>> import insatslogik as il
    >>> il.scheduled_years(il.Schedule(start=2022, every=1, until=2024), until=2030)
    (2022, 2023, 2024)
    >>> il.scheduled_years(il.Schedule(start=2022), until=2025)
    (2022, 2023, 2024, 2025)
    >>> il.scheduled_years((2025, 2022, 2022), until=2030), il.scheduled_years(None, until=2030)
    ((2022, 2025), ())
    """
    if when is None:
        return ()
    if isinstance(when, tuple):
        return tuple(sorted({year for year in when if year <= until}))
    last = until if when.until is None else min(when.until, until)
    return tuple(range(when.start, last + 1, when.every))
