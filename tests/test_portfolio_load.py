"""Plans that use other plans, and portfolios: ids, references, locations and every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.native import uses_from
from insatslogik.formats.portfolio import passed_over, plan_problems

RUS = """\
insatslogik: 1
title: RUS Västra Götaland
id: rus-vg
nodes:
  - id: mal
    kind: goal
    title: Näringslivets digitala transformation ska öka
    measured_by: [andel]
  - id: andel
    kind: indicator
    title: Andel SMF
    source: DESI
    baseline: {year: 2020, value: 82}
    target: {year: 2030, value: 90}
  - id: ovrigt
    kind: goal
    title: Ett mål som ingen plan arbetar mot
  - id: region
    kind: actor
    title: Västra Götalandsregionen
"""

PROJ = """\
insatslogik: 1
title: Kraftsamling digitalisering
uses:
  rus: rus.yaml
nodes:
  - id: akt
    kind: activity
    title: Rådgivning till SMF
    performed_by: [rus:region]
    contributes_to: [kort]
  - id: kort
    kind: short_term_effect
    title: Fler SMF har tagit steg
    contributes_to: [rus:mal]
    measured_by: [rus:andel]
"""


def _write(folder: Path, **files: str) -> dict[str, Path]:
    paths = {}
    for name, text in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def _problems(path: Path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    return [(Path(p.file or "").name, p.line, p.message) for p in error.value.problems]


def _plan(
    title: str, *, uses: dict[str, str] | None = None, nodes: str = "", plan_id: str = ""
) -> str:
    text = f"insatslogik: 1\ntitle: {title}\n"
    if plan_id:
        text += f"id: {plan_id}\n"
    if uses:
        text += "uses:\n" + "".join(f"  {alias}: {path}\n" for alias, path in uses.items())
    return text + "nodes:\n" + (nodes or f"  - {{id: mal, kind: goal, title: {title}}}\n")


# --- loading a plan that uses others ---------------------------------------------------------


def test_a_used_plans_nodes_get_ids_qualified_by_its_plan_id_and_the_files_own_stay_plain(
    tmp_path: Path,
) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load(paths["proj.yaml"])
    assert [node.id for node in model] == [
        "akt",
        "kort",
        "rus-vg:mal",
        "rus-vg:andel",
        "rus-vg:ovrigt",
        "rus-vg:region",
    ]
    # The alias `rus` names the plan; the qualified id uses the plan's own id.
    assert [node.id for node in model.contributes_to("kort")] == ["rus-vg:mal"]
    assert model["rus-vg:mal"].measured_by == ("rus-vg:andel",)
    assert model.plan_of("akt") == "proj"
    assert model.plan_of("rus-vg:mal") == "rus-vg"
    assert model.plans == {
        "proj": il.PlanInfo(
            "proj",
            "Kraftsamling digitalisering",
            str(paths["proj.yaml"]),
            {"rus": "rus-vg"},
            home=True,
        ),
        "rus-vg": il.PlanInfo(
            "rus-vg", "RUS Västra Götaland", str(tmp_path / "rus.yaml"), {}, home=False
        ),
    }


def test_each_node_keeps_its_own_file_and_line_and_a_link_entry_is_found_as_written(
    tmp_path: Path,
) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load(paths["proj.yaml"])
    where = model.location("rus-vg:andel")
    assert (where.file, where.line, where.column) == (str(tmp_path / "rus.yaml"), 9, 5)  # type: ignore[union-attr]
    where = model.location("kort")
    assert (where.file, where.line) == (str(paths["proj.yaml"]), 11)  # type: ignore[union-attr]
    # `contributes_to: [rus:mal]` in proj.yaml, line 14, the entry's column.
    entry = model.link_location("kort", "rus-vg:mal")
    assert (entry.file, entry.line, entry.column) == (str(paths["proj.yaml"]), 14, 22)  # type: ignore[union-attr]


def test_a_used_json_plan_is_located_in_its_own_file(tmp_path: Path) -> None:
    rus = {
        "insatslogik": 1,
        "title": "RUS",
        "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}],
    }
    paths = _write(
        tmp_path,
        **{
            "rus.json": json.dumps(rus, indent=2),
            "proj.yaml": _plan(
                "Projekt",
                uses={"r": "rus.json"},
                nodes="  - {id: akt, kind: activity, title: Gör, contributes_to: [r:mal]}\n",
            ),
        },
    )
    model = il.load(paths["proj.yaml"])
    where = model.location("rus:mal")
    assert (where.file, where.line) == (str(tmp_path / "rus.json"), 5)  # type: ignore[union-attr]


def test_uses_are_followed_transitively_each_file_loaded_once(tmp_path: Path) -> None:
    # proj uses prog and rus; prog uses rus too: rus is one plan in the model.
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": _plan("RUS", plan_id="rus"),
            "program__prog.yaml": _plan(
                "Program",
                uses={"rus": "../rus.yaml"},
                nodes="  - {id: delmal, kind: goal, title: Delmål, contributes_to: [rus:mal]}\n",
            ),
            "proj.yaml": _plan(
                "Projekt",
                uses={"p": "program/prog.yaml", "r": "rus.yaml"},
                nodes="  - {id: akt, kind: activity, title: Gör, contributes_to: [p:delmal, r:mal]}\n",
            ),
        },
    )
    model = il.load(paths["proj.yaml"])
    assert sorted(node.id for node in model) == ["akt", "prog:delmal", "rus:mal"]
    assert [node.id for node in model.walk("akt")] == ["prog:delmal", "rus:mal"]
    assert model.plans["prog"].uses == {"rus": "rus"}
    assert not model.plans["prog"].home


def test_a_reference_works_in_every_link_field(tmp_path: Path) -> None:
    rus = _plan(
        "RUS",
        plan_id="rus",
        nodes=(
            "  - {id: s, kind: strategy, title: RUS}\n"
            "  - {id: utm, kind: challenge, title: Utmaning}\n"
            "  - {id: akt, kind: actor, title: Aktör}\n"
            "  - {id: desi, kind: indicator, title: DESI}\n"
            "  - {id: mal, kind: goal, title: Mål}\n"
        ),
    )
    proj = _plan(
        "Projekt",
        uses={"r": "rus.yaml"},
        nodes=(
            "  - {id: p, kind: project, title: P, part_of: r:s, performed_by: [r:akt]}\n"
            "  - {id: g, kind: goal, title: G, addresses: [r:utm], measured_by: [r:desi]}\n"
            "  - {id: i, kind: indicator, title: I, components: [r:desi]}\n"
            "  - {id: f, kind: factor, title: F, influences: [r:mal]}\n"
        ),
    )
    paths = _write(tmp_path, **{"rus.yaml": rus, "proj.yaml": proj})
    model = il.load(paths["proj.yaml"])
    edges = sorted((u, v, key) for u, v, key in model.graph.edges(keys=True))
    assert edges == [
        ("f", "rus:mal", "influences"),
        ("g", "rus:desi", "measured_by"),
        ("g", "rus:utm", "addresses"),
        ("i", "rus:desi", "composed_of"),
        ("p", "rus:akt", "performed_by"),
        ("p", "rus:s", "part_of"),
    ]


def test_a_plan_without_uses_loads_as_before_its_one_plan_named_by_its_file(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"Gotland insatsplan.yaml": _plan("Gotland")})
    model = il.load(paths["Gotland insatsplan.yaml"])
    assert model.plan_of("mal") == "Gotland-insatsplan"
    assert list(model.plans) == ["Gotland-insatsplan"]
    assert model.home_ids() is None
    assert model.id is None
    assert model.uses == {}


# --- every bad input, located in the file that wrote it ---------------------------------------


def test_a_cycle_of_uses_is_reported_at_the_uses_entry_that_closes_it(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "a.yaml": _plan("A", uses={"b": "b.yaml"}),
            "b.yaml": _plan("B", uses={"a": "a.yaml"}),
        },
    )
    problems = _problems(paths["a.yaml"])
    assert ("b.yaml", 4, "uses forms a cycle: a.yaml → b.yaml → a.yaml") in problems
    assert any(p[0] == "a.yaml" and p[1] == 4 and "could not be loaded" in p[2] for p in problems)


def test_a_plan_that_uses_itself_is_a_cycle(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"a.yaml": _plan("A", uses={"jag": "a.yaml"})})
    assert _problems(paths["a.yaml"]) == [("a.yaml", 4, "uses forms a cycle: a.yaml → a.yaml")]


def test_a_missing_used_file_is_reported_at_its_uses_entry(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"a.yaml": _plan("A", uses={"rus": "../saknas/rus.yaml"})})
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 4)
    assert message.startswith("uses rus: '../saknas/rus.yaml', which does not exist")


def test_an_unknown_alias_is_reported_at_the_reference(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan(
                "A",
                uses={"rus": "rus.yaml"},
                nodes="  - id: akt\n    kind: activity\n    title: Gör\n    contributes_to: [vg:mal]\n",
            ),
        },
    )
    assert _problems(paths["a.yaml"]) == [
        (
            "a.yaml",
            9,
            "activity 'akt': contributes_to names 'vg:mal', but the plan uses no plan called "
            "'vg' (its uses: rus)",
        )
    ]


def test_an_alias_in_a_plan_without_uses_is_unknown(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "a.yaml": _plan(
                "A", nodes="  - {id: akt, kind: activity, title: Gör, contributes_to: [rus:mal]}\n"
            )
        },
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 4)
    assert "uses no plan called 'rus' (its uses: none)" in message


def test_an_id_the_used_plan_does_not_have_is_reported_with_a_close_match(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan(
                "A",
                uses={"rus": "rus.yaml"},
                nodes="  - {id: akt, kind: activity, title: Gör, contributes_to: [rus:maal]}\n",
            ),
        },
    )
    assert _problems(paths["a.yaml"]) == [
        (
            "a.yaml",
            6,
            "activity 'akt': contributes_to names 'rus:maal', but the plan rus (rus.yaml) has no "
            "node 'maal' (did you mean 'mal'?)",
        )
    ]


def test_a_link_to_a_used_node_of_a_kind_it_may_not_name_is_reported(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan(
                "A",
                uses={"rus": "rus.yaml"},
                nodes="  - {id: akt, kind: activity, title: Gör, performed_by: [rus:mal]}\n",
            ),
        },
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 6)
    assert message == "activity 'akt': performed_by must name an actor, but 'rus:mal' is a goal"


def test_an_alias_that_is_the_plans_own_id_is_refused(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{"rus.yaml": RUS, "a.yaml": _plan("A", plan_id="proj", uses={"proj": "rus.yaml"})},
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 5)
    assert "the alias 'proj' is this plan's own id" in message


def test_an_alias_that_is_another_plans_id_is_refused(tmp_path: Path) -> None:
    # `prog` names rus.yaml, but prog.yaml's id is prog: `prog:mal` would mean two things.
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "prog.yaml": _plan("Program", plan_id="prog"),
            "a.yaml": _plan("A", uses={"p": "prog.yaml", "prog": "rus.yaml"}),
        },
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 5)
    assert message.startswith(
        "the alias 'prog' names the plan 'rus-vg' (rus.yaml), but 'prog' is the id of another plan"
    )


def test_an_alias_that_is_the_id_of_a_plan_used_later_is_refused_too(tmp_path: Path) -> None:
    # The same as above with the uses the other way round: `prog` is read before prog.yaml.
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "prog.yaml": _plan("Program", plan_id="prog"),
            "a.yaml": _plan("A", uses={"prog": "rus.yaml", "p": "prog.yaml"}),
        },
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 4)
    assert "but 'prog' is the id of another plan" in message


def test_an_alias_shadowing_a_plan_id_is_refused_whatever_order_a_folder_is_read_in(
    tmp_path: Path,
) -> None:
    # a.yaml is read before z.yaml, whose plan id its alias is; y.yaml after it: both refused.
    uses = {"z": "rus.yaml"}
    nodes = "  - {id: akt, kind: activity, title: Gör, contributes_to: [z:mal]}\n"
    _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan("A", uses=uses, nodes=nodes),
            "y.yaml": _plan("Y", uses=uses, nodes=nodes),
            "z.yaml": _plan("Z"),
        },
    )
    model = il.load_portfolio(tmp_path)
    assert sorted(model.plans) == ["rus-vg", "z"]
    problems = [(Path(p.file or "").name, p.line) for p in plan_problems(model)]
    assert problems == [("a.yaml", 4), ("y.yaml", 4)]
    assert all("'z' is the id of another plan" in p.message for p in plan_problems(model))


def test_two_aliases_of_one_plan_are_refused_at_the_second(tmp_path: Path) -> None:
    # Each link into that plan would be there twice over, under two names.
    nodes = "  - {id: akt, kind: activity, title: Gör, contributes_to: [r1:mal, r2:mal]}\n"
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan("A", uses={"r1": "rus.yaml", "r2": "rus.yaml"}, nodes=nodes),
        },
    )
    assert _problems(paths["a.yaml"]) == [
        (
            "a.yaml",
            5,
            "the aliases 'r1' and 'r2' both name the plan 'rus-vg' (rus.yaml): keep one of them "
            "and write every link into that plan with it",
        )
    ]
    model = il.load_portfolio(tmp_path)
    assert list(model.plans) == ["rus-vg"]
    assert [(Path(p.file or "").name, p.line) for p in plan_problems(model)] == [("a.yaml", 5)]


def test_two_plans_with_the_same_id_are_refused_at_the_second_ones_id(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "x__rus.yaml": _plan("RUS 1", plan_id="rus"),
            "y__rus.yaml": _plan("RUS 2", plan_id="rus"),
            "a.yaml": _plan("A", uses={"r1": "x/rus.yaml", "r2": "y/rus.yaml"}),
        },
    )
    problems = _problems(paths["a.yaml"])
    assert (
        "rus.yaml",
        3,
        f"two plans have the id 'rus': this one and {tmp_path / 'x' / 'rus.yaml'}; give one of them another `id:`",
    ) in problems


def test_a_problem_in_a_used_plan_is_located_in_that_plan(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": _plan("RUS", nodes="  - {id: mal, kind: goal}\n"),
            "a.yaml": _plan("A", uses={"rus": "rus.yaml"}),
        },
    )
    problems = _problems(paths["a.yaml"])
    assert ("rus.yaml", 4, "goal 'mal': title is required") in problems
    assert (
        "a.yaml",
        4,
        "uses rus: 'rus.yaml', which could not be loaded (its problems are listed)",
    ) in problems


def test_a_bad_uses_header_is_a_located_header_problem(tmp_path: Path) -> None:
    paths = _write(
        tmp_path, **{"a.yaml": "insatslogik: 1\ntitle: A\nuses: [rus.yaml]\nnodes: []\n"}
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 3)
    assert "uses" in message


def test_a_used_symlink_loop_is_a_located_problem_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "loop1.yaml").symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(tmp_path / "loop1.yaml")
    paths = _write(tmp_path, **{"a.yaml": _plan("A", uses={"l": "loop1.yaml"})})
    problems = _problems(paths["a.yaml"])
    assert (
        "a.yaml",
        4,
        "uses l: 'loop1.yaml', which could not be loaded (its problems are listed)",
    ) in problems
    assert any(p[0] == "loop1.yaml" and "could not be read" in p[2] for p in problems)


# --- analyses: the plan's own nodes ------------------------------------------------------------


def test_a_plans_check_reports_its_own_nodes_the_used_plans_being_context(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load(paths["proj.yaml"])
    report = il.check(model)
    # rus-vg:ovrigt is uncovered in the RUS, not in the project's check.
    assert all(not node.startswith("rus-vg:") for f in report for node in f.nodes[:1])
    assert report.codes() == ["unowned-activity"]
    assert il.goal_coverage(model).goals == ()
    assert list(il.indicator_status(model)) == []
    assert il.orphan_activities(model) == []


def test_a_portfolio_reports_every_plan(tmp_path: Path) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load_portfolio(tmp_path)
    report = il.check(model, select=["uncovered-goal"])
    assert [f.nodes for f in report] == [("rus-vg:ovrigt",)]
    assert str(report.findings[0].location.file).endswith("rus.yaml")  # type: ignore[union-attr]
    coverage = il.goal_coverage(model)
    assert [(g.goal, g.status, g.activities) for g in coverage.goals] == [
        ("rus-vg:mal", "covered", ("proj:akt",)),
        ("rus-vg:ovrigt", "uncovered", ()),
    ]


# --- load_portfolio ----------------------------------------------------------------------------


def test_load_portfolio_qualifies_every_id_and_keeps_each_nodes_file_and_line(
    tmp_path: Path,
) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load_portfolio(tmp_path)
    assert sorted(node.id for node in model) == [
        "proj:akt",
        "proj:kort",
        "rus-vg:andel",
        "rus-vg:mal",
        "rus-vg:ovrigt",
        "rus-vg:region",
    ]
    assert model.title == tmp_path.name
    assert {plan: info.home for plan, info in model.plans.items()} == {"proj": True, "rus-vg": True}
    where = model.location("proj:kort")
    assert (Path(where.file).name, where.line) == ("proj.yaml", 11)  # type: ignore[union-attr, arg-type]
    entry = model.link_location("proj:kort", "rus-vg:mal")
    assert (Path(entry.file).name, entry.line, entry.column) == ("proj.yaml", 14, 22)  # type: ignore[union-attr, arg-type]
    assert model.warnings == ()


def test_load_portfolio_of_files_takes_the_plans_they_use_as_context(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load_portfolio([paths["proj.yaml"]], title="Projekten")
    assert model.title == "Projekten"
    assert not model.plans["rus-vg"].home
    assert il.check(model, select=["uncovered-goal"]).findings == ()


def test_a_folder_is_walked_recursively_passing_over_what_is_no_plan(tmp_path: Path) -> None:
    _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "projekt__proj.yaml": PROJ.replace("rus.yaml", "../rus.yaml"),
            "projekt__README.md": "# Projekt\n",
            "config.yaml": "tool: settings\n",
            ".git__HEAD.yaml": "not: read\n",
        },
    )
    model = il.load_portfolio(tmp_path)
    assert sorted(model.plans) == ["proj", "rus-vg"]
    notes = [(Path(note.file or "").name, note.message) for note in passed_over(model)]
    assert notes == [
        ("README.md", "passed over: not a plan file (.yaml, .yml or .json)"),
        ("config.yaml", "passed over: the format version is missing, so it is no plan"),
    ]
    assert plan_problems(model) == []


def test_an_empty_file_in_a_folder_is_passed_over_but_one_given_is_an_error(
    tmp_path: Path,
) -> None:
    _write(tmp_path, **{"a.yaml": _plan("A"), "tom.yaml": "", "blank.json": "  \n"})
    model = il.load_portfolio(tmp_path)
    assert list(model.plans) == ["a"]
    notes = [(Path(note.file or "").name, note.message) for note in passed_over(model)]
    assert notes == [
        ("blank.json", "passed over: the file is empty"),
        ("tom.yaml", "passed over: the file is empty"),
    ]
    with pytest.raises(il.ModelError, match="the file is empty"):
        il.load_portfolio([tmp_path / "a.yaml", tmp_path / "tom.yaml"], strict=True)


def test_a_folder_symlink_loop_is_a_note_not_a_hang(tmp_path: Path) -> None:
    _write(tmp_path, **{"plan__a.yaml": _plan("A")})
    (tmp_path / "plan" / "tillbaka").symlink_to(tmp_path / "plan")
    model = il.load_portfolio(tmp_path)
    assert list(model.plans) == ["a"]
    [note] = passed_over(model)
    assert note.file == str(tmp_path / "plan" / "tillbaka")
    assert "a link back to a folder already read (a loop)" in note.message


def test_a_plan_that_fails_is_listed_and_the_rest_still_loaded(tmp_path: Path) -> None:
    _write(
        tmp_path,
        **{
            "a.yaml": _plan("A"),
            "b.yaml": _plan("B", nodes="  - {id: mal, kind: goal}\n"),
            "c.yaml": _plan("C", uses={"b": "b.yaml"}),
        },
    )
    model = il.load_portfolio(tmp_path)
    assert list(model.plans) == ["a"]
    problems = [(Path(p.file or "").name, p.line, p.message) for p in plan_problems(model)]
    assert problems == [
        ("b.yaml", 4, "goal 'mal': title is required"),
        ("c.yaml", 4, "uses b: 'b.yaml', which could not be loaded (its problems are listed)"),
    ]
    with pytest.raises(il.ModelError) as error:
        il.load_portfolio(tmp_path, strict=True)
    assert [p.message for p in error.value.problems] == [p[2] for p in problems]


def test_a_portfolio_with_no_plan_that_loads_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, **{"b.yaml": _plan("B", nodes="  - {id: mal, kind: goal}\n")})
    with pytest.raises(il.ModelError, match="title is required"):
        il.load_portfolio(tmp_path)
    (tmp_path / "b.yaml").unlink()
    with pytest.raises(il.ModelError, match="no plan files were given"):
        il.load_portfolio(tmp_path)


def test_two_plans_of_a_portfolio_with_one_id_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, **{"a__plan.yaml": _plan("A"), "b__plan.yaml": _plan("B")})
    model = il.load_portfolio(tmp_path)
    assert list(model.plans) == ["plan"]
    [problem] = plan_problems(model)
    assert problem.file == str(tmp_path / "b" / "plan.yaml")
    assert problem.message.startswith("two plans have the id 'plan'")


def test_an_old_copy_of_a_used_plan_is_refused_not_the_plan_the_others_use(
    tmp_path: Path,
) -> None:
    # arkiv/rus.yaml sorts first, but proj uses rus.yaml: the copy is the one refused.
    _write(
        tmp_path,
        **{
            "arkiv__rus.yaml": RUS.replace("RUS Västra Götaland", "RUS, gammal kopia"),
            "rus.yaml": RUS,
            "proj.yaml": PROJ,
        },
    )
    model = il.load_portfolio(tmp_path)
    assert sorted(model.plans) == ["proj", "rus-vg"]
    assert model.plans["rus-vg"].path == str(tmp_path / "rus.yaml")
    [problem] = plan_problems(model)
    assert (problem.file, problem.line) == (str(tmp_path / "arkiv" / "rus.yaml"), 3)
    assert problem.message == (
        f"two plans have the id 'rus-vg': this one and {tmp_path / 'rus.yaml'}; "
        "give one of them another `id:`"
    )


def test_a_folder_of_links_to_plans_kept_elsewhere_loads_their_uses_beside_the_files(
    tmp_path: Path,
) -> None:
    paths = _write(tmp_path, **{"planer__rus.yaml": RUS, "planer__proj.yaml": PROJ})
    links = tmp_path / "portfolj"
    links.mkdir()
    (links / "proj.yaml").symlink_to(paths["planer__proj.yaml"])
    model = il.load(links / "proj.yaml")
    assert model.plans["rus-vg"].path == str(tmp_path / "planer" / "rus.yaml")
    assert sorted(il.load_portfolio(links).plans) == ["proj", "rus-vg"]


def test_a_plan_read_through_a_link_is_saved_elsewhere_with_paths_from_the_file_it_points_to(
    tmp_path: Path,
) -> None:
    paths = _write(tmp_path, **{"planer__rus.yaml": RUS, "planer__proj.yaml": PROJ})
    (tmp_path / "lank.yaml").symlink_to(paths["planer__proj.yaml"])
    (tmp_path / "kopior").mkdir()
    il.save(il.load(tmp_path / "lank.yaml"), tmp_path / "kopior" / "proj.yaml")
    again = il.load(tmp_path / "kopior" / "proj.yaml")
    assert again.uses == {"rus": "../planer/rus.yaml"}
    assert again.plans["rus-vg"].path == str(tmp_path / "kopior" / "../planer/rus.yaml")


def test_each_plan_of_a_folder_is_named_by_the_path_it_was_found_at(tmp_path: Path) -> None:
    # The projects reach the programme as projekt/../program.yaml, and are read first.
    _write(
        tmp_path,
        **{
            "program.yaml": RUS,
            "projekt__a.yaml": PROJ.replace("rus.yaml", "../program.yaml"),
        },
    )
    model = il.load_portfolio([tmp_path / "projekt" / "a.yaml", tmp_path / "program.yaml"])
    assert {plan.id: plan.path for plan in model.plans.values()} == {
        "a": str(tmp_path / "projekt" / "a.yaml"),
        "rus-vg": str(tmp_path / "program.yaml"),
    }
    assert il.load_portfolio(tmp_path).plans["rus-vg"].path == str(tmp_path / "program.yaml")


# --- saving and other formats ------------------------------------------------------------------


def test_save_writes_the_plan_as_written_its_uses_and_alias_references(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load(paths["proj.yaml"])
    text = il.dumps(model)
    assert "uses:\n  rus: rus.yaml\n" in text
    assert "- rus:mal\n" in text
    assert "rus-vg" not in text
    assert "Näringslivets" not in text  # the used plan stays in its own file
    il.save(model, tmp_path / "kopia.yaml")
    assert il.load(tmp_path / "kopia.yaml") == model


def test_save_keeps_the_description_of_a_plan_that_uses_others(tmp_path: Path) -> None:
    proj = PROJ.replace("uses:", "description: Ett utdrag\nuses:")
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": proj})
    model = il.load(paths["proj.yaml"])
    assert model.description == "Ett utdrag"
    assert "description: Ett utdrag\n" in il.dumps(model)


def test_save_keeps_a_written_plan_id(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS})
    model = il.load(paths["rus.yaml"])
    assert model.id == "rus-vg"
    assert "id: rus-vg\n" in il.dumps(model)
    assert il.loads(il.dumps(model)) == model


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _same_plan(saved: il.Model, model: il.Model) -> None:
    assert sorted(node.id for node in saved) == sorted(node.id for node in model)
    assert all(saved[node.id] == node for node in model)
    assert _links(saved) == _links(model)
    assert saved.plans.keys() == model.plans.keys()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_save_into_another_folder_rewrites_the_uses_paths(tmp_path: Path, suffix: str) -> None:
    model = il.load(EXAMPLES / "kronoberg" / "sydostleden.yaml")
    (tmp_path / "kopior").mkdir()
    saved = il.load(il.save(model, tmp_path / "kopior" / f"sydostleden{suffix}"))
    _same_plan(saved, model)
    used = EXAMPLES / "kronoberg" / "platsbundna_naringar.yaml"
    written = saved.uses["understrategi"]
    assert not Path(written).is_absolute()  # relative, as the plan wrote it
    assert (tmp_path / "kopior" / written).resolve() == used


def test_save_into_its_own_folder_keeps_the_uses_as_written(tmp_path: Path) -> None:
    paths = _write(
        tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ.replace("rus.yaml", "./rus.yaml")}
    )
    model = il.load(paths["proj.yaml"])
    assert il.load(il.save(model, tmp_path / "kopia.yaml")).uses == {"rus": "./rus.yaml"}


def test_an_absolute_uses_path_stays_absolute(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS})
    proj = PROJ.replace("rus: rus.yaml", f"rus: {json.dumps(str(paths['rus.yaml']))}")
    model = il.load(_write(tmp_path, **{"a__proj.yaml": proj})["a__proj.yaml"])
    (tmp_path / "b").mkdir()
    saved = il.load(il.save(model, tmp_path / "b" / "proj.yaml"))
    assert saved.uses == {"rus": str(paths["rus.yaml"])}


def test_with_no_relative_path_the_uses_path_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _write(
        tmp_path, **{"rus.yaml": RUS, "a__proj.yaml": PROJ.replace("rus.yaml", "../rus.yaml")}
    )
    model = il.load(paths["a__proj.yaml"])

    def other_drive(*_: object) -> str:
        raise ValueError("path is on mount 'C:', start on mount 'D:'")

    # What Windows says of two drives: no relative path leads from one to the other.
    monkeypatch.setattr("os.path.relpath", other_drive)
    assert uses_from(model, tmp_path / "b") == {"rus": paths["rus.yaml"].as_posix()}


def test_convert_into_another_folder_rewrites_the_uses_paths(tmp_path: Path) -> None:
    source = EXAMPLES / "kronoberg" / "sydostleden.yaml"
    model = il.load(source)
    (tmp_path / "ut").mkdir()
    readers = {
        "sydostleden.yaml": il.load,
        "sydostleden.nodelink.json": il.read_node_link,
        "sydostleden.xlsx": il.read_excel,
    }
    for name, read in readers.items():
        target = tmp_path / "ut" / name
        assert main(["convert", str(source), str(target)]) == 0
        _same_plan(read(target), model)


def test_a_portfolio_is_not_saved_as_one_file(tmp_path: Path) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load_portfolio(tmp_path)
    with pytest.raises(il.UsageError, match="a portfolio of 2 plans has no plan loaded on its own"):
        il.dumps(model)
    assert [node.id for node in model.plan_nodes("proj")] == ["akt", "kort"]
    assert model.plan_nodes("proj")[1].contributes_to[0].to == "rus:mal"


@pytest.mark.parametrize(
    ("write", "name"),
    [
        (lambda model, _: il.to_node_link(model), "node-link data"),
        (lambda model, _: il.to_iati_xml(model, start_year=2020), "an IATI activity file"),
    ],
)
def test_formats_of_one_plan_refuse_a_portfolio(tmp_path: Path, write: object, name: str) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load_portfolio(tmp_path)
    with pytest.raises(
        il.UsageError,
        match=f"{name} holds one plan, but the model is a portfolio of 2 plans \\(proj, rus-vg\\): a portfolio "
        "has no plan of its own",
    ):
        write(model, tmp_path)  # type: ignore[operator]


def test_a_portfolio_of_one_plan_is_a_portfolio(tmp_path: Path) -> None:
    one = il.load_portfolio([EXAMPLES / "kronoberg" / "rus.yaml"])
    assert list(one.plans) == ["kronoberg-rus"]
    assert one.is_portfolio
    assert not il.load(EXAMPLES / "kronoberg" / "rus.yaml").is_portfolio
    assert not il.load(EXAMPLES / "kronoberg" / "sydostleden.yaml").is_portfolio
    assert one.with_nodes(list(one)).is_portfolio
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "rus.yaml").write_text(RUS, encoding="utf-8")
    assert il.load_portfolio(tmp_path / "en").is_portfolio


@pytest.mark.parametrize(
    ("write", "match"),
    [
        (lambda model, folder: il.save(model, folder / "ut.yaml"), "a portfolio of 1 plan has"),
        (lambda model, _: il.dumps(model, format="json"), "a portfolio of 1 plan has"),
        (
            lambda model, folder: il.write_node_link(model, folder / "ut.nodelink.json"),
            "node-link data holds one plan, but the model is a portfolio of 1 plan "
            "\\(kronoberg-rus\\)",
        ),
        (
            lambda model, _: il.to_iati_xml(model, start_year=2020),
            "an IATI activity file holds one plan, but the model is a portfolio of 1 plan",
        ),
    ],
)
def test_formats_of_one_plan_refuse_a_portfolio_of_one_plan(
    tmp_path: Path, write: object, match: str
) -> None:
    model = il.load_portfolio([EXAMPLES / "kronoberg" / "rus.yaml"])
    with pytest.raises(il.UsageError, match=match):
        write(model, tmp_path)  # type: ignore[operator]
    assert list(tmp_path.iterdir()) == []


def test_the_workbook_of_a_portfolio_of_one_plan_is_refused_when_read(tmp_path: Path) -> None:
    model = il.load_portfolio([EXAMPLES / "kronoberg" / "rus.yaml"])
    path = il.write_excel(model, tmp_path / "ut.xlsx")
    with pytest.raises(il.ModelError) as raised:
        il.read_excel(path)
    assert raised.value.problems[0].message.startswith(
        "this workbook holds a portfolio of 1 plan (sheet 'Planer'), and a workbook is read as "
        "one plan"
    )


def _links(model: il.Model) -> list[tuple[str, str, str]]:
    return sorted((source, target, edge) for source, target, edge in model.graph.edges(keys=True))


@pytest.mark.parametrize(
    ("suffix", "write", "read"),
    [
        (".nodelink.json", il.write_node_link, il.read_node_link),
        (".xlsx", il.write_excel, il.read_excel),
    ],
)
def test_a_plan_that_uses_others_round_trips_through_node_link_and_excel(
    tmp_path: Path, suffix: str, write: object, read: object
) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    model = il.load(paths["proj.yaml"])
    path = write(model, tmp_path / f"proj{suffix}")  # type: ignore[operator]
    again = read(path)  # type: ignore[operator]
    assert again == model
    assert again.uses == {"rus": "rus.yaml"}
    assert list(again.plans) == ["proj", "rus-vg"]
    assert again.home_ids() == model.home_ids()
    assert _links(again) == _links(model)
    # Leniently too: nothing is left out.
    assert read(path, strict=False).warnings == ()  # type: ignore[operator]


def test_node_link_data_writes_the_plan_and_its_references(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    data = il.to_node_link(il.load(paths["proj.yaml"]))
    assert data["graph"]["uses"] == {"rus": "rus.yaml"}
    assert [node["id"] for node in data["nodes"]] == ["akt", "kort"]
    assert {"source": "kort", "target": "rus:mal", "key": "contributes_to"} in data["edges"]
    assert {"source": "akt", "target": "rus:region", "key": "performed_by"} in data["edges"]
    # In memory, `uses` is relative to the folder of `name`, as `loads` reads it.
    again = il.from_node_link(data, name=str(tmp_path / "data.json"))
    assert _links(again) == _links(il.load(paths["proj.yaml"]))


def test_node_link_data_with_a_used_plan_missing_is_a_located_problem(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    path = il.write_node_link(il.load(paths["proj.yaml"]), tmp_path / "proj.nodelink.json")
    paths["rus.yaml"].unlink()
    with pytest.raises(il.ModelError) as error:
        il.read_node_link(path)
    assert [(p.file, p.message) for p in error.value.problems] == [
        (
            str(path),
            f"graph.uses.rus: uses rus: 'rus.yaml', which does not exist ({tmp_path / 'rus.yaml'})",
        )
    ]


@pytest.mark.parametrize(
    ("name", "where"),
    [("proj.nodelink.json", "graph.uses.rus: "), ("proj.xlsx", "proj.xlsx:Plan!B6: ")],
)
def test_converting_a_file_whose_used_plan_is_gone_says_where_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, where: str
) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    assert main(["convert", str(paths["proj.yaml"]), str(tmp_path / name)]) == 0
    paths["rus.yaml"].unlink()
    capsys.readouterr()
    assert main(["convert", str(tmp_path / name), str(tmp_path / "ut.yaml")]) == 1
    out, err = capsys.readouterr()
    assert f"{where}uses rus: 'rus.yaml', which does not exist" in out + err
    assert "Traceback" not in out + err
    assert not (tmp_path / "ut.yaml").exists()


def test_node_link_data_names_only_nodes_of_the_plans_it_uses(tmp_path: Path) -> None:
    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    data = il.to_node_link(il.load(paths["proj.yaml"]))
    data["edges"].append({"source": "akt", "target": "ris:mal", "key": "contributes_to"})
    data["edges"].append({"source": "akt", "target": "rus:saknas", "key": "contributes_to"})
    with pytest.raises(il.ModelError) as error:
        il.from_node_link(data, name=str(tmp_path / "data.json"))
    messages = [p.message for p in error.value.problems]
    assert any(
        "edges[4]: a contributes_to edge names 'ris:mal', which is not a node" in m
        for m in messages
    ), messages
    assert any("rus:saknas" in m and "nodes[0]" in m for m in messages), messages


def test_a_workbook_keeps_the_plan_id_and_uses_on_its_plan_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    paths = _write(
        tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ.replace("uses:", "id: kd\nuses:")}
    )
    (tmp_path / "ut").mkdir()
    path = il.write_excel(il.load(paths["proj.yaml"]), tmp_path / "ut" / "proj.xlsx")
    book = load_workbook(path, read_only=True)
    rows = {row[0]: row[1] for row in book["Plan"].iter_rows(min_row=2, values_only=True)}
    assert rows["Id"] == "kd"
    assert rows["Använder"] == "rus: ../rus.yaml"
    assert "Planer" not in book.sheetnames  # one plan, not a portfolio
    links = [row for row in book["Länkar"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert ("kort", "rus:mal") in {(row[0], row[1]) for row in links}
    book.close()
    again = il.read_excel(path)
    assert again.id == "kd"
    assert again.uses == {"rus": "../rus.yaml"}


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("rus.yaml", "uses must be lines 'alias: path' (got 'rus.yaml')"),
        (
            "rus: saknas.yaml\n\nrus: rus.yaml",
            "uses names the alias 'rus' twice (lines 1 and 3): give each plan one alias",
        ),
    ],
)
def test_a_workbooks_bad_uses_cell_is_a_problem_at_the_cell(
    tmp_path: Path, cell: str, message: str
) -> None:
    from openpyxl import load_workbook

    paths = _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    path = il.write_excel(il.load(paths["proj.yaml"]), tmp_path / "proj.xlsx")
    book = load_workbook(path)
    sheet = book["Plan"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "Använder")
    sheet.cell(row, 2).value = cell
    book.save(path)
    with pytest.raises(il.ModelError) as error:
        il.read_excel(path)
    assert (f"Plan!B{row}", message) in [(p.cell, p.message) for p in error.value.problems]


def test_a_workbook_keeps_a_uses_path_that_starts_with_spaces(tmp_path: Path) -> None:
    # A space at the end would end the suffix (".yaml "): the cell's reading of it is in
    # uses_from_text's doctest.
    _write(tmp_path, **{"  planer__rus.yaml": RUS})
    text = PROJ.replace("rus: rus.yaml", 'rus: "  planer/rus.yaml"')
    model = il.load(_write(tmp_path, **{"proj.yaml": text})["proj.yaml"])
    assert model.uses == {"rus": "  planer/rus.yaml"}
    again = il.read_excel(il.write_excel(model, tmp_path / "proj.xlsx"))
    assert again.uses == {"rus": "  planer/rus.yaml"}
    assert again == model


@pytest.mark.parametrize(
    ("used", "what"),
    [
        ("rus.nodelink.json", "node-link data"),
        ("rus.xlsx", "a file of another type (.xlsx)"),
        ("rus.json", "no plan (the format version is missing, so it is no plan)"),
    ],
)
def test_a_used_plan_must_be_a_plan_file(tmp_path: Path, used: str, what: str) -> None:
    rus = il.load(_write(tmp_path, **{"rus.yaml": RUS})["rus.yaml"])
    if used.endswith(".xlsx"):
        il.write_excel(rus, tmp_path / used)
    else:
        # rus.json: node-link data under a plan file's suffix, which says no `insatslogik:`.
        il.write_node_link(rus, tmp_path / used)
    proj = _write(tmp_path, **{"proj.yaml": PROJ.replace("rus: rus.yaml", f"rus: {used}")})
    with pytest.raises(il.ModelError) as error:
        il.load(proj["proj.yaml"])
    assert [(Path(p.file or "").name, p.line, p.message) for p in error.value.problems] == [
        (
            "proj.yaml",
            4,
            f"uses rus: {used!r}, which is {what}: a used plan must be a YAML or JSON plan file "
            "(.yaml, .yml or .json, starting `insatslogik: 1`); convert the plan into one with "
            "`insatslogik convert`",
        )
    ]


def test_iati_writes_the_plan_own_results_and_leaves_out_links_into_used_plans(
    tmp_path: Path,
) -> None:
    rus = RUS
    proj = PROJ + (
        "    description: Egen\n"
        "  - id: egen\n    kind: indicator\n    title: Antal SMF\n    values: {2022: 40}\n"
    )
    proj = proj.replace("measured_by: [rus:andel]", "measured_by: [rus:andel, egen]")
    paths = _write(tmp_path, **{"rus.yaml": rus, "proj.yaml": proj})
    model = il.load(paths["proj.yaml"])
    text = il.to_iati_xml(model)
    assert 'il:id="kort"' in text
    assert "rus:" not in text  # no link into the RUS, which the file does not hold
    assert "Andel SMF" not in text  # the RUS's indicator stays in the RUS
    again = il.from_iati_xml(text)
    assert sorted(node.id for node in again) == ["egen", "kort"]
    assert again["kort"].measured_by == ("egen",)


def test_the_json_schema_has_id_and_uses() -> None:
    properties = il.json_schema()["properties"]
    assert properties["id"]["anyOf"][0]["pattern"] == "^[A-Za-z0-9_.-]+$"
    assert properties["uses"]["type"] == "object"


# --- the command line --------------------------------------------------------------------------


def test_check_portfolio_points_each_finding_into_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    assert (
        main(["check", "--portfolio", "--select", "uncovered-goal,unowned-activity", str(tmp_path)])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'rus.yaml'}:15:5: ")
    assert "uncovered-goal" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'proj.yaml'}:6:5: ")


def test_check_portfolio_github_and_sarif_name_the_right_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "proj.yaml": PROJ,
            "bad.yaml": _plan("B", nodes="  - {id: m, kind: goal}\n"),
        },
    )
    assert (
        main(
            [
                "check",
                "--portfolio",
                "--format",
                "github",
                "--select",
                "uncovered-goal",
                str(tmp_path),
            ]
        )
        == 1
    )
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"::error file={tmp_path / 'bad.yaml'},line=4,col=5::goal 'm': title is required",
        f"::warning file={tmp_path / 'rus.yaml'},line=15,col=5,title=uncovered-goal::"
        + out[1].split("title=uncovered-goal::")[1],
    ]
    assert (
        main(
            [
                "check",
                "--portfolio",
                "--format",
                "sarif",
                "--select",
                "uncovered-goal",
                str(tmp_path),
            ]
        )
        == 1
    )
    sarif = json.loads(capsys.readouterr().out)
    uris = sorted(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for run in sarif["runs"]
        for result in run["results"]
    )
    assert [Path(uri).name for uri in uris] == ["bad.yaml", "rus.yaml"]


def test_without_portfolio_each_file_is_checked_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ})
    assert main(["check", "--select", "uncovered-goal", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    # rus.yaml on its own reports its uncovered goals; proj.yaml does not report rus's.
    assert out.count("uncovered-goal") == 2
    assert "rus-vg:" not in out


def test_portfolio_refuses_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--portfolio", "-"]) == 2
    assert "--portfolio reads files and folders, not standard input" in capsys.readouterr().err


def test_render_portfolio_draws_the_plans_that_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "proj.yaml": PROJ,
            "bad.yaml": _plan("B", nodes="  - {id: m, kind: goal}\n"),
        },
    )
    out = tmp_path / "out.dot"
    # Drawn without the plan left out; exit 1 says the drawing is partial.
    assert main(["render", "--portfolio", str(tmp_path), "-o", str(out)]) == 1
    assert "Rådgivning till SMF" in out.read_text(encoding="utf-8")
    assert "goal 'm': title is required" in capsys.readouterr().err


def test_a_component_naming_a_used_plans_goal_is_refused_where_it_is_written(
    tmp_path: Path,
) -> None:
    paths = _write(
        tmp_path,
        **{
            "rus.yaml": RUS,
            "a.yaml": _plan(
                "A",
                uses={"rus": "rus.yaml"},
                nodes="  - {id: index, kind: indicator, title: Index, components: [rus:andel, rus:mal]}\n",
            ),
        },
    )
    assert _problems(paths["a.yaml"]) == [
        ("a.yaml", 6, "indicator 'index': components must name indicators, but 'rus:mal' is a goal")
    ]


def test_links_to_a_plan_that_cannot_be_read_are_not_reported_again(tmp_path: Path) -> None:
    paths = _write(
        tmp_path,
        **{
            "a.yaml": _plan(
                "A",
                uses={"rus": "saknas.yaml"},
                nodes="  - {id: akt, kind: activity, title: Gör, contributes_to: [rus:mal]}\n",
            )
        },
    )
    [(file, line, message)] = _problems(paths["a.yaml"])
    assert (file, line) == ("a.yaml", 4)
    assert "which does not exist" in message


def test_a_model_with_changed_nodes_keeps_its_id_uses_plans_and_places(tmp_path: Path) -> None:
    paths = _write(
        tmp_path, **{"rus.yaml": RUS, "proj.yaml": PROJ.replace("uses:", "id: kd\nuses:")}
    )
    model = il.load(paths["proj.yaml"])
    nodes = [
        node.model_copy(update={"title": "Ny"}) if node.id == "akt" else node for node in model
    ]
    changed = model.with_nodes(nodes)
    assert changed["akt"].title == "Ny"
    assert (changed.id, changed.uses, changed.plans) == (model.id, model.uses, model.plans)
    assert changed.location("rus-vg:mal") == model.location("rus-vg:mal")
    assert il.dumps(changed) == il.dumps(model).replace("title: Rådgivning till SMF", "title: Ny")
