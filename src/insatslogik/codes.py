"""Finding codes: the catalogue of what the checks can find, with each code's severity.

Codes are stable public API: tools may filter on them, and models silence them per node with
``ignore: [code, …]``. The schema reads them (a node's ``ignore`` list), the analyses report
them, the renderers colour by severity: so they sit at the bottom, below all of these.

>>> CATALOGUE[Code.UNMEASURED_GOAL].severity
<Severity.WARNING: 'warning'>
>>> Severity.ERROR.at_least("warning")
True
>>> Code("orphan-activity") is Code.ORPHAN_ACTIVITY
True

The docstring of :class:`Code` is the JSON Schema's description of an ``ignore`` entry, which
editors show as a hint: it holds words only, and its examples are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from insatslogik.errors import UsageError

__all__ = ["CATALOGUE", "Code", "CodeInfo", "Severity"]


class Severity(StrEnum):
    """How serious a finding is: `error` > `warning` > `info`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sort by it, most serious first.

        >>> sorted(["info", "error", "warning"], key=lambda name: Severity(name).rank)
        ['error', 'warning', 'info']
        """
        return _RANK[self]

    def at_least(self, level: Severity | str) -> bool:
        """Whether this severity is `level` or more serious.

        Args:
            level: a severity, or its name (``"error"``, ``"warning"``, ``"info"``).

        Returns:
            True if this severity is as serious as `level` or more.

        >>> Severity.ERROR.at_least("warning"), Severity.INFO.at_least("warning")
        (True, False)
        """
        return self.rank <= Severity(level).rank

    @classmethod
    def _missing_(cls, value: object) -> Severity:
        # An unknown name is a usage error, which says the names there are.
        raise UsageError(f"unknown severity {value!r} (known: {', '.join(cls)})")


_RANK: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Code(StrEnum):
    """The finding codes: what the checks can find about a plan, one code per kind of finding."""

    CYCLE = "cycle"
    BACKWARD_LINK = "backward-link"
    ORPHAN_ACTIVITY = "orphan-activity"
    DEAD_END = "dead-end"
    UNSUPPORTED = "unsupported"
    SKIPPED_LEVEL = "skipped-level"
    UNCOVERED_GOAL = "uncovered-goal"
    UNMEASURED_GOAL = "unmeasured-goal"
    INCOMPLETE_INDICATOR = "incomplete-indicator"
    UNUSED_INDICATOR = "unused-indicator"
    NOT_FOLLOWED_UP = "not-followed-up"
    STALE_INDICATOR = "stale-indicator"
    UNMATCHED_BREAKDOWN = "unmatched-breakdown"
    UNANCHORED_PROJECT = "unanchored-project"
    UNOWNED_ACTIVITY = "unowned-activity"
    NO_ACTOR = "no-actor"
    UNEVALUABLE_GOAL = "unevaluable-goal"
    NO_FOLLOW_UP = "no-follow-up"
    QUESTION_WITHOUT_METHOD = "question-without-method"
    OVERDUE_FOLLOW_UP = "overdue-follow-up"
    UNTESTED_ASSUMPTION = "untested-assumption"
    FAILED_ASSUMPTION = "failed-assumption"

    @classmethod
    def _missing_(cls, value: object) -> Code:
        # An unknown code is a usage error (a misspelt --select, say), which lists the codes.
        raise UsageError(f"unknown finding code {value!r} (known: {', '.join(cls)})")


@dataclass(frozen=True)
class CodeInfo:
    """What a code means: its severity, whether it is about chain links, and a one-line summary."""

    severity: Severity
    link: bool
    summary: str


CATALOGUE: Final[dict[Code, CodeInfo]] = {
    Code.CYCLE: CodeInfo(Severity.ERROR, True, "contributes_to links form a cycle"),
    Code.BACKWARD_LINK: CodeInfo(
        Severity.ERROR, True, "contributes_to from a higher chain level to a lower one"
    ),
    Code.ORPHAN_ACTIVITY: CodeInfo(
        Severity.WARNING, False, "an activity with no contributes_to path to any goal"
    ),
    Code.DEAD_END: CodeInfo(
        Severity.WARNING, True, "a resource … short-term effect that contributes to nothing"
    ),
    Code.UNSUPPORTED: CodeInfo(
        Severity.WARNING, True, "an output, outcome or effect that nothing contributes to"
    ),
    Code.SKIPPED_LEVEL: CodeInfo(
        Severity.INFO, True, "a contributes_to link that jumps over chain levels the plan uses"
    ),
    Code.UNCOVERED_GOAL: CodeInfo(Severity.WARNING, False, "a goal that no activity reaches"),
    Code.UNMEASURED_GOAL: CodeInfo(Severity.WARNING, False, "a goal with no indicator"),
    Code.INCOMPLETE_INDICATOR: CodeInfo(
        Severity.WARNING, False, "an indicator without source, baseline or target"
    ),
    Code.UNUSED_INDICATOR: CodeInfo(
        Severity.INFO, False, "an indicator that measures nothing and is part of no index"
    ),
    Code.NOT_FOLLOWED_UP: CodeInfo(
        Severity.WARNING, False, "an indicator with a target and no value after its baseline year"
    ),
    Code.STALE_INDICATOR: CodeInfo(
        Severity.WARNING,
        False,
        "an indicator whose latest value is older than follow_up_every years before the reference year",
    ),
    Code.UNMATCHED_BREAKDOWN: CodeInfo(
        Severity.WARNING, False, "a breakdown with a year the indicator's values lack"
    ),
    Code.UNANCHORED_PROJECT: CodeInfo(
        Severity.WARNING,
        False,
        "a project outside every strategy, or none of whose activities reaches a goal",
    ),
    Code.UNOWNED_ACTIVITY: CodeInfo(Severity.INFO, False, "an activity that is part of nothing"),
    Code.NO_ACTOR: CodeInfo(
        Severity.INFO, False, "an activity with no actor, itself or through its project"
    ),
    Code.UNEVALUABLE_GOAL: CodeInfo(
        Severity.WARNING, False, "a goal with no indicator and no question about it"
    ),
    Code.NO_FOLLOW_UP: CodeInfo(
        Severity.INFO,
        False,
        "an effect that no indicator measures and no question or evaluation is about",
    ),
    Code.QUESTION_WITHOUT_METHOD: CodeInfo(
        Severity.WARNING, False, "a follow-up question that names no method"
    ),
    Code.OVERDUE_FOLLOW_UP: CodeInfo(
        Severity.WARNING,
        False,
        "a follow-up scheduled in a past year with no assessment or value of that year",
    ),
    Code.UNTESTED_ASSUMPTION: CodeInfo(
        Severity.INFO, False, "an untested assumption that a link into a goal rests on"
    ),
    Code.FAILED_ASSUMPTION: CodeInfo(
        Severity.WARNING, False, "an assumption that fails, and the goals its chain reaches"
    ),
}
