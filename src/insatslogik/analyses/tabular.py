"""Results shaped as a table: one base gives their records, DataFrame, JSON, Markdown and HTML.

A result of a portfolio analysis (:func:`insatslogik.portfolio_coverage`,
:func:`insatslogik.roll_up`, ...) is a table: it gives its cells, headings first, with
``table_cells``, and :class:`TableResult` turns those into Markdown and Jupyter's HTML, and
its records into a DataFrame and JSON. A subclass keeps only what is its own: its cells, its
records, its JSON's fields and its repr. The small functions below serve the other results
too (coverage, findings, the follow-up calendar), whose tables have a caption or code cells.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="g", title="G")], title="P")
>>> isinstance(il.portfolio_coverage(model), TableResult)
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any, ClassVar

from insatslogik.analyses.plaintext import markdown_text
from insatslogik.errors import import_optional
from insatslogik.i18n import Lang, resolve_lang

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "REPR_LINES",
    "TableResult",
    "data_frame",
    "html_table",
    "json_document",
    "markdown_table",
    "records",
    "short_repr",
]

#: How many lines of a result a repr shows before "… N more".
REPR_LINES = 5

#: A table as cells of lines: rows of cells, each cell a list of lines, headings first.
Cells = list[list[list[str]]]


def records(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The fields of each dataclass in `items` as a plain dict, tuples as lists.

    Args:
        items: dataclass instances (the rows of a result).

    Returns:
        One dict per item, in order, as a DataFrame or JSON wants them.

    >>> from insatslogik.analyses.portfolio import Contribution
    >>> records([Contribution("a", "g", "G", "rus", ("a:akt",), ())])
    [{'plan': 'a', 'goal': 'g', 'title': 'G', 'goal_plan': 'rus', 'activities': ['a:akt'], 'projects': []}]
    """
    return [
        {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(item).items()
        }
        for item in items
    ]


def data_frame(
    rows: list[dict[str, Any]],
    columns: list[str],
    *,
    index: str | list[str] | None,
    purpose: str,
) -> pd.DataFrame:
    """A pandas DataFrame of records, its columns in the given order.

    Args:
        rows: the records.
        columns: the columns, in order (a column no record has is empty).
        index: the column or columns to index by; None to count rows from 0.
        purpose: what needs pandas, for the message when it is missing.

    Returns:
        The DataFrame.

    Raises:
        MissingDependencyError: when pandas is not installed.

    >>> data_frame([{"a": 1, "b": 2}], ["a", "b"], index="a", purpose="example").loc[1, "b"]
    np.int64(2)
    """
    pandas = import_optional("pandas", extra="pandas", purpose=purpose)
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns)
    return frame if index is None else frame.set_index(index)


def json_document(kind: str, fields: Mapping[str, Any], *, version: int = 1) -> str:
    """A result as JSON: its format and version first, then its fields, in order.

    Args:
        kind: the format, ``insatslogik-...``.
        fields: the rest of the document.
        version: the version of the format.

    Returns:
        Indented JSON, non-ASCII letters as they are, ending in a newline.

    >>> print(json_document("insatslogik-example", {"år": 2024}), end="")
    {
      "format": "insatslogik-example",
      "version": 1,
      "år": 2024
    }
    """
    data = {"format": kind, "version": version, **fields}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def short_repr(name: str, summary: str, lines: Sequence[str]) -> str:
    """A repr of a few lines, however many rows: Jupyter and the REPL show it beside the table.

    Args:
        name: the class's name, and what belongs beside it (a year).
        summary: what the whole result holds, in a few words.
        lines: one line per row; the first :data:`REPR_LINES` are shown.

    Returns:
        ``<name: summary`` and the lines, indented, in angle brackets.

    >>> print(short_repr("Example", "7 rows", [f"row {n}" for n in range(7)]))
    <Example: 7 rows
      row 0
      row 1
      row 2
      row 3
      row 4
      … 2 more>
    """
    shown = [f"<{name}: {summary}", *(f"  {line}" for line in lines[:REPR_LINES])]
    if len(lines) > REPR_LINES:
        shown.append(f"  … {len(lines) - REPR_LINES} more")
    return "\n".join(shown) + ">"


def markdown_table(cells: Cells) -> str:
    r"""A Markdown table of cells, headings first; a cell's lines are joined with commas.

    Args:
        cells: the table (see :meth:`TableResult.table_cells`).

    Returns:
        The table, ending in a newline; user text in the body is escaped.

    >>> print(markdown_table([[["id"], ["plans"]], [["mal"], ["a", "b*"]]]), end="")
    | id | plans |
    |---|---|
    | mal | a, b\* |
    """
    head, *body = cells
    lines = ["| " + " | ".join(map(_joined, head)) + " |", "|" + "---|" * len(head)]
    lines.extend(
        "| " + " | ".join(markdown_text(_joined(cell)) for cell in row) + " |" for row in body
    )
    return "\n".join(lines) + "\n"


def html_table(cells: Cells, *, caption: str = "") -> str:
    """An HTML table of cells, headings first; a cell's lines are joined with commas.

    Args:
        cells: the table (see :meth:`TableResult.table_cells`).
        caption: the table's ``<caption>``; none when empty.

    Returns:
        The ``<table>``, every text escaped.

    >>> html_table([[["id"]], [["<mal>"]]])
    '<table><thead><tr><th>id</th></tr></thead><tbody><tr><td>&lt;mal&gt;</td></tr></tbody></table>'
    >>> html_table([[["id"]]], caption="Mål")
    '<table><caption>Mål</caption><thead><tr><th>id</th></tr></thead><tbody></tbody></table>'
    """
    head, *body = cells
    heads = "".join(f"<th>{html.escape(_joined(cell))}</th>" for cell in head)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_joined(cell))}</td>" for cell in row) + "</tr>"
        for row in body
    )
    # An empty caption element would be announced by a screen reader as a table with no name.
    titled = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{titled}<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"


def _joined(cell: list[str]) -> str:
    return ", ".join(cell)


class TableResult:
    """A result that is a table: Markdown, HTML, records, a DataFrame and JSON from one place.

    A subclass (a frozen dataclass with a `lang` field) gives :meth:`table_cells` and what is
    its own: ``_frame_index`` (the DataFrame's index), ``_json_format`` and ``_json_fields``
    (its JSON document), and its rows: ``_rows_field`` and ``_row_type`` when they are a tuple
    of dataclasses (their fields are the records and the DataFrame's columns), else
    ``_records`` and ``_frame_columns``. Four hooks have defaults: ``_shown_cells``, the cells
    of the Markdown and HTML tables (the table's own cells); ``_instead``, a sentence shown
    instead of a table (none); ``_caption``, the line the text writes before its rows (none);
    and ``_notes``, the lines it writes after them (none). The caption and the notes are
    written by :meth:`to_markdown`, Jupyter's HTML and
    :func:`insatslogik.render_portfolio_table`, so that no format loses what the text says.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="g", title="G")], title="P")
    >>> print(il.shared_chains(model).to_markdown(lang="en"), end="")
    | node | kind | plan | plans | via |
    |---|---|---|---|---|
    <BLANKLINE>
    Links across plans: 0
    """

    lang: Lang
    _json_format: ClassVar[str]
    _frame_index: ClassVar[str | tuple[str, ...]]
    _rows_field: ClassVar[str]
    _row_type: ClassVar[type[Any]]

    def table_cells(self, *, lang: Lang | None = None) -> Cells:
        """The table as cells of lines, headings first, for :func:`insatslogik.render_portfolio_table`.

        Args:
            lang: the language of the headings and words; None for the model's.

        Returns:
            Rows of cells, each cell a list of lines (one id per line where a cell holds
            several).

        >>> import insatslogik as il
        >>> il.alignment_matrix(il.Model([], title="P")).table_cells(lang="en")
        [[['plan']], [['plan']]]
        """
        raise NotImplementedError

    def _records(self) -> list[dict[str, Any]]:
        return records(getattr(self, self._rows_field))

    def _frame_columns(self) -> list[str]:
        return [field.name for field in fields(self._row_type)]

    def _json_fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def _shown_cells(self, lang: Lang) -> Cells:
        return self.table_cells(lang=lang)

    def _instead(self, lang: Lang) -> str | None:
        del lang
        return None

    def _caption(self, lang: Lang) -> str:
        del lang
        return ""

    def _notes(self, lang: Lang) -> list[str]:
        del lang
        return []

    def table_caption(self, *, lang: Lang | None = None) -> str:
        """What the table is, in one line: what the text writes before its rows.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            The line (a roll-up's method and indicators); empty for a table that needs none.

        >>> import insatslogik as il
        >>> model = il.Model([il.Indicator(id="a", title="A", unit="antal", values={2022: 1}),
        ...     il.Indicator(id="b", title="B", unit="antal", values={2022: 2})], title="P")
        >>> il.roll_up(model, ["a", "b"]).table_caption(lang="en")
        'sum of 2 indicators (a, b)'
        >>> il.shared_chains(model).table_caption()
        ''
        """
        return self._caption(resolve_lang(lang, self.lang))

    def table_notes(self, *, lang: Lang | None = None) -> list[str]:
        """What the text writes after the rows: a total, the plans left out, a count.

        Args:
            lang: the language of the words; None for the model's.

        Returns:
            The lines, in the text's order; none for a table that needs none.

        >>> import insatslogik as il
        >>> il.shared_chains(il.Model([], title="P")).table_notes(lang="en")
        ['Links across plans: 0']
        """
        return self._notes(resolve_lang(lang, self.lang))

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per row, for a DataFrame or JSON.

        Returns:
            The rows' fields (ids as lists, as a DataFrame or JSON wants them), in the
            table's order.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G"),
        ...     il.Activity(id="a", title="A", contributes_to=["g"])], title="P")
        >>> il.portfolio_coverage(model).to_records()[0]["plans"]
        ['plan']
        """
        return self._records()

    def to_dataframe(self) -> pd.DataFrame:
        """The records as a pandas DataFrame, indexed by what names a row (a goal, a plan, a year).

        Needs pandas (``pip install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame: a column per field of the records, in their order.

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G")], title="P")
        >>> il.portfolio_coverage(model).to_dataframe().loc["g", "plans"]
        []
        """
        index = self._frame_index
        return data_frame(
            self._records(),
            self._frame_columns(),
            index=index if isinstance(index, str) else list(index),
            purpose=f"{type(self).__name__}.to_dataframe()",
        )

    def to_json(self) -> str:
        """The result as JSON, for programs and CI; marks, kinds and refusals are codes, in any language.

        Returns:
            ``{"format": "insatslogik-...", "version": 1, ...}``, the records among the
            fields, indented, ending in a newline.

        >>> import json, insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G")], title="P")
        >>> json.loads(il.contribution_table(model).to_json())
        {'format': 'insatslogik-contributions', 'version': 1, 'plans': ['plan'], 'silent': ['plan'], 'contributions': []}
        """
        return json_document(self._json_format, self._json_fields())

    def to_markdown(self, *, lang: Lang | None = None) -> str:
        """The table in Markdown; a cell's lines joined with commas, user text escaped.

        Args:
            lang: the language of the headings and words; None for the model's.

        Returns:
            The table (or the sentence that says why there is none), its caption as a
            paragraph before it and its notes as paragraphs after it (see
            :meth:`table_caption` and :meth:`table_notes`), ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Goal(id="g", title="G"),
        ...     il.Activity(id="a", title="A", contributes_to=["g"])], title="P")
        >>> print(il.contribution_table(model, shared_only=False).to_markdown(lang="en"), end="")
        | plan | goal | goal's plan | activities | projects |
        |---|---|---|---|---|
        | plan | G (g) | plan | a |  |
        >>> print(il.shared_chains(model).to_markdown(lang="en"), end="")
        | node | kind | plan | plans | via |
        |---|---|---|---|---|
        <BLANKLINE>
        Links across plans: 0
        """
        language = resolve_lang(lang, self.lang)
        instead = self._instead(language)
        table = (
            markdown_table(self._shown_cells(language))
            if instead is None
            else f"{markdown_text(instead)}\n"
        )
        caption = self._caption(language)
        parts = [
            *([f"{markdown_text(caption)}\n"] if caption else []),
            table,
            *(f"{markdown_text(note)}\n" for note in self._notes(language)),
        ]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        caption = self._caption(self.lang)
        instead = self._instead(self.lang)
        if instead is None:
            shown = html_table(self._shown_cells(self.lang), caption=caption)
        else:
            shown = "".join(f"<p>{html.escape(text)}</p>" for text in (caption, instead) if text)
        return shown + "".join(f"<p>{html.escape(note)}</p>" for note in self._notes(self.lang))
