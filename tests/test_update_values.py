"""Structured indicator sources and `insatslogik update-values`: fetch, merge, report, save."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.statistics import Change, fetching
from insatslogik.model.schema import source_from_compact
from tests.test_statistics import kolada_item, serve

__all__ = ["serve"]  # the local server fixture, shared with the fetcher tests

PLAN = """\
insatslogik: 1
title: Regional utvecklingsstrategi
nodes:
  - id: mal
    kind: goal
    title: Fler i arbete
    measured_by: [syss, fritext]
  - id: syss
    kind: indicator
    title: Andel förvärvsarbetande
    unit: "%"
    source:
      kolada: {kpi: N00945, area: "1860"}
    values: {2019: 1.0}
  - id: fritext
    kind: indicator
    title: Nöjdhet
    source: Egen enkät
    values: {2020: 3.0}
"""


def kolada_answer(*items: dict[str, Any]) -> bytes:
    return json.dumps({"count": len(items), "values": list(items)}).encode()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command's client retries with waits of seconds; the tests need no waiting.
    original = fetching.UrllibClient

    def quick() -> fetching.UrllibClient:
        return original(timeout=5, retries=1, backoff=0.0)

    monkeypatch.setattr(fetching, "UrllibClient", quick)


# --- the structured source ----------------------------------------------------------------------


def test_structured_source_loads_and_shows_as_short_text() -> None:
    model = il.loads(PLAN)
    source = model["syss"].source
    assert isinstance(source, il.Source)
    assert source.kolada == il.KoladaSource(kpi="N00945", area="1860")
    assert str(source) == "Kolada N00945, 1860"
    assert model["fritext"].source == "Egen enkät"  # free text unchanged
    assert "Kolada N00945, 1860" in il.render_table(model, kind="indicators")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{kolada: {kpi: n945, area: "1860"}}', "source.kolada.kpi must be text of the right form"),
        (
            '{kolada: {kpi: N00945, area: "186"}}',
            "source.kolada.area must be text of the right form",
        ),
        ("{kolada: {kpi: N00945, area: 1860}}", "source.kolada.area must be text"),
        ("{scb: {url: x}}", "unknown key 'scb'"),
        ('{kolada: {kpi: N00945, area: "1860", kommun: x}}', "unknown key 'kommun'"),
        ("{pxweb: {url: x}, jsonstat: {url: x}}", "exactly one of kolada, pxweb or jsonstat"),
    ],
)
def test_bad_structured_source_is_located(source: str, message: str) -> None:
    text = PLAN.replace(
        '    source:\n      kolada: {kpi: N00945, area: "1860"}\n', f"    source: {source}\n"
    )
    assert text != PLAN
    with pytest.raises(il.ModelError) as caught:
        il.loads(text, name="plan.yaml")
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert problems[0].line == 12
    assert message in problems[0].message
    # Only the mapping's own error, not also the free-text branch's "must be text".
    assert "source must be text" not in problems[0].message


def test_structured_source_round_trips_through_excel_and_iati(tmp_path: Path) -> None:
    model = il.loads(PLAN.replace("    values: {2019: 1.0}\n", "    values: {2019: 1.0}\n", 1))
    book = tmp_path / "plan.xlsx"
    il.write_excel(model, book)
    assert il.read_excel(book) == model
    xml = il.to_iati_xml(model, reporting_org="SE-2021002-1234")
    assert il.from_iati_xml(xml)["syss"].source == model["syss"].source


def test_compact_form_of_every_service() -> None:
    sources = [
        il.Source(kolada=il.KoladaSource(kpi="N00945", area="1860", gender="K")),
        il.Source(pxweb=il.PxwebSource(url="https://api.scb.se/t", query={"query": []})),
        il.Source(jsonstat=il.JsonstatSource(url="https://e.eu/d", select={"geo": "SE"})),
    ]
    for source in sources:
        assert il.Source.model_validate(source_from_compact(source.compact())) == source
    assert source_from_compact("kolada: N00945") == "kolada: N00945"


# --- update_values, the API ---------------------------------------------------------------------


class Recorded:
    """A client that answers every GET with one body and records the addresses."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.urls: list[str] = []

    def get(self, url: str) -> bytes:
        self.urls.append(url)
        return self.body

    def post(self, url: str, body: bytes) -> bytes:
        raise NotImplementedError


def test_update_adds_years_and_breakdowns_and_skips_missing() -> None:
    body = kolada_answer(
        kolada_item(2019, T=1.0, K=0.9, M=1.1),
        kolada_item(2020, T=2.0, K=1.9, M=2.1),
        kolada_item(2021, T=None),
    )
    client = Recorded(body)
    updated, update = il.update_values(il.loads(PLAN), client=client, years=[2019, 2020, 2021])
    node = updated["syss"]
    assert node.values == {2019: 1.0, 2020: 2.0}
    assert node.disaggregation == {
        "kön": {"kvinnor": {2019: 0.9, 2020: 1.9}, "män": {2019: 1.1, 2020: 2.1}}
    }
    assert client.urls == [
        "https://api.kolada.se/v3/data/kpi/N00945/municipality/1860/year/2019,2020,2021"
    ]
    (report,) = update.indicators  # the free-text source is not fetched
    assert (report.id, report.status, report.unchanged) == ("syss", "updated", 1)
    assert [(c.year, c.group) for c in report.added] == [
        (2020, None),
        (2019, "kön: kvinnor"),
        (2020, "kön: kvinnor"),
        (2019, "kön: män"),
        (2020, "kön: män"),
    ]
    assert update.ok
    assert updated["fritext"] == il.loads(PLAN)["fritext"]


def test_update_keeps_a_differing_value_unless_overwrite() -> None:
    client = Recorded(kolada_answer(kolada_item(2019, T=1.5)))
    model = il.loads(PLAN)
    same, kept = il.update_values(model, client=client, years=[2019])
    assert same is model
    assert not kept.ok
    assert not kept.changed
    (report,) = kept.indicators
    assert report.status == "conflict"
    assert report.conflicts == (Change(2019, None, 1.0, 1.5),)
    assert "2019: behöll 1, hämtat 1,5" in kept.to_text()
    updated, replaced = il.update_values(model, client=client, years=[2019], overwrite=True)
    assert updated["syss"].values == {2019: 1.5}
    assert model["syss"].values == {2019: 1.0}  # the given model is not changed
    assert replaced.ok
    assert replaced.indicators[0].changed == (Change(2019, None, 1.0, 1.5),)


def test_update_follows_one_gender_when_the_source_names_it() -> None:
    text = PLAN.replace('area: "1860"}', 'area: "1860", gender: K}')
    client = Recorded(kolada_answer(kolada_item(2020, T=2.0, K=1.9, M=2.1)))
    updated, _ = il.update_values(il.loads(text), client=client, years=[2020])
    assert updated["syss"].values == {2019: 1.0, 2020: 1.9}
    assert updated["syss"].disaggregation == {}


def test_update_only_names_an_indicator_with_a_structured_source() -> None:
    model = il.loads(PLAN)
    with pytest.raises(il.UsageError, match="no kolada, pxweb or jsonstat source"):
        il.update_values(model, only=["fritext"], client=Recorded(b"{}"))
    with pytest.raises(il.UsageError, match="no indicator 'saknas'"):
        il.update_values(model, only=["saknas"], client=Recorded(b"{}"))


def test_update_of_a_jsonstat_source_uses_its_selection() -> None:
    body = json.dumps(
        {
            "version": "2.0",
            "class": "dataset",
            "id": ["region", "time"],
            "size": [2, 1],
            "dimension": {
                "region": {"category": {"index": {"14": 0, "13": 1}}},
                "time": {"category": {"index": {"2020": 0}}},
            },
            "value": [5, 6],
        }
    ).encode()
    model = il.Model(
        [
            il.Indicator(
                id="i",
                title="I",
                source={"jsonstat": {"url": "https://e.eu/d", "select": {"region": "13"}}},
            )
        ],
        title="P",
    )
    updated, _ = il.update_values(model, client=Recorded(body))
    assert updated["i"].values == {2020: 6.0}


# --- the command --------------------------------------------------------------------------------


def test_command_fetches_from_the_server_and_saves(
    plan: Path, serve: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve(
        [(200, kolada_answer(kolada_item(2019, T=1.0), kolada_item(2020, T=2.5, K=2.4)))]
    )
    code = main(["update-values", str(plan), "--kolada-url", f"{server.url}/v3", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "syss (Kolada N00945, 1860): updated (added 2, same 1)" in out
    assert f"wrote {plan}" in out
    saved = il.load(plan)
    assert saved["syss"].values == {2019: 1.0, 2020: 2.5}
    assert saved["syss"].disaggregation == {"kön": {"kvinnor": {2020: 2.4}}}
    assert saved["fritext"].source == "Egen enkät"
    (request,) = server.requests
    assert request[1].startswith("/v3/data/kpi/N00945/municipality/1860/year/2000,2001,")


def test_command_reports_a_conflict_and_keeps_the_value(
    plan: Path, serve: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve([(200, kolada_answer(kolada_item(2019, T=9.0)))])
    before = plan.read_bytes()
    code = main(["update-values", str(plan), "--kolada-url", f"{server.url}/v3"])
    out = capsys.readouterr().out
    assert code == 1
    assert "syss (Kolada N00945, 1860): konflikt (konflikter 1, samma 0)" in out
    assert "  2019: behöll 1, hämtat 9" in out
    assert plan.read_bytes() == before  # nothing changed, nothing written


def test_command_dry_run_writes_nothing(
    plan: Path, serve: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve([(200, kolada_answer(kolada_item(2020, T=2.0)))])
    before = plan.read_bytes()
    code = main(["update-values", str(plan), "--dry-run", "--kolada-url", f"{server.url}/v3"])
    out = capsys.readouterr().out
    assert code == 0
    assert "uppdaterad (tillagda 1, samma 0)" in out
    assert "wrote" not in out
    assert plan.read_bytes() == before


def test_command_offline_says_so(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["update-values", str(plan), "--kolada-url", "http://127.0.0.1:9/v3"])
    captured = capsys.readouterr()
    assert code == 1
    assert "misslyckades: http://127.0.0.1:9/v3/data/kpi/N00945" in captured.out
    assert "no connection (offline?)" in captured.out
    assert "no values could be fetched: are you offline" in captured.err


def test_command_usage_errors(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["update-values", str(plan), "--only", "fritext"]) == 2
    assert "no kolada, pxweb or jsonstat source" in capsys.readouterr().err
    book = plan.with_suffix(".xlsx")
    assert main(["update-values", str(book)]) == 2
    assert "updates a plan file" in capsys.readouterr().err


def test_the_kronoberg_example_fetches_its_population_from_kolada(
    tmp_path: Path, serve: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bundled plan's one structured source: Kolada's N01951 for Kronobergs län (0007).
    plan = tmp_path / "kronoberg_rus.yaml"
    plan.write_bytes(
        (Path(__file__).parent.parent / "examples" / "kronoberg_rus.yaml").read_bytes()
    )
    items = [
        {**kolada_item(year, T=value), "kpi": "N01951", "municipality": "0007"}
        for year, value in ((2014, 1_000.0), (2015, 1_001.0))  # made up: a test server
    ]
    server = serve([(200, kolada_answer(*items))])
    code = main(["update-values", str(plan), "--kolada-url", f"{server.url}/v3", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ind-befolkningsantalet (Kolada N01951, 0007): updated (added 2, same 0)" in out
    (request,) = server.requests  # no other indicator names a service
    assert request[1].startswith("/v3/data/kpi/N01951/municipality/0007/year/")
    saved = il.load(plan)
    assert saved["ind-befolkningsantalet"].values == {2014: 1_000.0, 2015: 1_001.0}
    assert len(saved) == len(
        il.load(Path(__file__).parent.parent / "examples" / "kronoberg_rus.yaml")
    )
