"""The look shared by every output: colours and shapes per kind, label wrapping.

Diagrams, interactive pages and tables take their colours from here, so the same kind looks the
same everywhere; their words are in :mod:`insatslogik.i18n`.

>>> KIND_STYLES[Kind.GOAL].fill
'#fde2b8'
>>> wrap("Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling.")
['Vi bidrar till att fler SMF', 'inom tillverkningsindustrin', 'tar steg i sin digitala', 'utveckling.']
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Final

from insatslogik.kinds import Kind

__all__ = [
    "FONT",
    "KIND_STYLES",
    "WRAP_WIDTH",
    "KindStyle",
    "wrap",
]

#: A font that dot finds on common systems and that has å, ä, ö and the en dash.
FONT: Final = "DejaVu Sans"

#: Characters per line of a wrapped label; PITFALLS §2.5: 30 keeps a node about 3 inches wide.
WRAP_WIDTH: Final = 30


@dataclass(frozen=True)
class KindStyle:
    """How nodes of one kind are drawn: fill and border colours (hex) and a graphviz shape."""

    fill: str
    border: str
    shape: str


# Colours run from cool (resources, activities) to warm (effects, goals), so a chain reads
# left to right as a gradient; context kinds are grey. Border colours keep contrast in print.
KIND_STYLES: Final[dict[Kind, KindStyle]] = {
    Kind.STRATEGY: KindStyle("#dfe7f2", "#3b5b8c", "tab"),
    Kind.SUBSTRATEGY: KindStyle("#e8eef7", "#4a6fa5", "tab"),
    Kind.PROJECT: KindStyle("#eef2f9", "#5b7fb8", "folder"),
    Kind.RESOURCE: KindStyle("#e9f1ec", "#4d7c5b", "cylinder"),
    Kind.ACTIVITY: KindStyle("#d9ecf7", "#2f6f9f", "box"),
    Kind.OUTPUT: KindStyle("#dff3ee", "#2f8a74", "box"),
    Kind.OUTCOME: KindStyle("#e6f4d9", "#5a8f2e", "box"),
    Kind.SHORT_TERM_EFFECT: KindStyle("#fbf3cf", "#a08312", "box"),
    Kind.LONG_TERM_EFFECT: KindStyle("#fde8cf", "#b36b12", "box"),
    Kind.GOAL: KindStyle("#fde2b8", "#a0521b", "box"),
    Kind.INDICATOR: KindStyle("#f4f4f4", "#6b6b6b", "note"),
    Kind.ACTOR: KindStyle("#f1ecf6", "#6d5a8c", "ellipse"),
    Kind.CHALLENGE: KindStyle("#f8e4e4", "#9c3d3d", "hexagon"),
    Kind.FACTOR: KindStyle("#f0f0e8", "#77775a", "parallelogram"),
}

#: Colours that mark nodes a finding points at (orphans, dead ends, uncovered goals).
HIGHLIGHT: Final = {"error": "#c0392b", "warning": "#d35400", "info": "#7f8c8d"}


def wrap(text: str, width: int = WRAP_WIDTH, *, break_long_words: bool = False) -> list[str]:
    """Lines of at most `width` characters, breaking between words (a longer word stands alone).

    Line breaks in the text are kept; nothing is cut off. With `break_long_words` a word longer
    than `width` is split over lines too, for drawings whose boxes must keep their width.

    >>> wrap("https://example.org/en/mycket/lång/adress", 16, break_long_words=True)
    ['https://example.', 'org/en/mycket/lå', 'ng/adress']
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(
            textwrap.wrap(
                paragraph,
                width=width,
                break_long_words=break_long_words,
                break_on_hyphens=False,
            )
            or [""]
        )
    return lines
