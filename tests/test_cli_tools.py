"""The command line among other tools: several files and folders, standard input and output,
located findings as text, GitHub annotations and SARIF, no tracebacks, completion, progress."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from insatslogik import cli
from insatslogik.cli import _progress, main
from tests.conftest import ROOT, SMALL_PLAN

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"
BAD_PLAN = "insatslogik: 1\ntitle: Trasig\nnodes:\n  - {id: a, kind: goal}\n"
# One finding of each kind of place: a node (orphan-activity) and a link entry (backward-link).
LINKED_PLAN = """\
insatslogik: 1
title: Länkar
nodes:
  - {id: mal, kind: goal, title: Fler företag digitaliseras}
  - id: effekt
    kind: short_term_effect
    title: Fler SMF är digitala
    contributes_to:
      - mal
      - akt
  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [effekt]}
  - {id: ensam, kind: activity, title: Mässa}
"""


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "planer"
    (folder / "del").mkdir(parents=True)
    (folder / "a.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (folder / "del" / "b.yml").write_text(BAD_PLAN, encoding="utf-8")
    (folder / "del" / "c.json").write_text(
        json.dumps({"insatslogik": 1, "title": "Tom", "nodes": []}), encoding="utf-8"
    )
    (folder / "läsmig.txt").write_text("inte en plan", encoding="utf-8")
    (folder / "graf.nodelink.json").write_text("{}", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config.yaml").write_text("not: a plan", encoding="utf-8")
    return folder


# -- several files and folders ---------------------------------------------------------------


def test_a_folder_is_its_plan_files_sorted_and_the_others_are_said_to_be_skipped(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(plans)]) == 1  # b.yml has a problem: the worst code wins
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == f"{plans / 'a.yaml'}: valid (8 nodes, 9 links)"
    assert lines[1] == f"1 problem in {plans / 'del' / 'b.yml'}:"
    assert lines[-1] == f"{plans / 'del' / 'c.json'}: valid (0 nodes, 0 links)"
    assert "skipped 2 files" in captured.err
    assert "läsmig.txt" in captured.err
    assert "graf.nodelink.json" in captured.err
    assert ".git" not in captured.out + captured.err


@pytest.mark.parametrize("command", ["validate", "check", "coverage", "indicators"])
def test_each_file_is_reported_on_its_own_and_the_exit_code_is_the_worst(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "bra.yaml", tmp_path / "trasig.yaml"
    good.write_text(SMALL_PLAN, encoding="utf-8")
    bad.write_text(BAD_PLAN, encoding="utf-8")
    assert main([command, str(good)]) == 0
    capsys.readouterr()
    assert main([command, str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert str(good) in out
    assert f"{bad}:4:5: goal 'a': title is required" in out
    assert main([command, str(good), str(tmp_path / "saknas.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_json_of_several_files_names_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "bra.yaml", tmp_path / "trasig.yaml"
    good.write_text(SMALL_PLAN, encoding="utf-8")
    bad.write_text(BAD_PLAN, encoding="utf-8")
    assert main(["check", str(good), str(bad), "--format", "json"]) == 1
    files = json.loads(capsys.readouterr().out)["files"]
    assert [entry["file"] for entry in files] == [str(good), str(bad)]
    assert files[0]["result"]["format"] == "insatslogik-report"
    assert files[1]["result"]["problems"][0]["line"] == 4
    assert main(["validate", str(good), str(bad), "--format", "json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == (str(bad), 4, 5)


# -- standard input and output ---------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def test_dash_reads_standard_input_and_problems_name_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, SMALL_PLAN)
    assert main(["validate", "-"]) == 0
    assert capsys.readouterr().out == "<stdin>: valid (8 nodes, 9 links)\n"
    _stdin(monkeypatch, '{"insatslogik": 1, "title": "x", "nodes": [{"id": "a", "kind": "goal"}]}')
    assert main(["check", "-", "--from", "json"]) == 1
    assert "<stdin>:1:" in capsys.readouterr().out


def test_dash_o_writes_text_outputs_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert main(["render", str(plan), "-o", "-", "--to", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph")
    assert main(["render", str(plan), "-o", "-", "--to", "mmd"]) == 0
    assert "\nflowchart LR\n" in capsys.readouterr().out
    assert main(["convert", str(plan), "-", "--to", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Kraftsamling digitalisering"
    _stdin(monkeypatch, SMALL_PLAN)
    assert main(["convert", "-", "-", "--from", "yaml", "--to", "yaml"]) == 0
    assert "insatslogik: 1" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # nothing else written


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "PLAN", "-o", "-", "--to", "png"],
        ["render", "PLAN", "-o", "-", "--to", "pdf"],
        ["convert", "PLAN", "-", "--to", "excel"],
    ],
)
def test_dash_o_refuses_binary_outputs_clearly(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert main([str(plan) if a == "PLAN" else a for a in argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is binary: name a file instead" in captured.err


def test_dash_o_without_a_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert main(["render", str(plan), "-o", "-", "--lang", "en"]) == 2
    assert "name the format with --to" in capsys.readouterr().err


# -- located findings: text, JSON, GitHub, SARIF ---------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    path = tmp_path / "länkar.yaml"
    path.write_text(LINKED_PLAN, encoding="utf-8")
    return path


def test_findings_are_located_at_their_node_or_link_entry(
    linked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(linked), "--select", "backward-link,orphan-activity", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    # The backward link is the entry `- akt` (line 10, column 9) in effekt's contributes_to.
    assert lines[0].startswith(f"{linked}:10:9: error backward-link Short")
    assert lines[1].startswith(f"{linked}:12:5: warning orphan-activity Activity «Mässa»")
    assert lines[2] == "2 findings: 1 error, 1 warning, 0 info"


def test_json_findings_have_file_line_and_column(
    linked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(linked), "--format", "json", "--select", "backward-link"])
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["file"], finding["line"], finding["column"]) == (str(linked), 10, 9)


def test_a_json_plan_is_located_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    nodes = [{"id": "ensam", "kind": "activity", "title": "Mässa"}]
    path.write_text(
        json.dumps({"insatslogik": 1, "title": "T", "nodes": nodes}, indent=2), encoding="utf-8"
    )
    main(["check", str(path), "--select", "orphan-activity"])
    assert capsys.readouterr().out.startswith(f"{path}:5:5: varning orphan-activity")


def test_github_annotations_escape_percent_and_line_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        'insatslogik: 1\ntitle: T\nnodes:\n  - {id: ensam, kind: activity, title: "100%\\r\\nklart"}\n',
        encoding="utf-8",
    )
    assert main(["check", str(path), "--format", "github", "--select", "orphan-activity"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith(f"::warning file={path},line=4,col=5,title=orphan-activity::")
    assert "«100%25%0D%0Aklart»" in out


def test_github_annotations_name_problems_of_a_plan_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "trasig.yaml"
    path.write_text(BAD_PLAN, encoding="utf-8")
    assert main(["check", str(path), "--format", "github"]) == 1
    assert capsys.readouterr().out == (
        f"::error file={path},line=4,col=5::goal 'a': title is required\n"
    )


def _sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_is_valid_against_the_official_schema(
    linked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_PLAN, encoding="utf-8")
    vgr = ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml"
    assert main(["check", str(linked), str(vgr), str(bad), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "backward-link" in rules
    assert "invalid-plan" in rules
    by_rule = {result["ruleId"]: result for result in run["results"]}
    backward = by_rule["backward-link"]
    assert backward["level"] == "error"
    assert rules[backward["ruleIndex"]] == "backward-link"
    place = backward["locations"][0]["physicalLocation"]
    assert place["region"] == {"startLine": 10, "startColumn": 9}
    assert place["artifactLocation"]["uri"].endswith("l%C3%A4nkar.yaml")
    assert by_rule["invalid-plan"]["message"]["text"] == "goal 'a': title is required"
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_the_schema_check_would_catch_a_broken_log() -> None:
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}
    assert list(_sarif_validator().iter_errors(broken))  # driver.name is required


# -- no traceback, whatever fails ----------------------------------------------------------


def _walk(tmp_path: Path) -> list[list[str]]:
    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_PLAN, encoding="utf-8")
    good = tmp_path / "plan.yaml"
    good.write_text(SMALL_PLAN, encoding="utf-8")
    missing, folder = str(tmp_path / "saknas.yaml"), str(tmp_path / "mapp.yaml")
    Path(folder).mkdir()
    out = str(tmp_path / "ut")
    argvs: list[list[str]] = []
    for command in ("validate", "check", "coverage", "indicators", "table"):
        argvs += [[command, p] for p in (str(bad), missing, folder, str(tmp_path / "x.txt"))]
    argvs += [
        ["render", str(good), "-o", out + ".png"],  # no `dot` on PATH
        ["render", str(good), "-o", out + ".svg", "--structure"],
        ["render", str(bad), "-o", out + ".svg"],
        ["render", str(good), "-o", out + ".svg", "--focus", "saknas"],
        ["render", str(good), "-o", str(tmp_path / "saknas" / "x.dot")],
        ["render", str(good), "-o", out + ".html", "--focus", "saknas"],
        ["convert", str(bad), out + ".json"],
        ["convert", str(good), out + ".xlsx"],  # no openpyxl (hidden below)
        ["convert", missing, out + ".json"],
        ["diff", str(bad), missing],
        ["new", str(good)],
        ["template", "--excel", out + ".xlsx"],
        ["check", str(good), "--select", "nonsense"],
        ["completion", "fish"],
        ["portfolio", "coverage", str(bad)],
        ["portfolio", "alignment", missing],
        ["portfolio", "roll-up", str(good)],  # no --indicator
        ["portfolio", "roll-up", str(good), "--indicator", "saknas"],
        ["portfolio", "coverage", str(good), "--plan", "saknas"],
        ["update-values", str(bad)],
        ["update-values", missing],
        ["update-values", str(good), "--only", "saknas"],
        ["update-values", out + ".xlsx"],
        ["follow-up", str(bad)],
        ["follow-up", missing],
        ["follow-up", str(good), "-o", str(tmp_path / "saknas" / "kalender.md")],
        ["follow-up", str(good), "-o", out + ".pdf"],  # no such format
    ]
    return argvs


def test_no_subcommand_shows_a_traceback_whatever_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "tomt"))  # no `dot`, no browser
    for optional in ("openpyxl", "pyvis", "pyvis.network"):
        monkeypatch.setitem(sys.modules, optional, None)  # as if not installed
    walked = set()
    for argv in _walk(tmp_path):
        walked.add(argv[0])
        try:
            code = main(argv)
        except SystemExit as leaving:  # argparse's own usage errors
            code = leaving.code
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out, argv
        assert code in (1, 2) or "no plan files" in captured.err, (argv, code, captured.err)
        assert captured.err.strip() or captured.out.strip(), argv
    commands = cli._parser()._subparsers._group_actions[0].choices
    assert set(commands) - walked == {"schema"}  # schema reads nothing that could fail


def test_a_missing_optional_package_is_named_with_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["template", "--excel", str(tmp_path / "mall.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "openpyxl" in err
    assert "pip install openpyxl" in err


def test_an_unexpected_error_is_a_short_message_with_exit_3_and_a_traceback_only_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "goal_coverage", broken)
    monkeypatch.delenv("INSATSLOGIK_DEBUG", raising=False)
    assert main(["coverage", str(plan)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "please report it" in err
    assert main(["--debug", "coverage", str(plan)]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    monkeypatch.setenv("INSATSLOGIK_DEBUG", "1")
    assert main(["coverage", str(plan)]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_the_installed_command_shows_no_traceback_when_dot_is_missing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "insatslogik", "render", str(plan), "-o", str(tmp_path / "k.svg")],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path), "PYTHONPATH": str(ROOT / "src"), "PYTHONUTF8": "1"},
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "apt-get install graphviz" in done.stderr


# -- completion and progress -----------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_script_names_every_subcommand(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for command in ("validate", "check", "coverage", "indicators", "render", "completion"):
        assert command in script
    assert "--fail-on" in script
    assert ("complete -o" in script) if shell == "bash" else script.startswith("#compdef")


def test_the_bash_completion_script_is_valid_bash(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "insatslogik", "completion", "bash"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PYTHONUTF8": "1"},
        check=True,
    )
    script = tmp_path / "insatslogik.bash"
    script.write_text(done.stdout, encoding="utf-8")
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_progress_is_silent_when_stderr_is_not_a_terminal(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(plans / "a.yaml"), str(plans / "del" / "c.json")])
    assert capsys.readouterr().err == ""


def test_progress_shows_files_and_steps_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_progress, "_DELAY", 0.0)
    with _progress.progress(2, enabled=True) as shown:
        shown.step("plan.yaml", "checking")
        shown.done()
        shown.done()
    err = capsys.readouterr().err
    assert "checking plan.yaml" in err
    assert " files" in err


def test_checking_a_json_plan_reads_it_again_only_when_a_place_is_asked_for(
    tmp_path: Path,
) -> None:
    import insatslogik as il

    path = tmp_path / "plan.json"
    nodes = [{"id": "ensam", "kind": "activity", "title": "Mässa"}]
    text = json.dumps({"insatslogik": 1, "title": "T", "nodes": nodes}, indent=2)
    path.write_text(text, encoding="utf-8")
    model = il.load(path)
    path.write_text("inte json", encoding="utf-8")  # a second reading now would find nothing
    report = il.check(model, select=["orphan-activity"])
    path.write_text(text, encoding="utf-8")
    [finding] = report.findings
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (5, 5)
    path.unlink()
    assert finding.location.line == 5  # found once, kept


def test_a_link_entry_is_found_past_text_that_names_the_same_id(tmp_path: Path) -> None:
    import insatslogik as il

    path = tmp_path / "plan.yaml"
    path.write_text(
        """\
insatslogik: 1
title: T
nodes:
  - {id: mal, kind: goal, title: Mål}
  - id: akt
    kind: activity
    title: Leder till mal
    description: |
      mal nämns här också
    contributes_to:
      - to: mal
        rationale: för att mal
""",
        encoding="utf-8",
    )
    model = il.load(path)
    where = model.link_location("akt", "mal")
    assert where is not None
    assert (where.line, where.column) == (11, 13)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_every_link_of_a_plan_is_located_at_its_entry(tmp_path: Path, suffix: str) -> None:
    import insatslogik as il

    model = il.load(ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml")
    path = tmp_path / f"plan{suffix}"
    il.save(model, path)
    again = il.load(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # The file holds the plan's own links; those inside the RUS it uses are in the RUS's file.
    own = sorted({(s, t) for s, t in model.graph.edges() if model.is_home(s)})
    assert len(own) > 100
    for source, target in own:
        where = again.link_location(source, target)
        assert where is not None
        assert where.message.startswith("link"), (source, target)
        assert where.line is not None
        assert where.column is not None
        entry = lines[where.line - 1][where.column - 1 :]
        # A node of a used plan is named as the file writes it, through its alias (rus:id).
        aliases = {plan: alias for alias, plan in again.plans[again.plan_of(source)].uses.items()}
        plan, _, local = target.rpartition(":")
        named = f"{aliases[plan]}:{local}" if plan else target
        # YAML: at the id named; JSON: at the string, or at the entry's `{"to": …}`.
        assert entry.startswith((named, f'"{named}"', "{")), (source, target, entry)
        node = again.location(source)
        assert node is not None
        assert node.line is not None
        assert node.line < where.line
