"""The look of the drawings: font, headings, label wrapping; and the colours and words they share.

Diagrams, interactive pages and tables take their look from here, so the same kind looks the
same everywhere. The colours and shapes per kind are :mod:`insatslogik.palette`'s and the
words of a kind and a number :mod:`insatslogik.i18n`'s, which the Excel workbook uses too.

>>> heading(4, "sv"), heading(4, "en")
('Kortsiktiga effekter', 'Short-term effects')
>>> wrap("Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling.")
['Vi bidrar till att fler SMF', 'inom tillverkningsindustrin', 'tar steg i sin digitala', 'utveckling.']
"""

from __future__ import annotations

import textwrap
from typing import Final

from insatslogik.i18n import Lang, kind_label, quantity, series
from insatslogik.palette import HIGHLIGHT, KIND_STYLES, KindStyle

__all__ = [
    "FONT",
    "HIGHLIGHT",
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

#: A font that dot finds on common systems and that has å, ä, ö and the en dash.
FONT: Final = "DejaVu Sans"

#: Characters per line of a wrapped label; PITFALLS §2.5: 30 keeps a node about 3 inches wide.
WRAP_WIDTH: Final = 30


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


def heading(level: int, lang: Lang) -> str:
    """The column heading of a chain level (0 resources … 6 goals)."""
    return _HEADINGS[lang][level]


def indicator_column_heading(lang: Lang) -> str:
    """The heading of the indicator column, right of the goals."""
    return "Indikatorer" if lang == "sv" else "Indicators"


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
