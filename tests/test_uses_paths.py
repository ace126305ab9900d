"""Where a plan that uses others is written: its ``uses`` paths still name the used files.

Each writer makes the paths relative to the folder the file lands in (through links, as the
system reads them), standard output's relative to the current folder; standard input is read
as a file in the current folder; a plan saved after `os.chdir` still knows its own folder; and
no writer writes over a file of a plan the model uses.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats.convert import convert_read, convert_write

RUS = """\
insatslogik: 1
title: RUS
id: rus-vg
nodes:
  - {id: mal, kind: goal, title: Digital omställning}
"""

MID = """\
insatslogik: 1
title: Kraftsamling
id: kraft
uses: {rus: rus.yaml}
nodes:
  - {id: delmal, kind: long_term_effect, title: Fler digitala SMF, contributes_to: ["rus:mal"]}
"""

PROJ = """\
insatslogik: 1
title: Projekt
uses: {kraft: ../strategi/kraft.yaml}
nodes:
  - {id: akt, kind: activity, title: Rådgivning, contributes_to: ["kraft:delmal"]}
"""

#: Each writer of a plan's file, with the reader that reads it back.
WRITERS: dict[str, tuple[Callable[[il.Model, Path], object], Callable[[Path], il.Model]]] = {
    "plan.yaml": (il.save, il.load),
    "plan.json": (il.save, il.load),
    "plan.nodelink.json": (il.write_node_link, il.read_node_link),
    "plan.xlsx": (il.write_excel, il.read_excel),
}


@pytest.fixture
def plans(tmp_path: Path) -> dict[str, Path]:
    """A project plan using a kraftsamling that uses the RUS, each in its folder."""
    (tmp_path / "strategi").mkdir()
    (tmp_path / "projekt").mkdir()
    files = {
        "rus": tmp_path / "strategi" / "rus.yaml",
        "kraft": tmp_path / "strategi" / "kraft.yaml",
        "proj": tmp_path / "projekt" / "plan.yaml",
    }
    for key, text in (("rus", RUS), ("kraft", MID), ("proj", PROJ)):
        files[key].write_text(text, encoding="utf-8")
    return files


def _same_plan(saved: il.Model, model: il.Model) -> None:
    """The same nodes and links; the ``uses`` paths differ, written from another folder."""
    assert sorted(node.id for node in saved) == sorted(node.id for node in model)
    assert all(saved[node.id] == node for node in model)
    assert sorted(saved.graph.edges(keys=True)) == sorted(model.graph.edges(keys=True))


def _used(path: Path, written: str) -> Path:
    """The file a written ``uses`` path names, as the system resolves it from `path`'s folder."""
    return Path(os.path.realpath(path.parent / written))


# -- 1. a folder reached through a symbolic link ---------------------------------------------


@pytest.mark.parametrize("name", list(WRITERS))
def test_written_through_a_linked_folder_the_plan_loads(
    plans: dict[str, Path], tmp_path: Path, name: str
) -> None:
    deep = tmp_path / "annat" / "djup" / "mapp"
    deep.mkdir(parents=True)
    (tmp_path / "genvag").symlink_to(deep)
    write, read = WRITERS[name]
    model = il.load(plans["proj"])
    target = tmp_path / "genvag" / name
    write(model, target)
    again = read(target)
    assert _used(target, again.uses["kraft"]) == plans["kraft"].resolve()
    _same_plan(again, model)


def test_written_through_a_link_to_a_file_the_paths_lead_from_the_file_it_points_to(
    plans: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "annat" / "djup").mkdir(parents=True)
    real = tmp_path / "annat" / "djup" / "kopia.yaml"
    real.write_text("", encoding="utf-8")
    (tmp_path / "projekt" / "kopia.yaml").symlink_to(real)
    il.save(il.load(plans["proj"]), tmp_path / "projekt" / "kopia.yaml")
    assert il.load(real).uses == {"kraft": "../../strategi/kraft.yaml"}


# -- 2. standard output ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json", "node-link"])
def test_standard_output_names_used_plans_relative_to_the_current_folder(
    plans: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["convert", str(plans["proj"]), "-", "--to", fmt]) == 0
    out = capsys.readouterr().out
    assert "strategi/kraft.yaml" in out
    assert "../strategi/kraft.yaml" not in out
    # What was printed, saved in the current folder, loads with the plans it uses.
    name = {"yaml": "ut.yaml", "json": "ut.json", "node-link": "ut.nodelink.json"}[fmt]
    (tmp_path / name).write_text(out, encoding="utf-8")
    _same_plan(convert_read(name), il.load(plans["proj"]))


# -- 3. standard input -------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("fmt", ["node-link", "excel"])
def test_standard_input_takes_uses_relative_to_the_current_folder(
    plans: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    suffix = {"node-link": ".nodelink.json", "excel": ".xlsx"}[fmt]
    written = tmp_path / "projekt" / f"plan{suffix}"
    il.convert(plans["proj"], written)  # uses: ../strategi/kraft.yaml, from projekt/
    monkeypatch.chdir(tmp_path / "projekt")
    _stdin(monkeypatch, written.read_bytes())
    assert main(["convert", "-", "ut.yaml", "--from", fmt]) == 0
    _same_plan(il.load(tmp_path / "projekt" / "ut.yaml"), il.load(plans["proj"]))
    capsys.readouterr()
    # From another folder the same data names a file that is not there: said of <stdin>.
    monkeypatch.chdir(tmp_path)
    _stdin(monkeypatch, written.read_bytes())
    assert main(["convert", "-", "ut.yaml", "--from", fmt]) == 1
    out = capsys.readouterr().out
    assert out.startswith("1 problem in <stdin>:\n  <stdin>")
    assert "uses kraft: '../strategi/kraft.yaml', which does not exist" in out
    assert "insatslogik-" not in out  # no temporary file is named
    assert not (tmp_path / "ut.yaml").exists()


def test_node_link_bytes_read_from_memory_name_what_they_are_called() -> None:
    with pytest.raises(il.ModelError) as error:
        il.from_node_link(b'{"graph": ', name="<stdin>")
    assert [str(problem) for problem in error.value.problems] == [
        "<stdin>:1:11: JSON syntax error: Expecting value"
    ]


# -- 4. saved after the current folder changed -------------------------------------------------


@pytest.mark.usefixtures("plans")
@pytest.mark.parametrize("name", list(WRITERS))
def test_a_plan_loaded_by_a_relative_path_saves_right_after_chdir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    model = il.load("projekt/plan.yaml")
    (tmp_path / "ut").mkdir()
    monkeypatch.chdir(tmp_path / "ut")
    write, read = WRITERS[name]
    write(model, Path(name))
    again = read(Path(name))
    assert again.uses == {"kraft": "../strategi/kraft.yaml"}
    _same_plan(again, model)
    # What messages and outputs call the file is still what it was loaded as.
    assert model.source == "projekt/plan.yaml"
    assert model.plans["kraft"].path == str(Path("projekt", "../strategi/kraft.yaml"))


@pytest.mark.usefixtures("plans")
def test_a_model_with_changed_nodes_keeps_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path / "projekt")
    loaded = il.load("plan.yaml")
    model = loaded.with_nodes(list(loaded))
    monkeypatch.chdir(tmp_path)
    il.save(model, tmp_path / "kopia.yaml")
    assert il.load(tmp_path / "kopia.yaml").uses == {"kraft": "strategi/kraft.yaml"}


# -- 5. never over a used plan's file ----------------------------------------------------------


def _write_iati(model: il.Model, path: Path) -> object:
    return il.write_iati(model, path, start_year=2020)


@pytest.mark.parametrize(
    ("write", "used"),
    [
        (il.save, "kraft"),
        (il.save, "rus"),  # used through the plan it uses
        (il.write_node_link, "kraft"),
        (_write_iati, "rus"),
        (lambda model, path: convert_write(model, path, format="json"), "rus"),
    ],
)
def test_no_writer_writes_over_a_file_of_a_plan_the_plan_uses(
    plans: dict[str, Path], write: Callable[[il.Model, Path], Any], used: str
) -> None:
    before = plans[used].read_bytes()
    model = il.load(plans["proj"])
    with pytest.raises(il.WriteError) as error:
        write(model, plans[used])
    assert error.value.filename == str(plans[used])
    assert "a plan this plan uses, which would be lost" in str(error.value)
    assert plans[used].read_bytes() == before


def test_a_workbook_is_not_written_through_a_link_to_a_used_plan(
    plans: dict[str, Path], tmp_path: Path
) -> None:
    before = plans["rus"].read_bytes()
    (tmp_path / "rus.xlsx").symlink_to(plans["rus"])
    with pytest.raises(il.WriteError, match=r"it holds rus-vg \(.*rus\.yaml\)"):
        il.write_excel(il.load(plans["proj"]), tmp_path / "rus.xlsx")
    assert plans["rus"].read_bytes() == before


def test_a_plan_is_still_saved_over_its_own_file(plans: dict[str, Path]) -> None:
    model = il.load(plans["proj"])
    il.save(model, plans["proj"])
    assert il.load(plans["proj"]) == model


def test_convert_refuses_to_write_over_a_used_plan_and_writes_nothing(
    plans: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = plans["kraft"].read_bytes()
    assert main(["convert", str(plans["proj"]), str(plans["kraft"])]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {plans['kraft']}: it holds kraft (../strategi/kraft.yaml)" in err
    assert plans["kraft"].read_bytes() == before
    assert sorted(path.name for path in plans["kraft"].parent.iterdir()) == [
        "kraft.yaml",
        "rus.yaml",
    ]
