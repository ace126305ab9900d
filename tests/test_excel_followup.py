"""The follow-up plan in workbooks: its sheets, drop-downs, round trips and located problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.formats.excel import read_excel, write_excel, write_excel_template
from insatslogik.formats.excel._cells import join_lines, split_lines
from tests.test_excel import _put, _validations
from tests.test_followup_schema import PLAN


@pytest.fixture
def template(tmp_path: Path) -> Any:
    path = tmp_path / "mall.xlsx"
    write_excel_template(path)
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_follow_up_plan_round_trips_through_a_workbook(tmp_path: Path, lang: str) -> None:
    model = il.loads(PLAN)
    write_excel(model, tmp_path / "plan.xlsx", lang=lang)  # type: ignore[arg-type]
    assert read_excel(tmp_path / "plan.xlsx") == model


def test_the_follow_up_sheets_come_after_the_factors(tmp_path: Path) -> None:
    write_excel(il.loads(PLAN), tmp_path / "plan.xlsx", analyses=False)
    names = openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames
    start = names.index("Påverkansfaktorer") + 1
    assert names[start : start + 5] == [
        "Frågor",
        "Utvärderingar",
        "Antaganden",
        "Rekommendationer",
        "Bedömningar",
    ]


def _rows(book: Any, sheet: str) -> list[dict[str, Any]]:
    ws = book[sheet]
    heads = [cell.value for cell in ws[1]]
    return [
        {head: value for head, value in zip(heads, row, strict=False) if value is not None}
        for row in ws.iter_rows(min_row=2, values_only=True)
    ]


def test_the_sheets_show_each_field_in_its_column_with_swedish_words(tmp_path: Path) -> None:
    write_excel(il.loads(PLAN), tmp_path / "plan.xlsx", analyses=False)
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    [question] = _rows(book, "Frågor")
    assert question == {
        "Id": "f1",
        "Fråga": "Har fler SMF tagit digitala steg?",
        "Gäller 1": "akt",
        "Gäller 2": "mal",
        "Metod 1": "enkät",
        "Metod 2": "intervju",
        "Från år": 2022,
        "Vart n:e år": 1,
        "Till år": 2030,
        "Årstid": "höst",
        "Ansvarig 1": "region",
    }
    evaluation = _rows(book, "Utvärderingar")[0]
    assert evaluation["År 1"] == 2023
    assert evaluation["Utvärderare 1"] == "oxford"
    assumptions = _rows(book, "Antaganden")
    assert assumptions[0]["Status"] == "håller"
    assert assumptions[0]["Stöd"] == "visst stöd"
    assert assumptions[1]["Gäller länk 1"] == "akt → mal"
    assert _rows(book, "Rekommendationer")[0]["Av"] == "utv"
    assert _rows(book, "Bedömningar") == [
        {"Nod": "akt", "Till": "mal", "År": 2023, "Av": "region", "Bedömning": "delvis uppnått"},
        {
            "Nod": "f1",
            "År": 2023,
            "Av": "utv",
            "Bedömning": "uppnått",
            "Belägg": "Enkät 2023",
        },
    ]
    [link] = _rows(book, "Länkar")
    assert link["Antaganden (lista)"] == "ant-1\nFöretagen vill växa"
    assert "Antaganden" not in link


def test_choices_have_drop_down_lists_in_the_workbooks_language(template: Any) -> None:
    questions = _validations(template["Frågor"])
    assert (
        questions["F"]
        == questions["G"]
        == (
            '"intervju,enkät,dialog,fokusgrupp,dokumentstudie,portföljanalys,statistik,'
            'observation,fallstudie"'
        )
    )
    assert '"vår,sommar,höst,vinter"' in questions.values()
    assert "'Aktörer'!$A$2:$A$501" in questions.values()
    assumptions = _validations(template["Antaganden"])
    assert '"ej prövat,håller,håller inte"' in assumptions.values()
    assert '"starkt stöd,visst stöd,svagt stöd,inget stöd"' in assumptions.values()
    assert "'Utvärderingar'!$A$2:$A$501" in _validations(template["Rekommendationer"]).values()
    judgements = '"uppnått,delvis uppnått,inte uppnått,oklart"'
    assert judgements in _validations(template["Bedömningar"]).values()


def test_english_drop_downs(tmp_path: Path) -> None:
    write_excel_template(tmp_path / "en.xlsx", lang="en")
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert '"spring,summer,autumn,winter"' in _validations(book["Questions"]).values()


def test_a_hand_filled_follow_up_plan_reads_words_in_either_language(
    tmp_path: Path, template: Any
) -> None:
    _put(template, "Plan", 3, {"Värde": "Uppföljning"})
    _put(template, "Mål", 2, {"Id": "mal", "Målformulering": "Mål"})
    _put(template, "Aktörer", 2, {"Id": "vgr", "Titel": "VGR"})
    _put(template, "Frågor", 2, {"Id": "f1", "Fråga": "Hur?", "Gäller 1": "mal", "Metod 1": "Survey", "Metod 2": "fokusgrupp", "År 1": "2023", "År 2": 2025, "Årstid": "Autumn", "Ansvarig 1": "vgr"})  # fmt: skip
    _put(template, "Utvärderingar", 2, {"Id": "utv", "Utvärdering": "Utvärdering", "Från år": 2023, "Vart n:e år": 2})  # fmt: skip
    _put(template, "Antaganden", 2, {"Id": "ant", "Antagande": "Det håller", "Gäller 1": "mal", "Status": "Fails", "Stöd": "svagt stöd"})  # fmt: skip
    _put(template, "Bedömningar", 2, {"Nod": "mal", "År": 2024, "Av": "utv", "Bedömning": "oklart", "Text": "För tidigt"})  # fmt: skip
    template.save(tmp_path / "plan.xlsx")
    model = read_excel(tmp_path / "plan.xlsx")
    question = model["f1"]
    assert isinstance(question, il.Question)
    assert (question.method, question.when, question.season) == (
        ("enkät", "fokusgrupp"),
        (2023, 2025),
        "höst",
    )
    assert model["utv"].when == il.Schedule(start=2023, every=2)  # type: ignore[union-attr]
    assumption = model["ant"]
    assert isinstance(assumption, il.Assumption)
    assert (assumption.status, assumption.evidence) == ("fails", "weak")
    assert model["mal"].assessments == (  # type: ignore[union-attr]
        il.Assessment(year=2024, by="utv", judgement="unclear", text="För tidigt"),
    )


def test_follow_up_mistakes_are_reported_at_their_cells(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "Uppföljning"})
    _put(template, "Mål", 2, {"Id": "mal", "Målformulering": "Mål"})
    _put(template, "Aktiviteter", 2, {"Id": "akt", "Namn på aktivitet": "Råd"})
    _put(template, "Länkar", 2, {"Från": "akt", "Till": "mal", "Antaganden (lista)": "ant-9\nFöretag vill"})  # fmt: skip
    _put(template, "Frågor", 2, {"Id": "f1", "Fråga": "Hur?", "Metod 1": "enkäter", "År 1": 2023, "Från år": 2022})  # fmt: skip
    _put(template, "Utvärderingar", 2, {"Id": "utv", "Utvärdering": "U", "Från år": 2025, "Till år": 2020, "Årstid": "jul"})  # fmt: skip
    _put(template, "Antaganden", 2, {"Id": "ant", "Antagande": "A", "Gäller länk 1": "mal → akt", "Status": "kanske"})  # fmt: skip
    _put(template, "Rekommendationer", 2, {"Id": "rek", "Rekommendation": "R", "Av": "mal"})
    _put(template, "Bedömningar", 2, {"Nod": "mal", "År": 2024, "Av": "akt", "Bedömning": "bra"})  # fmt: skip
    _put(template, "Bedömningar", 3, {"Nod": "akt", "Till": "ant", "År": 2024, "Av": "utv", "Bedömning": "oklart"})  # fmt: skip
    template.save(tmp_path / "fel.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "fel.xlsx")
    assert [f"{p.cell}: {p.message}" for p in caught.value.problems] == [
        "Antaganden!G2: assumption 'ant': status must be 'untested', 'holds' or 'fails' "
        "(got 'kanske')",
        "Bedömningar!E2: goal 'mal': assessments[0].judgement must be 'achieved', 'partly', "
        "'not-achieved' or 'unclear' (got 'bra')",
        "Bedömningar!B3: the Links sheet has no link from 'akt' to 'ant': an assessment of a "
        "link needs the link",
        "Frågor!F2: question 'f1': method[0] must be 'intervju', 'enkät', 'dialog', "
        "'fokusgrupp', 'dokumentstudie', 'portföljanalys', 'statistik', 'observation' or "
        "'fallstudie' (got 'enkäter')",
        "Frågor!I2: give the years of a follow-up, or a schedule (from, every, until), not both",
        # The goal's own mistake does not hide the references to it that are wrong too.
        "Länkar!F2: activity 'akt': the link to 'mal' names no assumption 'ant-9'; an item "
        "shaped like an id names an assumption: to keep it as text, write a sentence, or the "
        'assumptions as one string (assumptions: "ant-9")',
        "Rekommendationer!D2: recommendation 'rek': by must name an evaluation, but 'mal' is a "
        "goal",
        "Utvärderingar!M2: evaluation 'utv': until must be no earlier than from "
        "(got from 2025, until 2020)",
        "Utvärderingar!P2: evaluation 'utv': season must be 'vår', 'sommar', 'höst' or 'vinter' "
        "(got 'jul')",
    ]


def test_reference_mistakes_are_reported_at_their_cells(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "Uppföljning"})
    _put(template, "Mål", 2, {"Id": "mal", "Målformulering": "Mål"})
    _put(template, "Aktiviteter", 2, {"Id": "akt", "Namn på aktivitet": "Råd"})
    _put(template, "Länkar", 2, {"Från": "akt", "Till": "mal", "Antaganden (lista)": "ant-9\nFöretag vill"})  # fmt: skip
    _put(template, "Antaganden", 2, {"Id": "ant", "Antagande": "A", "Gäller länk 1": "mal → akt"})  # fmt: skip
    _put(template, "Rekommendationer", 2, {"Id": "rek", "Rekommendation": "R", "Av": "mal"})
    _put(template, "Bedömningar", 2, {"Nod": "mal", "År": 2024, "Av": "akt", "Bedömning": "oklart"})  # fmt: skip
    template.save(tmp_path / "fel.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "fel.xlsx")
    assert sorted(f"{p.cell}: {p.message}" for p in caught.value.problems) == [
        "Antaganden!F2: assumption 'ant': about names the link from 'mal' to 'akt', but 'mal' "
        "has no contributes_to link to 'akt'",
        "Bedömningar!D2: goal 'mal': an assessment's by must name an actor or evaluation, but "
        "'akt' is an activity",
        "Länkar!F2: activity 'akt': the link to 'mal' names no assumption 'ant-9'; an item "
        "shaped like an id names an assumption: to keep it as text, write a sentence, or the "
        'assumptions as one string (assumptions: "ant-9")',
        "Rekommendationer!D2: recommendation 'rek': by must name an evaluation, but 'mal' is a "
        "goal",
    ]


def test_a_link_with_assumptions_as_text_and_as_a_list_is_a_problem(
    tmp_path: Path, template: Any
) -> None:
    _put(template, "Plan", 3, {"Värde": "Uppföljning"})
    _put(template, "Mål", 2, {"Id": "mal", "Målformulering": "Mål"})
    _put(template, "Aktiviteter", 2, {"Id": "akt", "Namn på aktivitet": "Råd"})
    _put(template, "Länkar", 2, {"Från": "akt", "Till": "mal", "Antaganden": "text", "Antaganden (lista)": "ant"})  # fmt: skip
    template.save(tmp_path / "fel.xlsx")
    with pytest.raises(il.ModelError) as caught:
        read_excel(tmp_path / "fel.xlsx")
    assert [f"{p.cell}: {p.message}" for p in caught.value.problems] == [
        "Länkar!F2: give a link's assumptions as text or as a list, not both (got 'text' "
        "beside the list)"
    ]


def test_an_assumption_with_a_line_break_stays_one_item_in_a_workbook(tmp_path: Path) -> None:
    items = '[ant-1, "Företagen vill växa\\noch har tid", "\\"Citat\\" ur planen", " kant "]'
    model = il.loads(PLAN.replace("[ant-1, Företagen vill växa]", items))
    link = model["akt"].contributes_to[0]  # type: ignore[union-attr]
    assert link.assumptions == (
        "ant-1",
        "Företagen vill växa\noch har tid",
        '"Citat" ur planen',
        " kant ",
    )
    write_excel(model, tmp_path / "plan.xlsx", analyses=False)
    [row] = _rows(openpyxl.load_workbook(tmp_path / "plan.xlsx"), "Länkar")
    assert row["Antaganden (lista)"] == (
        'ant-1\n"Företagen vill växa\noch har tid"\n"""Citat"" ur planen"\n" kant "'
    )
    assert read_excel(tmp_path / "plan.xlsx") == model


def test_a_list_typed_a_line_each_reads_as_before(tmp_path: Path, template: Any) -> None:
    _put(template, "Plan", 3, {"Värde": "Uppföljning"})
    _put(template, "Mål", 2, {"Id": "mal", "Målformulering": "Mål"})
    _put(template, "Aktiviteter", 2, {"Id": "akt", "Namn på aktivitet": "Råd"})
    _put(template, "Antaganden", 2, {"Id": "ant", "Antagande": "A"})
    # Blank lines and spaces as people type them; a quote that ends no line is plain text.
    typed = ' ant \n\nFöretagen vill växa\n"Citat" säger de\n'
    _put(template, "Länkar", 2, {"Från": "akt", "Till": "mal", "Antaganden (lista)": typed})
    template.save(tmp_path / "plan.xlsx")
    link = read_excel(tmp_path / "plan.xlsx")["akt"].contributes_to[0]  # type: ignore[union-attr]
    assert link.assumptions == ("ant", "Företagen vill växa", '"Citat" säger de')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet='ab "\n\r\t\u2028', max_size=8), min_size=1, max_size=5))
def test_any_list_of_texts_reads_back_from_its_cell(items: list[str]) -> None:
    assert split_lines(join_lines(items)) == items
