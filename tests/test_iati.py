"""IATI: real files import into results and indicators; exports validate against IATI 2.03 and load back."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.iati import RESULT_KINDS, iati_number
from insatslogik.kinds import Kind
from insatslogik.model.schema import NODE_TYPES
from tests.test_save_properties import models

DATA = Path(__file__).resolve().parent / "data" / "iati"
ROOT = Path(__file__).resolve().parent.parent
GLOBAL_FUND = DATA / "globalfund_47045-ARM-202-G05-H-00.xml"
DUTCH = DATA / "nl-mfa_example_203.xml"
VGR = ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml"
GF = "47045-ARM-202-G05-H-00"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "iati-activities-schema.xsd")))


def assert_valid(schema: etree.XMLSchema, text: str) -> None:
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), str(schema.error_log)


def carried(model: il.Model) -> il.Model:
    """What IATI carries of a model, built independently of the exporter (docs/interchange.md).

    Outputs, outcomes, effects and goals that an indicator measures, with title, description,
    indicators and the links among themselves (without reasoning); those indicators with title,
    description, source, unit, geography, baseline, a level target with a year (the current
    one) and values; the plan's title, language and description.
    """
    results = [
        node
        for node in model
        if Kind(node.kind) in RESULT_KINDS and getattr(node, "measured_by", ())
    ]
    kept = {node.id for node in results}
    nodes: list[il.Node] = []
    indicator_ids: set[str] = set()
    for node in results:
        measured = node.measured_by  # type: ignore[union-attr]
        indicator_ids.update(measured)
        links = [il.Link(to=link.to) for link in node.contributes_to if link.to in kept]  # type: ignore[union-attr]
        nodes.append(
            type(node)(  # type: ignore[call-arg]
                id=node.id,
                title=node.title,
                description=node.description,
                contributes_to=links,
                measured_by=measured,
            )
        )
    for indicator_id in indicator_ids:
        indicator = model[indicator_id]
        assert isinstance(indicator, il.Indicator)
        # IATI has a level target in a year: the one that applies, without whose it is.
        target = indicator.current_target
        if target is not None and target.value is not None and target.year is not None:
            target = il.Target(year=target.year, value=target.value)
        else:
            target = None
        nodes.append(
            il.Indicator(
                id=indicator.id,
                title=indicator.title,
                description=indicator.description,
                source=indicator.source,
                unit=indicator.unit,
                geography=indicator.geography,
                baseline=indicator.baseline,
                target=target,
                values=indicator.values,
            )
        )
    description = None if model.description == model.title else model.description
    return il.Model(nodes, title=model.title, language=model.language, description=description)


# --- the real Global Fund activity (IATI 1.x style) --------------------------------------------


@pytest.fixture(scope="module")
def global_fund() -> il.Model:
    return il.read_iati(GLOBAL_FUND)


def test_global_fund_activity_becomes_a_project_performed_by_its_implementer(
    global_fund: il.Model,
) -> None:
    project = global_fund[GF]
    assert project.kind == "project"
    assert project.title.startswith("Support to the National Program on the Response to HIV")
    assert project.owner == "The Global Fund to Fight AIDS, Tuberculosis and Malaria"  # type: ignore[union-attr]
    assert [global_fund[a].title for a in project.performed_by] == [  # type: ignore[union-attr]
        "Ministry of Health of Armenia"
    ]
    assert global_fund.language == "en"
    assert global_fund.title == project.title


def test_global_fund_results_are_ten_outputs_each_measured_by_one_indicator(
    global_fund: il.Model,
) -> None:
    outputs = global_fund.nodes("output")
    assert len(outputs) == 10
    assert all(node.part_of == GF for node in outputs)  # type: ignore[union-attr]
    assert all(len(node.measured_by) == 1 for node in outputs)  # type: ignore[union-attr]
    assert len(global_fund.nodes("indicator")) == 10
    # A 1.x result has no title of its own: its indicator's title names it.
    first = global_fund[f"{GF}.r1"]
    assert first.title == global_fund[f"{GF}.r1.i1"].title


@pytest.mark.parametrize(
    ("title", "target", "actual"),
    [
        ("Number of HIV tests performed among pregnant women", 20_000, 24_055),
        ("Number of Prisoners reached with HIV preventive programs", 850, 1_110),
        ("Number of teachers trained", 1_540, 1_433),
        ("Number of Migrants reached with HIV preventive programs", 22_500, 0),
        ("Number of Government Personnel Trained on HIV prevention and treatment", 180, 187),
    ],
)
def test_global_fund_values_with_thousands_separators_are_numbers(
    global_fund: il.Model, title: str, target: float, actual: float
) -> None:
    (indicator,) = [i for i in global_fund.nodes("indicator") if i.title == title]
    assert isinstance(indicator, il.Indicator)
    assert indicator.target == il.Target(year=2012, value=target)
    assert indicator.values == {2012: actual}
    assert indicator.baseline is None  # the file has no baselines


def test_global_fund_import_remembers_where_each_node_was_written(global_fund: il.Model) -> None:
    location = global_fund.location(f"{GF}.r4.i1")
    assert location is not None
    lines = GLOBAL_FUND.read_text(encoding="utf-8").splitlines()
    assert lines[location.line - 1].lstrip().startswith("<indicator")  # type: ignore[operator]
    assert location.column == lines[location.line - 1].index("<indicator") + 1  # type: ignore[operator]


# --- the Dutch 2.03 file ------------------------------------------------------------------------


def test_dutch_file_gives_thirteen_projects_and_the_standard_example_result() -> None:
    model = il.read_iati(DUTCH)
    assert len(model.nodes("project")) == 13
    assert model.language == "nl"
    (output,) = model.nodes("output")
    assert (output.title, output.description) == ("Result title", "Result description text")
    (indicator,) = model.nodes("indicator")
    assert isinstance(indicator, il.Indicator)
    assert indicator.title == "Indicator title"
    assert indicator.baseline == il.Observation(year=2012, value=10)
    assert indicator.target == il.Target(year=2013, value=10)
    assert indicator.values == {2013: 11}  # the actual without a value adds nothing
    assert output.part_of == "NL-1-PPR-24706"  # type: ignore[union-attr]


# --- export: valid IATI 2.03 -----------------------------------------------------------------


@pytest.mark.parametrize("source", [VGR, GLOBAL_FUND, DUTCH], ids=lambda p: p.stem)
def test_export_of_real_plans_validates_against_iati_2_03(
    schema: etree.XMLSchema, source: Path
) -> None:
    model = il.load(source) if source.suffix == ".yaml" else il.read_iati(source)
    text = il.to_iati_xml(model, reporting_org="SE-ORGNR-2321000131")
    assert_valid(schema, text)
    assert text.count("<result ") == len(carried(model).nodes()) - len(
        carried(model).nodes("indicator")
    )


def test_real_plan_round_trips_through_iati_as_far_as_iati_carries_it(tmp_path: Path) -> None:
    model = il.load(VGR)
    il.write_iati(model, tmp_path / "vgr.xml", reporting_org="SE-ORGNR-2321000131")
    again = il.read_iati(tmp_path / "vgr.xml")
    assert again == carried(model)
    assert len(again.nodes("goal")) == 5
    assert len(again.nodes("indicator")) == 13
    il.save(again, tmp_path / "vgr.yaml")
    assert il.load(tmp_path / "vgr.yaml") == again


def test_global_fund_round_trips_through_our_export(global_fund: il.Model) -> None:
    again = il.from_iati_xml(il.to_iati_xml(global_fund))
    assert again == carried(global_fund)


def test_export_maps_kinds_to_result_types_and_keeps_them_exactly() -> None:
    nodes: list[il.Node] = [il.Indicator(id="i", title="Andel")]
    nodes.extend(
        NODE_TYPES[kind](id=kind.value, title=kind.english, measured_by=["i"])  # type: ignore[call-arg]
        for kind in RESULT_KINDS
    )
    model = il.Model(nodes, title="Typer")
    text = il.to_iati_xml(model, start_year=2021)
    types = re.findall(r'<result type="(\d)" il:id="([a-z_]+)"', text)
    assert {node_id: code for code, node_id in types} == {
        "output": "1",
        "outcome": "2",
        "short_term_effect": "2",
        "long_term_effect": "3",
        "goal": "3",
    }
    assert il.from_iati_xml(text) == model


def test_foreign_result_types_become_outputs_outcomes_and_goals() -> None:
    results = "".join(
        f'<result type="{code}"><title><narrative>R{code}</narrative></title>'
        f'<indicator measure="1"><title><narrative>I{code}</narrative></title></indicator></result>'
        for code in ("1", "2", "3", "9")
    )
    text = (
        '<iati-activities version="2.03"><iati-activity><iati-identifier>XM-1</iati-identifier>'
        f"<title><narrative>A</narrative></title>{results}</iati-activity></iati-activities>"
    )
    model = il.from_iati_xml(text)
    assert {node.title: node.kind for node in model if node.kind != "indicator"} == {
        "A": "project",
        "R1": "output",
        "R2": "outcome",
        "R3": "goal",
        "R9": "outcome",
    }


def test_chain_nodes_without_indicators_and_links_to_them_are_left_out() -> None:
    model = il.Model(
        [
            il.Goal(id="mal", title="Mål", measured_by=["i"]),
            il.LongTermEffect(id="lang", title="Lång", contributes_to=["mal"]),
            il.Output(
                id="ut", title="Prestation", contributes_to=["lang", "mal"], measured_by=["i"]
            ),
            il.Activity(id="akt", title="Aktivitet", contributes_to=["ut"]),
            il.Indicator(id="i", title="Andel", values={2022: 3}),
        ],
        title="Kedja",
    )
    again = il.from_iati_xml(il.to_iati_xml(model))
    assert sorted(node.id for node in again) == ["i", "mal", "ut"]
    assert [link.to for link in again["ut"].contributes_to] == ["mal"]  # type: ignore[union-attr]
    assert sorted(again.graph.edges(keys=True)) == [
        ("mal", "i", "measured_by"),
        ("ut", "i", "measured_by"),
        ("ut", "mal", "contributes_to"),
    ]


def test_values_are_written_as_decimals_without_exponents(schema: etree.XMLSchema) -> None:
    indicator = il.Indicator(
        id="i",
        title="Liten",
        baseline={"year": 2020, "value": 1e-05},
        target={"year": 2030, "value": 1.5e12},
        values={2021: -0.25, 2022: 82.0},
    )
    model = il.Model([il.Goal(id="g", title="Mål", measured_by=["i"]), indicator], title="T")
    text = il.to_iati_xml(model)
    assert 'value="0.00001"' in text
    assert 'value="1500000000000"' in text
    assert 'value="82"' in text
    assert not re.search(r'value="[^"]*e', text)
    assert_valid(schema, text)
    assert il.from_iati_xml(text)["i"] == indicator


def test_text_layout_is_kept_for_our_files_and_normalised_for_pretty_printed_ones() -> None:
    title = "Två rader\n  med indrag  "
    model = il.Model(
        [il.Goal(id="g", title=title, measured_by=["i"]), il.Indicator(id="i", title="x")],
        title="T",
    )
    assert il.from_iati_xml(il.to_iati_xml(model, start_year=2020))["g"].title == title
    foreign = (
        "<iati-activity><iati-identifier>XM-1</iati-identifier><title><narrative>\n"
        "      Ett  projekt\n      på två rader\n    </narrative></title></iati-activity>"
    )
    assert il.from_iati_xml(foreign)["XM-1"].title == "Ett projekt på två rader"


def test_narratives_are_read_in_the_language_asked_for() -> None:
    text = (
        '<iati-activity xml:lang="en"><iati-identifier>XM-1</iati-identifier><title>'
        '<narrative>Digital growth</narrative><narrative xml:lang="sv">Digital tillväxt</narrative>'
        "</title></iati-activity>"
    )
    assert il.from_iati_xml(text)["XM-1"].title == "Digital growth"
    assert il.from_iati_xml(text, lang="sv")["XM-1"].title == "Digital tillväxt"


def test_a_model_without_any_year_needs_a_start_year() -> None:
    model = il.Model([il.Goal(id="g", title="Mål")], title="T")
    with pytest.raises(il.ModelError, match="IATI needs a start date"):
        il.to_iati_xml(model)
    assert 'iso-date="2024-01-01"' in il.to_iati_xml(model, start_year=2024)


@pytest.mark.parametrize("year", [-5, 0, 999, 10_000, 2.5, True])
def test_a_start_year_outside_the_years_a_model_has_is_a_usage_error(year: object) -> None:
    model = il.Model([il.Goal(id="g", title="Mål")], title="T")
    with pytest.raises(il.UsageError, match=r"start year must be a year from 1000 to 9999"):
        il.to_iati_xml(model, start_year=year)  # type: ignore[arg-type]


def test_convert_with_a_negative_start_year_is_a_clean_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = il.save(il.Model([il.Goal(id="g", title="Mål")], title="T"), tmp_path / "p.yaml")
    assert main(["convert", str(plan), str(tmp_path / "p.xml"), "--start-year", "-5"]) == 2
    assert "start year must be a year from 1000 to 9999 (got -5)" in capsys.readouterr().err
    assert not (tmp_path / "p.xml").exists()


def test_text_xml_cannot_hold_is_an_error_naming_the_node() -> None:
    model = il.Model(
        [il.Goal(id="g", title="Mål\x01", measured_by=["i"]), il.Indicator(id="i", title="x")],
        title="T",
    )
    with pytest.raises(il.ModelError, match=r"goal 'g': U\+0001 cannot be written in XML"):
        il.to_iati_xml(model, start_year=2020)


def test_equal_models_give_identical_iati_text() -> None:
    model = il.load(VGR)
    shuffled = model.with_nodes(reversed(list(model)))
    assert il.to_iati_xml(shuffled) == il.to_iati_xml(model)


# --- hypothesis: random models ------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _texts(model: il.Model) -> list[str]:
    kept = carried(model)
    texts = [model.title, model.description or ""]
    for node in kept:
        texts.extend([node.title, node.description or ""])
        if isinstance(node, il.Indicator):
            source = node.source.compact() if isinstance(node.source, il.Source) else node.source
            texts.extend([source or "", node.unit or "", node.geography or ""])
    return texts


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_random_models_round_trip_through_valid_iati(model: il.Model) -> None:
    schema = _SCHEMA
    if any(_NOT_XML.search(text) for text in _texts(model)):
        with pytest.raises(il.ModelError, match="cannot be written in XML"):
            il.to_iati_xml(model, start_year=2000)
        return
    text = il.to_iati_xml(model, start_year=2000)
    assert_valid(schema, text)
    assert il.from_iati_xml(text) == carried(model)


_SCHEMA = etree.XMLSchema(etree.parse(str(DATA / "iati-activities-schema.xsd")))


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20,000", 20_000.0),
        ("1,110", 1_110.0),
        ("1,234,567.5", 1_234_567.5),
        ("-1,000", -1_000.0),
        ("12 345", 12_345.0),
        ("12\u00a0345", 12_345.0),
        ("12\u202f345", 12_345.0),
        ("82", 82.0),
        ("0.5", 0.5),
        (".5", 0.5),
        ("+3", 3.0),
        ("1e3", 1_000.0),
        ("  7  ", 7.0),
        ("", None),
        ("   ", None),
    ],
)
def test_iati_numbers_are_read_with_thousands_separators(text: str, value: float | None) -> None:
    assert iati_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "3,5",
        "1.234,5",
        "1,23",
        "12,3456",
        "1,000 000",
        "abc",
        "1,,000",
        "NaN",
        "inf",
        "1e999",
        "12%",
    ],
)
def test_iati_numbers_that_could_be_misread_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="must be a"):
        iati_number(text)


def test_a_value_that_is_not_a_number_is_located_at_its_attribute() -> None:
    text = (
        "<iati-activities>\n<iati-activity>\n<iati-identifier>XM-1</iati-identifier>\n"
        '<result type="1"><indicator measure="1"><title>T</title>\n'
        '<period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>\n'
        '  <target   value="3,5"/></period></indicator></result>\n</iati-activity>\n</iati-activities>'
    )
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(text, name="plan.xml", strict=True)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("plan.xml", 6, 13)
    assert "(got '3,5')" in problem.message
    # Leniently, the value is left out and the same problem is a warning.
    model = il.from_iati_xml(text, name="plan.xml")
    assert model.warnings == (problem,)
    assert model["XM-1.r1.i1"].target is None


def test_a_bad_date_is_located_at_its_attribute() -> None:
    text = (
        '<iati-activity>\n<result type="1"><indicator measure="1"><title>T</title>\n'
        '<period><period-start iso-date="2020-01-01"/><period-end iso-date="31/12/2020"/>'
        '<actual value="1"/></period></indicator></result></iati-activity>'
    )
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(text, strict=True)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 58)
    assert "iso-date must be like 2021-12-31 (got '31/12/2020')" in problem.message
    assert il.from_iati_xml(text).warnings == (problem,)


@pytest.mark.parametrize("date", ["2025-13-45", "2025-02-30", "2025-00-10", "20250101"])
def test_a_date_that_is_no_day_is_a_located_problem_not_its_year(date: str) -> None:
    text = (
        '<iati-activity>\n<result type="1"><indicator measure="1"><title>T</title>\n'
        f'<period><period-end iso-date="{date}"/>'
        '<actual value="1"/></period></indicator></result></iati-activity>'
    )
    with pytest.raises(il.ModelError, match="iso-date must be like 2021-12-31") as caught:
        il.from_iati_xml(text, strict=True)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 21)]
    model = il.from_iati_xml(text)
    assert model["activity-1.r1.i1"].values == {}
    assert model.warnings == tuple(caught.value.problems)


# --- malformed and hostile XML ------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>
"""


def test_entity_bomb_is_refused_at_its_doctype() -> None:
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(BILLION_LAUGHS, name="bomb.xml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("bomb.xml", 2, 1)
    assert "DOCTYPE" in problem.message


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT", encoding="utf-8")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<iati-activity><iati-identifier>XM-1</iati-identifier><title>&xxe;</title></iati-activity>"
    )
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(text)
    assert "HEMLIGT" not in str(caught.value)
    assert caught.value.problems[0].line == 2


def test_external_dtd_on_the_network_is_refused() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE iati-activities SYSTEM "http://example.invalid/x.dtd">\n'
        "<iati-activities/>"
    )
    with pytest.raises(il.ModelError, match="DOCTYPE"):
        il.from_iati_xml(text)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("<iati-activities>\n  <iati-activity>\n</iati-activities>", 3, 19, "mismatch"),
        ("", 1, 1, "empty"),
        ("<a>&undefined;</a>", 1, 15, "not defined"),
        ("<iati-activities>\n<title>\xff</title>", 2, 8, ""),
        ("not xml at all", 1, 1, "Start tag expected"),
    ],
)
def test_malformed_xml_is_a_model_error_with_line_and_column(
    text: str, line: int, column: int, words: str
) -> None:
    data = text.encode("latin-1")
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(data, name="trasig.xml")
    problem = caught.value.problems[0]
    assert problem.file == "trasig.xml"
    assert problem.line == line
    assert problem.column == column
    assert words.lower() in problem.message.lower()


def test_a_file_that_is_not_iati_says_what_it_expected() -> None:
    with pytest.raises(
        il.ModelError, match=r"starts with <iati-activities> or <iati-activity> \(got <plan>\)"
    ):
        il.from_iati_xml("<plan/>")


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_real_files_load_or_raise_model_error(data: st.DataObject) -> None:
    original = GLOBAL_FUND.read_bytes()
    position = data.draw(st.integers(0, len(original) - 1))
    length = data.draw(st.integers(0, 40))
    insert = data.draw(
        st.binary(max_size=20)
        | st.sampled_from([b"<", b">", b"&", b'"', b"</result>", b",5", b"&amp;"])
    )
    mutated = original[:position] + insert + original[position + length :]
    with contextlib.suppress(il.ModelError):
        il.from_iati_xml(mutated)


def test_import_of_insatslogik_leaves_lxml_unloaded() -> None:
    code = "import sys, insatslogik; print('lxml' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_doctype_in_utf16_is_refused_too() -> None:
    # The byte search before parsing cannot see UTF-16; the check after parsing does.
    data = BILLION_LAUGHS.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(data.encode("utf-16"))
    assert caught.value.problems[0].line is not None


def test_deep_nesting_is_a_located_error() -> None:
    text = "<iati-activities>" + "<x>" * 20_000 + "</x>" * 20_000 + "</iati-activities>"
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml(text)
    (problem,) = caught.value.problems
    assert problem.line == 1
    assert problem.column is not None
    assert "depth" in problem.message.lower()


def test_text_with_a_declared_encoding_is_read_as_the_text_it_is() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activity><iati-identifier>SE-1'
        "</iati-identifier><title>Främja digital tillväxt</title></iati-activity>"
    )
    assert il.from_iati_xml(text)["SE-1"].title == "Främja digital tillväxt"
    assert il.from_iati_xml(text.encode("latin-1"))["SE-1"].title == "Främja digital tillväxt"


def test_xinclude_is_refused_even_though_it_would_not_be_resolved() -> None:
    text = (
        '<iati-activities xmlns:xi="http://www.w3.org/2001/XInclude">\n<iati-activity>\n'
        '  <xi:include href="file:///etc/passwd" parse="text"/>\n</iati-activity>\n</iati-activities>'
    )
    for strict in (True, False):
        with pytest.raises(il.ModelError, match="the file uses XInclude") as caught:
            il.from_iati_xml(text, name="x.xml", strict=strict)
        assert [(p.file, p.line) for p in caught.value.problems] == [("x.xml", 3)]
        assert "passwd" not in str(caught.value)


def test_elements_in_a_prefixed_namespace_are_read_and_located() -> None:
    text = (
        '<i:iati-activities xmlns:i="urn:example">\n<i:iati-activity>\n'
        "<i:iati-identifier>XM-1</i:iati-identifier>\n"
        '<i:result type="1"><i:title>R</i:title><i:indicator measure="1"><i:title>I</i:title>\n'
        '  <i:baseline year="2020" value="N/A"/></i:indicator></i:result>\n'
        "</i:iati-activity>\n</i:iati-activities>"
    )
    model = il.from_iati_xml(text, name="x.xml")
    assert [node.id for node in model.nodes()] == ["XM-1", "XM-1.r1", "XM-1.r1.i1"]
    assert [(w.line, w.column) for w in model.warnings] == [(5, 27)]
    assert model.location("XM-1.r1") == il.Problem("x.xml", 4, 1, "output 'XM-1.r1'")


def test_a_node_that_does_not_validate_is_left_out_with_its_links() -> None:
    # A result and its indicator whose ids are not ids: both are left out, the project stays.
    text = (
        '<iati-activity><iati-identifier>XM-1</iati-identifier>\n<result type="1" '
        'xmlns:il="urn:insatslogik:iati:1" il:id="bad id"><title>R</title>\n'
        '<indicator measure="1"><title>I</title></indicator></result></iati-activity>'
    )
    model = il.from_iati_xml(text, name="x.xml")
    assert [node.id for node in model] == ["XM-1"]
    assert [w.line for w in model.warnings] == [2, 2, 3]
    assert all("must be an id of letters" in w.message for w in model.warnings)
    with pytest.raises(il.ModelError):
        il.from_iati_xml(text, name="x.xml", strict=True)


def test_an_xml_syntax_error_does_not_echo_a_long_tag() -> None:
    with pytest.raises(il.ModelError) as caught:
        il.from_iati_xml("<i" + "9" * 5000 + "ati-activities>\n</iati-activities>", name="x.xml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 19)
    assert "9" * 41 not in problem.message
    assert len(problem.message) < 300


def test_a_file_on_one_line_is_located_by_column() -> None:
    results = "".join(
        f'<result type="1"><title>R{n}</title><indicator measure="1"><title>Å</title>'
        f'<baseline year="2020" value="{"N/A" if n == 3 else n}"/></indicator></result>'
        for n in range(1, 5)
    )
    text = f"<iati-activity><iati-identifier>XM-1</iati-identifier>{results}</iati-activity>"
    model = il.from_iati_xml(text, name="x.xml")
    (warning,) = model.warnings
    assert (warning.line, warning.column) == (1, text.index('value="N/A"') + 1)
    assert model.location("XM-1.r3") == il.Problem(
        "x.xml", 1, text.index('<result type="1"><title>R3') + 1, "output 'XM-1.r3'"
    )
