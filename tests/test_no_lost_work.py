"""No lost work: a save killed at any moment leaves the old model or the new one, never less."""

from __future__ import annotations

import errno
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from tests.conftest import EXAMPLES, saved_into

SAVER = """
import sys, insatslogik as il
old, new, target = il.load(sys.argv[1]), il.load(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
while True:
    il.save(new, target)
    il.save(old, target)
"""


def test_a_save_killed_at_any_moment_leaves_a_whole_model(tmp_path: Path) -> None:
    old = il.load(EXAMPLES / "vgr_kraftsamling_digitalisering.yaml")
    new = old.with_nodes([*old, il.Actor(id="ny-aktor", title="Ny aktör")])
    old_file, new_file, target = (
        tmp_path / "old.json",
        tmp_path / "new.json",
        tmp_path / "plan.yaml",
    )
    il.save(old, old_file)
    il.save(new, new_file)
    il.save(old, target)
    rng = random.Random(7)
    seen = set()
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(old_file), str(new_file), str(target)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        # Saved here, the plan names the RUS it uses from here.
        loaded = il.load(target)
        assert loaded in (saved_into(old, tmp_path), saved_into(new, tmp_path))
        seen.add("new" if loaded == saved_into(new, tmp_path) else "old")
    # Only whole files were ever seen; temporary files of killed saves may remain beside it.
    assert all(
        p.name.startswith(".plan.yaml.")
        for p in tmp_path.iterdir()
        if p.name not in {"old.json", "new.json", "plan.yaml"}
    )
    assert seen  # at least one state was observed after a kill


def test_saving_through_a_link_updates_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "delad" / "plan.yaml"
    real.parent.mkdir()
    il.save(il.Model([il.Goal(id="g", title="Gammal")], title="Gammal"), real)
    link = tmp_path / "plan.yaml"
    link.symlink_to(real)
    new = il.Model([il.Goal(id="g", title="Ny")], title="Ny")
    il.save(new, link)
    assert link.is_symlink()
    assert il.load(real) == new
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan.yaml"]


def test_a_render_that_fails_leaves_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = il.load(EXAMPLES / "vgr_kraftsamling_digitalisering.yaml")
    out = tmp_path / "kedja.svg"
    out.write_text("<svg>gammal</svg>", encoding="utf-8")
    monkeypatch.setenv("PATH", "")  # no `dot`
    with pytest.raises(il.GraphvizNotFoundError):
        il.render_chain(model).save(out)
    assert out.read_text(encoding="utf-8") == "<svg>gammal</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["kedja.svg"]


def test_loading_and_checking_never_touch_the_file(tmp_path: Path) -> None:
    good, bad = tmp_path / "plan.yaml", tmp_path / "trasig.yaml"
    good.write_bytes((EXAMPLES / "vgr_kraftsamling_digitalisering.yaml").read_bytes())
    shutil.copytree(EXAMPLES / "vgr", tmp_path / "vgr")  # the RUS it uses, as `uses` names it
    bad.write_bytes(b"insatslogik: 1\ntitle: T\nnodes: [{id: a, kind: goal}]\n")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (good, bad)}
    il.check(il.load(good))
    with pytest.raises(il.ModelError):
        il.load(bad)
    assert main(["validate", str(bad)]) == 1
    assert main(["check", str(good)]) in (0, 1)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (good, bad)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "trasig.yaml", "vgr"]


def test_a_write_that_fails_names_the_file_asked_for(tmp_path: Path) -> None:
    # Not the temporary file beside it, which the user never named.
    folder = tmp_path / "kedja.svg"
    folder.mkdir()
    with pytest.raises(il.WriteError) as in_the_way:
        il.render_chain(_small()).save(folder)
    assert (in_the_way.value.filename, in_the_way.value.errno) == (str(folder), errno.EISDIR)
    missing = tmp_path / "saknas" / "kedja.dot"
    with pytest.raises(il.WriteError) as no_folder:
        il.render_chain(_small()).save(missing)
    assert (no_folder.value.filename, no_folder.value.errno) == (str(missing), errno.ENOENT)
    assert [p.name for p in tmp_path.iterdir()] == ["kedja.svg"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["kedja.svg", "kedja.dot", "sida.html", "kedja.mmd"])
def test_a_render_that_cannot_write_says_so_and_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    plan = tmp_path / "plan.yaml"
    il.save(_small(), plan)
    missing = tmp_path / "saknas" / name
    assert main(["render", str(plan), "-o", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"insatslogik: cannot write {missing}: No such file or directory; nothing was written\n"
    )
    (tmp_path / name).mkdir()
    assert main(["render", str(plan), "-o", str(tmp_path / name)]) == 2
    assert capsys.readouterr().err == (
        f"insatslogik: cannot write {tmp_path / name}: Is a directory; nothing was written\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "plan.yaml"])


def test_a_conversion_that_cannot_write_names_the_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    il.save(_small(), plan)
    target = tmp_path / "saknas" / "graf.nodelink.json"
    with pytest.raises(il.WriteError, match="No such file or directory") as error:
        il.convert(plan, target)
    assert error.value.filename == str(target)


def _small() -> il.Model:
    return il.Model(
        [
            il.Goal(id="mal", title="Fler företag digitaliseras"),
            il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
        ],
        title="Liten plan",
    )
