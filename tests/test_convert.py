"""convert: between every pair of formats by suffix or by name, from Python and the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.convert import FORMATS, convert_read, convert_write, format_of
from tests.conftest import saved_into
from tests.test_iati import GLOBAL_FUND, carried

VGR = Path(__file__).resolve().parent.parent / "examples" / "vgr_kraftsamling_digitalisering.yaml"
LOSSLESS = [".yaml", ".yml", ".json", ".nodelink.json"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("plan.yaml", "yaml"),
        ("PLAN.YML", "yaml"),
        ("plan.json", "json"),
        ("plan.nodelink.json", "node-link"),
        ("Plan.NodeLink.JSON", "node-link"),
        ("iati-activities.xml", "iati"),
        ("plan.xlsx", "excel"),
        ("a.b/plan.v2.yaml", "yaml"),
    ],
)
def test_format_is_chosen_by_suffix(name: str, fmt: str) -> None:
    assert format_of(name) == fmt


@pytest.mark.parametrize("name", ["plan.txt", "plan", "plan.yaml.bak", "plan.nodelink"])
def test_unknown_suffix_is_a_usage_error_listing_the_known_ones(name: str) -> None:
    with pytest.raises(
        il.UsageError, match=r"must end in .nodelink.json, .yaml, .yml, .json, .xml, .xlsx"
    ):
        format_of(name)


@pytest.mark.parametrize("first", LOSSLESS)
@pytest.mark.parametrize("second", LOSSLESS)
def test_lossless_formats_convert_into_each_other_unchanged(
    tmp_path: Path, first: str, second: str
) -> None:
    model = saved_into(il.load(VGR), tmp_path)
    a = il.convert(VGR, tmp_path / f"a{first}")
    b = il.convert(a, tmp_path / f"b{second}")
    assert convert_read(b) == model
    back = il.convert(b, tmp_path / "back.yaml")
    # The plan as loaded, saved beside: `model` has the paths read back, not its own file's.
    il.save(il.load(VGR), tmp_path / "canonical.yaml")
    assert back.read_bytes() == (tmp_path / "canonical.yaml").read_bytes()


def test_node_link_file_is_what_to_node_link_gives(tmp_path: Path) -> None:
    out = il.convert(VGR, tmp_path / "plan.nodelink.json")
    expected = il.to_node_link(saved_into(il.load(VGR), tmp_path))
    assert json.loads(out.read_text(encoding="utf-8")) == expected


def test_iati_keeps_what_it_can_carry(tmp_path: Path) -> None:
    xml = il.convert(VGR, tmp_path / "plan.xml", reporting_org="SE-ORGNR-2321000131")
    assert "<iati-identifier>SE-ORGNR-2321000131-" in xml.read_text(encoding="utf-8")
    back = il.convert(xml, tmp_path / "plan.yaml")
    assert il.load(back) == carried(il.load(VGR))


def test_real_iati_file_converts_to_yaml(tmp_path: Path) -> None:
    out = il.convert(GLOBAL_FUND, tmp_path / "gf.yaml")
    assert il.load(out) == il.read_iati(GLOBAL_FUND)


def test_formats_can_be_named_when_the_suffix_does_not_say(tmp_path: Path) -> None:
    graph = tmp_path / "graf.json"
    il.convert(VGR, graph, to_format="node-link")
    assert "edges" in json.loads(graph.read_text(encoding="utf-8"))
    with pytest.raises(il.ModelError):
        il.load(graph)  # as a model file it is not one
    assert il.convert(graph, tmp_path / "plan.yaml", from_format="node-link").exists()
    assert il.load(tmp_path / "plan.yaml") == saved_into(il.load(VGR), tmp_path)
    written = convert_write(il.load(VGR), tmp_path / "plan.txt", format="yaml")
    assert il.load(written, format="yaml") == saved_into(il.load(VGR), tmp_path)


def test_unknown_format_name_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"format must be one of node-link, yaml, json, iati, excel \(got 'csv'\)"
    ):
        il.convert(VGR, tmp_path / "x.csv", to_format="csv")


def test_every_format_has_a_reader_and_a_writer() -> None:
    assert set(FORMATS) == {"yaml", "json", "node-link", "iati", "excel"}
    assert all(callable(f.read) and callable(f.write) for f in FORMATS.values())


def test_a_source_with_problems_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("insatslogik: 1\ntitle: T\nnodes:\n  - {id: a, kind: goal}\n", encoding="utf-8")
    with pytest.raises(il.ModelError, match="title is required"):
        il.convert(bad, tmp_path / "out.xml")
    assert not (tmp_path / "out.xml").exists()


# --- command line ---------------------------------------------------------------------------


def test_cli_convert_writes_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.nodelink.json"
    assert main(["convert", str(VGR), str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    # Data in memory has its `uses` relative to the folder of its `name`.
    again = il.from_node_link(json.loads(out.read_text(encoding="utf-8")), name=str(out))
    assert again == saved_into(il.load(VGR), tmp_path)


def test_cli_convert_to_iati_takes_the_reporting_organisation(tmp_path: Path) -> None:
    out = tmp_path / "plan.xml"
    code = main(
        [
            "convert",
            str(VGR),
            str(out),
            "--reporting-org",
            "SE-ORGNR-2321000131",
            "--identifier",
            "SE-ORGNR-2321000131-KD",
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "<iati-identifier>SE-ORGNR-2321000131-KD</iati-identifier>" in text
    assert 'reporting-org ref="SE-ORGNR-2321000131"' in text


def test_cli_convert_with_from_and_to(tmp_path: Path) -> None:
    graph = tmp_path / "graf.json"
    assert main(["convert", str(VGR), str(graph), "--to", "node-link"]) == 0
    assert main(["convert", str(graph), str(tmp_path / "plan.yml"), "--from", "node-link"]) == 0
    assert il.load(tmp_path / "plan.yml") == saved_into(il.load(VGR), tmp_path)


def test_cli_convert_unknown_suffix_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(VGR), str(tmp_path / "plan.txt")]) == 2
    err = capsys.readouterr().err
    assert "unknown file type" in err
    assert "--from/--to" in err
    assert not (tmp_path / "plan.txt").exists()


def test_cli_convert_reports_located_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xml"
    shutil.copy(GLOBAL_FUND, bad)
    bad.write_text(
        bad.read_text(encoding="utf-8").replace('value="20,000"', 'value="20,00"'), encoding="utf-8"
    )
    assert main(["convert", "--strict", str(bad), str(tmp_path / "out.yaml")]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:194:9: value must be a number such as 1234.5 or 1,234.5 (got '20,00')" in out
    assert not (tmp_path / "out.yaml").exists()
    # Read leniently (the default for IATI), the value is left out and the problem is a warning.
    assert main(["convert", str(bad), str(tmp_path / "out.yaml")]) == 0
    out, err = capsys.readouterr()
    assert f"warning: {bad}:194:9: value must be a number" in err
    assert f"{bad} was read with 1 warning" in err
    assert out == f"wrote {tmp_path / 'out.yaml'}\n"
    assert il.load(tmp_path / "out.yaml")


def test_cli_convert_missing_source_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(tmp_path / "nej.yaml"), str(tmp_path / "ut.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_excel_workbooks_convert_both_ways(tmp_path: Path) -> None:
    workbook = il.convert(VGR, tmp_path / "plan.xlsx")
    assert workbook.read_bytes()[:2] == b"PK"  # a zip, as every .xlsx is
    assert convert_read(workbook) == saved_into(il.load(VGR), tmp_path)
    assert il.load(il.convert(workbook, tmp_path / "plan.json")) == saved_into(
        il.load(VGR), tmp_path
    )
    xml = il.convert(workbook, tmp_path / "plan.xml")
    assert il.read_iati(xml) == carried(il.load(VGR))


def test_cli_convert_to_iati_needs_a_start_year_when_the_plan_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "utan-ar.yaml"
    il.save(il.Model([il.Goal(id="mal", title="Mål")], title="T"), plan)
    out = tmp_path / "plan.xml"
    assert main(["convert", str(plan), str(out)]) == 1
    assert "give start_year (--start-year)" in capsys.readouterr().out
    assert not out.exists()
    assert main(["convert", str(plan), str(out), "--start-year", "2021"]) == 0
    assert '<activity-date type="1" iso-date="2021-01-01"/>' in out.read_text(encoding="utf-8")
