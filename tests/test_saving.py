"""Saving: canonical, deterministic text, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import insatslogik as il
from insatslogik.formats import files


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
