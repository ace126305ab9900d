"""The workbook layout shared by writing and reading: sheets, columns and headings.

Each node sheet holds one family of node kinds, one row per node and one column per field;
a field that holds several ids (``performed_by``) or texts (``tags``) takes several columns
(``Aktör 1``, ``Aktör 2``, …), like the three *rullista* cells of the goal template in seed 001.
Headings are read in Swedish or English, whichever the workbook was written in; the words are
in :mod:`insatslogik.i18n`, looked up by each column's and sheet's `word`.

>>> SHEETS["goals"].name("sv"), [column.heading("sv") for column in SHEETS["goals"].columns[:3]]
('Mål', ['Id', 'Målformulering', 'Beskrivning'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from insatslogik.i18n import Lang, both, word
from insatslogik.kinds import Kind

__all__ = [
    "ASSESSMENTS",
    "ASSESSMENT_COLUMNS",
    "BREAKDOWNS",
    "BREAKDOWN_COLUMNS",
    "CHOICE_TYPES",
    "COMPARISONS",
    "COMPARISON_COLUMNS",
    "COMPONENTS",
    "COMPONENT_COLUMNS",
    "DERIVED_SHEETS",
    "LINKS",
    "LINK_COLUMNS",
    "PLAN",
    "PLAN_OPTIONAL_ROWS",
    "PLAN_ROWS",
    "REPEATED_TYPES",
    "REVISIONS",
    "REVISION_COLUMNS",
    "SHEETS",
    "SHEET_OF",
    "Column",
    "ColumnType",
    "Sheet",
]

#: What a column holds, which decides how a cell is written and read.
ColumnType = Literal[
    "id",
    "text",
    "number",
    "integer",
    "year",
    "kind",
    "horizon",
    "rule",
    "measure",
    "aggregate",
    "season",
    "judgement",
    "status",
    "strength",
    "ids",
    "texts",
    "codes",
    "years",
    "methods",
    "linkrefs",
]

#: The column types whose cells hold one of a few choices, shown in a drop-down by their label.
CHOICE_TYPES: Final = frozenset(
    {"kind", "horizon", "rule", "measure", "aggregate", "season", "judgement", "status", "strength"}
)

#: The repeated column types, one value a column (``Aktör 1``, ``Aktör 2``, …).
REPEATED_TYPES: Final = frozenset({"ids", "texts", "codes", "years", "methods", "linkrefs"})

#: Where a column's drop-down takes its ids from: a node sheet's id column, or the chain list.
Source = Literal["structure", "indicators", "actors", "challenges", "evaluations", "chain"] | None


@dataclass(frozen=True)
class Column:
    """One column (or group of repeated columns) of a node sheet; `word` names its heading."""

    key: tuple[str, ...]
    word: str
    type: ColumnType = "text"
    refers: Source = None
    width: int = 24
    #: How many repeated columns an empty workbook gets (for ids, texts and codes).
    repeat: int = 1

    def heading(self, lang: Lang) -> str:
        """The heading in `lang` (without the number of a repeated column)."""
        return word(f"column.{self.word}", lang)

    @property
    def sv(self) -> str:
        """The Swedish heading."""
        return self.heading("sv")

    @property
    def en(self) -> str:
        """The English heading."""
        return self.heading("en")

    @property
    def repeated(self) -> bool:
        """Whether the field takes several columns, one value each."""
        return self.type in REPEATED_TYPES


@dataclass(frozen=True)
class Sheet:
    """One node sheet: its key (which names it in :mod:`insatslogik.i18n`), kinds and columns."""

    key: str
    kinds: tuple[Kind, ...]
    columns: tuple[Column, ...]

    def name(self, lang: Lang) -> str:
        """The sheet's name in `lang`."""
        return word(f"sheet.{self.key}", lang)

    @property
    def sv(self) -> str:
        """The Swedish name."""
        return self.name("sv")

    @property
    def en(self) -> str:
        """The English name."""
        return self.name("en")


ID: Final = Column(("id",), "id", "id", width=18)
KIND: Final = Column(("kind",), "kind", "kind", width=22)
TITLE: Final = Column(("title",), "title", width=50)
DESCRIPTION: Final = Column(("description",), "description", width=50)
PART_OF: Final = Column(("part_of",), "part_of", "id", "structure", width=18)
PERFORMED_BY: Final = Column(("performed_by",), "performed_by", "ids", "actors", 18, 3)
MEASURED_BY: Final = Column(("measured_by",), "measured_by", "ids", "indicators", 18, 3)
ADDRESSES: Final = Column(("addresses",), "addresses", "ids", "challenges", 18, 2)
INFLUENCES: Final = Column(("influences",), "influences", "ids", "chain", 18, 3)
TAGS: Final = Column(("tags",), "tags", "texts", width=16, repeat=2)
NOTES: Final = Column(("notes",), "notes", width=40)
IGNORE: Final = Column(("ignore",), "ignore", "codes", width=20)
COMMON_END: Final = (TAGS, NOTES, IGNORE)
# The follow-up plan's columns. `when` is a list of years (the repeated `when_years`) or a
# schedule (`from`, `every`, `until`); an assumption's links are the repeated `about_links`.
ABOUT: Final = Column(("about",), "about", "ids", "chain", 18, 2)
RESPONSIBLE: Final = Column(("responsible",), "responsible", "ids", "actors", 18, 1)
METHODS: Final = Column(("method",), "method", "methods", width=16, repeat=2)
SEASON: Final = Column(("season",), "season", "season", width=10)
WHEN: Final = (
    Column(("when_years",), "when_year", "years", width=9, repeat=2),
    Column(("when", "from"), "when_from", "year", width=10),
    Column(("when", "every"), "when_every", "integer", width=10),
    Column(("when", "until"), "when_until", "year", width=10),
)

SHEETS: Final[dict[str, Sheet]] = {
    sheet.key: sheet
    for sheet in (
        Sheet(
            "structure",
            (Kind.STRATEGY, Kind.SUBSTRATEGY, Kind.PROJECT),
            (
                ID,
                KIND,
                TITLE,
                DESCRIPTION,
                PART_OF,
                Column(("period", "start"), "period_start", "year", width=12),
                Column(("period", "end"), "period_end", "year", width=12),
                Column(("budget", "amount"), "budget", "number", width=14),
                Column(("budget", "currency"), "currency", width=9),
                Column(("owner",), "owner", width=24),
                PERFORMED_BY,
                ADDRESSES,
                *COMMON_END,
            ),
        ),
        Sheet(
            "goals",
            (Kind.GOAL,),
            (
                ID,
                Column(("title",), "goal_statement", width=50),
                DESCRIPTION,
                Column(("horizon",), "horizon", "horizon", width=14),
                Column(("target_year",), "target_year", "year", width=11),
                PART_OF,
                MEASURED_BY,
                ADDRESSES,
                *COMMON_END,
            ),
        ),
        Sheet(
            "activities",
            (Kind.ACTIVITY,),
            (
                ID,
                Column(("title",), "activity_name", width=50),
                Column(("description",), "content", width=50),
                PART_OF,
                PERFORMED_BY,
                Column(("frequency", "times"), "times", "integer", width=13),
                Column(("frequency", "hours_each"), "hours_each", "number", width=13),
                *COMMON_END,
            ),
        ),
        Sheet(
            "resources",
            (Kind.RESOURCE,),
            (ID, TITLE, DESCRIPTION, *COMMON_END),
        ),
        Sheet(
            "results",
            (Kind.OUTPUT, Kind.OUTCOME, Kind.SHORT_TERM_EFFECT, Kind.LONG_TERM_EFFECT),
            (ID, KIND, TITLE, DESCRIPTION, PART_OF, MEASURED_BY, *COMMON_END),
        ),
        Sheet(
            "indicators",
            (Kind.INDICATOR,),
            (
                ID,
                Column(("title",), "indicator", width=50),
                DESCRIPTION,
                Column(("source",), "source", width=20),
                Column(("unit",), "unit", width=8),
                Column(("geography",), "geography", width=16),
                Column(("baseline", "year"), "baseline_year", "year", width=11),
                Column(("baseline", "value"), "baseline", "number", width=13),
                Column(("target", "year"), "target_year", "year", width=11),
                Column(("target", "value"), "target", "number", width=11),
                # The fields indicators gained later come after the first ones, so that a
                # workbook filled in before them reads the same.
                Column(("number",), "number", width=6),
                Column(("target", "relative_to"), "relative_to", width=18),
                Column(("target", "rule"), "rule", "rule", width=16),
                Column(("target", "since"), "since", "year", width=11),
                Column(("target", "set_by"), "set_by", width=14),
                Column(("measure",), "measure", "measure", width=14),
                Column(("aggregate",), "aggregate", "aggregate", width=16),
                Column(("follow_up_every",), "follow_up_every", "integer", width=12),
                *COMMON_END,
            ),
        ),
        Sheet("actors", (Kind.ACTOR,), (ID, TITLE, DESCRIPTION, *COMMON_END)),
        Sheet(
            "challenges",
            (Kind.CHALLENGE,),
            (ID, TITLE, DESCRIPTION, *COMMON_END),
        ),
        Sheet(
            "factors",
            (Kind.FACTOR,),
            (ID, TITLE, DESCRIPTION, MEASURED_BY, INFLUENCES, *COMMON_END),
        ),
        Sheet(
            "questions",
            (Kind.QUESTION,),
            (
                ID,
                Column(("title",), "question", width=50),
                DESCRIPTION,
                ABOUT,
                METHODS,
                Column(("source",), "source", width=24),
                *WHEN,
                SEASON,
                RESPONSIBLE,
                *COMMON_END,
            ),
        ),
        Sheet(
            "evaluations",
            (Kind.EVALUATION,),
            (
                ID,
                Column(("title",), "evaluation", width=50),
                DESCRIPTION,
                ABOUT,
                Column(("performed_by",), "evaluator", "ids", "actors", 18, 1),
                RESPONSIBLE,
                Column(("period", "start"), "period_start", "year", width=12),
                Column(("period", "end"), "period_end", "year", width=12),
                Column(("scope",), "scope", width=30),
                *WHEN,
                SEASON,
                METHODS,
                *COMMON_END,
            ),
        ),
        Sheet(
            "assumptions",
            (Kind.ASSUMPTION,),
            (
                ID,
                Column(("title",), "assumption", width=50),
                DESCRIPTION,
                ABOUT,
                Column(("about_links",), "about_link", "linkrefs", width=22, repeat=1),
                Column(("status",), "status", "status", width=12),
                Column(("evidence",), "strength", "strength", width=14),
                *COMMON_END,
            ),
        ),
        Sheet(
            "recommendations",
            (Kind.RECOMMENDATION,),
            (
                ID,
                Column(("title",), "recommendation", width=50),
                DESCRIPTION,
                Column(("by",), "by", "id", "evaluations", width=18),
                ABOUT,
                *COMMON_END,
            ),
        ),
    )
}

#: The sheet of each kind.
SHEET_OF: Final[dict[Kind, Sheet]] = {
    kind: sheet for sheet in SHEETS.values() for kind in sheet.kinds
}

#: The links sheet: one row per `contributes_to` link, in order.
LINKS: Final = both("sheet.links")
LINK_COLUMNS: Final = (
    Column(("from",), "from", "id", "chain", width=18),
    Column(("to",), "to", "id", "chain", width=18),
    Column(("rationale",), "rationale", width=45),
    Column(("assumptions",), "assumptions", width=45),
    Column(("evidence",), "evidence", width=45),
    # Later than the others, so that a workbook filled in before it reads the same.
    Column(("assumption_list",), "assumption_list", width=30),
)

#: The assessments sheet: one row per assessment of a node, or of the link from it to `to`.
ASSESSMENTS: Final = both("sheet.assessments")
ASSESSMENT_COLUMNS: Final = (
    Column(("node",), "node", "id", width=18),
    Column(("to",), "to", "id", "chain", width=18),
    Column(("year",), "year", "year", width=9),
    Column(("by",), "by", "id", width=18),
    Column(("judgement",), "judgement", "judgement", width=16),
    Column(("text",), "text", width=45),
    Column(("evidence",), "evidence", width=45),
)

#: The comparisons sheet: one row per indicator and comparison, then one column per year.
COMPARISONS: Final = both("sheet.comparisons")
COMPARISON_COLUMNS: Final = (
    Column(("indicator",), "indicator", "id", "indicators", width=18),
    Column(("label",), "compared_with", width=30),
    Column(("title",), "comparison_title", width=30),
    Column(("source",), "source", width=20),
)

#: The components sheet: one row per component of an index, in order.
COMPONENTS: Final = both("sheet.components")
COMPONENT_COLUMNS: Final = (
    Column(("index",), "index", "id", "indicators", width=18),
    Column(("id",), "component", "id", "indicators", width=18),
    Column(("weight",), "weight", "number", width=10),
)

#: The revisions sheet: one row per later change of an indicator's target, in order.
REVISIONS: Final = both("sheet.revisions")
REVISION_COLUMNS: Final = (
    Column(("indicator",), "indicator", "id", "indicators", width=18),
    Column(("decided",), "decided", "year", width=11),
    Column(("year",), "target_year", "year", width=11),
    Column(("value",), "target", "number", width=11),
    Column(("relative_to",), "relative_to", width=18),
    Column(("rule",), "rule", "rule", width=16),
    Column(("since",), "since", "year", width=11),
    Column(("set_by",), "set_by", width=14),
    Column(("reason",), "reason", width=40),
)

#: The breakdowns sheet: one row per indicator, dimension and group, then one column per year.
BREAKDOWNS: Final = both("sheet.breakdowns")
BREAKDOWN_COLUMNS: Final = (
    Column(("indicator",), "indicator", "id", "indicators", width=18),
    Column(("dimension",), "dimension", width=16),
    Column(("group",), "group", width=16),
)

#: The plan sheet: one row per field of the plan itself, as (field, Swedish, English).
PLAN: Final = both("sheet.plan")
PLAN_ROWS: Final = tuple(
    (key, *both(f"plan.{key}"))
    for key in ("insatslogik", "title", "language", "description", "id", "uses")
)
#: Rows of the plan sheet written only when the plan has them: a plan's id and the plans it
#: uses (``alias: path``, one a line).
PLAN_OPTIONAL_ROWS: Final = frozenset({"id", "uses"})

#: The sheet of a portfolio's plans: written for a model of several plans, whose workbook is
#: for people to read and is refused when read back (docs/excel.md).
PLANS: Final = both("sheet.plans")

#: Sheets written for people and skipped when reading: they are derived from the rest.
DERIVED_SHEETS: Final = {
    key: both(f"sheet.{key}")
    for key in (
        "instructions",
        "matrix",
        "coverage",
        "findings",
        "evaluation_matrix",
        "follow_up_calendar",
        "lists",
    )
}
