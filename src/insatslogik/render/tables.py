"""Tables for documents: the plan matrix, indicator summary, evaluation matrix and follow-up calendar.

Each in Markdown, HTML, CSV and plain text.

The rows and their cells come from :func:`insatslogik.analyses.tables.table_rows`; here they are
written out, each format escaping what would break it.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Näringslivets digitala transformation ska öka", measured_by=["smf"]),
...     il.ShortTermEffect(id="kort", title="Fler SMF har tagit del av insatser", contributes_to=["mal"]),
...     il.Activity(id="akt", title="Stöd till SMF", contributes_to=["kort"], performed_by=["iuc"]),
...     il.Actor(id="iuc", title="IUC Väst"),
...     il.Indicator(id="smf", title="Andel SMF", source="DESI", unit="%", values={2020: 82}),
... ], title="Kraftsamling digitalisering")
>>> print(render_table(model), end="")
| Mål | Aktiviteter | Aktörer | Kortsiktiga effekter | Långsiktiga effekter | Indikatorer |
|---|---|---|---|---|---|
| Näringslivets digitala transformation ska öka | Stöd till SMF | IUC Väst | Fler SMF har tagit del av insatser |  | Andel SMF |
>>> print(render_table(model, kind="indicators", format="csv", lang="en"), end="")
Indicator,Source,Baseline,2020,Target / compared with
Andel SMF,DESI,,82%,
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from typing import Final, Literal, Protocol

from insatslogik.analyses.plaintext import markdown_text, one_line, visible
from insatslogik.analyses.tables import Cell, TableKind, table_rows
from insatslogik.errors import UsageError
from insatslogik.i18n import Lang
from insatslogik.model.model import Model
from insatslogik.render.text import RenderedText

__all__ = ["TableFormat", "format_rows", "render_portfolio_table", "render_table"]

TableFormat = Literal["markdown", "html", "csv", "text"]


def _markdown_cell(lines: Cell) -> str:
    # Backslashes first, then pipes (which would end the cell); line breaks become <br>, the
    # one piece of HTML that GitHub, GitLab and pandoc all read inside a table cell. Other
    # angle brackets are escaped so no text turns into markup.
    escaped = [
        html.escape(visible(one_line(line)).replace("\\", "\\\\").replace("|", "\\|"), quote=False)
        for line in lines
    ]
    return "<br>".join(escaped)


def _markdown(rows: list[list[Cell]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(_markdown_cell(c) for c in head) + " |"]
    lines.append("|" + "---|" * len(head))
    lines.extend("| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in body)
    return "\n".join(lines) + "\n"


def _html_cell(lines: Cell) -> str:
    if len(lines) <= 1:
        return html.escape(lines[0]) if lines else ""
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _html(rows: list[list[Cell]], caption: str) -> str:
    head, *body = rows
    # No empty <caption>: a screen reader announces it as a table with no name.
    titled = f"\n<caption>{html.escape(caption)}</caption>" if caption else ""
    out = [f'<table class="insatslogik">{titled}']
    out.append("<thead><tr>" + "".join(f"<th>{_html_cell(c)}</th>" for c in head) + "</tr></thead>")
    out.append("<tbody>")
    out.extend("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>" for row in body)
    out.append("</tbody>\n</table>")
    return "\n".join(out) + "\n"


def _csv_cell(lines: Cell) -> str:
    # Every line break a reader may take as the end of a record (a bare CR, CRLF) is written
    # as a line feed, which the writer quotes: otherwise `x\r=cmd|…` is written unquoted and a
    # spreadsheet reads a record that starts with a formula.
    text = _CSV_BREAK.sub("\n", "\n".join(lines))
    # A cell that starts like a formula would be run by a spreadsheet (CSV injection); a
    # leading apostrophe makes Excel and LibreOffice show it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_CSV_BREAK: Final = re.compile("\r\n?")


def _csv(rows: list[list[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([_csv_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


def _text_cell(lines: Cell) -> str:
    return "; ".join(visible(one_line(line)) for line in lines) or "-"


def _text(rows: list[list[Cell]]) -> str:
    # Columns padded to their widest cell, as the command line's other tables; a cell's
    # items on one line, so that each row stays one line for grep and less.
    cells = [[_text_cell(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    return "\n".join(lines) + "\n"


def format_rows(
    rows: list[list[Cell]],
    *,
    format: TableFormat,
    caption: str = "",
    before: Sequence[str] = (),
    after: Sequence[str] = (),
) -> RenderedText:
    """Rows of cells (headings first) as a table in `format`, escaped as that format needs.

    For rows of :func:`insatslogik.analyses.tables.table_rows`, or of several plans put together.

    Args:
        rows: the rows, the headings first; each cell a list of lines.
        format: ``markdown``, ``html``, ``csv`` or ``text`` (columns padded with spaces, a
            cell's lines joined by ``;``).
        caption: the HTML table's caption (none when empty).
        before: lines written before the table in Markdown and text (a paragraph each in
            Markdown); HTML has them in its caption when `caption` is empty.
        after: lines written after the table: a paragraph each in Markdown and HTML, a
            line each in text. CSV is the rows only (one header, one kind of record), so it
            has neither.

    Returns:
        The table as text (a `str`) with its media type; `.save(path)` writes it.

    Raises:
        UsageError: for another format.

    >>> print(format_rows([[["Fråga"], ["När"]], [["Hur går det?"], ["2023", "2024"]]],
    ...                   format="text", after=["1 fråga"]), end="")
    Fråga         När
    Hur går det?  2023; 2024
    1 fråga
    """
    if format not in _MEDIA_TYPES:
        raise UsageError(f"format must be 'markdown', 'html', 'csv' or 'text' (got {format!r})")
    if format == "markdown":
        text = "\n".join(
            [*(f"{_markdown_text(line)}\n" for line in before), _markdown(rows)]
            + [f"{_markdown_text(line)}\n" for line in after]
        )
    elif format == "html":
        text = _html(rows, caption or "; ".join(before))
        text += "".join(f"<p>{html.escape(line)}</p>\n" for line in after)
    elif format == "csv":
        text = _csv(rows)
    else:
        text = "".join(f"{visible(one_line(line))}\n" for line in before)
        text += _text(rows)
        text += "".join(f"{visible(one_line(line))}\n" for line in after)
    return RenderedText(text, _MEDIA_TYPES[format])


def _markdown_text(line: str) -> str:
    # A line outside the table is a paragraph, where more is markup than in a cell (`_` of an
    # id, a list's `-`): every character that could be is escaped.
    return markdown_text(line)


def render_table(
    model: Model,
    *,
    kind: TableKind = "plan",
    format: TableFormat = "markdown",
    lang: Lang | None = None,
    year: int | None = None,
    plans: bool | None = None,
) -> RenderedText:
    """A table of the plan as text: the plan matrix, indicator summary, evaluation matrix or calendar.

    Goals and indicators are in id order; items in a cell are sorted by id; the calendar is in
    year and season order. Cost: one pass along the chain (see
    :func:`insatslogik.model.reach.kinds_reaching`), linear in the model.

    Args:
        model: the model.
        kind: ``plan``: one row per goal with its activities, actors, short- and long-term
            effects and indicators (and assumptions and latest assessments, for a plan that
            has them); ``indicators``: one row per indicator with source, baseline, one
            column per year, target and comparisons; ``matrix``: the evaluation matrix, one
            row per question; ``calendar``: the follow-up calendar, one row per scheduled
            question or evaluation and year, with its state.
        format: ``markdown`` (items separated by ``<br>``), ``html`` (a ``<table>``, items as
            lists), ``csv`` (items on lines of one quoted cell, as spreadsheets read them) or
            ``text`` (columns padded with spaces, items joined by ``;``).
        lang: headings and number format, Swedish (``sv``) or English (``en``); by default the
            model's language.
        year: for the follow-up calendar, the reference year: what was due before it and
            is not done is overdue (None: this year).
        plans: whether the table names each row's plan and id: a first column *Id* and a
            last column *Plan*, as a portfolio's workbook has them, so that rows of the same
            title in two plans can be told apart. None (the default): for a portfolio
            (:func:`insatslogik.load_portfolio`), not for a plan, even one that uses others.

    Returns:
        The table as text (a `str`); `.save(path)` writes it, and Jupyter shows Markdown and
        HTML as tables.

    Raises:
        UsageError: for another `kind`, `format` or language.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag")], title="T")
    >>> print(render_table(model, format="csv"), end="")
    Mål,Aktiviteter,Aktörer,Kortsiktiga effekter,Långsiktiga effekter,Indikatorer
    Fler företag,,,,,
    """
    if format not in _MEDIA_TYPES:
        raise UsageError(f"format must be 'markdown', 'html', 'csv' or 'text' (got {format!r})")
    named = model.is_portfolio if plans is None else plans
    rows = table_rows(model, kind=kind, lang=lang, year=year, plans=named, ids=named)
    return format_rows(rows, format=format, caption=model.title)


_MEDIA_TYPES: Final = {
    "markdown": "text/markdown",
    "html": "text/html",
    "csv": "text/csv",
    "text": "text/plain",
}


class PortfolioTable(Protocol):
    """A portfolio analysis's result: its table as cells, the line before it and those after it."""

    def table_cells(self, *, lang: Lang | None = None) -> list[list[Cell]]: ...

    def table_caption(self, *, lang: Lang | None = None) -> str: ...

    def table_notes(self, *, lang: Lang | None = None) -> list[str]: ...


def render_portfolio_table(
    result: PortfolioTable,
    *,
    format: TableFormat = "markdown",
    lang: Lang | None = None,
    caption: str | None = None,
) -> RenderedText:
    """A portfolio analysis's table as Markdown, HTML or CSV, escaped as :func:`render_table` escapes.

    Takes the result of :func:`insatslogik.portfolio_coverage`,
    :func:`insatslogik.contribution_table`, :func:`insatslogik.alignment_matrix`,
    :func:`insatslogik.shared_chains` or :func:`insatslogik.roll_up`. Every format but CSV
    says what the result's text says besides its rows: the caption (a roll-up's method and
    indicators) before the table, in HTML its ``<caption>``; the notes (a roll-up's total, the
    plans that reach or report on nothing shared, the count of links between plans) after it.
    CSV is the rows only, one header and one kind of record, as a spreadsheet reads it; the
    rest is in the JSON (``result.to_json()``).

    Args:
        result: the result.
        format: ``markdown``, ``html``, ``csv`` or ``text``, as :func:`format_rows` writes them
            (a cell of several ids holds one per line).
        lang: the language of headings and marks; None for the model's.
        caption: the line before the table (the HTML table's caption); None for the
            result's own (:meth:`~insatslogik.analyses.tabular.TableResult.table_caption`),
            empty for none.

    Returns:
        The table as text (a `str`); `.save(path)` writes it.

    Raises:
        UsageError: for another `format` or language.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="=Fler företag")], title="T")
    >>> print(render_portfolio_table(il.portfolio_coverage(model), format="csv", lang="en"), end="")
    goal,plan,reached by,activities,projects
    '=Fler företag (mal),plan,,,
    >>> print(render_portfolio_table(il.alignment_matrix(model), lang="en"), end="")
    | plan |
    |---|
    | plan |
    <BLANKLINE>
    Plans reporting on nothing shared: plan
    """
    if format not in _MEDIA_TYPES:
        raise UsageError(f"format must be 'markdown', 'html', 'csv' or 'text' (got {format!r})")
    line = result.table_caption(lang=lang) if caption is None else caption
    return format_rows(
        result.table_cells(lang=lang),
        format=format,
        caption=line,
        before=[line] if line and format != "html" else [],
        after=result.table_notes(lang=lang),
    )
