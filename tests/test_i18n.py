"""The language module: one place for every word, numbers as Swedish and English write them,
and every function that shows words speaking the model's language unless told otherwise."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

import insatslogik as il
from insatslogik import i18n
from insatslogik.analyses.findings import Finding, Report
from insatslogik.render.view import chain_view

SRC = Path(il.__file__).resolve().parent
NBSP = "\u00a0"

# --- One place for words ----------------------------------------------------------------------

#: What a language branch or a second definition of `Lang` looks like in code.
LANGUAGE_CODE = re.compile(
    r"""[!=]=\s*["'](?:sv|en)["']"""  # lang == "sv"
    r"""|["'](?:sv|en)["']\s*[!=]="""  # "en" == lang
    r"""|["'](?:sv|en)["']\s+if\b"""  # "sv" if … else …
    r"""|\bin\s*[(\[{]\s*["'](?:sv|en)["']"""  # lang in ("sv", …)
    r"""|^\s*Lang\s*(?::[^=]*)?="""  # Lang = Literal[…]
    r"""|Literal\[\s*["'](?:sv|en)["']""",  # Literal["sv", "en"]
    re.MULTILINE,
)


@pytest.mark.parametrize(
    "line",
    [
        'word = "mål" if lang == "sv" else "target"',
        'if "en" == lang:',
        'names[lang == "en"]',
        'x = "sv" if english else "en"',
        'if lang in ("sv", "en"):',
        'Lang = Literal["sv", "en"]',
        "Lang: TypeAlias = str",
        "def f(lang: Literal['sv', 'en']) -> None: ...",
    ],
)
def test_the_pattern_finds_a_language_branch(line: str) -> None:
    assert LANGUAGE_CODE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "def f(lang: Lang | None = None) -> None: ...",
        'template(lang: Lang = "sv")',
        'TEMPLATES = {"sv": _SV, "en": _EN}',
        'language=graph.graph.get("language", "sv")',
        "from insatslogik.i18n import Lang",
    ],
)
def test_the_pattern_lets_ordinary_code_be(line: str) -> None:
    assert not LANGUAGE_CODE.search(line)


def test_no_module_but_i18n_branches_on_the_language_or_defines_lang() -> None:
    found = [
        f"{path.relative_to(SRC)}:{text[: match.start()].count(chr(10)) + 1}: {match.group().strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "i18n.py"
        for text in [path.read_text(encoding="utf-8")]
        for match in LANGUAGE_CODE.finditer(text)
    ]
    assert found == []


def test_the_language_module_imports_only_the_errors_from_the_package() -> None:
    # Everything may use it, the vocabulary (kinds) included, so it must stand on its own; it
    # raises the package's UsageError for an unknown language, from a module that imports
    # nothing.
    tree = ast.parse((SRC / "i18n.py").read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert [name for name in imported if name.startswith("insatslogik")] == ["insatslogik.errors"]


def test_every_word_has_a_swedish_and_an_english_text() -> None:
    for key in i18n._WORDS:
        swedish, english = i18n.both(key)
        assert swedish.strip(), key
        assert english.strip(), key


@pytest.mark.parametrize("kind", list(il.Kind))
def test_every_kind_has_its_names(kind: il.Kind) -> None:
    assert kind.swedish == i18n.kind_name(kind, "sv")
    assert kind.english == i18n.kind_name(kind, "en") == kind.value.replace("_", " ")
    assert i18n.kind_definite(kind, "sv").endswith(("n", "t", "en", "et"))


@pytest.mark.parametrize("code", list(il.Code))
def test_every_finding_code_has_a_message_in_both_languages(code: il.Code) -> None:
    parts = dict.fromkeys(
        ("node", "source", "target", "path", "from_level", "to_level", "next_level"), "x"
    ) | dict.fromkeys(
        (
            "lower_level",
            "skipped",
            "missing",
            "reason",
            "year",
            "latest",
            "every",
            "breakdown",
            "years",
            "goals",
        ),
        "x",
    )
    swedish = i18n.finding_message(code.value, "sv", **parts)
    english = i18n.finding_message(code.value, "en", **parts)
    assert swedish
    assert english
    assert swedish != english or code.value == "unanchored-project"


@pytest.mark.parametrize(
    ("lang", "language", "expected"),
    [
        (None, "sv", "sv"),
        (None, "en", "en"),
        (None, "fi", "sv"),  # any other language is shown in Swedish, the default
        (None, "nb", "sv"),
        ("en", "sv", "en"),
        ("sv", "en", "sv"),
    ],
)
def test_resolve_lang(lang: str | None, language: str, expected: str) -> None:
    assert i18n.resolve_lang(lang, language) == expected


@pytest.mark.parametrize("lang", ["de", "EN", "", "svenska"])
def test_an_unknown_lang_is_refused(lang: str) -> None:
    with pytest.raises(ValueError, match=rf"lang must be 'sv' or 'en' \(got '{lang}'\)"):
        i18n.resolve_lang(lang, "sv")


# --- Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "swedish", "english"),
    [
        (0, "0", "0"),
        (4.2, "4,2", "4.2"),
        (82.0, "82", "82"),
        (-3.5, "-3,5", "-3.5"),
        (1234, "1234", "1234"),  # four digits stay whole
        (-1234, "-1234", "-1234"),
        (12345, f"12{NBSP}345", "12345"),
        (123456, f"123{NBSP}456", "123456"),
        (1234567, f"1{NBSP}234{NBSP}567", "1234567"),
        (-1234567.25, f"-1{NBSP}234{NBSP}567,25", "-1234567.25"),
        (12345.678, f"12{NBSP}345,678", "12345.678"),
        (0.1 + 0.2, "0,3", "0.3"),  # 15 significant digits, as a report shows them
        (1e20, "1e+20", "1e+20"),
        (1.5e-7, "1,5e-07", "1.5e-07"),
    ],
)
def test_format_number(value: float, swedish: str, english: str) -> None:
    assert i18n.format_number(value, "sv") == swedish
    assert i18n.format_number(value, "en") == english


@pytest.mark.parametrize(
    ("value", "unit", "swedish", "english"),
    [
        (82, "%", "82 %", "82%"),
        (4.2, None, "4,2", "4.2"),
        (4.2, "index", "4,2 index", "4.2 index"),
        (1500000, "kr", f"1{NBSP}500{NBSP}000 kr", "1500000 kr"),
        (12.5, "", "12,5", "12.5"),
    ],
)
def test_quantity(value: float, unit: str | None, swedish: str, english: str) -> None:
    assert i18n.quantity(value, unit, "sv") == swedish
    assert i18n.quantity(value, unit, "en") == english


@pytest.mark.parametrize(
    ("ratio", "swedish", "english"),
    [
        (0.0, "0 %", "0%"),
        (0.4, "40 %", "40%"),
        (1 / 3, "33 %", "33%"),
        (1.0, "100 %", "100%"),
        (0.005, "0 %", "0%"),  # rounded as {:.0%} rounds, half to even
        (-0.25, "-25 %", "-25%"),
        (123.45, f"12{NBSP}345 %", "12345%"),
    ],
)
def test_percent(ratio: float, swedish: str, english: str) -> None:
    assert i18n.percent(ratio, "sv") == swedish
    assert i18n.percent(ratio, "en") == english


def test_series_uses_the_number_format() -> None:
    assert i18n.series({2020: 12345.5, 2021: 3}, "%", "sv") == f"12{NBSP}345,5 % (2020), 3 % (2021)"
    assert i18n.series({2020: 12345.5, 2021: 3}, "%", "en") == "12345.5% (2020), 3% (2021)"


def test_a_swedish_number_stays_on_one_line_in_a_wrapped_label() -> None:
    from insatslogik.render.style import wrap

    number = i18n.format_number(1234567, "sv")
    assert wrap(f"Antal {number}", 8) == ["Antal", number]


# --- Each function that shows words speaks the model's language -------------------------------


def _plan(language: str) -> il.Model:
    return il.Model(
        [
            il.Strategy(id="rus", title="RUS"),
            il.Goal(id="mal", title="Fler jobb", part_of="rus", measured_by=["ind"]),
            il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
            il.Activity(id="ensam", title="Ensam"),
            il.Indicator(
                id="ind",
                title="Antal",
                source="SCB",
                baseline=il.Observation(year=2020, value=12000.5),
                target=il.Observation(year=2030, value=20000),
                values={2020: 12000.5, 2022: 14000},
            ),
        ],
        title="Plan",
        language=language,
    )


def _page(model: il.Model) -> str:
    return il.render_html(model).html.split("<script>", 1)[0]


def _data(model: il.Model) -> str:
    return il.render_html(model).html.split('id="chain-data">', 1)[1].split("</script>", 1)[0]


#: One row per function: what it shows for a Swedish plan and for an English one, by default.
SHOWN: list[tuple[str, Callable[[il.Model], str], str, str]] = [
    ("check", lambda m: il.check(m).findings[0].message, "Aktiviteten «Ensam»", "Activity «Ensam»"),
    ("Report.to_text", lambda m: il.check(m).to_text(), "fynd: 0 fel", "findings: 0 errors"),
    ("Report.to_markdown", lambda m: il.check(m).to_markdown(), "| allvarlighet |", "| severity |"),
    (
        "Report._repr_html_",
        lambda m: il.check(m)._repr_html_(),
        "<th>meddelande</th>",
        "<th>message</th>",
    ),
    (
        "Coverage.to_text",
        lambda m: il.goal_coverage(m).to_text(),
        "täckt        mal: 1 aktivitet",
        "covered   mal: 1 activity",
    ),
    (
        "Coverage.to_markdown",
        lambda m: il.goal_coverage(m).to_markdown(),
        "Täckta mål: 100 %",
        "Covered goals: 100%",
    ),
    (
        "Coverage._repr_html_",
        lambda m: il.goal_coverage(m)._repr_html_(),
        "<td>täckt</td>",
        "<td>covered</td>",
    ),
    (
        "IndicatorStatuses._repr_html_",
        lambda m: il.indicator_status(m)._repr_html_(),
        f"<td>14{NBSP}000 (2022)</td>",
        "<td>14000 (2022)</td>",
    ),
    ("render_chain", lambda m: il.render_chain(m).source, "label=Aktiviteter", "label=Activities"),
    (
        "render_chain numbers",
        lambda m: il.render_chain(m).source,
        f"14{NBSP}000 (2022)",
        "14000 (2022)",
    ),
    ("render_chain target", lambda m: il.render_chain(m).source, "mål: 20", "target: 20000"),
    ("render_mermaid", il.render_mermaid, '["Aktiviteter"]', '["Activities"]'),
    ("render_html", _page, '<html lang="sv">', '<html lang="en">'),
    ("render_html legend", _page, "Förklaring", "Legend"),
    ("render_html tooltips", _data, "Senaste värde: 14", "Latest value: 14000"),
    ("render_html findings", _data, "Aktiviteten «Ensam»", "Activity «Ensam»"),
    (
        "render_table",
        il.render_table,
        "| Mål | Aktiviteter |",
        "| Goal | Activities |",
    ),
    (
        "render_table indicators",
        lambda m: il.render_table(m, kind="indicators"),
        f"12{NBSP}000,5",
        "12000.5",
    ),
    ("table_rows", lambda m: il.table_rows(m)[0][0][0], "Mål", "Goal"),
    ("chain_view", lambda m: chain_view(m).findings[0].message, "Aktiviteten", "Activity"),
]


@pytest.mark.parametrize(
    ("shown", "swedish", "english"),
    [row[1:] for row in SHOWN],
    ids=[row[0] for row in SHOWN],
)
def test_a_function_shows_the_model_s_language_by_default(
    shown: Callable[[il.Model], str], swedish: str, english: str
) -> None:
    in_swedish, in_english = shown(_plan("sv")), shown(_plan("en"))
    assert swedish in in_swedish
    assert english not in in_swedish
    assert english in in_english
    assert swedish not in in_english


def test_a_plan_in_another_language_is_shown_in_swedish() -> None:
    assert il.render_table(_plan("fi")) == il.render_table(_plan("sv"))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: il.render_chain(m, lang="en").source,
        lambda m: il.render_mermaid(m, lang="en"),
        lambda m: il.render_html(m, lang="en").html,
        lambda m: il.render_table(m, lang="en"),
        lambda m: il.check(m, lang="en").to_text(),
        lambda m: il.goal_coverage(m).to_text(lang="en"),
    ],
    ids=["render_chain", "render_mermaid", "render_html", "render_table", "check", "coverage"],
)
def test_asking_for_a_language_overrides_the_model_s(call: Callable[[il.Model], str]) -> None:
    assert call(_plan("sv")) == call(_plan("en"))


def test_the_structure_diagram_takes_lang_and_draws_the_same() -> None:
    model = _plan("sv")
    assert il.render_structure(model).source == il.render_structure(model, lang="en").source


@pytest.mark.parametrize(
    "call",
    [
        lambda m: il.render_chain(m, lang="de"),  # type: ignore[arg-type]
        lambda m: il.render_mermaid(m, lang="de"),  # type: ignore[arg-type]
        lambda m: il.render_html(m, lang="de"),  # type: ignore[arg-type]
        lambda m: il.render_table(m, lang="de"),  # type: ignore[arg-type]
        lambda m: il.check(m, lang="de"),  # type: ignore[arg-type]
        lambda m: il.goal_coverage(m).to_text(lang="de"),  # type: ignore[arg-type]
    ],
    ids=["render_chain", "render_mermaid", "render_html", "render_table", "check", "coverage"],
)
def test_an_unknown_language_is_refused_by_every_function(
    call: Callable[[il.Model], object],
) -> None:
    with pytest.raises(ValueError, match="lang must be 'sv' or 'en'"):
        call(_plan("sv"))


def test_a_report_keeps_the_language_of_its_messages() -> None:
    report = il.check(_plan("en"), year=2023)  # the indicator is up to date in 2023
    assert report.lang == "en"
    assert report.filter(select=["orphan-activity"]).lang == "en"
    assert report.to_text(lang="sv").endswith("\n6 fynd: 0 fel, 2 varningar, 4 info\n")
    # The messages stay as found: the count line follows `lang`, the findings do not.
    assert "Activity «Ensam»" in report.to_text(lang="sv")


def test_a_report_built_by_hand_is_swedish_unless_told() -> None:
    finding = Finding(il.Code.NO_ACTOR, "Ingen aktör genomför aktiviteten.", ("akt",))
    assert Report((finding,)).to_text() == (
        "info: no-actor\n  - Ingen aktör genomför aktiviteten.\n1 fynd: 0 fel, 0 varningar, 1 info\n"
    )
    assert (
        Report((finding,), lang="en")
        .to_text()
        .endswith("1 finding: 0 errors, 0 warnings, 1 info\n")
    )


@pytest.mark.parametrize(
    ("language", "coverage", "status", "severity"),
    [("sv", "Täckning", "täckt", "varning"), ("en", "Coverage", "covered", "warning")],
)
def test_a_workbook_s_derived_sheets_speak_the_plan_s_language(
    tmp_path: Path, language: str, coverage: str, status: str, severity: str
) -> None:
    path = tmp_path / "plan.xlsx"
    il.write_excel(_plan(language), path)
    book = load_workbook(path)
    assert book[coverage]["C2"].value == status
    findings = book.sheetnames[book.sheetnames.index(coverage) + 1]
    assert book[findings]["A2"].value == severity


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_empty_workbook_starts_a_plan_in_its_own_language(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "mall.xlsx"
    il.write_excel_template(path, lang=lang)  # type: ignore[arg-type]
    assert load_workbook(path)["Plan"]["B4"].value == lang
