"""The look of the drawings: the font and how labels are wrapped.

Diagrams and interactive pages take their font and label width from here; the colours and
shapes per kind are :mod:`insatslogik.palette`'s, which the Excel workbook uses too, and the
words are :mod:`insatslogik.i18n`'s.

>>> wrap("Vi bidrar till att fler SMF inom tillverkningsindustrin tar steg i sin digitala utveckling.")
['Vi bidrar till att fler SMF', 'inom tillverkningsindustrin', 'tar steg i sin digitala', 'utveckling.']
"""

from __future__ import annotations

import textwrap
from typing import Final

__all__ = ["FONT", "WRAP_WIDTH", "wrap"]

#: A font that dot finds on common systems and that has å, ä, ö and the en dash.
FONT: Final = "DejaVu Sans"

#: Characters per line of a wrapped label: 30 keeps a node about 3 inches wide.
WRAP_WIDTH: Final = 30


def wrap(text: str, width: int = WRAP_WIDTH, *, break_long_words: bool = False) -> list[str]:
    r"""Lines of at most `width` characters, breaking between words (a longer word stands alone).

    Line breaks in the text are kept; nothing is cut off. With `break_long_words` a word longer
    than `width` is split over lines too, for drawings whose boxes must keep their width.

    Args:
        text: the text to wrap.
        width: characters per line.
        break_long_words: split a word longer than `width` rather than let it stand alone.

    Returns:
        The lines, at least one (an empty text gives ``[""]``).

    >>> wrap("Fler SMF har tagit del av insatser\nInom tre år", 20)
    ['Fler SMF har tagit', 'del av insatser', 'Inom tre år']
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
