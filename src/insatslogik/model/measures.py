"""The rules an indicator's fields must keep together: targets, revisions and aggregation.

The schema checks each field alone; these rules tie fields of one indicator to each other (a
relative target names one of the indicator's own comparisons; `since` goes with a growth rule; a
percentage is never summed), so they are checked once the node is valid, and each problem points
at the field to change. Links between indicators (`components`) are checked with the other links
in :func:`insatslogik.model.graph.build_graph`.

>>> from insatslogik.model.schema import Indicator, Target
>>> indicator = Indicator(id="dag", title="Dagbefolkning",
...                       target=Target(relative_to="riket", rule="above", since=2014))
>>> [(issue.path, issue.message) for issue in indicator_issues(0, indicator)]  # doctest: +NORMALIZE_WHITESPACE
[(('nodes', 0, 'target', 'relative_to'),
  "indicator 'dag': target.relative_to names 'riket', which is not one of the indicator's comparisons (it has none)"),
 (('nodes', 0, 'target', 'since'),
  "indicator 'dag': target.since goes only with the rules growth-above and growth-below (got rule 'above')")]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from insatslogik.model.validation import Issue, Path

if TYPE_CHECKING:
    from insatslogik.model.schema import Indicator, Target

__all__ = ["PERCENT_UNITS", "indicator_issues", "is_share"]

#: Units that mark a share: such values are never summed across plans.
PERCENT_UNITS: Final = frozenset({"%", "procent", "percent", "andel", "procentenheter"})

_GROWTH: Final = frozenset({"growth-above", "growth-below"})


def is_share(unit: str | None) -> bool:
    """Whether a unit marks a share, which is never summed: ``%``, ``% av företagen``, ``andel``.

    Args:
        unit: the unit as the plan writes it.

    Returns:
        True when the unit, or its first word, is a percentage or a share.

    >>> [is_share(unit) for unit in ("%", "% av företagen", "Andel av SMF", "procentenheter", "st")]
    [True, True, True, True, False]
    """
    words = (unit or "").strip().lower().split()
    return bool(words) and (words[0] in PERCENT_UNITS or words[0].startswith("%"))


def _target_issues(
    label: str, where: Path, name: str, target: Target, indicator: Indicator
) -> list[Issue]:
    issues = []
    if target.kind == "relative":
        if target.relative_to is None:
            issues.append(
                Issue(
                    (*where, "rule"),
                    f"{label}: {name}.rule needs relative_to, the comparison it compares with",
                )
            )
        elif target.relative_to not in indicator.comparisons:
            have = ", ".join(repr(key) for key in sorted(indicator.comparisons)) or "it has none"
            issues.append(
                Issue(
                    (*where, "relative_to"),
                    f"{label}: {name}.relative_to names {target.relative_to!r}, which is not one "
                    f"of the indicator's comparisons ({have})",
                )
            )
        if target.rule is None:
            issues.append(
                Issue(
                    (*where, "relative_to"),
                    f"{label}: {name} relative_to needs a rule "
                    "(above, below, growth-above or growth-below)",
                )
            )
        if target.value is not None:
            issues.append(
                Issue(
                    (*where, "value"),
                    f"{label}: {name} is relative to a comparison, so it has no value "
                    "(a level target has value; a relative one relative_to and rule)",
                )
            )
        if target.rule in _GROWTH and target.since is None:
            issues.append(
                Issue(
                    (*where, "rule"),
                    f"{label}: {name}.rule {target.rule} needs since, the year growth counts from",
                )
            )
        if target.since is not None and target.rule is not None and target.rule not in _GROWTH:
            issues.append(
                Issue(
                    (*where, "since"),
                    f"{label}: {name}.since goes only with the rules growth-above and "
                    f"growth-below (got rule {target.rule!r})",
                )
            )
        if (
            target.since is not None
            and target.year is not None
            and target.rule in _GROWTH
            and target.since >= target.year
        ):
            issues.append(
                Issue(
                    (*where, "since"),
                    f"{label}: {name}.since must be before its year "
                    f"(got since {target.since}, year {target.year})",
                )
            )
    else:
        if target.value is None:
            issues.append(
                Issue(
                    where,
                    f"{label}: {name} needs a value (a level) or relative_to and rule "
                    "(relative to a comparison)",
                )
            )
        if target.since is not None:
            issues.append(
                Issue(
                    (*where, "since"),
                    f"{label}: {name}.since goes only with a relative target's growth rule",
                )
            )
    return issues


def indicator_issues(index: int, indicator: Indicator) -> list[Issue]:
    """The problems among one valid indicator's fields, each at the field to change.

    Args:
        index: the indicator's place in the node list, for the paths.
        indicator: the indicator.

    Returns:
        The issues, at paths such as ``("nodes", 3, "target", "since")``; none for a
        consistent indicator.

    >>> from insatslogik.model.schema import Indicator
    >>> indicator_issues(0, Indicator(id="smf", title="Andel SMF", unit="%", aggregate="sum"))[0].message
    "indicator 'smf': aggregate sum adds up shares (unit '%'): use mean, weighted-mean or none"
    """
    label = f"indicator {indicator.id!r}"
    issues = []
    if indicator.target is not None:
        issues += _target_issues(
            label, ("nodes", index, "target"), "target", indicator.target, indicator
        )
    for position, revision in enumerate(indicator.revisions):
        where: Path = ("nodes", index, "revisions", position)
        issues += _target_issues(label, where, f"revisions[{position}]", revision, indicator)
    unit = indicator.unit
    if indicator.aggregate == "sum" and is_share(unit):
        issues.append(
            Issue(
                ("nodes", index, "aggregate"),
                f"{label}: aggregate sum adds up shares (unit {unit!r}): "
                "use mean, weighted-mean or none",
            )
        )
    return issues
