"""The command line: validate and schema, with exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from insatslogik import __version__
from insatslogik.cli import main
from tests.conftest import SMALL_PLAN


def test_validate_a_good_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid (8 nodes, 9 links)\n"


def test_validate_a_bad_file_lists_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        SMALL_PLAN.replace("contributes_to: [lang-smf]", "contributes_to: [lang-smff]"),
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"1 problem in {path}:\n")
    assert f"{path}:29:22: short_term_effect 'kort-smf': contributes_to names 'lang-smff'" in out


def test_validate_json_output_lists_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("insatslogik: 2\ntitle: x\n", encoding="utf-8")
    assert main(["validate", "--format", "json", str(path)]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems == [
        {
            "file": str(path),
            "line": 1,
            "column": 14,
            "message": "unsupported format version 2 (a number): this version of insatslogik reads version 1",
        }
    ]


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "saknas.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unknown_options_are_usage_errors() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["$defs"]) >= {"Activity", "Goal", "Indicator", "Link"}


def test_the_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "insatslogik", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"insatslogik {__version__}"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    # The small plan has one info finding: the activity links straight to the goal (skipped-level).
    path = tmp_path / "plan.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 0),
        (["--fail-on", "error"], 0),
        (["--fail-on", "warning"], 0),
        (["--fail-on", "info"], 1),
        (["--fail-on", "info", "--ignore", "skipped-level"], 0),
        (["--fail-on", "info", "--select", "cycle,dead-end"], 0),
    ],
)
def test_check_exit_code_follows_fail_on(plan: Path, options: list[str], code: int) -> None:
    assert main(["check", str(plan), *options]) == code


def test_check_fails_on_a_file_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "trasig.yaml"
    path.write_text("insatslogik: 1\ntitle: x\nnodes: [{id: a, kind: goal}]\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "title is required" in capsys.readouterr().out


def test_check_text_is_one_line_a_finding_at_its_link_entry_like_ruff(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(plan)])
    out = capsys.readouterr().out
    # Line 24, column 13 is `naringsliv` in `- to: naringsliv`, smf-steg's link to change.
    assert out.startswith(
        f"{plan}:24:13: info skipped-level Aktiviteten «Vi bidrar till att fler SMF"
    )
    assert out.endswith("\n1 fynd: 0 fel, 0 varningar, 1 info\n")


def test_check_text_in_english_on_request(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(plan), "--lang", "en"])
    out = capsys.readouterr().out
    assert out.startswith(f"{plan}:24:13: info skipped-level Activity «Vi bidrar till att fler SMF")
    assert out.endswith("1 finding: 0 errors, 0 warnings, 1 info\n")


def test_check_json_has_a_stable_shape(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(plan), "--format", "json", "--lang", "en"])
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "insatslogik-report"
    assert data["counts"] == {"error": 0, "warning": 0, "info": 1}
    [finding] = data["findings"]
    assert finding["code"] == "skipped-level"
    assert finding["nodes"] == ["smf-steg", "naringsliv"]
    assert finding["message"].startswith("Activity «")


def test_check_markdown_is_a_table(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(plan), "--format", "markdown"])
    assert capsys.readouterr().out.startswith("| allvarlighet | kod | meddelande | noder |\n|---|")
    main(["check", str(plan), "--format", "markdown", "--lang", "en"])
    assert capsys.readouterr().out.startswith("| severity | code | message | nodes |\n|---|")


def test_an_unknown_code_is_a_usage_error(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(plan), "--select", "orphan"])
    assert exit_info.value.code == 2
    assert "unknown finding code 'orphan'" in capsys.readouterr().err


def test_coverage_and_indicators_commands(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", str(plan)]) == 0
    assert "täckt        naringsliv: 1 aktivitet, 0 projekt" in capsys.readouterr().out
    assert main(["indicators", str(plan)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "indikator",
        "senaste",
        "utgångsvärde",
        "målvärde",
        "framsteg",
        "status",
    ]
    assert out.splitlines()[1].split() == [
        "smf-digital",
        "90",
        "%",
        "(2022)",
        "82",
        "%",
        "(2020)",
        "mål:",
        "90",
        "%",
        "(2030)",
        "100",
        "%",
        "uppnått",
    ]
    assert main(["indicators", str(plan), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "achieved"


def _in_language(language: str) -> str:
    return SMALL_PLAN.replace(
        "title: Kraftsamling", f"language: {language}\ntitle: Kraftsamling", 1
    )


# The small plan is Swedish; `--lang en` turns the words English, and an English plan is English
# without asking. JSON output keeps its codes in every language.
LANG_CASES = [
    (["coverage"], "sv", None, "täckta mål: 100 %"),
    (["coverage"], "sv", "en", "covered goals: 100%"),
    (["coverage"], "en", None, "covered goals: 100%"),
    (["coverage"], "en", "sv", "täckta mål: 100 %"),
    (["coverage", "--format", "markdown"], "sv", None, "| mål | status |"),
    (["coverage", "--format", "markdown"], "sv", "en", "| goal | status |"),
    (["coverage", "--format", "markdown"], "en", None, "Covered goals: 100%"),
    (["indicators"], "sv", None, "100 %     uppnått"),
    (["indicators"], "sv", "en", "100%      achieved"),
    (["indicators"], "en", None, "100%      achieved"),
    (["indicators"], "en", "sv", "100 %     uppnått"),
    (["indicators", "--format", "markdown"], "sv", None, "| indikator | senaste |"),
    (["indicators", "--format", "markdown"], "en", None, "| indicator | latest |"),
    (["check"], "en", None, "1 finding: 0 errors, 0 warnings, 1 info"),
    (["check"], "en", "sv", "1 fynd: 0 fel, 0 varningar, 1 info"),
    (["table"], "en", None, "| Goal | Activities |"),
    (["table"], "sv", None, "| Mål | Aktiviteter |"),
]


@pytest.mark.parametrize(
    "case",
    LANG_CASES,
    ids=[f"{' '.join(c)}-{language}-{lang}" for c, language, lang, _ in LANG_CASES],
)
def test_commands_speak_the_plan_s_language_unless_told(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[list[str], str, str | None, str],
) -> None:
    command, language, lang, expected = case
    path = tmp_path / "plan.yaml"
    path.write_text(_in_language(language), encoding="utf-8")
    options = [] if lang is None else ["--lang", lang]
    assert main([command[0], str(path), *command[1:], *options]) == 0
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize("command", ["coverage", "indicators"])
def test_json_keeps_its_codes_in_either_language(
    plan: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    outputs = []
    for lang in ("sv", "en"):
        assert main([command, str(plan), "--format", "json", "--lang", lang]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert '"achieved"' in outputs[0] or '"covered"' in outputs[0]


@pytest.mark.parametrize("command", ["coverage", "indicators", "check", "render", "table"])
def test_an_unknown_lang_is_a_usage_error(
    plan: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    extra = ["-o", str(plan.with_suffix(".dot"))] if command == "render" else []
    with pytest.raises(SystemExit) as exit_info:
        main([command, str(plan), *extra, "--lang", "de"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "lang", "heading"),
    [("sv", None, "Aktiviteter"), ("en", None, "Activities"), ("en", "sv", "Aktiviteter")],
)
def test_render_draws_in_the_plan_s_language_unless_told(
    tmp_path: Path, language: str, lang: str | None, heading: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_in_language(language), encoding="utf-8")
    out = tmp_path / "kedja.dot"
    options = [] if lang is None else ["--lang", lang]
    assert main(["render", str(path), "-o", str(out), *options]) == 0
    assert f"h1 [label={heading} " in out.read_text(encoding="utf-8")
