"""The workbook layout shared by writing and reading: sheets, columns and headings.

Each node sheet holds one family of node kinds, one row per node and one column per field;
a field that holds several ids (``performed_by``) or texts (``tags``) takes several columns
(``Aktör 1``, ``Aktör 2``, …), like the three *rullista* cells of the goal template in seed 001.
Headings are read in Swedish or English, whichever the workbook was written in.

>>> SHEETS["goals"].name("sv"), [column.heading("sv") for column in SHEETS["goals"].columns[:3]]
('Mål', ['Id', 'Målformulering', 'Beskrivning'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from insatslogik.i18n import Lang
from insatslogik.kinds import Kind

__all__ = [
    "COMPARISONS",
    "COMPARISON_COLUMNS",
    "DERIVED_SHEETS",
    "INSTRUCTIONS",
    "LINKS",
    "LINK_COLUMNS",
    "NOT_IN_LIST",
    "PLAN",
    "PLAN_HEAD",
    "PLAN_ROWS",
    "SHEETS",
    "SHEET_OF",
    "Column",
    "ColumnType",
    "Sheet",
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

#: The message of a drop-down list when a value is not in it.
NOT_IN_LIST: Final = {
    "sv": "Värdet finns inte i listan. Id:n måste finnas på sitt blad när arbetsboken läses in.",
    "en": "The value is not in the list. Ids must exist on their sheet when the workbook is read.",
}

#: The lines of the instructions sheet.
INSTRUCTIONS: Final[dict[str, tuple[str, ...]]] = {
    "sv": (
        "Så fyller du i arbetsboken",
        "Plan: planens titel (krävs), språk och beskrivning.",
        "Struktur, Mål, Aktiviteter, Resurser, Effekter, Indikatorer, Aktörer, Utmaningar, "
        "Påverkansfaktorer: en rad per nod. Id krävs (bokstäver A–Z, siffror, _ . -) och ska vara "
        "unikt i hela arbetsboken; titeln krävs.",
        "Kolumner som Del av, Aktör 1, Indikator 1 och Utmaning 1 har rullistor med id:n från "
        "respektive blad. Behövs fler, lägg till en kolumn med nästa nummer (Aktör 4).",
        "Länkar: en rad per koppling i resultatkedjan (Från → Till), med motivering, antaganden "
        "och belägg.",
        "Indikatorer: ett värde per år i kolumner med året som rubrik (2020, 2021, …); lägg till "
        "kolumner för fler år. Jämförelser: en rad per indikator och jämförelse (t.ex. EU).",
        "Tal kan skrivas med decimalkomma (3,5), mellanslag mellan tusental (1 234) och "
        "procenttecken (82 %).",
        "Tomma rader hoppas över. Planmatris, Täckning, Fynd och Anvisningar skrivs av "
        "insatslogik och läses inte in.",
        "Läs in: insatslogik convert plan.xlsx plan.yaml, eller il.from_excel('plan.xlsx').",
    ),
    "en": (
        "How to fill in the workbook",
        "Plan: the plan's title (required), language and description.",
        "Structure, Goals, Activities, Resources, Results, Indicators, Actors, Challenges, "
        "Factors: one row per node. The id is required (letters A–Z, digits, _ . -) and unique "
        "across the workbook; so is the title.",
        "Columns such as Part of, Actor 1, Indicator 1 and Challenge 1 have drop-down lists of "
        "the ids on their sheet. For more, add a column with the next number (Actor 4).",
        "Links: one row per link in the results chain (From → To), with rationale, assumptions "
        "and evidence.",
        "Indicators: one value per year in columns headed by the year (2020, 2021, …); add "
        "columns for more years. Comparisons: one row per indicator and comparison (e.g. EU).",
        "Numbers may have a decimal comma (3,5), spaces between thousands (1 234) and a per cent "
        "sign (82 %).",
        "Blank rows are skipped. Plan matrix, Coverage, Findings and Instructions are written by "
        "insatslogik and not read.",
        "Read it: insatslogik convert plan.xlsx plan.yaml, or il.from_excel('plan.xlsx').",
    ),
}
