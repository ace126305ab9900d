"""Words in the two languages of a plan, Swedish and English: the label of a kind, a number with its unit.

>>> kind_label("short_term_effect", "sv"), kind_label("short_term_effect", "en")
('Kortsiktig effekt', 'Short term effect')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from insatslogik.kinds import Kind

__all__ = ["Lang", "kind_label", "quantity", "series"]

#: The languages a plan, its headings and its messages are written in.
Lang = Literal["sv", "en"]

_KIND_LABELS: Final[dict[Lang, dict[Kind, str]]] = {
    "sv": {kind: kind.swedish.capitalize() for kind in Kind},
    "en": {kind: kind.english.capitalize() for kind in Kind},
}


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
