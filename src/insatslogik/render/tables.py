"""Tables for documents: the plan matrix and the indicator summary, in Markdown, HTML and CSV.

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
from typing import Final, Literal, Protocol

from insatslogik.analyses.plaintext import one_line, visible
from insatslogik.analyses.tables import Cell, TableKind, table_rows
from insatslogik.errors import UsageError
from insatslogik.i18n import Lang
from insatslogik.model.model import Model
from insatslogik.render.text import RenderedText

__all__ = ["TableFormat", "render_portfolio_table", "render_table"]

TableFormat = Literal["markdown", "html", "csv"]


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
    out = [f'<table class="insatslogik">\n<caption>{html.escape(caption)}</caption>']
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


def render_table(
    model: Model,
    *,
    kind: TableKind = "plan",
    format: TableFormat = "markdown",
    lang: Lang | None = None,
) -> RenderedText:
    """The plan matrix (``kind="plan"``) or the indicator summary (``"indicators"``) as text.

    Goals and indicators are in id order; items in a cell are sorted by id. Cost: one pass
    along the chain (see :func:`insatslogik.model.reach.kinds_reaching`), linear in the model.

    Args:
        model: the model.
        kind: ``plan``: one row per goal with its activities, actors, short- and long-term
            effects and indicators; ``indicators``: one row per indicator with source,
            baseline, one column per year, target and comparisons.
        format: ``markdown`` (items separated by ``<br>``), ``html`` (a ``<table>``, items as
            lists) or ``csv`` (items on lines of one quoted cell, as spreadsheets read them).
        lang: headings and number format, Swedish (``sv``) or English (``en``); by default the
            model's language.

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
        raise UsageError(f"format must be 'markdown', 'html' or 'csv' (got {format!r})")
    rows = table_rows(model, kind=kind, lang=lang)
    if format == "markdown":
        text = _markdown(rows)
    elif format == "html":
        text = _html(rows, model.title)
    else:
        text = _csv(rows)
    return RenderedText(text, _MEDIA_TYPES[format])


_MEDIA_TYPES: Final = {"markdown": "text/markdown", "html": "text/html", "csv": "text/csv"}


class PortfolioTable(Protocol):
    """A portfolio analysis's result that gives its table as cells (``table_cells``)."""

    def table_cells(self, *, lang: Lang | None = None) -> list[list[Cell]]: ...


def render_portfolio_table(
    result: PortfolioTable,
    *,
    format: TableFormat = "markdown",
    lang: Lang | None = None,
    caption: str = "",
) -> RenderedText:
    """A portfolio analysis's table as Markdown, HTML or CSV, escaped as :func:`render_table` escapes.

    Takes the result of :func:`insatslogik.portfolio_coverage`,
    :func:`insatslogik.contribution_table`, :func:`insatslogik.alignment_matrix`,
    :func:`insatslogik.shared_chains` or :func:`insatslogik.roll_up`.

    Args:
        result: the result.
        format: ``markdown``, ``html`` or ``csv`` (a cell of several ids holds one per line).
        lang: the language of headings and marks; None for the model's.
        caption: the HTML table's caption.

    Returns:
        The table as text (a `str`); `.save(path)` writes it.

    Raises:
        UsageError: for another `format` or language.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="=Fler företag")], title="T")
    >>> print(render_portfolio_table(il.portfolio_coverage(model), format="csv", lang="en"), end="")
    goal,plan,reached by,activities,projects
    '=Fler företag (mal),plan,,,
    """
    if format not in _MEDIA_TYPES:
        raise UsageError(f"format must be 'markdown', 'html' or 'csv' (got {format!r})")
    rows = result.table_cells(lang=lang)
    if format == "markdown":
        text = _markdown(rows)
    elif format == "html":
        text = _html(rows, caption)
    else:
        text = _csv(rows)
    return RenderedText(text, _MEDIA_TYPES[format])
