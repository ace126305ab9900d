"""The vocabulary: node kinds, edge kinds, chain levels and which links are allowed.

Everything here is plain data, shared by the schema, the graph and the renderers.

>>> Kind.ACTIVITY.level
1
>>> Kind.GOAL.swedish
'mål'
>>> Kind.INDICATOR.level is None
True
>>> sorted(k.value for k in ALLOWED_TARGETS[EdgeKind.MEASURED_BY])
['indicator']
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from insatslogik.i18n import kind_name

__all__ = [
    "ABOUT_TARGETS_OF",
    "ALLOWED_SOURCES",
    "ALLOWED_TARGETS",
    "CHAIN_KINDS",
    "EDGE_FIELD",
    "FOLLOW_UP_KINDS",
    "GOAL_LEVEL",
    "KIND_ORDER",
    "STRUCTURE_KINDS",
    "EdgeKind",
    "Kind",
    "with_article",
]


class Kind(StrEnum):
    """The kind of a node, as written in files (`kind: activity`)."""

    STRATEGY = "strategy"
    SUBSTRATEGY = "substrategy"
    PROJECT = "project"
    RESOURCE = "resource"
    ACTIVITY = "activity"
    OUTPUT = "output"
    OUTCOME = "outcome"
    SHORT_TERM_EFFECT = "short_term_effect"
    LONG_TERM_EFFECT = "long_term_effect"
    GOAL = "goal"
    INDICATOR = "indicator"
    ACTOR = "actor"
    CHALLENGE = "challenge"
    FACTOR = "factor"
    #: A follow-up or evaluation question (uppföljnings- eller utvärderingsfråga).
    QUESTION = "question"
    EVALUATION = "evaluation"
    #: An assumption (antagande) a link or node rests on, with its status and evidence.
    ASSUMPTION = "assumption"
    #: A recommendation an evaluation made.
    RECOMMENDATION = "recommendation"

    @property
    def level(self) -> int | None:
        """The level in the results chain (resource 0 … goal 6), or None off the chain.

        >>> Kind.RESOURCE.level, Kind.SHORT_TERM_EFFECT.level, Kind.ACTOR.level
        (0, 4, None)
        """
        return _LEVELS.get(self)

    @property
    def swedish(self) -> str:
        """The Swedish name of the kind, for display (from :mod:`insatslogik.i18n`).

        >>> Kind.SHORT_TERM_EFFECT.swedish
        'kortsiktig effekt'
        """
        return kind_name(self, "sv")

    @property
    def english(self) -> str:
        """The English name of the kind, for display (from :mod:`insatslogik.i18n`).

        >>> Kind.SHORT_TERM_EFFECT.english
        'short term effect'
        """
        return kind_name(self, "en")


class EdgeKind(StrEnum):
    """The kind of a link; also the key of the edge in the graph."""

    PART_OF = "part_of"
    CONTRIBUTES_TO = "contributes_to"
    MEASURED_BY = "measured_by"
    PERFORMED_BY = "performed_by"
    ADDRESSES = "addresses"
    INFLUENCES = "influences"
    #: An index to each of its components; written as the indicator's `components` field.
    COMPOSED_OF = "composed_of"
    #: A question, evaluation, assumption or recommendation to the node it is about.
    ABOUT = "about"
    #: A question or evaluation to the actor responsible for it.
    RESPONSIBLE = "responsible"


#: Level of a goal: the target of the chain, above every effect.
GOAL_LEVEL: Final = 6

_LEVELS: Final[dict[Kind, int]] = {
    Kind.RESOURCE: 0,
    Kind.ACTIVITY: 1,
    Kind.OUTPUT: 2,
    Kind.OUTCOME: 3,
    Kind.SHORT_TERM_EFFECT: 4,
    Kind.LONG_TERM_EFFECT: 5,
    Kind.GOAL: GOAL_LEVEL,
}

#: The position of each kind in the canonical order: structure, the chain from resources to
#: goals, then indicators and context. Files, listings and walks sort by it.
KIND_ORDER: Final[dict[str, int]] = {kind.value: index for index, kind in enumerate(Kind)}

#: Kinds of the steering chain (styrkedja), top-down.
STRUCTURE_KINDS: Final = (Kind.STRATEGY, Kind.SUBSTRATEGY, Kind.PROJECT)

#: Kinds of the results chain, lowest level first (goals last).
CHAIN_KINDS: Final = tuple(sorted(_LEVELS, key=_LEVELS.__getitem__))

_EFFECTS: Final = frozenset(
    {Kind.OUTPUT, Kind.OUTCOME, Kind.SHORT_TERM_EFFECT, Kind.LONG_TERM_EFFECT}
)

#: The kinds of the follow-up and evaluation plan (DESIGN §10), off the chain.
FOLLOW_UP_KINDS: Final = (Kind.QUESTION, Kind.EVALUATION, Kind.ASSUMPTION, Kind.RECOMMENDATION)

#: What any follow-up node may be `about`: the structure, the chain and indicators.
_ABOUT_TARGETS: Final = frozenset({*STRUCTURE_KINDS, *CHAIN_KINDS, Kind.INDICATOR})

#: What each kind's `about` may name: an assumption may also be about an external factor.
ABOUT_TARGETS_OF: Final[dict[Kind, frozenset[Kind]]] = {
    Kind.QUESTION: _ABOUT_TARGETS,
    Kind.EVALUATION: _ABOUT_TARGETS,
    Kind.ASSUMPTION: _ABOUT_TARGETS | {Kind.FACTOR},
    Kind.RECOMMENDATION: _ABOUT_TARGETS,
}

#: The kinds that may declare each link; the field on a node of another kind is a load error.
ALLOWED_SOURCES: Final[dict[EdgeKind, frozenset[Kind]]] = {
    EdgeKind.PART_OF: frozenset(
        {Kind.SUBSTRATEGY, Kind.PROJECT, Kind.GOAL, Kind.ACTIVITY} | _EFFECTS
    ),
    EdgeKind.CONTRIBUTES_TO: frozenset(CHAIN_KINDS),
    EdgeKind.MEASURED_BY: frozenset({Kind.GOAL, Kind.FACTOR} | _EFFECTS),
    EdgeKind.PERFORMED_BY: frozenset({Kind.ACTIVITY, Kind.PROJECT, Kind.EVALUATION}),
    EdgeKind.ADDRESSES: frozenset({Kind.STRATEGY, Kind.SUBSTRATEGY, Kind.GOAL}),
    EdgeKind.INFLUENCES: frozenset({Kind.FACTOR}),
    EdgeKind.COMPOSED_OF: frozenset({Kind.INDICATOR}),
    EdgeKind.ABOUT: frozenset(FOLLOW_UP_KINDS),
    EdgeKind.RESPONSIBLE: frozenset({Kind.QUESTION, Kind.EVALUATION}),
}

#: The kinds each link may name. A `contributes_to` link to a lower level loads
#: (the `backward-link` finding reports it); only targets off the chain are load errors.
ALLOWED_TARGETS: Final[dict[EdgeKind, frozenset[Kind]]] = {
    EdgeKind.PART_OF: frozenset(STRUCTURE_KINDS),
    EdgeKind.CONTRIBUTES_TO: frozenset(CHAIN_KINDS),
    EdgeKind.MEASURED_BY: frozenset({Kind.INDICATOR}),
    EdgeKind.PERFORMED_BY: frozenset({Kind.ACTOR}),
    EdgeKind.ADDRESSES: frozenset({Kind.CHALLENGE}),
    EdgeKind.INFLUENCES: frozenset(CHAIN_KINDS),
    EdgeKind.COMPOSED_OF: frozenset({Kind.INDICATOR}),
    # The widest: what one kind's `about` may name is in ABOUT_TARGETS_OF.
    EdgeKind.ABOUT: frozenset().union(*ABOUT_TARGETS_OF.values()),
    EdgeKind.RESPONSIBLE: frozenset({Kind.ACTOR}),
}

#: The field each edge kind is written as, where it is not the edge kind's own name.
EDGE_FIELD: Final[dict[EdgeKind, str]] = {EdgeKind.COMPOSED_OF: "components"}


def with_article(names: list[str] | tuple[str, ...]) -> str:
    """Kind names as a phrase with an indefinite article, for messages.

    Args:
        names: one or more kind names, in any order.

    Returns:
        The names sorted and joined with commas and "or", after "a" or "an".

    >>> with_article(["indicator"]), with_article(["strategy", "project", "substrategy"])
    ('an indicator', 'a project, strategy or substrategy')
    """
    words = sorted(names)
    phrase = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"{'an' if phrase[0] in 'aeiou' else 'a'} {phrase}"
