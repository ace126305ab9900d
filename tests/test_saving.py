"""Saving: canonical, deterministic text, written atomically."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.cli import main
from insatslogik.formats import files
from tests.conftest import SMALL_PLAN as SMALL


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_save_then_load_gives_an_equal_model(
    small_model: il.Model, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"plan{suffix}"
    il.save(small_model, path)
    assert il.load(path) == small_model


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_equal_models_save_to_equal_bytes(small_model: il.Model, fmt: il.loading.Format) -> None:
    reordered = il.Model(reversed(list(small_model)), title=small_model.title)
    assert il.dumps(reordered, format=fmt) == il.dumps(small_model, format=fmt)


def test_saved_yaml_is_canonical_and_readable(small_model: il.Model) -> None:
    text = il.dumps(small_model)
    assert text.startswith(
        "insatslogik: 1\ntitle: Kraftsamling digitalisering\nlanguage: sv\nnodes:\n- id: rus-vg\n"
    )
    # Structure first, then the chain, then indicators and actors.
    order = [line.removeprefix("- id: ") for line in text.splitlines() if line.startswith("- id: ")]
    assert order == [
        "rus-vg",
        "digitalisering",
        "smf-steg",
        "kort-smf",
        "lang-smf",
        "naringsliv",
        "smf-digital",
        "iuc",
    ]
    assert "Västra Götaland" in text  # UTF-8, not \\u escapes
    assert "  - kort-smf\n  - to: naringsliv\n    rationale:" in text  # bare ids stay bare
    assert "value: 82\n" in text  # 82.0 is written as people write it


def test_saved_yaml_quotes_strings_yaml_would_misread(tmp_path: Path) -> None:
    model = il.Model(
        [il.Actor(id="no", title="yes", tags=("1.10", "012", "2020-01-01", "null"), notes="on")],
        title="Ja",
    )
    path = tmp_path / "plan.yaml"
    il.save(model, path)
    assert il.load(path) == model


def test_save_replaces_the_file_in_one_rename(small_model: il.Model, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    il.save(small_model, path)
    assert il.load(path) == small_model
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_crash_while_writing_leaves_the_old_file_and_no_debris(
    small_model: il.Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("insatslogik: 1\ntitle: Gammal plan\n", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(
        il.WriteError,
        match=r"cannot write .*plan\.yaml: No space left on device; nothing was changed",
    ):
        il.save(small_model, path)
    assert path.read_text(encoding="utf-8") == "insatslogik: 1\ntitle: Gammal plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_model_that_cannot_be_written_is_never_started(
    small_model: il.Model, tmp_path: Path
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("keep", encoding="utf-8")
    with pytest.raises(il.UsageError, match=r"unknown file type '\.txt'"):
        il.save(small_model, path)
    assert path.read_text(encoding="utf-8") == "keep"


def test_new_files_get_the_usual_permissions(small_model: il.Model, tmp_path: Path) -> None:
    path = tmp_path / "ny.json"
    il.save(small_model, path)
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_write_atomic_writes_utf8_with_unix_newlines(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    files.write_atomic(path, "å\nä\n")
    assert path.read_bytes() == "å\nä\n".encode()


def test_saving_into_a_folder_that_cannot_be_written_is_a_write_error(
    small_model: il.Model, tmp_path: Path
) -> None:
    with pytest.raises(il.WriteError, match="cannot write") as error:
        il.save(small_model, tmp_path / "saknas" / "plan.yaml")
    assert error.value.filename == str(tmp_path / "saknas" / "plan.yaml")
    assert isinstance(error.value, OSError)


# Same bytes in other processes and under other hash seeds: tests/test_determinism.py.


def test_ignored_codes_are_saved_as_plain_text(tmp_path: Path) -> None:
    model = il.Model([il.Goal(id="g", title="Mål", ignore=("unmeasured-goal",))], title="T")
    assert "  ignore:\n  - unmeasured-goal\n" in il.dumps(model)
    path = tmp_path / "plan.yaml"
    il.save(model, path)
    assert il.load(path) == model


# --- names, protection and what a killed write leaves ----------------------------------------


def test_a_name_of_250_characters_can_be_saved(tmp_path: Path) -> None:
    # The temporary name is short whatever the target's: a 250-character name used to fail.
    path = tmp_path / ("p" * 245 + ".yaml")
    model = il.loads(SMALL)
    assert il.save(model, path) == path
    assert il.load(path) == model
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_read_only_target_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("låst\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(il.WriteError, match="the file is read-only; nothing was changed"):
        il.save(il.loads(SMALL), path)
    assert path.read_text(encoding="utf-8") == "låst\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_killed_write_leaves_a_recognisable_file_that_a_later_write_removes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    pid = os.fork()
    if pid == 0:  # a process killed while it writes: nothing of Python's cleanup runs
        os.fsync = lambda _: os.kill(os.getpid(), signal.SIGKILL)  # type: ignore[assignment]
        files.write_atomic(path, "halv")
        os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    (left,) = tmp_path.iterdir()
    assert re.fullmatch(r"\.plan\.yaml\.[0-9a-f]{16}\.insatslogik-tmp", left.name)
    files.write_atomic(path, "hel")
    assert left.exists()  # another process may still be writing it
    old = time.time() - files.STALE_SECONDS - 60
    os.utime(left, (old, old))
    files.write_atomic(path, "hel")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
    assert path.read_text(encoding="utf-8") == "hel"


def test_saving_through_a_loop_of_links_is_a_write_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    (tmp_path / "ring").symlink_to(tmp_path / "ring")
    plan = il.save(il.loads(SMALL), tmp_path / "plan.yaml")
    for target in (tmp_path / "a.json", tmp_path / "ring" / "plan.json"):
        with pytest.raises(il.WriteError):
            il.save(il.loads(SMALL), target)
        assert main(["convert", str(plan), str(target)]) == 2
        assert capsys.readouterr().err.startswith(f"insatslogik: cannot write {target}: ")
