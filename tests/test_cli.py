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
