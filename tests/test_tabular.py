"""Table-shaped results: one base gives Markdown, HTML, records, DataFrame and JSON from the cells."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.analyses import findings
from insatslogik.analyses.plaintext import markdown_text
from insatslogik.analyses.tabular import (
    REPR_LINES,
    TableResult,
    html_table,
    json_document,
    markdown_table,
    short_repr,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def portfolio() -> il.Model:
    return il.load_portfolio(ROOT / "examples" / "kronoberg")


def _results(model: il.Model) -> list[TableResult]:
    indicator = next(node.id for node in model.nodes(il.Kind.INDICATOR))
    return [
        il.portfolio_coverage(model),
        il.contribution_table(model),
        il.alignment_matrix(model),
        il.shared_chains(model),
        il.roll_up(model, indicator),
    ]


def test_the_portfolio_results_are_table_results_and_the_others_are_not(
    portfolio: il.Model,
) -> None:
    assert all(isinstance(result, TableResult) for result in _results(portfolio))
    assert not isinstance(il.goal_coverage(portfolio), TableResult)
    assert not isinstance(il.check(portfolio), TableResult)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_and_html_are_the_table_cells_but_for_the_coverage_counts(
    portfolio: il.Model, lang: il.Lang
) -> None:
    for result in _results(portfolio)[1:4]:  # the roll-up of the first indicator is refused
        cells = result.table_cells(lang=lang)
        # The lines the text writes after its rows follow the table, a paragraph each.
        notes = result.table_notes(lang=lang)
        assert notes
        after = "".join(f"\n{markdown_text(note)}\n" for note in notes)
        assert result.to_markdown(lang=lang) == markdown_table(cells) + after
        if lang == result.lang:
            paragraphs = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
            assert result._repr_html_() == html_table(cells) + paragraphs
    coverage = il.portfolio_coverage(portfolio)
    cells = coverage.table_cells(lang=lang)
    shown = [[*row[:3], [str(len(row[3]))], [str(len(row[4]))]] for row in cells[1:]]
    assert coverage.to_markdown(lang=lang) == markdown_table([cells[0], *shown])


def test_json_starts_with_its_format_and_version_and_holds_the_records(
    portfolio: il.Model,
) -> None:
    formats = [
        "insatslogik-portfolio-coverage",
        "insatslogik-contributions",
        "insatslogik-alignment",
        "insatslogik-shared-chains",
        "insatslogik-roll-up",
    ]
    for result, kind in zip(_results(portfolio), formats, strict=True):
        data = json.loads(result.to_json())
        assert list(data)[:2] == ["format", "version"]
        assert (data["format"], data["version"]) == (kind, 1)
        assert json.loads(json.dumps(result.to_records())) in data.values()


def test_the_dataframe_has_a_row_per_record(portfolio: il.Model) -> None:
    pytest.importorskip("pandas")
    for result in _results(portfolio):
        frame = result.to_dataframe()
        assert len(frame) == len(result.to_records())


def test_a_refused_roll_up_says_why_instead_of_a_table() -> None:
    model = il.Model(
        [
            il.Indicator(id="a", title="A", unit="st", values={2022: 1}),
            il.Indicator(id="b", title="B", unit="<kr>", values={2022: 2}),
        ],
        title="P",
    )
    result = il.roll_up(model, ["a", "b"])
    assert result.refusal == "different-units"
    # The method and the indicators first, as in the text; then the reason, and no total.
    assert result.to_markdown(lang="en") == (
        f"sum of 2 indicators (a, b)\n\n{html.escape(result.reason(lang='en') or '')}\n"
    )
    assert result._repr_html_() == (
        f"<p>summa av 2 indikatorer (a, b)</p><p>{html.escape(result.reason() or '')}</p>"
    )
    assert "&lt;kr&gt;" in result._repr_html_()


def test_the_roll_ups_markdown_escapes_ids_as_every_table_does() -> None:
    model = il.Model(
        [
            il.Indicator(id="a", title="A", unit="st", values={2022: 1, 2023: 2}),
            il.Indicator(id="b_c", title="B", unit="st", values={2023: 5}),
        ],
        title="P",
    )
    table = il.roll_up(model, ["a", "b_c"]).to_markdown(lang="en")
    assert "| 2022 | - | b\\_c |" in table
    assert "| 2023 | 7 |  |" in table


def test_markdown_escapes_the_body_but_not_the_headings() -> None:
    table = markdown_table([[["a_b"]], [["c_d", "*e*"]]])
    assert table == "| a_b |\n|---|\n| c\\_d, \\*e\\* |\n"


def test_a_short_repr_lists_the_first_lines_and_counts_the_rest() -> None:
    lines = [str(n) for n in range(REPR_LINES + 3)]
    shown = short_repr("X", "s", lines).splitlines()
    assert shown[0] == "<X: s"
    assert shown[1 : REPR_LINES + 1] == [f"  {n}" for n in range(REPR_LINES)]
    assert shown[-1] == "  … 3 more>"
    assert short_repr("X", "s", []) == "<X: s>"


def test_json_documents_keep_letters_and_the_order_of_fields() -> None:
    text = json_document("f", {"ö": 1, "a": [2]}, version=3)
    assert list(json.loads(text)) == ["format", "version", "ö", "a"]
    assert "ö" in text
    assert text.endswith("}\n")


def test_repr_lines_is_still_importable_from_the_findings_module() -> None:
    assert findings.REPR_LINES == REPR_LINES
