"""One exception per situation, for every reader and writer.

Bad content is a `ModelError` listing located problems; an unknown suffix, format or option is
a `UsageError` (a ValueError); a failed write is a `WriteError` (an OSError) whose `filename` is
the path asked for, and the file that was there is unchanged.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.formats.convert import convert_read, convert_write
from insatslogik.formats.files import write_atomic
from insatslogik.formats.starter import write_template


def _model() -> il.Model:
    return il.Model(
        [
            il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
            il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
            il.Indicator(id="andel", title="Andel SMF", unit="%", values={2021: 84}),
        ],
        title="Liten plan",
    )


# --- bad content: ModelError with located problems -----------------------------------------

BAD_YAML = b"insatslogik: 1\ntitle: T\nnodes:\n  - {id: a, kind: goal}\n"

# name, file name, file bytes, reader
BAD_CONTENT: list[tuple[str, str, bytes, Callable[[Path], Any]]] = [
    ("load yaml", "plan.yaml", BAD_YAML, il.load),
    ("load json", "plan.json", b'{"insatslogik": 1, "title": "T", "nodes": [{"id": 3}]}', il.load),
    ("read_excel", "plan.xlsx", b"not a workbook", il.read_excel),
    ("read_iati", "plan.xml", b"<iati-activities><iati-activity>", il.read_iati),
    ("read_node_link", "plan.nodelink.json", b'{"nodes": [{"id": "x"}]}', il.read_node_link),
    ("convert_read", "plan.yaml", BAD_YAML, convert_read),
]


@pytest.mark.parametrize(
    ("file_name", "data", "reader"),
    [case[1:] for case in BAD_CONTENT],
    ids=[case[0] for case in BAD_CONTENT],
)
def test_bad_content_is_a_model_error_naming_the_file(
    tmp_path: Path, file_name: str, data: bytes, reader: Callable[[Path], Any]
) -> None:
    path = tmp_path / file_name
    path.write_bytes(data)
    with pytest.raises(il.ModelError) as error:
        reader(path)
    assert error.value.problems
    assert all(problem.file == str(path) for problem in error.value.problems)


@pytest.mark.parametrize(
    "read",
    [
        lambda: il.loads(BAD_YAML),
        lambda: il.from_iati_xml("<iati-activities><iati-activity>"),
        lambda: il.from_node_link({"nodes": []}),
    ],
    ids=["loads", "from_iati_xml", "from_node_link"],
)
def test_bad_text_or_data_in_memory_is_a_model_error(read: Callable[[], Any]) -> None:
    with pytest.raises(il.ModelError):
        read()


# --- usage: UsageError, raised before anything is read or written ---------------------------

USAGE: list[tuple[str, Callable[[Path], Any]]] = [
    ("load .txt", lambda folder: il.load(folder / "plan.txt")),
    ("loads format", lambda _: il.loads("", format="xml")),  # type: ignore[arg-type]
    ("save .txt", lambda folder: il.save(_model(), folder / "plan.txt")),
    ("dumps format", lambda _: il.dumps(_model(), format="toml")),  # type: ignore[arg-type]
    ("write_excel .xls", lambda folder: il.write_excel(_model(), folder / "plan.xls")),
    ("write_excel_template .ods", lambda folder: il.write_excel_template(folder / "mall.ods")),
    ("convert .txt", lambda folder: il.convert(folder / "plan.txt", folder / "plan.yaml")),
    ("convert to .doc", lambda folder: il.convert(folder / "plan.yaml", folder / "plan.doc")),
    ("convert format", lambda folder: convert_read(folder / "plan.yaml", format="csv")),
    ("convert_write .txt", lambda folder: convert_write(_model(), folder / "plan.txt")),
    ("write_template .json", lambda folder: write_template(folder / "ny.json")),
    ("render_table format", lambda _: il.render_table(_model(), format="docx")),  # type: ignore[arg-type]
    ("render_chain cluster_by", lambda _: il.render_chain(_model(), cluster_by="area")),  # type: ignore[arg-type]
    ("render_html lang", lambda _: il.render_html(_model(), lang="de")),  # type: ignore[arg-type]
    ("check select", lambda _: il.check(_model(), select=["no-such-code"])),
    ("Diagram.save .bmp", lambda folder: il.render_chain(_model()).save(folder / "k.bmp")),
]


@pytest.mark.parametrize("use", [case[1] for case in USAGE], ids=[case[0] for case in USAGE])
def test_an_unknown_suffix_format_or_option_is_a_usage_error(
    tmp_path: Path, use: Callable[[Path], Any]
) -> None:
    il.save(_model(), tmp_path / "plan.yaml")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(il.UsageError) as error:
        use(tmp_path)
    assert isinstance(error.value, ValueError)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- failed writes: WriteError naming the path asked for, nothing changed -------------------

WRITERS: list[tuple[str, str, Callable[[Path], Any]]] = [
    ("save", "plan.yaml", lambda path: il.save(_model(), path)),
    ("write_excel", "plan.xlsx", lambda path: il.write_excel(_model(), path)),
    ("write_excel_template", "mall.xlsx", il.write_excel_template),
    ("write_iati", "plan.xml", lambda path: il.write_iati(_model(), path)),
    ("write_node_link", "plan.nodelink.json", lambda path: il.write_node_link(_model(), path)),
    ("convert", "plan.json", lambda path: il.convert(path.parent.parent / "plan.yaml", path)),
    ("convert_write", "plan.xlsx", lambda path: convert_write(_model(), path)),
    ("write_template", "ny.yaml", write_template),
    ("Diagram.save", "kedja.dot", lambda path: il.render_chain(_model()).save(path)),
    ("InteractivePage.save", "sida.html", lambda path: il.render_html(_model()).save(path)),
    ("Mermaid .save", "kedja.mmd", lambda path: il.render_mermaid(_model()).save(path)),
    ("table .save", "plan.md", lambda path: il.render_table(_model()).save(path)),
    ("write_atomic", "fil.txt", lambda path: write_atomic(path, "text")),
]


@pytest.mark.parametrize(
    ("file_name", "write"),
    [case[1:] for case in WRITERS],
    ids=[case[0] for case in WRITERS],
)
def test_a_write_into_a_missing_folder_is_a_write_error_naming_the_file(
    tmp_path: Path, file_name: str, write: Callable[[Path], Any]
) -> None:
    il.save(_model(), tmp_path / "plan.yaml")
    target = tmp_path / "saknas" / file_name
    with pytest.raises(il.WriteError) as error:
        write(target)
    assert isinstance(error.value, OSError)
    assert (error.value.filename, error.value.errno) == (str(target), errno.ENOENT)
    assert str(error.value) == (
        f"cannot write {target}: No such file or directory; nothing was changed"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


@pytest.mark.parametrize(
    ("file_name", "write"),
    [case[1:] for case in WRITERS if case[0] != "write_template"],
    ids=[case[0] for case in WRITERS if case[0] != "write_template"],
)
def test_a_write_over_a_folder_is_a_write_error_and_leaves_the_folder(
    tmp_path: Path, file_name: str, write: Callable[[Path], Any]
) -> None:
    (tmp_path / "ut").mkdir()
    il.save(_model(), tmp_path / "plan.yaml")
    target = tmp_path / "ut" / file_name
    target.mkdir()
    (target / "keep.txt").write_text("kvar", encoding="utf-8")
    with pytest.raises(il.WriteError) as error:
        write(target)
    assert error.value.filename == str(target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert [p.name for p in (tmp_path / "ut").iterdir()] == [file_name]


def test_every_error_class_has_the_one_root() -> None:
    for cls in (il.ModelError, il.UsageError, il.WriteError):
        assert issubclass(cls, il.InsatslogikError)
    assert issubclass(il.UsageError, ValueError)
    assert issubclass(il.WriteError, OSError)
