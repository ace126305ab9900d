"""Portfolios at the command line: a folder where one plan is read, the roll-up's weights,
and options that would otherwise be passed over without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from insatslogik.cli import main

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "examples" / "kronoberg"
PLAN = ROOT / "examples" / "kronoberg_rus.yaml"

# --- A folder is a portfolio ------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["table", "{folder}"],
        ["table", "{folder}", "--format", "csv"],
        ["render", "{folder}", "-o", "{out}.svg"],
        ["render", "{folder}", "-o", "{out}.html"],
        ["render", "{folder}", "-o", "{out}.mmd"],
    ],
    ids=["table", "table-csv", "render-svg", "render-html", "render-mermaid"],
)
def test_a_folder_without_portfolio_says_it_is_a_portfolio_and_what_to_add(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(folder=FOLDER, out=tmp_path / "ut") for a in argv]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"insatslogik: {FOLDER} är en mapp, och en mapp är en portfölj av planer: lägg till "
        "--portfolio för att läsa dess planer tillsammans\n"
    )
    assert "unknown file type" not in captured.out + captured.err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_folder_message_speaks_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", str(FOLDER), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"insatslogik: {FOLDER} is a folder, and a folder is a portfolio of plans: add "
        "--portfolio to read its plans together\n"
    )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["convert", "{folder}", "{out}.json"], "insatslogik convert"),
        (["diff", "{folder}", "{plan}"], "insatslogik diff"),
        (["diff", "{plan}", "{folder}"], "insatslogik diff"),
        (["update-values", "{folder}"], "insatslogik update-values"),
        (["render", "{plan}", "--compare", "{folder}", "-o", "{out}.svg"], "--compare"),
    ],
    ids=["convert", "diff-old", "diff-new", "update-values", "render-compare"],
)
def test_a_folder_where_only_a_plan_file_is_read_says_so(
    argv: list[str], command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(folder=FOLDER, plan=PLAN, out=tmp_path / "ut") for a in argv]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"insatslogik: {FOLDER} är en mapp, och en mapp är en portfölj av planer: {command} "
        "läser planfiler, inte mappar; ge en av dess filer\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["validate", "check", "coverage", "indicators", "follow-up"])
def test_the_commands_about_several_plans_still_read_a_folder_file_by_file(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(FOLDER)]) == 0
    captured = capsys.readouterr()
    assert "unknown file type" not in captured.err
    assert "är en mapp" not in captured.err


@pytest.mark.parametrize("command", ["table", "validate", "check", "coverage", "indicators"])
def test_a_folder_with_portfolio_is_read_as_one_portfolio(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(FOLDER), "--portfolio"]) == 0
    assert "är en mapp" not in capsys.readouterr().err


def test_render_draws_a_folder_with_portfolio(tmp_path: Path) -> None:
    out = tmp_path / "portfolj.dot"
    argv = ["render", str(FOLDER), "--portfolio", "--cluster-by", "plan", "-o", str(out)]
    assert main(argv) == 0
    source = out.read_text(encoding="utf-8")
    assert 'label="Sydostleden – cykelled och företagande"' in source  # a box per plan file
    assert 'label="RIS för Kronobergs län' in source


# --- render --page: sheets of paper are Graphviz diagrams ----------------------------------


@pytest.mark.parametrize(
    ("extra", "what"),
    [
        (["-o", "{out}.html"], "den interaktiva sidan (.html)"),
        (["-o", "{out}.mmd"], "Mermaid-text (.mmd)"),
        (["-o", "{out}.svg", "--structure"], "strukturen (--structure)"),
        (["-o", "{out}.svg", "--compare", "{plan}"], "ett diagram över ändringar (--compare)"),
    ],
    ids=["html", "mermaid", "structure", "compare"],
)
def test_render_page_is_refused_where_it_cannot_split_the_drawing(
    extra: list[str], what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["render", str(PLAN), "--page", "a4", *extra]
    assert main([a.format(out=tmp_path / "ut", plan=PLAN) for a in args]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --page delar kedjediagrammet på pappersark (.svg, .png, .pdf eller .dot), "
        f"inte {what}: ta bort --page eller välj ett sådant OUT\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_render_page_with_html_is_refused_in_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.html"
    assert main(["render", str(PLAN), "--page", "a3", "-o", str(out), "--lang", "en"]) == 2
    assert "not the interactive page (.html)" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("flag", ["--landscape", "--no-landscape"])
def test_landscape_without_page_is_refused(
    flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.svg"
    assert main(["render", str(PLAN), flag, "-o", str(out), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --landscape and --no-landscape are for paper sheets: give --page a4 or "
        "a3 too\n"
    )
    assert not out.exists()


def test_render_page_still_writes_sheets_of_a_diagram(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ark.dot"
    assert main(["render", str(PLAN), "--page", "a3", "--landscape", "-o", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir())[0] == "ark-1.dot"
    assert capsys.readouterr().out.startswith(f"wrote {tmp_path / 'ark-1.dot'} (")


# --- portfolio roll-up --weight -------------------------------------------------------------

_SHARE = """\
insatslogik: 1
id: {plan}
title: {plan}
nodes:
  - {{id: andel, kind: indicator, title: Andel digitala SMF, unit: "%",
     aggregate: {aggregate}, source: {{kolada: {{kpi: N00999, area: "{area}"}}}},
     values: {{2021: {first}, 2022: {second}}}}}
"""


def _shares(folder: Path, aggregate: str = "weighted-mean") -> list[str]:
    # Two municipalities' shares of the same Kolada figure: they match, and roll up together.
    paths = []
    for plan, area, first, second in (("kommun-a", "0780", 60, 70), ("kommun-b", "0760", 40, 50)):
        path = folder / f"{plan}.yaml"
        text = _SHARE.format(plan=plan, area=area, first=first, second=second, aggregate=aggregate)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


_ROLL_UP = ["portfolio", "roll-up", "--indicator", "kommun-a:andel"]


def test_roll_up_weighs_each_indicator_by_its_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=300", "--weight", "kommun-b:andel=100"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights]) == 0
    assert capsys.readouterr().out == (
        "vägt medelvärde av 2 indikatorer (kommun-a:andel med vikt 300, kommun-b:andel med vikt 100)\n"
        "2021: 55 %\n"
        "2022: 65 %\n"
    )


def test_a_weight_may_have_a_decimal_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=0,75", "--weight", "kommun-b:andel=0.25"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(y["year"], y["value"]) for y in document["years"]] == [(2021, 55.0), (2022, 65.0)]
    assert document["weights"] == {"kommun-a:andel": 0.75, "kommun-b:andel": 0.25}


def test_without_weights_a_weighted_mean_is_refused_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_ROLL_UP, *_shares(tmp_path), "--weight", "kommun-a:andel=3"]) == 1
    out = capsys.readouterr().out
    assert "Räknas inte samman" in out
    assert "saknas: kommun-b:andel" in out


@pytest.mark.parametrize("given", ["kommun-a:andel", "=3", "kommun-a:andel=-1", "a=x", "a=inf"])
def test_a_weight_that_is_no_id_and_number_is_a_usage_error(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_ROLL_UP, *_shares(tmp_path), "--weight", given, "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --weight is written ID=NUMBER, with a weight of zero or more "
        f"(got {given!r})\n"
    )


def test_a_weight_of_an_indicator_outside_the_roll_up_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=3", "--weight", "kommun-c:andel=1"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --weight nämner kommun-c:andel, som inte räknas samman här "
        "(indikatorerna: kommun-a:andel, kommun-b:andel)\n"
    )


def test_weights_for_a_roll_up_that_is_no_weighted_mean_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=3", "--weight", "kommun-b:andel=1"]
    assert main([*_ROLL_UP, *_shares(tmp_path, "mean"), *weights]) == 2
    assert "räknas samman som medelvärde" in capsys.readouterr().err


def test_weight_with_another_analysis_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["portfolio", "coverage", *_shares(tmp_path), "--weight", "kommun-a:andel=3"]
    assert main(argv) == 2
    assert "använd den med portfolio roll-up" in capsys.readouterr().err


def test_roll_up_keeps_the_indicator_asked_for_among_copies_of_one_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _shares(tmp_path)
    # kommun-c writes kommun-a's series (same KPI, same area) again, with the same values.
    copy = tmp_path / "kommun-c.yaml"
    copy.write_text(
        _SHARE.format(plan="kommun-c", area="0780", first=60, second=70, aggregate="weighted-mean"),
        encoding="utf-8",
    )
    weights = ["--weight", "kommun-c:andel=3", "--weight", "kommun-b:andel=1"]
    argv = ["portfolio", "roll-up", "--indicator", "kommun-c:andel", *paths, str(copy)]
    assert main([*argv, *weights]) == 0
    assert capsys.readouterr().out == (
        "vägt medelvärde av 2 indikatorer (kommun-b:andel med vikt 1, kommun-c:andel med vikt 3)\n"
        "2021: 55 %\n"
        "2022: 65 %\n"
        "utelämnade som dubbletter av samma serie: kommun-a:andel\n"
    )


def test_roll_up_refuses_copies_of_one_series_whose_values_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _shares(tmp_path)
    copy = tmp_path / "kommun-c.yaml"
    copy.write_text(
        _SHARE.format(plan="kommun-c", area="0780", first=61, second=70, aggregate="weighted-mean"),
        encoding="utf-8",
    )
    argv = ["portfolio", "roll-up", "--indicator", "kommun-c:andel", *paths, str(copy)]
    assert main([*argv, "--weight", "kommun-c:andel=1", "--weight", "kommun-b:andel=1"]) == 1
    assert "kommun-a:andel \N{NOT EQUAL TO} kommun-c:andel (2021)" in capsys.readouterr().out


def test_a_mean_on_the_command_line_is_rounded_in_text_and_whole_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=1", "--weight", "kommun-b:andel=2"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["2021: 46,7 %", "2022: 56,7 %"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == '2021,"46,7",'
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights, "--format", "json"]) == 0
    years = json.loads(capsys.readouterr().out)["years"]
    assert years[0]["value"] == pytest.approx(140 / 3, abs=0)


def test_a_weight_given_twice_for_one_indicator_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=3", "--weight", "kommun-a:andel=1"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --weight ges en gång per indikator (fick kommun-a:andel mer än en gång)\n"
    )
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights, "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "insatslogik: --weight is given once per indicator (got kommun-a:andel more than once)\n"
    )


def test_weights_all_zero_are_refused_as_all_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weight", "kommun-a:andel=0", "--weight", "kommun-b:andel=0"]
    assert main([*_ROLL_UP, *_shares(tmp_path), *weights]) == 1
    out = capsys.readouterr().out
    assert "alla vikter är noll (kommun-a:andel, kommun-b:andel)" in out
    assert "saknas" not in out


# --- usage errors in the user's language ------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "swedish", "english"),
    [
        (
            ["portfolio", "roll-up", "{folder}"],
            "roll-up behöver --indicator ID",
            "roll-up needs --indicator ID",
        ),
        (
            ["portfolio", "roll-up", "{folder}", "--indicator", "nope"],
            "--indicator nope: portföljen har ingen nod med id 'nope'",
            "--indicator nope: the portfolio has no node with id 'nope'",
        ),
        (
            ["render", "{plan}", "--compare", "{plan}", "-o", "{out}.html"],
            "--compare markerar ändringarna i kedjediagrammet",
            "--compare marks the changes in the chain diagram",
        ),
        (
            ["render", "{plan}", "--show", "actors", "-o", "{out}.html"],
            "--show lägger till lager i kedjediagrammet",
            "--show adds layers to the chain diagram",
        ),
        (
            ["render", "{plan}", "--page", "a4", "-o", "-", "--to", "svg"],
            "--page skriver en fil per ark",
            "--page writes one file per sheet",
        ),
        (
            [
                "render",
                "{folder}",
                "--portfolio",
                "--page",
                "a4",
                "--focus-plan",
                "x",
                "-o",
                "{out}.pdf",
            ],
            "inte en plan ur en portfölj (--focus-plan)",
            "not one plan of a portfolio (--focus-plan)",
        ),
        (
            ["render", "{plan}", "-o", "{out}.txt"],
            "OUT ska sluta på .svg",
            "OUT must end in .svg",
        ),
        (
            ["render", "{plan}", "-o", "-"],
            "-o - skriver till standard ut: ange formatet med --to",
            "-o - writes to standard output: name the format with --to",
        ),
    ],
    ids=[
        "no-indicator",
        "unknown-indicator",
        "compare-html",
        "show-html",
        "page-stdout",
        "page-focus-plan",
        "suffix",
        "stdout-to",
    ],
)
def test_usage_errors_are_in_swedish_by_default_and_english_on_request(
    argv: list[str], swedish: str, english: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(folder=FOLDER, plan=PLAN, out=tmp_path / "ut") for a in argv]
    assert main(args) == 2
    assert swedish in capsys.readouterr().err
    assert main([*args, "--lang", "en"]) == 2
    assert english in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_render_page_with_focus_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for focus in ("mal-1", "nope"):
        out = tmp_path / "ark.svg"
        assert main(["render", str(PLAN), "--page", "a4", "--focus", focus, "-o", str(out)]) == 2
        assert "inte en nods kedja (--focus)" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []


# --- a portfolio with a plan that could not be loaded -------------------------------------------


def _broken_portfolio(folder: Path) -> Path:
    folder.mkdir()
    _shares(folder)
    (folder / "trasig.yaml").write_text(
        "insatslogik: 1\nid: trasig\ntitle: T\nnodes: [{id: a, kind: goal}]\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["table", "{folder}", "--portfolio"],
        ["render", "{folder}", "--portfolio", "-o", "{out}.dot"],
        ["render", "{folder}", "--portfolio", "-o", "{out}.mmd"],
        ["render", "{folder}", "--portfolio", "-o", "{out}.html"],
    ],
    ids=["table", "render-dot", "render-mermaid", "render-html"],
)
def test_table_and_render_of_a_portfolio_with_a_plan_left_out_exit_1(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _broken_portfolio(tmp_path / "plans")
    args = [a.format(folder=folder, out=tmp_path / "ut") for a in argv]
    assert main(args) == 1
    assert "trasig.yaml" in capsys.readouterr().err


def test_portfolio_coverage_of_a_plan_without_goals_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _shares(tmp_path)
    assert main(["portfolio", "coverage", *paths, "--plan", "kommun-a"]) == 0
    assert capsys.readouterr().out == "Planen kommun-a har inga mål.\n"
    assert main(["portfolio", "coverage", *paths, "--plan", "kommun-a", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "Plan kommun-a has no goals.\n"
