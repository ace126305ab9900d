"""Excel workbooks: round trips, the template, a hand-filled workbook, problems at their cells."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.excel import read_excel, write_excel, write_excel_template
from tests.conftest import EXAMPLES, saved_into
from tests.test_save_properties import models

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"


def _put(book: Any, sheet: str, row: int, cells: dict[str, object]) -> None:
    """Fill cells of a row by column heading, as a person would."""
    ws = book[sheet]
    heads = {ws.cell(1, column).value: column for column in range(1, ws.max_column + 1)}
    for heading, value in cells.items():
        ws.cell(row, heads[heading], value)


def _add_column(book: Any, sheet: str, heading: object) -> int:
    ws = book[sheet]
    column = ws.max_column + 1
    ws.cell(1, column, heading)
    return column


@pytest.fixture
def template(tmp_path: Path) -> Any:
    path = tmp_path / "mall.xlsx"
    write_excel_template(path)
    return openpyxl.load_workbook(path)


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_real_example_round_trips_through_a_workbook(tmp_path: Path, lang: str) -> None:
    model = il.load(VGR)
    path = tmp_path / "vgr.xlsx"
    write_excel(model, path, lang=lang)  # type: ignore[arg-type]
    again = read_excel(path)
    # The plan with the RUS it uses, named from the workbook's folder.
    assert again == saved_into(model, tmp_path)
    assert sorted(again.graph.edges(keys=True, data=True)) == sorted(
        model.graph.edges(keys=True, data=True)
    )
    il.save(again, tmp_path / "again.yaml")
    assert il.dumps(il.load(tmp_path / "again.yaml")) == il.dumps(saved_into(model, tmp_path))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(models(), st.sampled_from(["sv", "en"]))
def test_random_models_of_every_kind_round_trip(tmp_path: Path, model: il.Model, lang: str) -> None:
    path = tmp_path / "plan.xlsx"
    write_excel(model, path, lang=lang)  # type: ignore[arg-type]
    assert read_excel(path) == model


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(models(), st.randoms())
def test_equal_models_give_identical_bytes(
    tmp_path: Path, model: il.Model, rng: random.Random
) -> None:
    # The sheets that are read back hold the nodes in canonical order, whatever order the
    # plan writes them in; the derived sheets (analyses=True) list rows in the plan's own
    # order, the order of its questions, say, and so are left out here.
    shuffled = list(model)
    rng.shuffle(shuffled)
    other = il.Model(
        shuffled, title=model.title, language=model.language, description=model.description
    )
    write_excel(model, tmp_path / "a.xlsx", analyses=False)
    write_excel(other, tmp_path / "b.xlsx", analyses=False)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    write_excel(model, tmp_path / "c.xlsx")
    write_excel(model, tmp_path / "d.xlsx")
    assert (tmp_path / "c.xlsx").read_bytes() == (tmp_path / "d.xlsx").read_bytes()


def test_awkward_text_and_numbers_survive(tmp_path: Path) -> None:
    model = il.Model(
        [
            il.Indicator(
                id="i",
                title="=SUM(A1:A2)",
                description="  leading and trailing spaces  ",
                notes="bell \x07, escape-like _x0041_, line\r\nbreak, tab\t",
                source="",
                unit="%",
                values={2020: 0.1 + 0.2, 2021: 1e-300, 2022: -123456789.123456789},
                comparisons={" EU ": {2020: 60}},
            ),
            il.Goal(id="g", title="82 %", tags=("1 234", "3,5"), measured_by=("i",)),
            il.Activity(
                id="a",
                title="Rådgivning",
                contributes_to=(
                    il.Link(to="g", rationale="r", assumptions="SMF vill delta", evidence="e"),
                ),
            ),
        ],
        title="Exempel",
        description="",
    )
    write_excel(model, tmp_path / "plan.xlsx")
    assert read_excel(tmp_path / "plan.xlsx") == model


def _as_typed_by_hand(value: object, rng: random.Random) -> object:
    """A number as people type it in a Swedish spreadsheet: decimal comma, spaced thousands, %."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int) or value.is_integer():
        text = f"{int(value):,}".replace(",", rng.choice([" ", "\u00a0"]))
    else:
        text = repr(value).replace(".", ",")
    return text + rng.choice(["", " %", "%"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(models(), st.randoms())
def test_blank_rows_spaces_and_numbers_typed_as_text_read_the_same(
    tmp_path: Path, model: il.Model, rng: random.Random
) -> None:
    write_excel(model, tmp_path / "plan.xlsx", analyses=False)
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    for sheet in book.worksheets:
        if sheet.title in {"Plan", "Anvisningar", "Listor"}:
            continue
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and not cell.quotePrefix:
                    cell.value = rng.choice(["", " ", "  "]) + cell.value + rng.choice(["", " "])
                    cell.data_type = "s"  # text, even "=…", which openpyxl takes for a formula
                else:
                    cell.value = _as_typed_by_hand(cell.value, rng)
        for _ in range(rng.randint(0, 3)):
            sheet.insert_rows(rng.randint(2, sheet.max_row + 1))
    book.save(tmp_path / "by-hand.xlsx")
    assert read_excel(tmp_path / "by-hand.xlsx") == model


def test_saving_twice_gives_identical_bytes_and_fixed_dates(tmp_path: Path) -> None:
    model = il.load(VGR)
    write_excel(model, tmp_path / "a.xlsx")
    write_excel(model, tmp_path / "b.xlsx")
    first = (tmp_path / "a.xlsx").read_bytes()
    assert first == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    assert (properties.created, properties.modified) == (properties.created, properties.created)
    assert properties.created is not None
    assert properties.created.year == 2000


def test_saving_replaces_the_file_atomically_and_leaves_no_temporary_files(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    write_excel(il.load(VGR), path)
    assert read_excel(path) == saved_into(il.load(VGR), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


# --- the workbook's layout ----------------------------------------------------------------------


def test_workbook_has_a_sheet_per_family_and_the_analyses(tmp_path: Path) -> None:
    write_excel(il.load(VGR), tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == [
        "Plan", "Struktur", "Mål", "Aktiviteter", "Resurser", "Effekter", "Länkar",
        "Indikatorer", "Jämförelser", "Delindikatorer", "Målrevideringar", "Uppdelningar",
        "Aktörer", "Utmaningar", "Påverkansfaktorer", "Frågor", "Utvärderingar", "Antaganden",
        "Rekommendationer", "Bedömningar", "Planmatris", "Täckning", "Fynd", "Utvärderingsmatris",
        "Uppföljningskalender", "Anvisningar", "Listor",
    ]  # fmt: skip
    assert book["Listor"].sheet_state == "hidden"
    assert book["Mål"].freeze_panes == "B2"
    assert [cell.value for cell in book["Planmatris"][1]] == [
        "Mål", "Aktiviteter", "Aktörer", "Kortsiktiga effekter", "Långsiktiga effekter", "Indikatorer",
    ]  # fmt: skip
    assert book["Planmatris"].max_row == 1 + len(il.load(VGR).nodes("goal"))
    ratios = {
        row[0].value: (row[1].value, row[1].number_format)
        for row in book["Täckning"].iter_rows(min_row=2)
        if row[2].value is None
    }
    coverage = il.goal_coverage(il.load(VGR))
    assert ratios == {
        "Andel täckta mål": (round(coverage.ratio or 0, 4), "0%"),
        **{name: (round(share, 4), "0%") for name, share in coverage.by_structure.items()},
    }
    findings = [row[1] for row in book["Fynd"].iter_rows(min_row=2, values_only=True)]
    assert findings == [f.code.value for f in il.check(il.load(VGR))]
    years = [c.value for c in book["Indikatorer"][1] if str(c.value).isdigit()]
    assert years == ["2019", "2020", "2021"]
    assert book["Indikatorer"]["B1"].alignment.wrap_text
    assert book["Indikatorer"]["B2"].alignment.wrap_text
    assert book["Indikatorer"].column_dimensions["B"].alignment.wrap_text  # rows people add
    assert book["Indikatorer"].column_dimensions["B"].width == 50


def test_english_headings(tmp_path: Path) -> None:
    write_excel(il.load(VGR), tmp_path / "plan.xlsx", lang="en")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames[:4] == ["Plan", "Structure", "Goals", "Activities"]
    write_excel(il.Model([], title="Plan", language="en"), tmp_path / "english.xlsx")
    assert openpyxl.load_workbook(tmp_path / "english.xlsx").sheetnames[1] == "Structure"
    assert [cell.value for cell in book["Goals"][1]][:4] == [
        "Id",
        "Goal statement",
        "Description",
        "Horizon",
    ]


def _validations(sheet: Any) -> dict[str, str]:
    """The drop-down source of each validated column letter."""
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            found[cells.coord.split(":")[0].rstrip("0123456789")] = check.formula1
    return found


def test_columns_that_name_nodes_have_drop_down_lists_of_ids(template: Any) -> None:
    goals = _validations(template["Mål"])
    assert goals["F"] == "'Struktur'!$A$2:$A$501"  # Del av
    assert goals["G"] == goals["H"] == goals["I"] == "'Indikatorer'!$A$2:$A$501"
    assert goals["D"] == '"kort,medellång,lång"'
    activities = _validations(template["Aktiviteter"])
    assert activities["E"] == "'Aktörer'!$A$2:$A$501"
    links = _validations(template["Länkar"])
    assert links["A"] == links["B"] == "'Listor'!$A$2:$A$501"
    assert _validations(template["Effekter"])["B"] == (
        '"Prestation,Utfall,Kortsiktig effekt,Långsiktig effekt"'
    )
    for check in template["Mål"].data_validations.dataValidation:
        assert (check.type, check.errorStyle, check.allow_blank) == ("list", "warning", True)


def test_chain_drop_down_lists_the_chain_ids(tmp_path: Path) -> None:
    model = il.load(VGR)
    write_excel(model, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    listed = [row[0] for row in book["Listor"].iter_rows(min_row=2, values_only=True)]
    # The plan's own chain, then the RUS's goals as the plan's links name them (rus:id).
    chain = [
        n.id for n in model.nodes() if il.Kind(n.kind) in il.CHAIN_KINDS and model.is_home(n.id)
    ]
    used = [
        n.id.replace("vgr-rus:", "rus:")
        for n in model.nodes()
        if il.Kind(n.kind) in il.CHAIN_KINDS and not model.is_home(n.id)
    ]
    assert len(used) == 4  # the four long-term priorities
    assert sorted(listed) == sorted(chain + used)
    assert listed[-4:] == sorted(used)
    links = _validations(book["Länkar"])
    assert links["B"] == f"'Listor'!$A$2:$A${len(listed) + 501}"


# --- a workbook filled in by hand ---------------------------------------------------------------


def test_hand_filled_template_with_blank_rows_spaces_and_numbers_as_text(
    tmp_path: Path, template: Any
) -> None:
    _put(template, "Plan", 3, {"Värde": "  Kraftsamling digitalisering "})
    _put(template, "Struktur", 2, {"Id": "rus-vg", "Typ": "Regional utvecklingsstrategi", "Titel": "RUS", "Period från": "2021", "Period till": 2030})  # fmt: skip
    _put(template, "Struktur", 4, {"Id": " proj ", "Typ": "projekt", "Titel": "Projekt", "Del av": "rus-vg", "Budget": "1 234 000", "Valuta": "EUR"})  # fmt: skip
    _put(template, "Mål", 3, {"Id": " naringsliv", "Målformulering": "Näringslivets digitala transformation ska öka ", "Tidshorisont": "Lång", "Målår": "2030", "Indikator 1": "smf-digital "})  # fmt: skip
    _put(template, "Aktiviteter", 2, {"Id": "smf-steg", "Namn på aktivitet": "Stöd till SMF", "Del av": "proj", "Aktör 2": "iuc", "Antal gånger": "4", "Tid per tillfälle (h)": "1,5"})  # fmt: skip
    _put(template, "Effekter", 5, {"Id": "kort-smf", "Typ": "Kortsiktig effekt", "Titel": "Fler SMF har tagit del av insatser"})  # fmt: skip
    _put(template, "Länkar", 2, {"Från": "smf-steg", "Till": "kort-smf", "Motivering": "  Stöd ger steg  "})  # fmt: skip
    _put(template, "Länkar", 4, {"Från": "kort-smf", "Till": "naringsliv"})
    _put(template, "Indikatorer", 2, {"Id": "smf-digital", "Indikator": "Andel SMF", "Källa": "DESI", "Enhet": "%", "Utgångsår": 2020, "Utgångsvärde": "82 %", "Målår": 2030, "Målvärde": "90%"})  # fmt: skip
    template["Indikatorer"].cell(2, _add_column(template, "Indikatorer", "2020"), "82 %")
    template["Indikatorer"].cell(2, _add_column(template, "Indikatorer", 2021), "84,5")
    _put(template, "Jämförelser", 2, {"Indikator": "smf-digital", "Jämförelse": "EU"})
    template["Jämförelser"].cell(2, _add_column(template, "Jämförelser", " 2020 "), "60 %")
    _put(template, "Aktörer", 3, {"Id": "iuc", "Titel": "IUC-bolagen", "Tagg 1": " väst "})
    template.save(tmp_path / "ifylld.xlsx")

    expected = il.Model(
        [
            il.Strategy(id="rus-vg", title="RUS", period=il.Period(start=2021, end=2030)),
            il.Project(
                id="proj",
                title="Projekt",
                part_of="rus-vg",
                budget=il.Budget(amount=1234000, currency="EUR"),
            ),
            il.Goal(
                id="naringsliv",
                title="Näringslivets digitala transformation ska öka",
                horizon="long",
                target_year=2030,
                measured_by=("smf-digital",),
            ),
            il.Activity(
                id="smf-steg",
                title="Stöd till SMF",
                part_of="proj",
                performed_by=("iuc",),
                frequency=il.Frequency(times=4, hours_each=1.5),
                contributes_to=(il.Link(to="kort-smf", rationale="Stöd ger steg"),),
            ),
            il.ShortTermEffect(
                id="kort-smf",
                title="Fler SMF har tagit del av insatser",
                contributes_to=("naringsliv",),
            ),
            il.Indicator(
                id="smf-digital",
                title="Andel SMF",
                source="DESI",
                unit="%",
                baseline=il.Observation(year=2020, value=82),
                target=il.Observation(year=2030, value=90),
                values={2020: 82, 2021: 84.5},
                comparisons={"EU": {2020: 60}},
            ),
            il.Actor(id="iuc", title="IUC-bolagen", tags=("väst",)),
        ],
        title="Kraftsamling digitalisering",
    )
    assert read_excel(tmp_path / "ifylld.xlsx") == expected


def test_hand_filled_mistakes_are_reported_at_their_cells(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "Plan med fel"})
    # A goal without a title; one whose indicator is misspelt in the drop-down column.
    _put(template, "Mål", 2, {"Id": "mal-1", "Tidshorisont": "lång"})
    _put(template, "Mål", 4, {"Id": "mal-2", "Målformulering": "Mål två", "Indikator 1": "smf-digitl"})  # fmt: skip
    _put(template, "Aktiviteter", 3, {"Id": "akt", "Namn på aktivitet": "Rådgivning", "Aktör 1": "iuc", "Antal gånger": "två", "Tid per tillfälle (h)": "1 234"})  # fmt: skip
    _put(template, "Aktiviteter", 4, {"Id": "akt-2", "Namn på aktivitet": "Seminarier", "Aktör 1": "iuk"})  # fmt: skip
    # A year typed as words; the seed's "xx" for a value nobody has yet.
    _put(template, "Indikatorer", 2, {"Id": "smf-digital", "Indikator": "Andel SMF", "Utgångsår": "år 2020", "Utgångsvärde": "82 %"})  # fmt: skip
    template["Indikatorer"].cell(2, _add_column(template, "Indikatorer", "2021"), "xx")
    template["Indikatorer"].cell(1, _add_column(template, "Indikatorer", "Kommentar"))
    _put(template, "Länkar", 3, {"Från": "akt-2", "Till": "mal-3"})
    _put(template, "Länkar", 4, {"Från": "akt-9", "Till": "mal-2"})
    _put(template, "Aktörer", 2, {"Id": "iuc", "Titel": "IUC"})
    template.save(tmp_path / "fel.xlsx")

    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "fel.xlsx")
    # Sorted by sheet, row and column; links of a node with problems are checked once they are
    # fixed, so 'smf-digital', which has problems, is not offered for 'smf-digitl'.
    assert [f"{p.cell}: {p.message}" for p in caught.value.problems] == [
        "Aktiviteter!H3: activity 'akt': frequency.times must be a whole number (got 'två')",
        "Aktiviteter!E4: activity 'akt-2': performed_by names 'iuk', which is not defined",
        "Indikatorer!X1: unknown column 'Kommentar': a heading must be a year such as 2021 or one of this sheet's headings",
        "Indikatorer!G2: indicator 'smf-digital': baseline.year must be a whole number (got 'år 2020')",
        "Indikatorer!W2: indicator 'smf-digital': values[2021] must be a finite number (got 'xx')",
        "Länkar!B3: activity 'akt-2': contributes_to names 'mal-3', which is not defined (did you mean 'mal-2'?)",
        "Länkar!A4: the link's From id names 'akt-9', which is not defined (did you mean 'akt-2'?)",
        "Mål!B2: goal 'mal-1': title is required",
        "Mål!G4: goal 'mal-2': measured_by names 'smf-digitl', which is not defined",
    ]
    assert str(caught.value).splitlines()[0] == f"9 problems in {tmp_path / 'fel.xlsx'}:"
    assert str(caught.value).splitlines()[1] == (
        f"  {tmp_path / 'fel.xlsx'}:Aktiviteter!H3: activity 'akt': frequency.times must be a "
        "whole number (got 'två')"
    )


def test_percent_formatted_number_counts_per_cent(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "T"})
    _put(template, "Indikatorer", 2, {"Id": "i", "Indikator": "Andel", "Utgångsår": 2020, "Utgångsvärde": 0.57})  # fmt: skip
    template["Indikatorer"]["H2"].number_format = "0%"
    template.save(tmp_path / "procent.xlsx")
    indicator = read_excel(tmp_path / "procent.xlsx")["i"]
    assert isinstance(indicator, il.Indicator)
    assert indicator.baseline == il.Observation(year=2020, value=57)


@pytest.mark.parametrize(
    ("sheet", "values", "expected"),
    [
        ("Mål", {"Id": "a", "Målformulering": "A"}, []),
        (
            "Mål",
            {"Id": "a b", "Målformulering": "A"},
            [
                "Mål!A2: goal 'a b': id must be an id of letters A–Z, digits, '_', '.' and '-' only (got 'a b')"
            ],
        ),
        (
            "Effekter",
            {"Id": "e", "Titel": "E"},
            [
                "Effekter!B2: node 'e': kind is required (one of strategy, substrategy, project, resource, activity, output, outcome, short_term_effect, long_term_effect, goal, indicator, actor, challenge, factor, question, evaluation, assumption, recommendation)"
            ],
        ),
        (
            "Effekter",
            {"Id": "e", "Typ": "Effekt", "Titel": "E"},
            [
                "Effekter!B2: node 'e': unknown kind 'Effekt' (must be one of strategy, substrategy, project, resource, activity, output, outcome, short_term_effect, long_term_effect, goal, indicator, actor, challenge, factor, question, evaluation, assumption, recommendation)"
            ],
        ),
        (
            "Struktur",
            {
                "Id": "s",
                "Typ": "Understrategi",
                "Titel": "S",
                "Period från": 2030,
                "Period till": 2021,
            },
            [
                "Struktur!F2: substrategy 's': period must end no earlier than it starts (got 2030–2021)"
            ],
        ),
        (
            "Indikatorer",
            {"Id": "i", "Indikator": "I", "Utgångsår": 2020, "Utgångsvärde": "1" * 5000},
            [
                "Indikatorer!H2: indicator 'i': baseline.value must be a finite number (got inf (a number))"
            ],
        ),
        (
            "Struktur",
            {"Id": "s", "Typ": "Regional utvecklingsstrategi", "Titel": "S", "Ägare": "VGR"},
            ["Struktur!J2: strategy 's': unknown key 'owner'"],
        ),
    ],
)
def test_single_row_problems(
    tmp_path: Path,
    template: Any,
    sheet: str,
    values: dict[str, object],
    expected: list[str],
) -> None:
    _put(template, "Plan", 3, {"Värde": "T"})
    _put(template, sheet, 2, values)
    template.save(tmp_path / "plan.xlsx")
    try:
        read_excel(tmp_path / "plan.xlsx")
        found: list[str] = []
    except il.ModelError as error:
        found = [f"{p.cell}: {p.message}" for p in error.problems]
    assert found == expected


def test_misspelt_repeated_and_missing_headings_are_reported_once(
    tmp_path: Path, template: Any
) -> None:
    _put(template, "Plan", 3, {"Värde": "T"})
    _put(template, "Aktörer", 2, {"Id": "iuc", "Titel": "IUC"})
    actors = template["Aktörer"]
    actors.cell(1, _add_column(template, "Aktörer", "Beskrivnig"))
    actors.cell(2, actors.max_column, "text under a misspelt heading")
    actors.cell(1, _add_column(template, "Aktörer", " titel "))
    actors.cell(2, actors.max_column, "IUC igen")
    actors.cell(2, actors.max_column + 2, "text under no heading")
    template.save(tmp_path / "plan.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "plan.xlsx")
    assert [f"{p.cell}: {p.message}" for p in caught.value.problems] == [
        "Aktörer!H1: unknown column 'Beskrivnig' (did you mean 'Beskrivning'?): a heading must be one of this sheet's headings",
        "Aktörer!I1: column 'titel' is there twice (first in column B)",
        "Aktörer!K2: this value is in a column without a heading (got 'text under no heading')",
    ]


def test_duplicate_ids_across_sheets_say_where_the_first_is(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "T"})
    _put(template, "Mål", 2, {"Id": "x", "Målformulering": "Mål"})
    _put(template, "Aktörer", 5, {"Id": "x", "Titel": "Aktör"})
    template.save(tmp_path / "plan.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "plan.xlsx")
    assert [f"{p.cell}: {p.message}" for p in caught.value.problems] == [
        "Aktörer!A5: duplicate id 'x' (first at Mål!A2)"
    ]


def test_unknown_sheets_with_content_are_reported_and_empty_ones_ignored(
    tmp_path: Path, template: Any
) -> None:
    _put(template, "Plan", 3, {"Värde": "T"})
    template.create_sheet("Blad1")
    template.create_sheet("Aktivitter")["A1"] = "Id"
    template.save(tmp_path / "plan.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "plan.xlsx")
    assert [p.cell for p in caught.value.problems] == ["Aktivitter!A1"]
    assert caught.value.problems[0].message.startswith("unknown sheet 'Aktivitter'")


def test_the_empty_template_needs_only_a_title(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "Tom plan"})
    template.save(tmp_path / "plan.xlsx")
    assert read_excel(tmp_path / "plan.xlsx") == il.Model([], title="Tom plan")


CELL_VALUES = st.one_of(
    st.none(),
    st.sampled_from(
        ["2020", "82 %", "1 234", "3,5", "xx", "kort", "Kortsiktig effekt", "a", "b", " ", "Id"]
    ),
    st.sampled_from(["1" * 5000, "-" + "9" * 400, "1e400", "1,5e-400", "½", "٣"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "Plan",
                    "Struktur",
                    "Mål",
                    "Aktiviteter",
                    "Effekter",
                    "Länkar",
                    "Indikatorer",
                    "Jämförelser",
                    "Aktörer",
                    "Påverkansfaktorer",
                ]
            ),
            st.integers(1, 5),
            st.integers(1, 20),
            CELL_VALUES,
        ),
        max_size=25,
    )
)
def test_any_cell_contents_give_a_model_or_a_model_error(
    tmp_path: Path, cells: list[tuple[str, int, int, object]]
) -> None:
    path = tmp_path / "mall.xlsx"
    if not path.exists():
        write_excel_template(path)
    book = openpyxl.load_workbook(path)
    for sheet, row, column, value in cells:
        book[sheet].cell(row, column, value)
    book.save(tmp_path / "fuzz.xlsx")
    problems: list[il.Problem] = []
    try:
        model = read_excel(tmp_path / "fuzz.xlsx")
    except il.ModelError as error:
        problems = error.problems
    if problems:
        assert all(p.message and p.cell for p in problems)
    else:
        assert il.loads(il.dumps(model)) == model


# --- files that are not workbooks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "start"),
    [
        (b"not a workbook", "the file is not an Excel workbook (.xlsx) that can be read"),
        (b"PK\x03\x04broken zip", "the file is not an Excel workbook (.xlsx) that can be read"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "the file is an old Excel workbook (.xls)",
        ),
    ],
)
def test_a_file_that_is_not_a_workbook_is_a_model_error(
    tmp_path: Path, content: bytes, start: str
) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    with pytest.raises(il.ModelError) as caught:
        read_excel(path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].file == str(path)
    assert caught.value.problems[0].message.startswith(start)


def test_a_zip_without_a_workbook_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(il.ModelError, match="not an Excel workbook"):
        read_excel(path)


def test_writing_needs_the_xlsx_suffix_and_a_writable_folder(tmp_path: Path) -> None:
    model = il.Model([], title="T")
    with pytest.raises(il.UsageError, match=r"must be saved as \.xlsx \(got '\.xls'\)"):
        write_excel(model, tmp_path / "plan.xls")
    with pytest.raises(il.WriteError, match=r"cannot write .*plan\.xlsx: No such file"):
        write_excel(model, tmp_path / "missing" / "plan.xlsx")


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_excel(tmp_path / "missing.xlsx")


# --- the command line and the package -----------------------------------------------------------


def test_template_command_writes_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mall.xlsx"
    assert main(["template", "--excel", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Plan", "Structure", "Goals"]
    assert "Instructions" in book.sheetnames
    assert main(["template", "--excel", str(tmp_path / "mall.csv")]) == 2
    assert "must be saved as .xlsx" in capsys.readouterr().err


def test_convert_reads_and_writes_workbooks(tmp_path: Path) -> None:
    from insatslogik.formats.convert import convert

    convert(VGR, tmp_path / "plan.xlsx")
    convert(tmp_path / "plan.xlsx", tmp_path / "plan.yaml")
    assert il.load(tmp_path / "plan.yaml") == saved_into(il.load(VGR), tmp_path)


def test_import_leaves_openpyxl_unloaded() -> None:
    code = "import sys, insatslogik; print('openpyxl' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- hostile and real-world workbooks: bounded, located, never silent --------------------------

SMALL = il.Model(
    [
        il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
        il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
        il.Indicator(id="andel", title="Andel SMF", unit="%", values={2020: 82}),
    ],
    title="Kraftsamling",
)


def _rezip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of a workbook with parts replaced (bytes) or left out (None)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            else:
                new.writestr(info, old.read(info.filename))
        for name in change.keys() - set(old.namelist()):
            new.writestr(name, change[name] or b"")
    return target


def _sheet_part(path: Path, title: str) -> str:
    """The zip part of a sheet (sheets are written in order as sheet1.xml, sheet2.xml, …)."""
    book = openpyxl.load_workbook(path)
    return f"xl/worksheets/sheet{book.sheetnames.index(title) + 1}.xml"


@pytest.fixture
def small_workbook(tmp_path: Path) -> Path:
    return write_excel(SMALL, tmp_path / "plan.xlsx")


def test_an_infinite_percentage_is_a_located_problem(tmp_path: Path, small_workbook: Path) -> None:
    book = openpyxl.load_workbook(small_workbook)
    sheet = book["Indikatorer"]
    (year_column,) = [c.column for c in sheet[1] if c.value == "2020"]
    sheet.cell(2, year_column).value = 0.5
    sheet.cell(2, year_column).number_format = "0%"
    book.save(tmp_path / "pct.xlsx")
    part = _sheet_part(tmp_path / "pct.xlsx", "Indikatorer")
    xml = zipfile.ZipFile(tmp_path / "pct.xlsx").read(part).replace(b"<v>0.5</v>", b"<v>1e999</v>")
    path = _rezip(tmp_path / "pct.xlsx", tmp_path / "inf.xlsx", {part: xml})
    with pytest.raises(il.ModelError) as caught:
        read_excel(path)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.line, problem.column) == ("Indikatorer", 2, year_column)


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path, small_workbook: Path) -> None:
    part = _sheet_part(small_workbook, "Mål")
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(small_workbook) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info.filename))
        with new.open(part, "w") as bomb:
            bomb.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            for _ in range(80):
                bomb.write(b" " * 2**20)
            bomb.write(b"<sheetData/></worksheet>")
    assert path.stat().st_size < 1_000_000
    with pytest.raises(il.ModelError, match=r"would expand to 80 MB .*at most 64 MB"):
        read_excel(path)


def test_a_huge_shared_string_is_refused_by_its_size(tmp_path: Path, small_workbook: Path) -> None:
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>' + b"x" * 3_000_000 + b"</t></si></sst>"
    )
    path = _rezip(small_workbook, tmp_path / "strings.xlsx", {"xl/sharedStrings.xml": strings})
    with pytest.raises(il.ModelError, match="compressed at most 100 times"):
        read_excel(path)


def test_a_dimension_claiming_the_whole_sheet_is_not_trusted(
    tmp_path: Path, small_workbook: Path
) -> None:
    changes = {}
    with zipfile.ZipFile(small_workbook) as old:
        for name in old.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = old.read(name)
                start = xml.index(b"<dimension ref=")
                end = xml.index(b"/>", start)
                changes[name] = xml[:start] + b'<dimension ref="A1:XFD1048576"' + xml[end:]
    path = _rezip(small_workbook, tmp_path / "dimension.xlsx", changes)
    assert read_excel(path) == SMALL


def test_a_cell_in_the_last_column_and_row_is_located_and_cheap(
    tmp_path: Path, small_workbook: Path
) -> None:
    part = _sheet_part(small_workbook, "Mål")
    xml = zipfile.ZipFile(small_workbook).read(part)
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _rezip(
        small_workbook,
        tmp_path / "far.xlsx",
        {part: xml.replace(b"</sheetData>", far + b"</sheetData>")},
    )
    with pytest.raises(il.ModelError) as caught:
        read_excel(path)
    (problem,) = caught.value.problems
    assert problem.cell == "Mål!XFD1048576"
    assert "column without a heading" in problem.message


def test_rows_reaching_far_columns_are_refused_by_the_cells_they_cost(
    tmp_path: Path, small_workbook: Path
) -> None:
    part = _sheet_part(small_workbook, "Mål")
    xml = zipfile.ZipFile(small_workbook).read(part)
    rows = b"".join(
        b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (row, row) for row in range(10, 400)
    )
    path = _rezip(
        small_workbook,
        tmp_path / "wide.xlsx",
        {part: xml.replace(b"</sheetData>", rows + b"</sheetData>")},
    )
    with pytest.raises(il.ModelError, match="too large to read"):
        read_excel(path)


def test_formulas_without_computed_values_are_located_never_silent(tmp_path: Path) -> None:
    # What openpyxl and scripts write: the formula, and no value until Excel computes it.
    path = write_excel(SMALL, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    _put(
        book, "Aktiviteter", 3, {"Id": '=LOWER("AKT2")', "Namn på aktivitet": '="Ny"&" aktivitet"'}
    )
    book.save(path)
    with pytest.raises(il.ModelError) as caught:
        read_excel(path)
    assert [p.cell for p in caught.value.problems] == ["Aktiviteter!A3", "Aktiviteter!B3"]
    assert all("formula but no value" in p.message for p in caught.value.problems)
    model = read_excel(path, strict=False)
    assert model == SMALL
    assert [w.cell for w in model.warnings] == ["Aktiviteter!A3", "Aktiviteter!B3"]


def test_a_missing_sheet_part_is_a_problem_not_a_lost_sheet(
    tmp_path: Path, small_workbook: Path
) -> None:
    part = _sheet_part(small_workbook, "Aktiviteter")
    path = _rezip(small_workbook, tmp_path / "missing.xlsx", {part: None})
    with pytest.raises(il.ModelError) as caught:
        read_excel(path)
    assert any(
        p.sheet == "Aktiviteter" and "is missing from the file" in p.message
        for p in caught.value.problems
    )
    model = read_excel(path, strict=False)
    assert "akt" not in model
    assert "is missing from the file" in model.warnings[0].message


def test_headings_that_are_digits_are_reported_quickly(
    tmp_path: Path, small_workbook: Path
) -> None:
    book = openpyxl.load_workbook(small_workbook)
    for name in ("Mål", "Indikatorer", "Länkar"):
        for offset, heading in enumerate(
            ["1" * 5000, "2021" * 1000, 12345678901234567890, "99999"]
        ):
            _add_column(book, name, heading)
            del offset
    book.save(tmp_path / "digits.xlsx")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "insatslogik",
            "convert",
            str(tmp_path / "digits.xlsx"),
            str(tmp_path / "out.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "unknown column" in run.stdout
    assert all(len(line) < 400 for line in run.stdout.splitlines())


def test_a_thousand_misspelt_link_ids_are_reported_quickly(
    tmp_path: Path, small_workbook: Path
) -> None:
    book = openpyxl.load_workbook(small_workbook)
    for row in range(3, 1003):
        _put(book, "Länkar", row, {"Från": f"akt-{row:04d}x", "Till": "mal"})
    book.save(tmp_path / "links.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "links.xlsx")
    assert len(caught.value.problems) == 1000
    assert sum("did you mean" in p.message for p in caught.value.problems) <= 20


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut(tmp_path: Path) -> None:
    long = il.Model([il.Goal(id="mal", title="x" * 40_000)], title="T")
    with pytest.raises(
        il.ModelError, match=r"goal 'mal': title has 40000 characters, more than the 32767"
    ):
        write_excel(long, tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()
    fits = il.Model([il.Goal(id="mal", title="x" * 32_767)], title="T")
    assert read_excel(write_excel(fits, tmp_path / "fits.xlsx")) == fits


def test_the_indicator_fields_round_trip_through_a_workbook(tmp_path: Path) -> None:
    from tests.test_indicator_fields import GOOD, HEAD

    model = il.loads(HEAD + GOOD)
    for lang in ("sv", "en"):
        path = tmp_path / f"plan-{lang}.xlsx"
        write_excel(model, path, lang=lang)  # type: ignore[arg-type]
        assert read_excel(path) == model
    book = openpyxl.load_workbook(tmp_path / "plan-sv.xlsx")
    assert [cell.value for cell in book["Delindikatorer"][1]] == ["Index", "Delindikator", "Vikt"]
    assert [cell.value for cell in book["Delindikatorer"][3]] == [
        "desi",
        "desi-konnektivitet",
        0.25,
    ]
    revision = [cell.value for cell in book["Målrevideringar"][2]]
    assert revision[:2] == ["dagbefolkning", 2022]
    assert revision[5:] == ["över", None, None, "Skärpt"]
    # The drop-downs of the choice columns list their labels.
    formulas = {v.formula1 for v in book["Indikatorer"].data_validations.dataValidation}
    assert '"över,under,ökar mer än,ökar mindre än"' in formulas
    assert '"nivå,kumulativt,tillskott per år"' in formulas
    assert '"summa,medelvärde,vägt medelvärde,läggs inte ihop"' in formulas


def test_a_bad_rule_in_a_workbook_is_reported_at_its_cell(tmp_path: Path) -> None:
    from tests.test_indicator_fields import GOOD, HEAD

    path = tmp_path / "plan.xlsx"
    write_excel(il.loads(HEAD + GOOD), path)
    book = openpyxl.load_workbook(path)
    sheet = book["Målrevideringar"]
    sheet.cell(2, 6).value = "ovanför"
    book.save(path)
    with pytest.raises(il.ModelError) as error:
        read_excel(path)
    (problem,) = error.value.problems
    assert (problem.sheet, problem.line, problem.column) == ("Målrevideringar", 2, 6)
    assert "rule must be" in problem.message


_RANGE = re.compile(r"'[^']+'!\$[A-Z]+\$[0-9]+:\$[A-Z]+\$[0-9]+")
_EXAMPLE_PLANS = sorted(
    path
    for path in EXAMPLES.rglob("*.yaml")
    if path.read_text(encoding="utf-8").lstrip().startswith(("insatslogik:", "#"))
)


def _drop_downs(path: Path) -> list[tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    return [
        (sheet.title, check.formula1)
        for sheet in book.worksheets
        for check in sheet.data_validations.dataValidation
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_drop_down_is_a_range_or_an_inline_list_excel_accepts(
    tmp_path: Path, lang: str
) -> None:
    # Excel takes an inline list of at most 255 characters; a longer one makes it repair the
    # file and drop every drop-down.
    paths = [write_excel_template(tmp_path / f"mall-{lang}.xlsx", lang=lang)]  # type: ignore[arg-type]
    for number, plan in enumerate(_EXAMPLE_PLANS):
        paths.append(write_excel(il.load(plan), tmp_path / f"{number}.xlsx", lang=lang))  # type: ignore[arg-type]
    assert len(paths) > 10
    for path in paths:
        for sheet, formula in _drop_downs(path):
            assert _RANGE.fullmatch(formula) or (formula.startswith('"') and len(formula) <= 255), (
                path.name,
                sheet,
                formula,
            )


def test_a_long_list_of_choices_is_in_cells_of_the_hidden_lists_sheet(tmp_path: Path) -> None:
    path = write_excel(il.load(VGR), tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    ignore = _validations(book["Mål"])
    codes = [code.value for code in il.Code]
    assert len('"' + ",".join(codes) + '"') > 255  # what the cells are for
    formula = next(f for f in ignore.values() if f.startswith("'Listor'!$B"))
    assert formula == f"'Listor'!$B$2:$B${len(codes) + 1}"
    lists = book["Listor"]
    assert lists.sheet_state == "hidden"
    assert lists["B1"].value == "Ignorera fynd"
    column = lists.iter_rows(
        min_row=2, max_row=len(codes) + 2, min_col=2, max_col=2, values_only=True
    )
    assert [row[0] for row in column] == [*codes, None]
    # The sheet is skipped when reading: the plan reads back unchanged.
    assert read_excel(path) == saved_into(il.load(VGR), tmp_path)
