"""Model → workbook bytes: the sheets, their styles and drop-down lists, written deterministically.

The layout is :mod:`insatslogik.formats.excel._layout`'s; :mod:`insatslogik.formats.excel` is the public face.
openpyxl is imported inside the functions, so importing this module costs little.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from insatslogik.codes import Code
from insatslogik.errors import ModelError, Problem
from insatslogik.formats.excel._cells import (
    choice_labels,
    encode_text,
    join_lines,
    put_number,
    put_text,
    uses_text,
)
from insatslogik.formats.excel._layout import (
    ASSESSMENT_COLUMNS,
    ASSESSMENTS,
    BREAKDOWN_COLUMNS,
    BREAKDOWNS,
    CHOICE_TYPES,
    COMPARISON_COLUMNS,
    COMPARISONS,
    COMPONENT_COLUMNS,
    COMPONENTS,
    DERIVED_SHEETS,
    LINK_COLUMNS,
    LINKS,
    PLAN,
    PLAN_OPTIONAL_ROWS,
    PLAN_ROWS,
    PLANS,
    REVISION_COLUMNS,
    REVISIONS,
    SHEETS,
    Column,
    Sheet,
)
from insatslogik.formats.native import canonical_nodes, document_header
from insatslogik.i18n import LANGUAGES, Lang, excel_instructions, severity_name, status_name, word
from insatslogik.kinds import CHAIN_KINDS, KIND_ORDER, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import FORMAT_VERSION, Assumption, Indicator, Node, Source
from insatslogik.model.validation import show
from insatslogik.palette import KIND_STYLES

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["EXTRA_ROWS", "workbook_bytes"]

#: Rows below the data that drop-downs still cover, for the rows people add.
EXTRA_ROWS: Final = 500
#: The longest list of choices a drop-down may hold inline ("a,b,c"): Excel refuses more (it
#: offers to repair the file and drops every drop-down); a longer one is put in cells.
MAX_INLINE_LIST: Final = 255

# Fixed document dates: openpyxl stamps the time of saving, and equal models must give equal bytes.
_FIXED_TIME: Final = datetime(2000, 1, 1)
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)

_HEAD_FILL: Final = "#e6e6e6"
_FOLLOW_UP_KINDS: Final = frozenset({Kind.QUESTION.value, Kind.EVALUATION.value})
_ORDER: Final = ("structure", "goals", "activities", "resources", "results", "links",
                 "indicators", "comparisons", "components", "revisions", "breakdowns",
                 "actors", "challenges", "factors", "questions", "evaluations", "assumptions",
                 "recommendations", "assessments")  # fmt: skip


def workbook_bytes(
    model: Model | None, *, lang: Lang, analyses: bool, folder: Path | None = None
) -> bytes:
    """The workbook of `model` (the empty template for None) as the bytes of an .xlsx file.

    `folder` is the workbook's, to which the paths of a plan's ``uses`` are made relative.
    """
    from openpyxl import Workbook

    # A plan loaded with the plans it uses is written as its own plan, as `save` writes it;
    # a portfolio's workbook has every plan's nodes, for people to read.
    own = None if model is None or model.is_portfolio else canonical_nodes(model)
    if model is not None:
        _check_lengths(model, own)
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    nodes = _by_sheet(model, own)
    counts = {key: len(found) for key, found in nodes.items()}
    chain = sorted(
        (node for key in ("resources", "activities", "results", "goals") for node in nodes[key]),
        key=lambda node: (KIND_ORDER[node.kind], node.id),
    )
    listed = [node.id for node in chain]
    if model is not None and own is not None:
        listed += _used_references(model)
    writer = _Writer(book, lang, counts, len(listed))
    writer.plan(model, folder)
    if model is not None and own is None:
        # A portfolio, even of one plan: a sheet of its plans, and each node's plan in a last
        # column; reading such a workbook back refuses it (its ids are qualified).
        writer.plan_of, plans = _portfolio(model)
        writer.plans(plans)
    for key in _ORDER:
        if key == "links":
            writer.links(nodes)
        elif key == "comparisons":
            writer.comparisons(nodes["indicators"])
        elif key in {"components", "revisions", "breakdowns"}:
            getattr(writer, key)([n for n in nodes["indicators"] if isinstance(n, Indicator)])
        elif key == "assessments":
            writer.assessments(nodes)
        else:
            writer.nodes(SHEETS[key], nodes[key])
    if model is not None and analyses:
        writer.analyses(model)
    writer.instructions()
    writer.lists(listed)
    book.properties.creator = "insatslogik"
    book.properties.title = encode_text(model.title) if model is not None else None
    book.properties.created = book.properties.modified = _FIXED_TIME
    return _deterministic(book)


#: The most characters an Excel cell holds; Excel cuts a longer text when it opens the file.
MAX_CELL_TEXT: Final = 32_767


def _check_lengths(model: Model, nodes: list[Node] | None) -> None:
    """Refuse a text no cell can hold, rather than let it be cut and a round trip lose it.

    openpyxl cuts a longer text to 32 767 characters without a word, and Excel would too.
    """
    problems = []
    header = {"title": model.title, "description": model.description}
    owners: list[tuple[str, Any]] = [("the plan", header)]
    owners.extend(
        (f"{node.kind} {show(node.id)}", node.model_dump())
        for node in (model if nodes is None else nodes)
    )
    for owner, data in owners:
        for where, text in _texts(data, ()):
            length = len(encode_text(text))
            if length > MAX_CELL_TEXT:
                field = ".".join(str(part) for part in where)
                problems.append(
                    Problem(
                        None,
                        None,
                        None,
                        f"{owner}: {field} has {length} characters, more than the "
                        f"{MAX_CELL_TEXT} an Excel cell holds (it would be cut): shorten it, "
                        "or keep the plan as YAML",
                    )
                )
    if problems:
        raise ModelError(problems)


def _texts(value: Any, where: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and len(key) > MAX_CELL_TEXT:
                yield (*where, "(a name)"), key
            yield from _texts(item, (*where, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*where, index))


def _by_sheet(model: Model | None, own: list[Node] | None) -> dict[str, list[Node]]:
    """Each node sheet's nodes: the model's, or `own` (a plan's own nodes, in canonical order)."""
    found: dict[str, list[Node]] = {key: [] for key in SHEETS}
    if model is None:
        return found
    of_kind: dict[str, list[Node]] = {}
    for node in own or ():
        of_kind.setdefault(node.kind, []).append(node)
    for key, sheet in SHEETS.items():
        for kind in sheet.kinds:
            found[key].extend(model.nodes(kind) if own is None else of_kind.get(kind, []))
    return found


def _deterministic(book: Workbook) -> bytes:
    # openpyxl's ExcelWriter, not save_workbook, which stamps the current time as `modified`;
    # then every zip entry gets one fixed date, since zipfile stamps the time of writing.
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


class _Writer:
    """Writes the sheets of one workbook; knows the sheet names and sizes drop-downs refer to."""

    def __init__(self, book: Workbook, lang: Lang, counts: dict[str, int], chain: int) -> None:
        self.book = book
        self.lang = lang
        # Drop-downs point at a node sheet's id column, so ids people add there appear too.
        self.sources = {
            key: _range(SHEETS[key].name(lang), counts[key])
            for key in ("structure", "indicators", "actors", "challenges", "evaluations")
        }
        self.sources["chain"] = _range(word("sheet.lists", lang), chain)
        #: Each node's plan, for the plan column of a portfolio's node sheets (else empty).
        self.plan_of: dict[str, str] = {}
        #: Lists of choices too long to write inline, each in a column of the hidden lists
        #: sheet after the chain's ids: its heading and range, by its choices.
        self.choices: dict[tuple[str, ...], tuple[str, str]] = {}

    def _sheet(self, names: tuple[str, str]) -> Worksheet:
        # `names` is a (Swedish, English) pair, as the reader takes sheet names in either.
        sheet: Worksheet = self.book.create_sheet(names[LANGUAGES.index(self.lang)])
        return sheet

    def plan(self, model: Model | None, folder: Path | None) -> None:
        """The plan's own fields, one per row; its id and the plans it uses if it has them."""
        sheet = self._sheet(PLAN)
        _head(sheet, [word("plan.field", self.lang), word("plan.value", self.lang)], _HEAD_FILL)
        # An empty workbook's plan is in the language of its headings.
        values: dict[str, Any] = {"insatslogik": FORMAT_VERSION, "language": self.lang}
        if model is not None:
            values.update(document_header(model, folder=folder))
            if "uses" in values:
                values["uses"] = uses_text(values["uses"])
        rows = [row for row in PLAN_ROWS if row[0] in values or row[0] not in PLAN_OPTIONAL_ROWS]
        for row, (key, *_) in enumerate(rows, start=2):
            sheet.cell(row, 1, word(f"plan.{key}", self.lang)).font = _bold()
            value = values.get(key)
            if isinstance(value, str):
                put_text(sheet.cell(row, 2), value)
            elif value is not None:
                sheet.cell(row, 2, value)
        _widths(sheet, [18, 90])
        sheet.freeze_panes = "A2"

    def plans(self, plans: Sequence[Sequence[Any]]) -> None:
        """A portfolio's plans, one row each: id, title, file, loaded or used, plans it uses."""
        keys = ("plan_id", "plan_title", "plan_file", "plan_home", "plan_uses")
        _table(
            self._sheet(PLANS),
            [word(f"workbook.{key}", self.lang) for key in keys],
            [list(row) for row in plans],
            [22, 50, 40, 10, 30],
        )

    def nodes(self, spec: Sheet, nodes: Sequence[Node]) -> None:
        """One node sheet: a row per node, a column per field (and its plan, in a portfolio)."""
        sheet = self._sheet((spec.sv, spec.en))
        cells = [_cells_of(node) for node in nodes]
        columns = _layout(spec, cells)
        years: list[int] = []
        if spec.key == "indicators":
            years = sorted({y for n in nodes if isinstance(n, Indicator) for y in n.values})
        headings = [_heading(column, number, self.lang) for column, number in columns]
        plan = [word("workbook.plan", self.lang)] if self.plan_of else []
        _head(sheet, [*headings, *map(str, years), *plan], KIND_STYLES[spec.kinds[0]].fill)
        for row, (node, data) in enumerate(zip(nodes, cells, strict=True), start=2):
            for index, (column, number) in enumerate(columns, start=1):
                value = _get(data, column.key)
                if number is not None:
                    items = value or ()  # a field this kind lacks, on a sheet of several kinds
                    value = items[number - 1] if number <= len(items) else None
                self._put(sheet.cell(row, index), column, value)
            for index, year in enumerate(years, start=len(columns) + 1):
                if isinstance(node, Indicator) and year in node.values:
                    put_number(sheet.cell(row, index), node.values[year])
            if self.plan_of:
                put_text(sheet.cell(row, len(columns) + len(years) + 1), self.plan_of[node.id])
        self._finish(sheet, [column for column, _ in columns], len(nodes), spec.kinds)
        for index in range(len(columns) + 1, len(columns) + len(years) + 1):
            sheet.cell(1, index).number_format = "@"
        _widths(
            sheet,
            [column.width for column, _ in columns] + [9] * len(years) + [18] * len(plan),
        )
        sheet.freeze_panes = "B2"

    def links(self, nodes: dict[str, list[Node]]) -> None:
        """One row per `contributes_to` link, in the order of the nodes and their links."""
        sheet = self._sheet(LINKS)
        _head(sheet, [column.heading(self.lang) for column in LINK_COLUMNS], _HEAD_FILL)
        chain = sorted(
            (node for group in nodes.values() for node in group if hasattr(node, "contributes_to")),
            key=lambda node: (KIND_ORDER[node.kind], node.id),
        )
        row = 1
        for node in chain:
            for link in getattr(node, "contributes_to", ()):
                row += 1
                text, listed = link.assumptions, None
                if isinstance(text, tuple):
                    # A list: one item a line, in a column of its own (text stays text); an
                    # item with a line break of its own is quoted, so it reads back as one.
                    text, listed = None, join_lines(link.assumptions)
                values = (node.id, link.to, link.rationale, text, link.evidence, listed)
                for index, (column, value) in enumerate(zip(LINK_COLUMNS, values, strict=True), 1):
                    self._put(sheet.cell(row, index), column, value)
        self._finish(sheet, list(LINK_COLUMNS), row - 1, ())
        _widths(sheet, [column.width for column in LINK_COLUMNS])
        sheet.freeze_panes = "A2"

    def assessments(self, nodes: dict[str, list[Node]]) -> None:
        """One row per assessment: a node's, then those of its links (the link's target in To)."""
        records: list[tuple[tuple[Any, ...], Mapping[int, float]]] = []
        for node in sorted(
            (node for group in nodes.values() for node in group),
            key=lambda node: (KIND_ORDER[node.kind], node.id),
        ):
            judged = [(None, a) for a in getattr(node, "assessments", ())]
            judged += [
                (link.to, a)
                for link in getattr(node, "contributes_to", ())
                for a in link.assessments
            ]
            records.extend(
                ((node.id, to, a.year, a.by, a.judgement, a.text, a.evidence), {})
                for to, a in judged
            )
        self._rows(ASSESSMENTS, ASSESSMENT_COLUMNS, records, fill=_HEAD_FILL)

    def comparisons(self, indicators: Sequence[Node]) -> None:
        """One row per indicator and comparison (``EU``, ``Sverige``), one column per year."""
        records = [
            ((node.id, label, comparison.title, comparison.source), comparison.values)
            for node in indicators
            if isinstance(node, Indicator)
            for label, comparison in sorted(node.comparisons.items())
        ]
        self._rows(COMPARISONS, COMPARISON_COLUMNS, records, freeze="C2")

    def components(self, indicators: Sequence[Indicator]) -> None:
        """One row per component of an index, in the order of the index's `components`."""
        records: list[tuple[tuple[Any, ...], Mapping[int, float]]] = [
            ((node.id, part.id, part.weight), {}) for node in indicators for part in node.components
        ]
        self._rows(COMPONENTS, COMPONENT_COLUMNS, records)

    def revisions(self, indicators: Sequence[Indicator]) -> None:
        """One row per revision of an indicator's target, in the order written."""
        records: list[tuple[tuple[Any, ...], Mapping[int, float]]] = [
            (
                (
                    node.id,
                    r.decided,
                    r.year,
                    r.value,
                    r.relative_to,
                    r.rule,
                    r.since,
                    r.set_by,
                    r.reason,
                ),
                {},
            )
            for node in indicators
            for r in node.revisions
        ]
        self._rows(REVISIONS, REVISION_COLUMNS, records)

    def breakdowns(self, indicators: Sequence[Indicator]) -> None:
        """One row per indicator, dimension and group (kön, kvinnor), one column per year."""
        records = [
            ((node.id, dimension, group), by_year)
            for node in indicators
            for dimension, groups in node.disaggregation.items()
            for group, by_year in groups.items()
        ]
        self._rows(BREAKDOWNS, BREAKDOWN_COLUMNS, records, freeze="D2")

    def _rows(
        self,
        names: tuple[str, str],
        columns: tuple[Column, ...],
        records: Sequence[tuple[tuple[Any, ...], Mapping[int, float]]],
        *,
        freeze: str = "B2",
        fill: str = KIND_STYLES[Kind.INDICATOR].fill,
    ) -> None:
        """A sheet of one row per record: its columns' values, then one column per year."""
        sheet = self._sheet(names)
        years = sorted({year for _, by_year in records for year in by_year})
        headings = [column.heading(self.lang) for column in columns]
        _head(sheet, [*headings, *map(str, years)], fill)
        for row, (cells, by_year) in enumerate(records, start=2):
            for index, (column, value) in enumerate(zip(columns, cells, strict=True), start=1):
                self._put(sheet.cell(row, index), column, value)
            for index, year in enumerate(years, start=len(columns) + 1):
                if year in by_year:
                    put_number(sheet.cell(row, index), by_year[year])
        self._finish(sheet, list(columns), len(records), ())
        for index in range(len(columns) + 1, len(columns) + len(years) + 1):
            sheet.cell(1, index).number_format = "@"
        _widths(sheet, [column.width for column in columns] + [9] * len(years))
        sheet.freeze_panes = freeze

    def analyses(self, model: Model) -> None:
        """The plan matrix of seed 000, goal coverage and the findings: for reading, not read back."""
        from insatslogik.analyses.checks import check
        from insatslogik.analyses.coverage import goal_coverage
        from insatslogik.analyses.tables import table_rows

        lang = self.lang
        # A portfolio's derived sheets end in the plan of each row, as its node sheets do.
        portfolio = bool(self.plan_of)
        plan_width = [18] if portfolio else []
        matrix = table_rows(model, kind="plan", lang=self.lang, plans=portfolio)
        _table(
            self._sheet(DERIVED_SHEETS["matrix"]),
            ["\n".join(lines) for lines in matrix[0]],
            [["\n".join(lines) for lines in row] for row in matrix[1:]],
            [40, 45, 25, 40, 40, 35, 45, 50][: len(matrix[0]) - len(plan_width)] + plan_width,
        )
        coverage = goal_coverage(model)
        keys = ("goal", "status", "activities", "projects", "indicators", "complete_indicators")
        heads = [word("column.id", lang), *(word(f"workbook.{key}", lang) for key in keys)]
        plan_head = [word("workbook.plan", lang)] if portfolio else []
        rows: list[list[Any]] = [
            [
                g.goal,
                g.title,
                status_name(g.status, lang),
                *(
                    "\n".join(ids)
                    for ids in (g.activities, g.projects, g.indicators, g.complete_indicators)
                ),
                *self._plans_of([g.goal]),
            ]
            for g in coverage.goals
        ]
        ratio = None if coverage.ratio is None else round(coverage.ratio, 4)
        # The overall ratio is the portfolio's: its plan cell stays empty.
        rows.append([word("workbook.covered_goals", lang), ratio])
        rows.extend(
            [
                structure,
                round(share, 4),
                *([None] * 5 if portfolio else []),
                *self._plans_of([structure]),
            ]
            for structure, share in coverage.by_structure.items()
        )
        sheet = self._sheet(DERIVED_SHEETS["coverage"])
        _table(sheet, [*heads, *plan_head], rows, [18, 45, 11, 20, 20, 20, 20, *plan_width])
        for row in range(len(coverage.goals) + 2, len(rows) + 2):
            sheet.cell(row, 2).number_format = "0%"  # the ratios, overall and per structure
        report = check(model, lang=lang)
        finding_heads = [
            word(f"workbook.{key}", lang) for key in ("severity", "code", "message", "nodes")
        ]
        _table(
            self._sheet(DERIVED_SHEETS["findings"]),
            [*finding_heads, *plan_head],
            [
                [
                    severity_name(f.severity, lang),
                    f.code.value,
                    f.message,
                    "\n".join(f.nodes),
                    *self._plans_of(f.nodes),
                ]
                for f in report
            ],
            [11, 22, 80, 20, *plan_width],
        )
        self.follow_up(model)

    def _plans_of(self, ids: Sequence[str]) -> list[str]:
        """The plan cell of a derived sheet's row about `ids`, one plan a line; none outside a portfolio."""
        if not self.plan_of:
            return []
        return ["\n".join(dict.fromkeys(self.plan_of[i] for i in ids if i in self.plan_of))]

    def follow_up(self, model: Model) -> None:
        """The evaluation matrix and the follow-up calendar, for a plan that has questions."""
        from insatslogik.analyses.tables import table_rows

        # Only a plan with follow-up gets the sheets: the others' workbooks stay as they were.
        if not any(node.kind in _FOLLOW_UP_KINDS for node in model):
            return
        portfolio = bool(self.plan_of)
        for key, kind, widths in (
            ("evaluation_matrix", "matrix", [45, 35, 20, 30, 25, 25]),
            ("follow_up_calendar", "calendar", [7, 9, 45, 12, 25, 11, 25]),
        ):
            rows = table_rows(model, kind=kind, lang=self.lang, plans=portfolio)  # type: ignore[arg-type]
            _table(
                self._sheet(DERIVED_SHEETS[key]),
                ["\n".join(lines) for lines in rows[0]],
                [["\n".join(lines) for lines in row] for row in rows[1:]],
                [*widths, *([18] if portfolio else [])],
            )

    def instructions(self) -> None:
        """A sheet that says how to fill in the others."""
        sheet = self._sheet(DERIVED_SHEETS["instructions"])
        for row, line in enumerate(excel_instructions(self.lang), start=1):
            put_text(sheet.cell(row, 1), line)
        sheet.cell(1, 1).font = _bold()
        _widths(sheet, [110])

    def lists(self, chain: list[str]) -> None:
        """The hidden list of chain ids that the link drop-downs offer."""
        sheet = self._sheet(DERIVED_SHEETS["lists"])
        put_text(sheet.cell(1, 1), "Id")
        for row, node_id in enumerate(chain, start=2):
            put_text(sheet.cell(row, 1), node_id)
        for index, (labels, (heading, _)) in enumerate(self.choices.items(), start=2):
            put_text(sheet.cell(1, index), heading)
            for row, label in enumerate(labels, start=2):
                put_text(sheet.cell(row, index), label)
        sheet.sheet_state = "hidden"

    def _choice_list(self, column: Column, labels: Sequence[str]) -> str:
        """A drop-down's formula for these choices: inline, or a range of the lists sheet."""
        from openpyxl.utils import get_column_letter

        inline = '"' + ",".join(labels) + '"'
        if len(inline) <= MAX_INLINE_LIST:
            return inline
        key = tuple(labels)
        if key not in self.choices:
            # Column A holds the chain's ids; each long list gets the next column.
            letter = get_column_letter(len(self.choices) + 2)
            where = f"'{word('sheet.lists', self.lang)}'!${letter}$2:${letter}${len(key) + 1}"
            self.choices[key] = (column.heading(self.lang), where)
        return self.choices[key][1]

    def _put(self, cell: Cell | MergedCell, column: Column, value: Any) -> None:
        if value is None:
            return
        if column.type in CHOICE_TYPES or column.type == "methods":
            put_text(cell, choice_labels(column.type, self.lang, tuple(Kind))[str(value)])
        elif column.type == "number":
            put_number(cell, value)
        elif column.type in {"integer", "year", "years"}:
            cell.value = value
        else:
            put_text(cell, str(value))

    def _finish(
        self, sheet: Worksheet, columns: list[Column], rows: int, kinds: tuple[Kind, ...]
    ) -> None:
        """Drop-downs on the columns that name other nodes or a choice, wrapping, a filter."""
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        last = rows + 1 + EXTRA_ROWS
        wrap = Alignment(wrap_text=True, vertical="top")
        lists: dict[str, list[str]] = {}
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            if column.type in {"text", "texts"}:
                # The column's own style wraps what people type in new rows; written cells
                # carry their own style, so they get it too.
                sheet.column_dimensions[letter].alignment = wrap
                for (cell,) in sheet.iter_rows(
                    min_row=2, max_row=rows + 1, min_col=index, max_col=index
                ):
                    cell.alignment = wrap
            formula = None
            if column.refers is not None:
                formula = self.sources[column.refers]
            elif column.type in CHOICE_TYPES or column.type == "methods":
                labels = list(choice_labels(column.type, self.lang, kinds).values())
                formula = self._choice_list(column, labels)
            elif column.type == "codes":
                formula = self._choice_list(column, [code.value for code in Code])
            if formula is not None:
                lists.setdefault(formula, []).append(f"{letter}2:{letter}{last}")
        for formula, ranges in lists.items():
            check = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="insatslogik",
                error=word("workbook.not_in_list", self.lang),
            )
            for cells in ranges:
                check.add(cells)
            sheet.add_data_validation(check)
        width = max(sheet.max_column, 1)
        sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{rows + 1}"


def _used_references(model: Model) -> list[str]:
    """The chain nodes of the plans a plan uses, as its links name them: ``ALIAS:id``.

    The link drop-downs offer them after the plan's own, so that a link into the RUS is
    picked rather than typed.
    """
    home = next((info for info in model.plans.values() if info.home), None)
    if home is None or not home.uses:
        return []
    chain = sorted(
        (node for kind in CHAIN_KINDS for node in model.nodes(kind)),
        key=lambda node: (KIND_ORDER[node.kind], node.id),
    )
    references: list[str] = []
    for alias, plan in sorted(home.uses.items()):
        prefix = f"{plan}:"
        references.extend(
            f"{alias}:{node.id.removeprefix(prefix)}"
            for node in chain
            if node.id.startswith(prefix)
        )
    return references


def _portfolio(model: Model) -> tuple[dict[str, str], list[list[Any]]]:
    # Each node's plan, and a row per plan for the plans sheet: id, title, file, whether it
    # was loaded (rather than used by one that was), the plans it uses.
    of = {node.id: model.plan_of(node.id) for node in model}
    rows: list[list[Any]] = [
        [
            plan,
            info.title,
            info.path,
            info.home,
            ", ".join(f"{alias}: {used}" for alias, used in sorted(info.uses.items())) or None,
        ]
        for plan, info in model.plans.items()
    ]
    return of, rows


def _layout(spec: Sheet, cells: Sequence[dict[str, Any]]) -> list[tuple[Column, int | None]]:
    """The columns of a node sheet: repeated fields get as many columns as the longest list needs."""
    columns: list[tuple[Column, int | None]] = []
    for column in spec.columns:
        if not column.repeated:
            columns.append((column, None))
            continue
        longest = max((len(data.get(column.key[0]) or ()) for data in cells), default=0)
        columns.extend((column, number) for number in range(1, max(column.repeat, longest) + 1))
    return columns


def _cells_of(node: Node) -> dict[str, Any]:
    """The node's fields as its sheet's columns hold them."""
    data = node.model_dump()
    if isinstance(node, Indicator) and isinstance(node.source, Source):
        data["source"] = node.source.compact()  # one cell, read back as structured
    when = data.get("when")
    if isinstance(when, tuple):
        # A list of years has columns of its own; a schedule fills from, every and until.
        data["when_years"], data["when"] = when, None
    if isinstance(node, Assumption):
        data["about"] = tuple(item for item in node.about if isinstance(item, str))
        data["about_links"] = tuple(f"{ref.source} → {ref.target}" for ref in node.about_links)
    return data


def _heading(column: Column, number: int | None, lang: Lang) -> str:
    return column.heading(lang) if number is None else f"{column.heading(lang)} {number}"


def _get(data: dict[str, Any], key: tuple[str, ...]) -> Any:
    value: Any = data.get(key[0])
    for part in key[1:]:
        value = None if value is None else value.get(part)
    return value


def _range(sheet: str, rows: int) -> str:
    return f"'{sheet}'!$A$2:$A${rows + 1 + EXTRA_ROWS}"


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def _head(sheet: Worksheet, headings: Iterable[str], fill: str) -> None:
    from openpyxl.styles import Alignment, PatternFill

    colour = fill.lstrip("#").upper()
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(1, index)
        put_text(cell, heading)
        cell.font = _bold()
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _table(sheet: Worksheet, heads: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment

    _head(sheet, heads, _HEAD_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row, index)
            if isinstance(value, str):
                put_text(cell, value)
            elif value is not None:
                cell.value = value
            cell.alignment = wrap
    _widths(sheet, widths)
    sheet.freeze_panes = "A2"
