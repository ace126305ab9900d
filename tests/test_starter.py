"""The starter file of `insatslogik new`: a commented plan that loads and checks clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.starter import TEMPLATES, template, write_template


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_template_loads_and_checks_clean(lang: str) -> None:
    model = il.loads(template(lang))  # type: ignore[arg-type]
    assert model.language == lang
    # The template's values run to 2026; from 2029 on its indicator is stale.
    report = il.check(model, year=2026)
    assert list(report) == []
    assert [g.status for g in il.goal_coverage(model).goals] == ["covered"]
    assert [s.status for s in il.indicator_status(model, year=2026)] == ["on-track"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_template_has_a_strategy_one_goal_with_an_indicator_and_one_activity_chain(
    lang: str,
) -> None:
    model = il.loads(template(lang))  # type: ignore[arg-type]
    assert Counter(node.kind for node in model) == {
        "strategy": 1,
        "goal": 1,
        "indicator": 1,
        "activity": 1,
        "short_term_effect": 1,
        "long_term_effect": 1,
        "actor": 1,
        "question": 1,
        "assumption": 1,
    }
    [activity] = model.nodes("activity")
    [goal] = model.nodes("goal")
    assert [n.kind for n in model.walk(activity.id, direction="up")] == [
        "short_term_effect",
        "long_term_effect",
        "goal",
    ]
    assert isinstance(goal, il.Goal)
    assert len(goal.measured_by) == 1


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_field_is_explained_by_a_comment_where_it_first_appears(lang: str) -> None:
    seen: set[str] = set()
    for line in template(lang).splitlines():  # type: ignore[arg-type]
        found = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if found is None or found[1] in seen:
            continue
        seen.add(found[1])
        assert "#" in line, line
    assert {"insatslogik", "nodes", "kind", "part_of", "measured_by", "frequency"} <= seen


def test_the_two_templates_have_the_same_shape() -> None:
    sv, en = (il.loads(TEMPLATES[lang]) for lang in ("sv", "en"))
    assert [n.kind for n in sv.nodes()] == [n.kind for n in en.nodes()]
    assert sv.graph.number_of_edges() == en.graph.number_of_edges()


def test_an_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"lang must be one of \['sv', 'en'\] \(got 'de'\)"):
        template("de")  # type: ignore[arg-type]


def test_write_template_writes_the_text_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    assert write_template(path, lang="en") == path
    assert path.read_text(encoding="utf-8") == TEMPLATES["en"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # the usual, not the temporary's 0600
    path.write_text("min egen plan\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        write_template(path)
    assert path.read_text(encoding="utf-8") == "min egen plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temporary left


def test_write_template_does_not_follow_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "plan.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(FileExistsError):
        write_template(link)
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_write_template_needs_a_yaml_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"must end in \.yaml or \.yml"):
        write_template(tmp_path / "plan.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_new_writes_a_plan_that_check_passes_at_warning_level(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "min-plan.yaml"
    assert main(["new", str(path), "--lang", lang]) == 0
    assert capsys.readouterr().out == (
        f"wrote {path}; fill it in, then run: insatslogik check {path}\n"
    )
    assert main(["check", str(path), "--fail-on", "info", "--year", "2026"]) == 0
    count_line = {
        "sv": "0 fynd: 0 fel, 0 varningar, 0 info",
        "en": "0 findings: 0 errors, 0 warnings, 0 info",
    }
    assert capsys.readouterr().out == count_line[lang] + "\n"


def test_new_defaults_to_swedish(tmp_path: Path) -> None:
    path = tmp_path / "plan.yml"
    assert main(["new", str(path)]) == 0
    assert il.load(path).language == "sv"


def test_new_refuses_to_overwrite_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("min egen plan\n", encoding="utf-8")
    assert main(["new", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"insatslogik: {path} already exists; nothing was written "
        "(give another name, or remove the file first)\n"
    )
    assert path.read_text(encoding="utf-8") == "min egen plan\n"


def test_new_with_a_json_name_or_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "plan.json")]) == 2
    assert "must end in .yaml or .yml" in capsys.readouterr().err
    missing = tmp_path / "saknas" / "plan.yaml"
    assert main(["new", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"insatslogik: cannot write {missing}: No such file or directory; nothing was written\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_from_the_installed_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "insatslogik", "new", "plan.yaml", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert il.load(tmp_path / "plan.yaml").title == "My plan"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_new_plan_is_drawn_as_a_chain_and_a_page(lang: str, tmp_path: Path) -> None:
    path = write_template(tmp_path / "plan.yaml", lang=lang)  # type: ignore[arg-type]
    model = il.load(path)
    source = il.render_chain(model, lang=lang).source  # type: ignore[arg-type]
    # Every node of the chain and its indicator is drawn (labels are wrapped, so look for
    # the first word of each title); the follow-up plan is about the chain, not in it.
    for node in model:
        if node.kind not in {"strategy", "actor", "question", "assumption"}:
            assert f'label="{node.title.split()[0]} ' in source, node.id
    assert main(["render", str(path), "-o", str(tmp_path / "plan.svg")]) == 0
    assert (tmp_path / "plan.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert main(["render", str(path), "-o", str(tmp_path / "plan.html")]) == 0
    assert "<html" in (tmp_path / "plan.html").read_text(encoding="utf-8").lower()


def test_template_excel_refuses_to_overwrite_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A filled-in workbook is someone's work: the template is refused, as `new` refuses.
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"ifylld arbetsbok")
    link = tmp_path / "lank.xlsx"
    link.symlink_to(tmp_path / "saknas.xlsx")
    for target in (path, link):
        assert main(["template", "--excel", str(target)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"insatslogik: {target} already exists; nothing was written "
            "(give another name, or remove the file first)\n"
        )
    assert path.read_bytes() == b"ifylld arbetsbok"
    assert not (tmp_path / "saknas.xlsx").exists()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_templates_follow_up_lines_load_when_uncommented(lang: str) -> None:
    text = template(lang)  # type: ignore[arg-type]
    for field in ("when", "season", "assessments"):
        text = text.replace(f"    # {field}:", f"    {field}:")
    text = text.replace("    #   - {year", "      - {year")
    model = il.loads(text)
    [question] = model.nodes("question")
    assert isinstance(question, il.Question)
    assert question.when == il.Schedule(start=2026, every=1)
    assert question.season == "höst"
    assert [a.judgement for a in question.assessments] == ["partly"]
    [assumption] = model.nodes("assumption")
    [activity] = model.nodes("activity")
    [effect] = model.nodes("short_term_effect")
    assert model.link_assumptions(activity.id, effect.id) == (assumption.id,)
