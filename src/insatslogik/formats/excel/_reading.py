"""Workbook → the raw data a YAML file gives → `Model`, with every problem located at its cell.

The sheets are turned into the same plan mapping that :mod:`insatslogik.formats.native._loading` gets from a
file, and validated by the same functions, so a workbook and a file give the same messages. Each
value's path in that mapping (``("nodes", 3, "performed_by", 0)``) remembers its cell, which is
how a problem found by validation is reported as ``plan.xlsx:Aktiviteter!E4: …``.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import warnings
from typing import TYPE_CHECKING, Any, Final

from insatslogik.errors import ModelError, Problem
from insatslogik.formats.excel._cells import (
    cell_text,
    cell_value,
    choice_value,
    normal,
    number,
    split_lines,
    uses_from_text,
    whole,
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
    PLAN_ROWS,
    PLANS,
    REVISION_COLUMNS,
    REVISIONS,
    SHEETS,
    Column,
    Sheet,
)
from insatslogik.formats.excel._package import inspect_package
from insatslogik.formats.native import built_with_uses
from insatslogik.model.assembly import Rejected, assemble, assemble_leniently
from insatslogik.model.model import Model
from insatslogik.model.schema import FORMAT_VERSION, source_from_compact
from insatslogik.model.validation import Issue, show

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from openpyxl import Workbook

__all__ = ["read_workbook"]

Path = tuple[str | int, ...]
#: A cell: sheet name, row, column.
Where = tuple[str, int, int]

_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NUMBERED: Final = re.compile(r"^(.*?)\s*(\d{1,4})$")
#: Did-you-mean hints are looked for this many times at most, and only for words this long: a
#: workbook of 4 000 misspelt ids would otherwise take minutes (each hint compares with every id).
_MAX_HINTS: Final = 20
_HINT_LENGTH: Final = 100
_YEAR: Final = re.compile(r"^\d{4}$")
_READ_SHEETS: Final = ", ".join(
    [
        "Plan",
        *(sheet.sv for sheet in SHEETS.values()),
        *(
            names[0]
            for names in (LINKS, COMPARISONS, COMPONENTS, REVISIONS, BREAKDOWNS, ASSESSMENTS)
        ),
    ]
)


def read_workbook(data: bytes, name: str, *, strict: bool = True) -> Model:
    """The model in a workbook's bytes; `name` stands for the file in problems.

    Leniently, what cannot be read is left out and listed in the model's `warnings`.

    Raises:
        ModelError: every problem found, each at its cell.
    """
    reader = _Reader(name)
    if data.startswith(_OLE):
        message = "the file is an old Excel workbook (.xls) or an encrypted one: save it as an unencrypted .xlsx"
        raise ModelError([Problem(name, None, None, message)])
    package = inspect_package(data, name)
    reader.problems.extend(package.problems)
    grids = _grids(data, name, {title for title, _ in package.sheets})
    _refuse_portfolio(grids, name)
    reader.read(grids)
    return reader.model(strict=strict)


def _refuse_portfolio(grids: list[_Grid], name: str) -> None:
    # A portfolio's workbook is written for people: one plan per file stays the source, and a
    # workbook cannot say which file each plan's rows belong in. Refused even when read
    # leniently, which would otherwise read its rows as one plan.
    names = {normal(text) for text in PLANS}
    for sheet in grids:
        if normal(sheet.title) in names:
            count = sum(1 for row in sheet.rows if row > 1 and sheet.rows[row])
            message = (
                f"this workbook holds a portfolio of {count} plan{'' if count == 1 else 's'} "
                f"(sheet {show(sheet.title)}), "
                "and a workbook is read as one plan: load the plans' own files together "
                "(insatslogik.load_portfolio, or the command line given the files or their "
                "folder), or write one plan's workbook from its own file"
            )
            raise ModelError([Problem(name, 1, 1, message, sheet=sheet.title)])


@dataclasses.dataclass
class _Grid:
    """A sheet's cells that hold something, read once: row → column → value."""

    title: str
    rows: dict[int, dict[int, Any]] = dataclasses.field(default_factory=dict)

    def value(self, row: int, column: int) -> Any:
        return self.rows.get(row, {}).get(column)

    def blank(self) -> bool:
        return not self.rows


def _grids(data: bytes, name: str, titles: set[str]) -> list[_Grid]:
    """Every worksheet's cells, read in openpyxl's read-only mode: streamed, dimension ignored."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    grids = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not keep (extensions, slicers); cells are read.
            warnings.simplefilter("ignore")
            book: Workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for sheet in book.worksheets:
                if not isinstance(sheet, ReadOnlyWorksheet) or sheet.title not in titles:
                    continue  # a chart sheet
                # The dimension a sheet claims may be anything (A1:XFD1048576): not trusted.
                sheet.reset_dimensions()
                grid = _Grid(sheet.title)
                for row, cells in enumerate(sheet.iter_rows(), start=1):
                    if not cells:
                        continue  # a row the file leaves out: read-only mode fills the gap
                    values = {}
                    for column, cell in enumerate(cells, start=1):
                        if cell.value is not None or cell.data_type in {"s", "inlineStr"}:
                            value = cell_value(cell)
                            if value is not None:
                                values[column] = value
                    if values:
                        grid.rows[row] = values
                grids.append(grid)
            book.close()
    except Exception as error:  # a damaged file makes openpyxl raise almost anything
        detail = str(error)[:200]
        message = f"the file is not an Excel workbook (.xlsx) that can be read ({type(error).__name__}: {detail})"
        raise ModelError([Problem(name, None, None, message)]) from None
    return grids


def _typed(column: Column, value: Any) -> Any:
    """A cell's value as the field wants it; what cannot be understood is left for validation."""
    if value is None:
        return None
    kind = column.type
    if kind == "number":
        return number(value)
    if kind in {"integer", "year"}:
        return whole(value)
    if kind in CHOICE_TYPES or kind == "methods":
        return choice_value(kind, cell_text(value))
    if kind == "years":
        return whole(value)
    if kind == "linkrefs":
        return _link_ref(cell_text(value))
    return cell_text(value)


_ARROW: Final = re.compile(r"\s*(?:→|->)\s*")


def _link_ref(text: str) -> Any:
    """A link written ``FROM → TO`` (or ``FROM -> TO``) as ``{from, to}``; else the text."""
    # Ids hold no spaces, arrows or `>`, so the first arrow splits the two ends.
    parts = _ARROW.split(text, maxsplit=1)
    return {"from": parts[0], "to": parts[1]} if len(parts) == 2 else text


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.cells: dict[Path, Where] = {}
        self.header: dict[str, Any] = {"insatslogik": FORMAT_VERSION}
        self.nodes: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.hints = 0

    def hint(self, word: str, choices: Any) -> str:
        """A did-you-mean hint, for the first few problems and words of a reasonable length."""
        if self.hints >= _MAX_HINTS or len(word) > _HINT_LENGTH:
            return ""
        self.hints += 1
        return _hint(word, choices)

    def problem(self, where: Where, message: str) -> None:
        sheet, row, column = where
        self.problems.append(Problem(self.name, row, column, message, sheet=sheet))

    def read(self, grids: list[_Grid]) -> None:
        known = _sheet_names()
        seen: dict[str, str] = {}
        later: list[tuple[str, _Grid]] = []
        self.cells[("title",)] = (PLAN[0], 1, 1)
        for sheet in grids:
            key = known.get(normal(sheet.title))
            if key is None:
                if not sheet.blank():
                    self.problem(
                        (sheet.title, 1, 1),
                        f"unknown sheet {show(sheet.title)}: the sheets read are {_READ_SHEETS} (or their English names)",
                    )
                continue
            if key in seen:
                self.problem(
                    (sheet.title, 1, 1),
                    f"sheet {show(sheet.title)} repeats sheet {show(seen[key])}: put its rows there",
                )
                continue
            seen[key] = sheet.title
            if key == "plan":
                self.plan(sheet)
            elif key in SHEETS:
                self.node_sheet(sheet, SHEETS[key])
            elif key in _ROW_SHEETS:
                later.append((key, sheet))
        # Links, comparisons and the other indicator sheets name nodes, which may be on
        # sheets after them; assessments may name links, so they come last.
        for key, named in sorted(later, key=lambda item: item[0] == "assessments"):
            getattr(self, key)(named)

    def plan(self, sheet: _Grid) -> None:
        labels = {normal(text): key for key, sv, en in PLAN_ROWS for text in (key, sv, en)}
        for row in sorted(sheet.rows):
            if row < 2:
                continue
            label, value = sheet.value(row, 1), sheet.value(row, 2)
            if label is None:
                if value is not None:
                    self.problem((sheet.title, row, 1), "the field of this value is missing")
                continue
            key = labels.get(normal(cell_text(label)))
            if key is None:
                hint = self.hint(cell_text(label), [sv for _, sv, _ in PLAN_ROWS])
                self.problem((sheet.title, row, 1), f"unknown field {show(cell_text(label))}{hint}")
                continue
            self.cells[(key,)] = (sheet.title, row, 2)
            if value is None:
                continue
            if key == "uses":
                uses = uses_from_text(cell_text(value))
                if isinstance(uses, str):
                    self.problem((sheet.title, row, 2), uses)
                else:
                    self.header[key] = uses
                continue
            self.header[key] = whole(value) if key == "insatslogik" else cell_text(value)

    def headings(
        self, sheet: _Grid, columns: tuple[Column, ...], *, years: bool
    ) -> dict[int, tuple[Column | None, int | None, int | None]]:
        """Column number → (column, number of a repeated column, year); problems for the rest."""
        from openpyxl.utils import get_column_letter

        exact = {normal(text): column for column in columns for text in (column.sv, column.en)}
        found: dict[int, tuple[Column | None, int | None, int | None]] = {}
        first: dict[tuple[Any, ...], int] = {}
        for index, raw in sorted(sheet.rows.get(1, {}).items()):
            text = cell_text(raw)
            entry: tuple[Column | None, int | None, int | None] | None = None
            numbered = _NUMBERED.match(text)
            if normal(text) in exact:
                column = exact[normal(text)]
                entry = (column, 1 if column.repeated else None, None)
            elif (
                numbered
                and numbered.group(1)
                and normal(numbered.group(1)) in exact
                and exact[normal(numbered.group(1))].repeated
            ):
                entry = (exact[normal(numbered.group(1))], int(numbered.group(2)), None)
            elif years and _YEAR.match(text):
                entry = (None, None, int(text))
            if entry is None:
                hint = self.hint(
                    text, [column.sv for column in columns] + [column.en for column in columns]
                )
                what = "a year such as 2021 or " if years else ""
                self.problem(
                    (sheet.title, 1, index),
                    f"unknown column {show(text)}{hint}: a heading must be {what}one of this sheet's headings",
                )
                continue
            identity = (entry[0].key if entry[0] else None, entry[1], entry[2])
            if identity in first:
                self.problem(
                    (sheet.title, 1, index),
                    f"column {show(text)} is there twice (first in column {get_column_letter(first[identity])})",
                )
                continue
            first[identity] = index
            found[index] = entry
        return found

    def rows(self, sheet: _Grid, known: dict[int, Any]) -> list[tuple[int, dict[int, Any]]]:
        """The rows with something in them: row number and the values by column number."""
        result = []
        headings = sheet.rows.get(1, {})
        for row, values in sorted(sheet.rows.items()):
            if row < 2:
                continue
            for index in sorted(set(values) - set(known)):
                if index in headings:
                    continue  # an unknown or repeated heading, reported once at the heading
                self.problem(
                    (sheet.title, row, index),
                    f"this value is in a column without a heading (got {show(values[index])})",
                )
            kept = {index: value for index, value in values.items() if index in known}
            if kept:
                result.append((row, kept))
        return result

    def node_sheet(self, sheet: _Grid, spec: Sheet) -> None:
        headings = self.headings(sheet, spec.columns, years=spec.key == "indicators")
        place = {
            entry[0].key: index
            for index, entry in sorted(headings.items(), reverse=True)
            if entry[0]
        }
        for row, values in self.rows(sheet, headings):
            position = len(self.nodes)
            base: Path = ("nodes", position)
            raw: dict[str, Any] = {}
            if len(spec.kinds) == 1:
                raw["kind"] = spec.kinds[0].value
            # A problem with the node as a whole points at its kind (if the sheet asks) or id.
            anchor = place.get(("kind",), place.get(("id",), 1))
            self.cells[base] = (sheet.title, row, anchor)
            for key in (("id",), ("title",)):
                self.cells[(*base, *key)] = (sheet.title, row, place.get(key, 1))
            lists: dict[str, list[tuple[int, int, Any]]] = {}
            types: dict[str, Column] = {}
            for index, (column, repeat, year) in sorted(headings.items()):
                where = (sheet.title, row, index)
                if column is None and year is not None:
                    self.cells.setdefault((*base, "values"), where)
                    self.cells[(*base, "values", year)] = where
                    if index in values:
                        raw.setdefault("values", {})[year] = number(values[index])
                    continue
                if column is None:
                    continue
                if column.repeated:
                    lists.setdefault(column.key[0], []).append(
                        (repeat or 1, index, values.get(index))
                    )
                    types[column.key[0]] = column
                    continue
                for depth in range(1, len(column.key) + 1):
                    self.cells.setdefault((*base, *column.key[:depth]), where)
                value = _typed(column, values.get(index))
                if value is not None:
                    target = raw
                    for part in column.key[:-1]:
                        target = target.setdefault(part, {})
                    target[column.key[-1]] = value
            for field, items in lists.items():
                # Repeated columns are read in the order of their numbers, blanks left out.
                items.sort()
                self.cells.setdefault((*base, field), (sheet.title, row, items[0][1]))
                column = types[field]
                kept = [
                    (
                        index,
                        cell_text(value) if column.type in _TEXT_LISTS else _typed(column, value),
                    )
                    for _, index, value in items
                    if value is not None
                ]
                for position_in_list, (index, _) in enumerate(kept):
                    self.cells[(*base, field, position_in_list)] = (sheet.title, row, index)
                if kept:
                    raw[field] = [value for _, value in kept]
            self._follow_up_fields(base, raw)
            if raw.get("kind") == "indicator" and isinstance(raw.get("source"), str):
                raw["source"] = source_from_compact(raw["source"])
            node_id = raw.get("id")
            if isinstance(node_id, str):
                self.index.setdefault(node_id, position)
            self.nodes.append(raw)

    def _follow_up_fields(self, base: Path, raw: dict[str, Any]) -> None:
        """The follow-up plan's columns as its fields: `when`, and an assumption's links."""
        years = raw.pop("when_years", None)
        if years is not None:
            cells = [self.cells.pop((*base, "when_years", n)) for n in range(len(years))]
            if "when" in raw:
                self.problem(
                    cells[0],
                    "give the years of a follow-up, or a schedule (from, every, until), not both",
                )
            else:
                raw["when"] = years
                for place, where in enumerate(cells):
                    self.cells[(*base, "when", place)] = where
        links = raw.pop("about_links", None)
        if links is not None:
            about = raw.setdefault("about", [])
            for place, link in enumerate(links):
                self.cells[(*base, "about", len(about))] = self.cells.pop(
                    (*base, "about_links", place)
                )
                about.append(link)
        if raw.get("when") == {}:
            del raw["when"]

    def _node(self, sheet: _Grid, row: int, column: int, node_id: Any, what: str) -> int | None:
        if node_id is None:
            self.problem((sheet.title, row, column), f"{what} is required")
            return None
        position = self.index.get(cell_text(node_id))
        if position is None:
            hint = self.hint(cell_text(node_id), self.index)
            self.problem(
                (sheet.title, row, column),
                f"{what} names {show(cell_text(node_id))}, which is not defined{hint}",
            )
        return position

    def links(self, sheet: _Grid) -> None:
        headings = self.headings(sheet, LINK_COLUMNS, years=False)
        place = {entry[0].key[0]: index for index, entry in headings.items() if entry[0]}
        for row, values in self.rows(sheet, headings):
            source = place.get("from", 1)
            position = self._node(sheet, row, source, values.get(source), "the link's From id")
            if position is None:
                continue
            base: Path = ("nodes", position, "contributes_to")
            links = self.nodes[position].setdefault("contributes_to", [])
            self.cells.setdefault(base, (sheet.title, row, source))
            item: Path = (*base, len(links))
            link: dict[str, Any] = {}
            for key in ("to", "rationale", "assumptions", "evidence"):
                index = place.get(key)
                if index is None:
                    continue
                self.cells[(*item, key)] = (sheet.title, row, index)
                if key == "to":
                    self.cells[item] = (sheet.title, row, index)
                if index in values:
                    link[key] = cell_text(values[index])
            self.cells.setdefault(item, (sheet.title, row, source))
            listed = place.get("assumption_list")
            where = None if listed is None else (sheet.title, row, listed)
            self._assumption_list(where, values.get(listed or 0), item, link)
            links.append(link)

    def _assumption_list(
        self, where: Where | None, value: Any, item: Path, link: dict[str, Any]
    ) -> None:
        """A link's list of assumptions: one assumption id or text a line of its cell, or quoted."""
        if where is None or value is None:
            return
        if "assumptions" in link:
            self.problem(
                where,
                "give a link's assumptions as text or as a list, not both "
                f"(got {show(link['assumptions'])} beside the list)",
            )
            return
        lines = split_lines(cell_text(value))
        self.cells[(*item, "assumptions")] = where
        for place in range(len(lines)):
            self.cells[(*item, "assumptions", place)] = where
        link["assumptions"] = lines

    def assessments(self, sheet: _Grid) -> None:
        """Rows that each add an assessment to a node, or to its link to the node in To."""
        headings = self.headings(sheet, ASSESSMENT_COLUMNS, years=False)
        place = {entry[0].key[0]: index for index, entry in headings.items() if entry[0]}
        for row, values in self.rows(sheet, headings):
            column = place.get("node", 1)
            position = self._node(sheet, row, column, values.get(column), "the row's node")
            if position is None:
                continue
            owner: dict[str, Any] = self.nodes[position]
            base: Path = ("nodes", position)
            to_column = place.get("to")
            if to_column is not None and to_column in values:
                found = self._link_of(sheet, row, to_column, position, values[to_column])
                if found is None:
                    continue
                owner, base = found
            items = owner.setdefault("assessments", [])
            where: Path = (*base, "assessments", len(items))
            self.cells.setdefault((*base, "assessments"), (sheet.title, row, column))
            self.cells[where] = (sheet.title, row, column)
            items.append(
                self._item(sheet, row, values, place, columns=ASSESSMENT_COLUMNS[2:], where=where)
            )

    def _item(
        self,
        sheet: _Grid,
        row: int,
        values: dict[int, Any],
        place: Mapping[str, int],
        *,
        columns: Sequence[Column],
        where: Path,
    ) -> dict[str, Any]:
        """A row's item of a list (an assessment, a component, …): each column's typed value.

        Each column's cell is noted at the item's path, so a problem is located at it.
        """
        item: dict[str, Any] = {}
        for spec in columns:
            index = place.get(spec.key[0])
            if index is None:
                continue
            self.cells[(*where, spec.key[0])] = (sheet.title, row, index)
            value = _typed(spec, values.get(index))
            if value is not None:
                item[spec.key[0]] = value
        return item

    def _link_of(
        self, sheet: _Grid, row: int, column: int, position: int, target: Any
    ) -> tuple[dict[str, Any], Path] | None:
        """The raw link from node `position` to `target` and its path, or None (said)."""
        wanted = cell_text(target)
        links = self.nodes[position].get("contributes_to")
        for place, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict) and link.get("to") == wanted:
                return link, ("nodes", position, "contributes_to", place)
        node_id = self.nodes[position].get("id")
        self.problem(
            (sheet.title, row, column),
            f"the Links sheet has no link from {show(node_id)} to {show(wanted)}: "
            "an assessment of a link needs the link",
        )
        return None

    def _indicator(self, sheet: _Grid, row: int, values: dict[int, Any], column: int) -> int | None:
        """The position of the indicator a row of an indicator sheet names, or None (said)."""
        position = self._node(sheet, row, column, values.get(column), "the row's indicator")
        if position is None:
            return None
        if self.nodes[position].get("kind") != "indicator":
            node_id = self.nodes[position]["id"]
            self.problem(
                (sheet.title, row, column),
                f"{show(node_id)} is not an indicator: only indicators have {sheet.title!r}",
            )
            return None
        return position

    def _label(
        self, sheet: _Grid, row: int, values: dict[int, Any], column: int, what: str
    ) -> str | None:
        label = values.get(column)
        if label is None:
            self.problem((sheet.title, row, column), f"{what} is required")
            return None
        return cell_text(label)

    def comparisons(self, sheet: _Grid) -> None:
        headings = self.headings(sheet, COMPARISON_COLUMNS, years=True)
        place = {entry[0].key[0]: index for index, entry in headings.items() if entry[0]}
        first: dict[tuple[int, str], int] = {}
        for row, values in self.rows(sheet, headings):
            position = self._indicator(sheet, row, values, place.get("indicator", 1))
            if position is None:
                continue
            label_column = place.get("label", 2)
            label = self._label(
                sheet, row, values, label_column, "the comparison's label (e.g. EU, Sverige)"
            )
            if label is None:
                continue
            if (position, label) in first:
                self.problem(
                    (sheet.title, row, label_column),
                    f"comparison {label!r} of this indicator is given twice (first in row {first[position, label]})",
                )
                continue
            first[position, label] = row
            base: Path = ("nodes", position, "comparisons")
            self.cells.setdefault(base, (sheet.title, row, label_column))
            self.cells[(*base, label)] = (sheet.title, row, label_column)
            comparison: dict[str, Any] = {}
            for key in ("title", "source"):
                index = place.get(key)
                if index is not None:
                    self.cells[(*base, label, key)] = (sheet.title, row, index)
                    if index in values:
                        comparison[key] = cell_text(values[index])
            # A comparison with values only is written as the bare series, as in files.
            where: Path = (*base, label, "values") if comparison else (*base, label)
            series: dict[int, Any] = {}
            for index, (_, _, year) in headings.items():
                if year is not None and index in values:
                    self.cells[(*where, year)] = (sheet.title, row, index)
                    series[year] = number(values[index])
            entry: Any = {**comparison, "values": series} if comparison else series
            self.nodes[position].setdefault("comparisons", {})[label] = entry

    def _items(self, sheet: _Grid, columns: tuple[Column, ...], field: str) -> None:
        """Rows that each add one item (a mapping of the columns) to an indicator's `field`."""
        headings = self.headings(sheet, columns, years=False)
        place = {entry[0].key[0]: index for index, entry in headings.items() if entry[0]}
        owner = columns[0].key[0]
        for row, values in self.rows(sheet, headings):
            column = place.get(owner, 1)
            position = self._indicator(sheet, row, values, column)
            if position is None:
                continue
            items = self.nodes[position].setdefault(field, [])
            base: Path = ("nodes", position, field, len(items))
            self.cells.setdefault(("nodes", position, field), (sheet.title, row, column))
            self.cells[base] = (sheet.title, row, column)
            items.append(self._item(sheet, row, values, place, columns=columns[1:], where=base))

    def components(self, sheet: _Grid) -> None:
        self._items(sheet, COMPONENT_COLUMNS, "components")

    def revisions(self, sheet: _Grid) -> None:
        self._items(sheet, REVISION_COLUMNS, "revisions")

    def breakdowns(self, sheet: _Grid) -> None:
        headings = self.headings(sheet, BREAKDOWN_COLUMNS, years=True)
        place = {entry[0].key[0]: index for index, entry in headings.items() if entry[0]}
        first: dict[tuple[int, str, str], int] = {}
        for row, values in self.rows(sheet, headings):
            position = self._indicator(sheet, row, values, place.get("indicator", 1))
            if position is None:
                continue
            labels = [
                self._label(sheet, row, values, place.get(key, at), f"the breakdown's {key}")
                for key, at in (("dimension", 2), ("group", 3))
            ]
            dimension, group = labels
            if dimension is None or group is None:
                continue
            if (position, dimension, group) in first:
                self.problem(
                    (sheet.title, row, place.get("group", 3)),
                    f"group {group!r} of {dimension!r} is given twice "
                    f"(first in row {first[position, dimension, group]})",
                )
                continue
            first[position, dimension, group] = row
            base: Path = ("nodes", position, "disaggregation")
            self.cells.setdefault(base, (sheet.title, row, place.get("dimension", 2)))
            self.cells[(*base, dimension)] = (sheet.title, row, place.get("dimension", 2))
            self.cells[(*base, dimension, group)] = (sheet.title, row, place.get("group", 3))
            series: dict[int, Any] = {}
            for index, (_, _, year) in headings.items():
                if year is not None and index in values:
                    self.cells[(*base, dimension, group, year)] = (sheet.title, row, index)
                    series[year] = number(values[index])
            groups = self.nodes[position].setdefault("disaggregation", {})
            groups.setdefault(dimension, {})[group] = series

    def locate(self, issue: Issue) -> Problem:
        where = _find(self.cells, issue.path) or (PLAN[0], 1, 1)
        message = issue.message
        if issue.first is not None:
            first = _find(self.cells, issue.first)
            if first is not None:
                message += (
                    f" (first at {Problem(None, first[1], first[2], '', sheet=first[0]).cell})"
                )
        sheet, row, column = where
        return Problem(self.name, row, column, message, sheet=sheet)

    def model(self, *, strict: bool = True) -> Model:
        version = self.header["insatslogik"]
        if version != FORMAT_VERSION:
            where = self.cells.get(("insatslogik",), (PLAN[0], 1, 1))
            self.problem(
                where,
                f"unsupported format version {show(version)}: this version of insatslogik reads version {FORMAT_VERSION}",
            )
            raise ModelError(self.problems)
        if not self.header.get("uses"):
            return self.assembled({}, {}, [], strict=strict)

        def at(path: tuple[str | int, ...], message: str) -> Problem:
            return self.locate(Issue(path, message))

        # A plan that uses others is read with them, as `load` reads a plan file.
        return built_with_uses(
            self.name,
            self.header,
            at,
            lambda used, names, unread: self.assembled(used, names, unread, strict=strict),
        )

    def assembled(
        self,
        used: Mapping[str, Mapping[str, str]],
        used_names: Mapping[str, str],
        unread: list[str],
        *,
        strict: bool,
    ) -> Model:
        """The plan's model, its links ``ALIAS:id`` checked against the plans it uses."""
        with_uses: dict[str, Any] = {"used": used, "used_names": used_names, "unread": unread}
        nodes = list(self.nodes)
        if strict:
            result = assemble(self.header, nodes, source=self.name, **with_uses)
            if isinstance(result, Model) and not self.problems:
                return result
            issues: Rejected | tuple[()] = () if isinstance(result, Model) else result
            raise ModelError([*self.problems, *(self.locate(issue) for issue in issues)])
        # Leniently the reader's own problems (a value in a column without a heading, a link
        # from an unknown id) were left out already; validation leaves out the rest.
        lenient, left_out = assemble_leniently(self.header, nodes, source=self.name, **with_uses)
        warnings = [*self.problems, *(self.locate(issue) for issue in left_out)]
        if isinstance(lenient, Model):
            lenient.warnings = tuple(sorted(warnings, key=_order))
            return lenient
        raise ModelError([*warnings, *(self.locate(issue) for issue in lenient)])


#: The sheets of rows that name nodes, read once every node sheet is.
_ROW_SHEETS: Final = frozenset(
    {"links", "comparisons", "components", "revisions", "breakdowns", "assessments"}
)
#: Repeated columns whose cells are read as text, not by their column's type.
_TEXT_LISTS: Final = frozenset({"ids", "texts", "codes"})


def _find(cells: dict[Path, Where], path: Path) -> Where | None:
    """The cell of the longest part of `path` that has one."""
    for end in range(len(path), 0, -1):
        where = cells.get(path[:end])
        if where is not None:
            return where
    return None


def _hint(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _sheet_names() -> dict[str, str]:
    names = {normal(text): "plan" for text in PLAN}
    names.update({normal(text): "links" for text in LINKS})
    names.update({normal(text): "comparisons" for text in COMPARISONS})
    names.update({normal(text): "components" for text in COMPONENTS})
    names.update({normal(text): "revisions" for text in REVISIONS})
    names.update({normal(text): "breakdowns" for text in BREAKDOWNS})
    names.update({normal(text): "assessments" for text in ASSESSMENTS})
    for key, sheet in SHEETS.items():
        names.update({normal(sheet.sv): key, normal(sheet.en): key})
    for key, texts in DERIVED_SHEETS.items():
        names.update({normal(text): key for text in texts})
    return names


def _order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.sheet or "", problem.line or 0, problem.column or 0, problem.message)
