"""The workbook layout shared by writing and reading: sheets, columns, headings, cell values.

Each node sheet holds one family of node kinds, one row per node and one column per field;
a field that holds several ids (``performed_by``) or texts (``tags``) takes several columns
(``Aktör 1``, ``Aktör 2``, …), like the three *rullista* cells of the goal template in seed 001.
Headings are read in Swedish or English, whichever the workbook was written in.

>>> SHEETS["goals"].name("sv"), [column.heading("sv") for column in SHEETS["goals"].columns[:3]]
('Mål', ['Id', 'Målformulering', 'Beskrivning'])
>>> number("82 %"), number("1 234"), number("3,5"), number("−2"), number("xx")
(82, 1234, 3.5, -2, 'xx')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from insatslogik.kinds import Kind
from insatslogik.style import Lang, kind_label

__all__ = [
    "DERIVED_SHEETS",
    "LINK_COLUMNS",
    "PLAN_ROWS",
    "SHEETS",
    "Column",
    "Sheet",
    "choice_labels",
    "decode_text",
    "encode_text",
    "normal",
    "number",
]

#: What a column holds, which decides how a cell is written and read.
ColumnType = Literal[
    "id", "text", "number", "integer", "year", "kind", "horizon", "ids", "texts", "codes"
]

#: Where a column's drop-down takes its ids from: a node sheet's id column, or the chain list.
Source = Literal["structure", "indicators", "actors", "challenges", "chain"] | None


@dataclass(frozen=True)
class Column:
    """One column (or group of repeated columns) of a node sheet."""

    key: tuple[str, ...]
    sv: str
    en: str
    type: ColumnType = "text"
    refers: Source = None
    width: int = 24
    #: How many repeated columns an empty workbook gets (for ids, texts and codes).
    repeat: int = 1

    def heading(self, lang: Lang) -> str:
        """The heading in `lang` (without the number of a repeated column)."""
        return self.sv if lang == "sv" else self.en

    @property
    def repeated(self) -> bool:
        """Whether the field takes several columns, one value each."""
        return self.type in {"ids", "texts", "codes"}


@dataclass(frozen=True)
class Sheet:
    """One node sheet: its names, the kinds it holds and its columns."""

    key: str
    sv: str
    en: str
    kinds: tuple[Kind, ...]
    columns: tuple[Column, ...]

    def name(self, lang: Lang) -> str:
        """The sheet's name in `lang`."""
        return self.sv if lang == "sv" else self.en


ID: Final = Column(("id",), "Id", "Id", "id", width=18)
KIND: Final = Column(("kind",), "Typ", "Kind", "kind", width=22)
TITLE: Final = Column(("title",), "Titel", "Title", width=50)
DESCRIPTION: Final = Column(("description",), "Beskrivning", "Description", width=50)
PART_OF: Final = Column(("part_of",), "Del av", "Part of", "id", "structure", width=18)
PERFORMED_BY: Final = Column(("performed_by",), "Aktör", "Actor", "ids", "actors", 18, 3)
MEASURED_BY: Final = Column(("measured_by",), "Indikator", "Indicator", "ids", "indicators", 18, 3)
ADDRESSES: Final = Column(("addresses",), "Utmaning", "Challenge", "ids", "challenges", 18, 2)
INFLUENCES: Final = Column(("influences",), "Påverkar", "Influences", "ids", "chain", 18, 3)
TAGS: Final = Column(("tags",), "Tagg", "Tag", "texts", width=16, repeat=2)
NOTES: Final = Column(("notes",), "Anteckningar", "Notes", width=40)
IGNORE: Final = Column(("ignore",), "Ignorera fynd", "Ignore finding", "codes", width=20)
COMMON_END: Final = (TAGS, NOTES, IGNORE)

SHEETS: Final[dict[str, Sheet]] = {
    sheet.key: sheet
    for sheet in (
        Sheet(
            "structure",
            "Struktur",
            "Structure",
            (Kind.STRATEGY, Kind.SUBSTRATEGY, Kind.PROJECT),
            (
                ID,
                KIND,
                TITLE,
                DESCRIPTION,
                PART_OF,
                Column(("period", "start"), "Period från", "Period start", "year", width=12),
                Column(("period", "end"), "Period till", "Period end", "year", width=12),
                Column(("budget", "amount"), "Budget", "Budget", "number", width=14),
                Column(("budget", "currency"), "Valuta", "Currency", width=9),
                Column(("owner",), "Ägare", "Owner", width=24),
                PERFORMED_BY,
                ADDRESSES,
                *COMMON_END,
            ),
        ),
        Sheet(
            "goals",
            "Mål",
            "Goals",
            (Kind.GOAL,),
            (
                ID,
                Column(("title",), "Målformulering", "Goal statement", width=50),
                DESCRIPTION,
                Column(("horizon",), "Tidshorisont", "Horizon", "horizon", width=14),
                Column(("target_year",), "Målår", "Target year", "year", width=11),
                PART_OF,
                MEASURED_BY,
                ADDRESSES,
                *COMMON_END,
            ),
        ),
        Sheet(
            "activities",
            "Aktiviteter",
            "Activities",
            (Kind.ACTIVITY,),
            (
                ID,
                Column(("title",), "Namn på aktivitet", "Activity name", width=50),
                Column(("description",), "Innehåll och syfte", "Content and purpose", width=50),
                PART_OF,
                PERFORMED_BY,
                Column(("frequency", "times"), "Antal gånger", "Times", "integer", width=13),
                Column(
                    ("frequency", "hours_each"),
                    "Tid per tillfälle (h)",
                    "Hours each",
                    "number",
                    width=13,
                ),
                *COMMON_END,
            ),
        ),
        Sheet(
            "resources",
            "Resurser",
            "Resources",
            (Kind.RESOURCE,),
            (ID, TITLE, DESCRIPTION, *COMMON_END),
        ),
        Sheet(
            "results",
            "Effekter",
            "Results",
            (Kind.OUTPUT, Kind.OUTCOME, Kind.SHORT_TERM_EFFECT, Kind.LONG_TERM_EFFECT),
            (ID, KIND, TITLE, DESCRIPTION, PART_OF, MEASURED_BY, *COMMON_END),
        ),
        Sheet(
            "indicators",
            "Indikatorer",
            "Indicators",
            (Kind.INDICATOR,),
            (
                ID,
                Column(("title",), "Indikator", "Indicator", width=50),
                DESCRIPTION,
                Column(("source",), "Källa", "Source", width=20),
                Column(("unit",), "Enhet", "Unit", width=8),
                Column(("geography",), "Geografi", "Geography", width=16),
                Column(("baseline", "year"), "Utgångsår", "Baseline year", "year", width=11),
                Column(("baseline", "value"), "Utgångsvärde", "Baseline", "number", width=13),
                Column(("target", "year"), "Målår", "Target year", "year", width=11),
                Column(("target", "value"), "Målvärde", "Target", "number", width=11),
                *COMMON_END,
            ),
        ),
        Sheet("actors", "Aktörer", "Actors", (Kind.ACTOR,), (ID, TITLE, DESCRIPTION, *COMMON_END)),
        Sheet(
            "challenges",
            "Utmaningar",
            "Challenges",
            (Kind.CHALLENGE,),
            (ID, TITLE, DESCRIPTION, *COMMON_END),
        ),
        Sheet(
            "factors",
            "Påverkansfaktorer",
            "Factors",
            (Kind.FACTOR,),
            (ID, TITLE, DESCRIPTION, MEASURED_BY, INFLUENCES, *COMMON_END),
        ),
    )
}

#: The sheet of each kind.
SHEET_OF: Final[dict[Kind, Sheet]] = {
    kind: sheet for sheet in SHEETS.values() for kind in sheet.kinds
}

#: The links sheet: one row per `contributes_to` link, in order.
LINKS: Final = ("Länkar", "Links")
LINK_COLUMNS: Final = (
    Column(("from",), "Från", "From", "id", "chain", width=18),
    Column(("to",), "Till", "To", "id", "chain", width=18),
    Column(("rationale",), "Motivering", "Rationale", width=45),
    Column(("assumptions",), "Antaganden", "Assumptions", width=45),
    Column(("evidence",), "Belägg", "Evidence", width=45),
)

#: The comparisons sheet: one row per indicator and comparison, then one column per year.
COMPARISONS: Final = ("Jämförelser", "Comparisons")
COMPARISON_COLUMNS: Final = (
    Column(("indicator",), "Indikator", "Indicator", "id", "indicators", width=18),
    Column(("label",), "Jämförelse", "Compared with", width=30),
)

#: The plan sheet: one row per field of the plan itself.
PLAN: Final = ("Plan", "Plan")
PLAN_ROWS: Final = (
    ("insatslogik", "Format", "Format"),
    ("title", "Titel", "Title"),
    ("language", "Språk", "Language"),
    ("description", "Beskrivning", "Description"),
)
PLAN_HEAD: Final = {"sv": ("Fält", "Värde"), "en": ("Field", "Value")}

#: Sheets written for people and skipped when reading: they are derived from the rest.
DERIVED_SHEETS: Final = {
    "instructions": ("Anvisningar", "Instructions"),
    "matrix": ("Planmatris", "Plan matrix"),
    "coverage": ("Täckning", "Coverage"),
    "findings": ("Fynd", "Findings"),
    "lists": ("Listor", "Lists"),
}

_HORIZONS: Final = {
    "sv": {"short": "kort", "medium": "medellång", "long": "lång"},
    "en": {"short": "short", "medium": "medium", "long": "long"},
}


def normal(text: str) -> str:
    """Text compared without case or extra spaces: how headings and choices are matched.

    >>> normal("  Namn på   Aktivitet ")
    'namn på aktivitet'
    """
    return " ".join(text.split()).casefold()


def choice_labels(
    column_type: ColumnType, lang: Lang, kinds: tuple[Kind, ...] = ()
) -> dict[str, str]:
    """The labels a choice column shows, by the value they stand for.

    >>> choice_labels("horizon", "sv")
    {'short': 'kort', 'medium': 'medellång', 'long': 'lång'}
    """
    if column_type == "horizon":
        return dict(_HORIZONS[lang])
    return {kind.value: kind_label(kind, lang) for kind in kinds}


def choice_value(column_type: ColumnType, text: str) -> str:
    """The value a choice stands for, from a label in either language or the value itself.

    Text that matches nothing is returned as it is, for validation to report.

    >>> choice_value("kind", "Kortsiktig effekt"), choice_value("horizon", "LÅNG"), choice_value("kind", "x")
    ('short_term_effect', 'long', 'x')
    """
    wanted = normal(text)
    for lang in ("sv", "en"):
        labels = choice_labels(column_type, lang, tuple(Kind))
        for value, label in labels.items():
            if wanted in {normal(label), normal(value), normal(value.replace("_", " "))}:
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
    result = float(text)
    plain_integer = "." not in text and "e" not in text.lower()
    return int(text) if plain_integer else result


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
