"""The look shared by every output: colours and shapes per kind, headings, label wrapping.

Diagrams, interactive pages and tables take their colours and words from here, so the same
kind looks the same everywhere.

>>> KIND_STYLES[Kind.GOAL].fill
'#fde2b8'
>>> heading(4, "sv"), heading(4, "en")
('Kortsiktiga effekter', 'Short-term effects')
>>> wrap("Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling.")
['Vi bidrar till att fler SMF', 'inom tillverkningsindustrin', 'tar steg i sin digitala', 'utveckling.']
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from insatslogik.kinds import Kind

__all__ = [
    "FONT",
    "KIND_STYLES",
    "WRAP_WIDTH",
    "KindStyle",
    "Lang",
    "heading",
    "indicator_column_heading",
    "kind_label",
    "quantity",
    "series",
    "wrap",
]

Lang = Literal["sv", "en"]

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

_HEADINGS: Final[dict[Lang, dict[int, str]]] = {
    "sv": {
        0: "Resurser",
        1: "Aktiviteter",
        2: "Prestationer",
        3: "Utfall",
        4: "Kortsiktiga effekter",
        5: "Långsiktiga effekter",
        6: "Mål",
    },
    "en": {
        0: "Resources",
        1: "Activities",
        2: "Outputs",
        3: "Outcomes",
        4: "Short-term effects",
        5: "Long-term effects",
        6: "Goals",
    },
}

_KIND_LABELS: Final[dict[Lang, dict[Kind, str]]] = {
    "sv": {kind: kind.swedish.capitalize() for kind in Kind},
    "en": {kind: kind.english.capitalize() for kind in Kind},
}


def heading(level: int, lang: Lang) -> str:
    """The column heading of a chain level (0 resources … 6 goals)."""
    return _HEADINGS[lang][level]


def indicator_column_heading(lang: Lang) -> str:
    """The heading of the indicator column, right of the goals."""
    return "Indikatorer" if lang == "sv" else "Indicators"


def quantity(value: float, unit: str | None, lang: Lang) -> str:
    """A number with its unit as a report writes it: a decimal comma and ``82 %`` in Swedish.

    >>> quantity(4.2, None, "sv"), quantity(82, "%", "sv"), quantity(82, "%", "en")
    ('4,2', '82 %', '82%')
    >>> quantity(1500000, "kr", "sv")
    '1500000 kr'
    """
    number = f"{value:.15g}"
    if "e" in number:  # very large or small numbers keep Python's short exponent form
        number = f"{value:g}"
    if lang == "sv":
        number = number.replace(".", ",")
    if unit == "%":
        return f"{number} %" if lang == "sv" else f"{number}%"
    return f"{number} {unit}" if unit else number


def series(values: Mapping[int, float], unit: str | None, lang: Lang) -> str:
    """Values by year as a report writes them, e.g. a comparison: ``60 % (2020), 62 % (2021)``.

    >>> series({2020: 60, 2021: 62.5}, "%", "sv")
    '60 % (2020), 62,5 % (2021)'
    """
    return ", ".join(f"{quantity(value, unit, lang)} ({year})" for year, value in values.items())


def kind_label(kind: Kind | str, lang: Lang) -> str:
    """The kind as a capitalised label: 'Kortsiktig effekt', 'Short term effect'."""
    return _KIND_LABELS[lang][Kind(kind)]


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
