"""A follow-up plan that names what another plan holds: ``ALIAS:id`` in every reference it makes.

An assessment's or a recommendation's ``by``, the assumption ids of a link and the ends of a link
an assumption is about are references that are no edge of the graph; they take ``ALIAS:id`` as
the link fields do, are checked in the file that wrote them, and are saved as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import insatslogik as il

RUS = """\
insatslogik: 1
title: RUS
id: rus
nodes:
  - {id: mal, kind: goal, title: Stärka innovationskraften}
  - {id: vgr, kind: actor, title: Västra Götalandsregionen}
  - {id: utv, kind: evaluation, title: Utvärdering av RUS, when: [2023]}
  - {id: ant, kind: assumption, title: Företagen vill digitalisera}
"""

PLAN = """\
insatslogik: 1
title: Kraftsamling
uses: {r: rus.yaml}
nodes:
  - id: eff
    kind: long_term_effect
    title: Fler digitala företag
    contributes_to:
      - to: r:mal
        assumptions: [r:ant, Stödet når rätt företag]
        assessments: [{year: 2023, by: r:utv, judgement: partly}]
  - {id: akt, kind: activity, title: Rådgivning, contributes_to: [eff]}
  - id: fraga
    kind: question
    title: Har kraftsamlingen bidragit?
    about: [r:mal, eff]
    method: [enkät]
    responsible: r:vgr
    when: [2022, 2023]
    assessments: [{year: 2023, by: r:vgr, judgement: achieved}]
  - {id: rek, kind: recommendation, title: Följ upp oftare, by: r:utv, about: [eff]}
  - {id: ant2, kind: assumption, title: Stödet når rätt, about: [{from: eff, to: r:mal}]}
"""


def _write(folder: Path, plan: str = PLAN) -> Path:
    (folder / "rus.yaml").write_text(RUS, encoding="utf-8")
    path = folder / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    return path


def test_every_follow_up_reference_takes_an_alias_and_is_qualified(tmp_path: Path) -> None:
    model = il.load(_write(tmp_path))
    (link,) = model["eff"].contributes_to
    assert link.to == "rus:mal"
    assert link.assessments[0].by == "rus:utv"
    assert link.assumptions == ("rus:ant", "Stödet når rätt företag")
    assert model.link_assumptions("eff", "rus:mal") == ("ant2", "rus:ant")
    assert model["fraga"].assessments[0].by == "rus:vgr"
    assert model["rek"].by == "rus:utv"
    (about,) = model["ant2"].about
    assert (about.source, about.target) == ("eff", "rus:mal")


def test_a_plan_using_another_saves_its_follow_up_references_as_written(tmp_path: Path) -> None:
    model = il.load(_write(tmp_path))
    text = il.dumps(model)
    for written in ("by: r:utv", "- r:ant", "by: r:vgr", "to: r:mal"):
        assert written in text
    assert "rus:" not in text
    (tmp_path / "again.yaml").write_text(text, encoding="utf-8")
    again = il.load(tmp_path / "again.yaml")
    assert sorted(node.id for node in again) == sorted(node.id for node in model)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("by: r:utv, about", "by: r:utvv, about", "by names 'r:utvv', but the plan r"),
        ("to: r:mal}]", "to: r:xx}]", "about names 'r:xx', but the plan r"),
        (
            "by: r:vgr, judgement: achieved",
            "by: r:mal, judgement: achieved",
            "an assessment's by must name an actor or evaluation, but 'r:mal' is a goal",
        ),
        (
            "assumptions: [r:ant,",
            "assumptions: [r:mal,",
            "names 'r:mal' among its assumptions, but it is a goal, not an assumption",
        ),
    ],
)
def test_a_bad_follow_up_reference_is_located_in_the_file_that_wrote_it(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    assert old in PLAN
    path = _write(tmp_path, PLAN.replace(old, new))
    with pytest.raises(il.ModelError) as caught:
        il.load(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.line == next(
        number for number, line in enumerate(PLAN.replace(old, new).splitlines(), 1) if new in line
    )
    assert words in problem.message


def test_a_plan_follows_up_its_own_questions_not_those_of_the_plans_it_uses(
    tmp_path: Path,
) -> None:
    rus = RUS + "  - {id: rus-fraga, kind: question, title: RUS-fråga, about: [mal],"
    rus += " method: [enkät], when: [2024]}\n"
    (tmp_path / "rus.yaml").write_text(rus, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    model = il.load(tmp_path / "plan.yaml")
    assert "rus:rus-fraga" in model
    assert {item.node_id for item in il.follow_up(model, year=2025)} == {"fraga"}
    assert [row.question for row in il.evaluation_matrix(model)] == ["fraga"]
    portfolio = il.load_portfolio(tmp_path)
    assert {item.node_id for item in il.follow_up(portfolio, year=2025)} == {
        "plan:fraga",
        "rus:rus-fraga",
        "rus:utv",
    }


def test_an_assumption_may_be_about_a_node_of_a_used_plan(tmp_path: Path) -> None:
    plan = PLAN + "  - {id: ant3, kind: assumption, title: Efterfrågan finns, about: [r:mal]}\n"
    model = il.load(_write(tmp_path, plan))
    assert model["ant3"].about == ("rus:mal",)


def test_sources_stay_as_written_in_a_portfolio(tmp_path: Path) -> None:
    rus = RUS + "  - {id: ind, kind: indicator, title: Andel, source: SCB}\n"
    (tmp_path / "rus.yaml").write_text(rus, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert il.load_portfolio(tmp_path)["rus:ind"].source == "SCB"
    assert il.load(tmp_path / "plan.yaml")["rus:ind"].source == "SCB"


def test_findings_of_a_portfolio_of_several_files_point_into_each_file(tmp_path: Path) -> None:
    _write(tmp_path)
    model = il.load_portfolio([tmp_path / "rus.yaml", tmp_path / "plan.yaml"])
    findings = list(il.check(model))
    assert findings
    assert all(f.location is not None for f in findings)
    files = {Path(f.location.file).name for f in findings if f.location is not None}
    assert files == {"rus.yaml", "plan.yaml"}


def test_a_use_of_a_folder_is_a_located_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "plan.yaml"
    path.write_text(
        "insatslogik: 1\ntitle: P\nuses: {d: sub}\nnodes:\n"
        "  - {id: a, kind: activity, title: A, contributes_to: [d:x]}\n",
        encoding="utf-8",
    )
    with pytest.raises(il.ModelError) as caught:
        il.load(path)
    messages = [str(problem) for problem in caught.value.problems]
    assert any("a folder, not a plan file" in message for message in messages)
    assert any(message.startswith(f"{path}:3:") for message in messages)


def test_plan_ids_from_swedish_file_names_keep_their_letters_readable() -> None:
    from insatslogik.model.plans import plan_id_of

    assert plan_id_of("Jönköping.yaml") == "Jonkoping"
    assert plan_id_of("Västra Götaland.yml") == "Vastra-Gotaland"
    assert plan_id_of("Örebro.json") == "Orebro"


# --- A used plan's assumptions, heard by the plan that uses it ----------------------------------

USED_RUS = """\
insatslogik: 1
title: RUS
id: rus
nodes:
  - {id: mal, kind: goal, title: Stärka innovationskraften}
  - {id: eff, kind: long_term_effect, title: Fler innovativa företag, contributes_to: [mal]}
  - {id: kort, kind: short_term_effect, title: Fler samarbeten, contributes_to: [eff]}
  - {id: ant, kind: assumption, title: Företagen vill samarbeta, status: fails,
     about: [{from: kort, to: eff}]}
  - {id: prov, kind: assumption, title: Samarbeten ger innovation, about: [{from: eff, to: mal}]}
"""


def _project(folder: Path, nodes: str) -> Path:
    (folder / "rus.yaml").write_text(USED_RUS, encoding="utf-8")
    path = folder / "projekt.yaml"
    path.write_text(f"insatslogik: 1\ntitle: Projekt\nuses: {{r: rus.yaml}}\nnodes:\n{nodes}")
    return path


def test_a_project_hears_that_its_chain_rests_on_a_used_plans_failed_assumption(
    tmp_path: Path,
) -> None:
    path = _project(
        tmp_path, "  - {id: akt, kind: activity, title: Råd, contributes_to: [r:kort]}\n"
    )
    found = il.check(il.load(path), select=["failed-assumption", "untested-assumption"], lang="en")
    assert [(f.code.value, f.nodes) for f in found] == [
        ("failed-assumption", ("akt", "rus:ant", "rus:mal")),
        ("untested-assumption", ("akt", "rus:prov", "rus:mal")),
    ]
    failed = found.findings[0]
    assert failed.message == (
        "The chain from activity «Råd» (akt) to goal «Stärka innovationskraften» (rus:mal) "
        f"rests on assumption «Företagen vill samarbeta» (rus:ant) in {tmp_path / 'rus.yaml'}:8, "
        "which does not hold: review the links from it and what they build on."
    )
    where = failed.location
    assert where is not None
    assert (where.file, where.line) == (str(path), 5)


def test_a_chain_that_joins_above_the_failing_link_does_not_rest_on_it(tmp_path: Path) -> None:
    path = _project(
        tmp_path, "  - {id: akt, kind: activity, title: Råd, contributes_to: [r:eff]}\n"
    )
    found = il.check(il.load(path), select=["failed-assumption", "untested-assumption"])
    # Only the untested link from eff into the goal is on its way.
    assert [(f.code.value, f.nodes) for f in found] == [
        ("untested-assumption", ("akt", "rus:prov", "rus:mal"))
    ]


def test_a_projects_own_link_naming_a_used_assumption_is_heard(tmp_path: Path) -> None:
    model = il.load(_write(tmp_path))
    found = il.check(model, select=["untested-assumption"])
    # The plan's own assumption about the link, and the used one its list names.
    assert sorted(f.nodes for f in found) == [("ant2", "rus:mal"), ("eff", "rus:ant", "rus:mal")]
    [used] = [f for f in found if f.nodes[0] == "eff"]
    assert "vilar på antagandet «Företagen vill digitalisera» (rus:ant) i " in used.message


def test_ignore_on_the_projects_node_silences_the_used_plans_assumption(tmp_path: Path) -> None:
    nodes = (
        "  - {id: akt, kind: activity, title: Råd, contributes_to: [r:kort],\n"
        "     ignore: [failed-assumption, untested-assumption]}\n"
    )
    found = il.check(il.load(_project(tmp_path, nodes)))
    assert not {"failed-assumption", "untested-assumption"} & set(found.codes())


def test_a_portfolio_hears_the_assumption_once_in_its_own_plan(tmp_path: Path) -> None:
    path = _project(
        tmp_path, "  - {id: akt, kind: activity, title: Råd, contributes_to: [r:kort]}\n"
    )
    portfolio = il.load_portfolio([tmp_path / "rus.yaml", path])
    found = il.check(portfolio, select=["failed-assumption"])
    assert [f.nodes[0] for f in found] == ["rus:ant"]
