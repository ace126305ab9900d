"""Cell values both ways: text and numbers as a workbook holds them, and as people type them.

Writing keeps every character and every digit; reading trims stray spaces, understands numbers
typed as text (``"82 %"``, ``"1 234"``, ``"3,5"``) and leaves what it cannot understand for
validation to report at its cell.

>>> number("82 %"), number("1 234"), number("3,5"), number("−2"), number("xx")
(82, 1234, 3.5, -2, 'xx')
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from insatslogik.formats.excel._layout import ColumnType
from insatslogik.i18n import FOLLOW_UP_TERMS, LANGUAGES, Lang, kind_label, term_name, word
from insatslogik.kinds import Kind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.cell.read_only import ReadOnlyCell

__all__ = [
    "cell_text",
    "cell_value",
    "choice_labels",
    "choice_value",
    "decode_text",
    "encode_text",
    "join_lines",
    "normal",
    "number",
    "put_number",
    "put_text",
    "split_lines",
    "uses_from_text",
    "uses_text",
    "whole",
]


def normal(text: str) -> str:
    """Text compared without case or extra spaces: how headings and choices are matched.

    >>> normal("  Namn på   Aktivitet ")
    'namn på aktivitet'
    """
    return " ".join(text.split()).casefold()


# The follow-up plan's choice columns and the i18n group of their words.
_TERM_GROUPS: Final = {
    "methods": "method",
    "season": "season",
    "judgement": "judgement",
    "status": "assumption-status",
    "strength": "strength",
}


def choice_labels(
    column_type: ColumnType, lang: Lang, kinds: tuple[Kind, ...] = ()
) -> dict[str, str]:
    """The labels a choice column shows, by the value they stand for.

    >>> choice_labels("horizon", "sv")
    {'short': 'kort', 'medium': 'medellång', 'long': 'lång'}
    """
    if column_type == "horizon":
        return {value: word(f"horizon.{value}", lang) for value in ("short", "medium", "long")}
    if column_type == "rule":
        rules = ("above", "below", "growth-above", "growth-below")
        return {value: word(f"choice.rule.{value}", lang) for value in rules}
    if column_type == "measure":
        measures = ("level", "cumulative", "incremental")
        return {value: word(f"measure.{value}", lang) for value in measures}
    if column_type == "aggregate":
        ways = ("sum", "mean", "weighted-mean", "none")
        return {value: word(f"aggregate.{value}", lang) for value in ways}
    group = _TERM_GROUPS.get(column_type)
    if group is not None:
        return {value: term_name(group, value, lang) for value in FOLLOW_UP_TERMS[group]}
    return {kind.value: kind_label(kind, lang) for kind in kinds}


def choice_value(column_type: ColumnType, text: str) -> str:
    """The value a choice stands for, from a label in either language or the value itself.

    Text that matches nothing is returned as it is, for validation to report.

    >>> choice_value("kind", "Kortsiktig effekt"), choice_value("horizon", "LÅNG"), choice_value("kind", "x")
    ('short_term_effect', 'long', 'x')
    """
    wanted = normal(text)
    for lang in LANGUAGES:
        labels = choice_labels(column_type, lang, tuple(Kind))
        for value, label in labels.items():
            spaced = normal(value.replace("_", " ").replace("-", " "))
            if wanted in {normal(label), normal(value), spaced}:
                return value
    return text


# Spaces that people and spreadsheet programs put between thousands.
_SPACES: Final = re.compile(r"[ \u00a0\u202f\u2009]")
_GROUPED: Final = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$")
_PLAIN: Final = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def number(value: object) -> object:
    """A number from a cell: numbers as they are, text such as ``"82 %"`` or ``"1 234,5"`` understood.

    A trailing per cent sign is dropped (the unit says what the number counts), spaces between
    groups of three digits are thousands separators, and one comma is a decimal comma. Text that
    is not such a number is returned unchanged, so validation reports it with its cell.

    >>> number("  12,5 % "), number("1\u00a0234\u00a0567"), number(7.0), number("1.234,5"), number("")
    (12.5, 1234567, 7.0, '1.234,5', '')
    """
    if not isinstance(value, str):
        return value
    text = value.strip().replace("\u2212", "-")  # the typographic minus of Swedish reports
    text = text.removesuffix("%").rstrip()
    if _GROUPED.match(text):
        text = _SPACES.sub("", text)
    if not _PLAIN.match(text):
        return value
    text = text.replace(",", ".")
    if "." in text or "e" in text.lower() or len(text) > 20:
        # Past 20 digits a whole number is no year or count; as a float it is reported (or
        # infinite) rather than hitting Python's limit on converting long digit strings.
        return float(text)
    return int(text)


def whole(value: object) -> object:
    """A whole number from a cell (a year, a count): like :func:`number`, with 2020.0 made 2020.

    >>> whole("2020"), whole(2021.0), whole(2021.5), whole("år 2020")
    (2020, 2021, 2021.5, 'år 2020')
    """
    found = number(value)
    if isinstance(found, float) and found.is_integer():
        return int(found)
    return found


# openpyxl refuses these control characters (and XML these two non-characters); OOXML writes them as _xHHHH_, and a literal
# `_xHHHH_` in text as `_x005F_xHHHH_`, so any text survives a round trip.
_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE: Final = re.compile(r"_x[0-9A-Fa-f]{4}_")
_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")


def encode_text(text: str) -> str:
    r"""Text as a cell can hold it: control characters and look-alike escapes escaped, as OOXML does.

    >>> encode_text("a\x01b"), encode_text("_x0041_")
    ('a_x0001_b', '_x005F_x0041_')
    """
    text = _ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def decode_text(text: str) -> str:
    r"""The text :func:`encode_text` (or Excel) escaped.

    >>> decode_text("a_x0001_b"), decode_text("_x005F_x0041_")
    ('a\x01b', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# What str.splitlines breaks a line at: an item holding one of these is quoted.
_BREAK: Final = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE: Final = re.compile(f"([^{_BREAK}]*)(?:\r\n|[{_BREAK}]|\\Z)")
# The end of a quoted item: spaces, then the end of its line.
_AFTER_QUOTE: Final = re.compile(f"[ \t]*(?:\r\n|[{_BREAK}]|\\Z)")


def _needs_quotes(item: str) -> bool:
    return (
        not item
        or item != item.strip()
        or item.startswith('"')
        or any(character in _BREAK for character in item)
    )


def join_lines(items: tuple[str, ...] | list[str]) -> str:
    r"""A list as one cell, one item a line; an item that would not read back alone is quoted.

    An item holding a line break, starting with a quote or with spaces around it is written
    between double quotes, a quote inside doubled, as in CSV; :func:`split_lines` reads it back.

    >>> join_lines(["ant-1", 'Företagen säger "ja"\nom stödet passar'])
    'ant-1\n"Företagen säger ""ja""\nom stödet passar"'
    """
    return "\n".join(
        '"' + item.replace('"', '""') + '"' if _needs_quotes(item) else item for item in items
    )


def split_lines(text: str) -> list[str]:
    r"""The items of a cell :func:`join_lines` wrote, or one typed a line each (blank lines left out).

    A line that starts with a double quote holds a quoted item, which may go on over several
    lines, up to the quote that ends a line; a quote that ends no line is plain text, as in
    workbooks written before items were quoted.

    >>> split_lines('ant-1\n"Företagen\nvill växa"\n\n  "Ett ""citat"" "  \n"öppet')
    ['ant-1', 'Företagen\nvill växa', 'Ett "citat" ', '"öppet']
    """
    items: list[str] = []
    position, end = 0, len(text)
    # Past the last quote nothing can close a quoted item: one scan to the end, not one a line.
    last_quote = text.rfind('"')
    while position < end:
        start = position
        while start < end and text[start] in " \t":
            start += 1
        if start < last_quote and text[start] == '"':
            found = _quoted(text, start + 1, last_quote)
            if found is not None:
                item, position = found
                items.append(item)
                continue
        line = _LINE.match(text, position)
        assert line is not None  # matches any text, the empty text too
        if item := line.group(1).strip():
            items.append(item)
        position = line.end() if line.end() > position else end
    return items


def _quoted(text: str, position: int, last_quote: int) -> tuple[str, int] | None:
    """The quoted item from `position` (after its quote) and where the next line starts."""
    parts = []
    while position <= last_quote:
        quote = text.find('"', position, last_quote + 1)
        parts.append(text[position:quote])
        if text.startswith('""', quote):
            parts.append('"')
            position = quote + 2
            continue
        after = _AFTER_QUOTE.match(text, quote + 1)
        return None if after is None else ("".join(parts), after.end())
    return None


def cell_text(value: object) -> str:
    """A cell's value as text: numbers and dates that Excel made of what was typed, written back.

    >>> cell_text(2030), cell_text(3.0), cell_text(datetime(2022, 1, 5)), cell_text("x")
    ('2030', '3', '2022-01-05', 'x')
    """
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cell_value(cell: Cell | MergedCell | ReadOnlyCell) -> Any:
    """The cell's value: text decoded and trimmed (unless quote-prefixed), blanks as None."""
    value = cell.value
    # A read-only cell keeps its style as an array; a cell of a loaded workbook as attributes.
    style = getattr(cell, "style_array", None)
    exact = bool(style.quotePrefix if style is not None else getattr(cell, "quotePrefix", False))
    if value is None:
        # An empty text cell with a quote prefix is the empty text.
        return "" if exact and cell.data_type in {"s", "inlineStr"} else None
    if isinstance(value, str):
        text = decode_text(value)
        return text if exact else (text.strip() or None)
    if isinstance(value, float) and not math.isfinite(value):
        return value  # 1e999: validation says a value must be finite, at its cell
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in cell.number_format:
        # 82 % typed into Excel is the number 0.82 shown as a percentage; the model counts 82.
        scaled = Decimal(repr(value)) * 100
        return int(scaled) if scaled == scaled.to_integral_value() else float(scaled)
    return value


def put_text(cell: Cell | MergedCell, text: str) -> None:
    """Write text to a cell so that it reads back exactly."""
    cell.value = encode_text(text)
    # Always text, even "=…" (which openpyxl would take for a formula); a quote prefix marks
    # text that reading must keep exactly, as Excel's leading apostrophe does.
    cell.data_type = "s"
    if text != text.strip() or not text:
        cell.quotePrefix = True


def put_number(cell: Cell | MergedCell, value: float) -> None:
    """Write a number to a cell so that it reads back as the same float."""
    # openpyxl writes 16 significant digits ("%.16g"), which loses the last bit of some floats
    # (0.1 + 0.2); the shortest text that reads back as the same float is repr's. Given as
    # text, then typed as a number, the cell is written as <c t="n"><v>text</v></c>.
    cell.value = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    cell.data_type = "n"


def uses_text(uses: Mapping[str, str]) -> str:
    """A plan's ``uses`` as the plan sheet's cell holds them: ``alias: path``, one a line.

    >>> print(uses_text({"rus": "vgr/rus.yaml", "ris": "../ris.yaml"}))
    rus: vgr/rus.yaml
    ris: ../ris.yaml
    """
    return "\n".join(f"{alias}: {path}" for alias, path in uses.items())


def uses_from_text(text: str) -> dict[str, str] | str:
    r"""The ``uses`` in a plan sheet's cell (``alias: path``, one a line), or what is wrong.

    An alias holds no ``:``, so a path may (``C:/planer/rus.yaml``). The path is kept exactly
    as written after ``alias:`` and the one space :func:`uses_text` writes there, spaces
    and all, as a YAML file keeps a quoted path. Blank lines are skipped; an alias on two
    lines is a problem, not the last line winning.

    >>> uses_from_text("rus: vgr/rus.yaml\nris: C:/planer/ris.yaml")
    {'rus': 'vgr/rus.yaml', 'ris': 'C:/planer/ris.yaml'}
    >>> uses_from_text("rus:  rus.yaml ")
    {'rus': ' rus.yaml '}
    >>> uses_from_text("vgr/rus.yaml")
    "uses must be lines 'alias: path' (got 'vgr/rus.yaml')"
    >>> uses_from_text("rus: a.yaml\nrus: b.yaml")
    "uses names the alias 'rus' twice (lines 1 and 2): give each plan one alias"
    """
    uses: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        alias, colon, path = line.partition(":")
        alias = alias.strip()
        # One space after the colon is the separator uses_text writes; the rest is the path.
        path = path.removeprefix(" ")
        if not colon or not alias or not path.strip():
            return f"uses must be lines 'alias: path' (got {line.strip()!r})"
        if alias in uses:
            return (
                f"uses names the alias {alias!r} twice (lines {lines[alias]} and {number}): "
                "give each plan one alias"
            )
        uses[alias] = path
        lines[alias] = number
    return uses
