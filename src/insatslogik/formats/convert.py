"""Convert a plan between file formats, chosen by suffix: one table from format to reader and writer.

| format | suffixes | read with | written with |
|---|---|---|---|
| ``yaml`` | ``.yaml``, ``.yml`` | :func:`insatslogik.load` | :func:`insatslogik.save` |
| ``json`` | ``.json`` | :func:`insatslogik.load` | :func:`insatslogik.save` |
| ``node-link`` | ``.nodelink.json`` | :func:`insatslogik.read_node_link` | :func:`insatslogik.write_node_link` |
| ``iati`` | ``.xml`` | :func:`insatslogik.read_iati` | :func:`insatslogik.write_iati` |
| ``excel`` | ``.xlsx`` | :func:`insatslogik.read_excel` | :func:`insatslogik.write_excel` |

Node-link JSON and model JSON share the suffix ``.json``, so node-link files are told apart by
the double suffix ``.nodelink.json``, or by naming the format (``from_format="node-link"``).

>>> import tempfile, pathlib, insatslogik as il
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> il.save(il.Model([il.Goal(id="mal", title="Mål")], title="T"), folder / "plan.yaml").name
'plan.yaml'
>>> convert(folder / "plan.yaml", folder / "plan.nodelink.json").name
'plan.nodelink.json'
>>> il.load(folder / "plan.yaml") == convert_read(folder / "plan.nodelink.json")
True
>>> format_of("plan.nodelink.json"), format_of("PLAN.YML"), format_of("iati-activities.xml")
('node-link', 'yaml', 'iati')
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from insatslogik.errors import UsageError
from insatslogik.model.model import Model

if TYPE_CHECKING:
    from insatslogik.formats.native import Format

__all__ = [
    "FORMATS",
    "ConversionFormat",
    "convert",
    "convert_dumps",
    "convert_read",
    "convert_reads",
    "convert_write",
    "format_of",
]


@dataclass(frozen=True)
class ConversionFormat:
    """One file format: its suffixes (the first is the usual one), a reader and a writer."""

    name: str
    suffixes: tuple[str, ...]
    #: Reads a file; the flag is `strict` (None: the reader's default, lenient only for IATI).
    read: Callable[[Path, bool | None], Model]
    write: Callable[[Model, Path, dict[str, Any]], None]
    #: Reads a file's bytes that has no path (standard input), named for messages.
    reads: Callable[[bytes, str, bool | None], Model]
    #: The text of a file to be read from a folder (standard output: the current one);
    #: None for a binary format.
    dumps: Callable[[Model, str, dict[str, Any]], str] | None


# Readers and writers import their module when called, so `import insatslogik` loads no XML
# or spreadsheet library.


def _read_model(path: Path, _strict: bool | None) -> Model:
    from insatslogik.formats.native import load

    # The native format is always strict: it is the user's own file, to be fixed.
    return load(path)


def _write_model(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.native import save

    save(model, path, format="yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json")


def _reads_model(fmt: Format) -> Callable[[bytes, str, bool | None], Model]:
    def reads(data: bytes, name: str, _strict: bool | None) -> Model:
        from insatslogik.formats.native import loads

        return loads(data, format=fmt, name=name)

    return reads


def _dumps_model(fmt: Format) -> Callable[[Model, str, dict[str, Any]], str]:
    def dumps(model: Model, folder: str, _options: dict[str, Any]) -> str:
        from insatslogik.formats.native import dumps

        return dumps(model, format=fmt, folder=folder)

    return dumps


def _read_node_link(path: Path, strict: bool | None) -> Model:
    from insatslogik.formats.nodelink import read_node_link

    return read_node_link(path, strict=strict is not False)


def _write_node_link(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.nodelink import write_node_link

    write_node_link(model, path)


def _reads_node_link(data: bytes, name: str, strict: bool | None) -> Model:
    from insatslogik.formats.nodelink import from_node_link

    return from_node_link(data, name=name, strict=strict is not False)


def _dumps_node_link(model: Model, folder: str, _options: dict[str, Any]) -> str:
    import json

    from insatslogik.formats.nodelink import to_node_link

    # As write_node_link writes the file.
    return json.dumps(to_node_link(model, folder=folder), ensure_ascii=False, indent=2) + "\n"


def _read_iati(path: Path, strict: bool | None) -> Model:
    from insatslogik.formats.iati import read_iati

    return read_iati(path, strict=strict is True)


def _write_iati(model: Model, path: Path, options: dict[str, Any]) -> None:
    from insatslogik.formats.iati import write_iati

    write_iati(model, path, **options)


def _reads_iati(data: bytes, name: str, strict: bool | None) -> Model:
    from insatslogik.formats.iati import from_iati_xml

    return from_iati_xml(data, name=name, strict=strict is True)


def _dumps_iati(model: Model, _folder: str, options: dict[str, Any]) -> str:
    from insatslogik.formats.iati import to_iati_xml

    return to_iati_xml(model, **options)


def _read_excel(path: Path, strict: bool | None) -> Model:
    from insatslogik.formats.excel import read_excel

    return read_excel(path, strict=strict is not False)


def _write_excel(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.excel import write_excel

    write_excel(model, path)


def _reads_excel(data: bytes, name: str, strict: bool | None) -> Model:
    from insatslogik.formats.excel import from_excel

    return from_excel(data, name=name, strict=strict is not False)


#: Every format `convert` knows, by name. Order matters for suffixes: ``.nodelink.json``
#: is matched before ``.json``.
FORMATS: Final[dict[str, ConversionFormat]] = {
    "node-link": ConversionFormat(
        "node-link",
        (".nodelink.json",),
        _read_node_link,
        _write_node_link,
        _reads_node_link,
        _dumps_node_link,
    ),
    "yaml": ConversionFormat(
        "yaml",
        (".yaml", ".yml"),
        _read_model,
        _write_model,
        _reads_model("yaml"),
        _dumps_model("yaml"),
    ),
    "json": ConversionFormat(
        "json", (".json",), _read_model, _write_model, _reads_model("json"), _dumps_model("json")
    ),
    "iati": ConversionFormat("iati", (".xml",), _read_iati, _write_iati, _reads_iati, _dumps_iati),
    "excel": ConversionFormat("excel", (".xlsx",), _read_excel, _write_excel, _reads_excel, None),
}


def format_of(path: str | os.PathLike[str]) -> str:
    """The name of the format a file has by its suffix.

    Args:
        path: the file's name or path.

    Returns:
        A name in :data:`FORMATS`.

    Raises:
        UsageError: when the suffix is none of :data:`FORMATS`'.

    >>> format_of("plan.nodelink.json"), format_of("plan.json")
    ('node-link', 'json')
    """
    name = Path(path).name.lower()
    for conversion in FORMATS.values():
        if name.endswith(conversion.suffixes):
            return conversion.name
    known = ", ".join(s for c in FORMATS.values() for s in c.suffixes)
    raise UsageError(f"{os.fspath(path)}: unknown file type: the name must end in {known}")


def _format(name: str | None, path: str | os.PathLike[str]) -> ConversionFormat:
    if name is None:
        return FORMATS[format_of(path)]
    if name not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)} (got {name!r})")
    return FORMATS[name]


def convert_read(
    path: str | os.PathLike[str], *, format: str | None = None, strict: bool | None = None
) -> Model:
    """Read a model from a file in any format of :data:`FORMATS` (by suffix, or `format`).

    Args:
        path: the file.
        format: a name in :data:`FORMATS`, when the suffix does not say.
        strict: for the formats of other organisations' data (IATI, node-link, Excel),
            True refuses a file with any problem and False leaves out what cannot be read
            (listed in the model's `warnings`); None keeps each reader's default (lenient
            for IATI, strict for the others). YAML and JSON are always read strictly.

    Returns:
        The model.

    Raises:
        ModelError: when the file has problems.
        UsageError: for an unknown suffix or format name.
        OSError: when it cannot be read.

    >>> import tempfile, pathlib, insatslogik as il
    >>> path = il.save(il.Model([], title="T"), pathlib.Path(tempfile.mkdtemp(), "plan.yml"))
    >>> convert_read(path).title
    'T'
    """
    return _format(format, path).read(Path(path), strict)


def convert_reads(
    data: bytes, *, format: str, name: str = "<stdin>", strict: bool | None = None
) -> Model:
    r"""Read a model from the bytes of a file in any format of :data:`FORMATS`, such as standard input's.

    The paths of a plan's ``uses`` are relative to the folder of `name`: for ``<stdin>``,
    the current folder, as for a plan read from a file there.

    Args:
        data: the file's bytes.
        format: a name in :data:`FORMATS` (bytes have no suffix to tell it).
        name: what messages call the data.
        strict: as :func:`convert_read` takes it.

    Returns:
        The model.

    Raises:
        ModelError: when the data has problems, each located in `name`.
        UsageError: for an unknown format name.

    >>> convert_reads(b'{"graph": {"title": "T"}, "nodes": []', format="node-link")
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in <stdin>:
      <stdin>:1:38: JSON syntax error: Expecting ',' delimiter
    >>> convert_reads(b"insatslogik: 1\ntitle: T\n", format="yaml").title
    'T'
    """
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)} (got {format!r})")
    return FORMATS[format].reads(data, name, strict)


def convert_dumps(
    model: Model, *, format: str, folder: str | os.PathLike[str] | None = None, **options: Any
) -> str:
    """The text of a file in a text format of :data:`FORMATS`, to be read from `folder`.

    What :func:`convert_write` would write, for standard output: the paths of a plan's
    ``uses`` are made relative to `folder`, by default the current folder, where a file
    written from standard output is usually read.

    Args:
        model: the model.
        format: a name in :data:`FORMATS` whose files are text (not ``excel``).
        folder: the folder the text is to be read from; None for the current folder.
        options: for IATI, what :func:`insatslogik.to_iati_xml` takes.

    Returns:
        The text, ending in a newline.

    Raises:
        ModelError: when the model cannot be written in that format.
        UsageError: for an unknown format name, or a binary format.

    >>> import insatslogik as il
    >>> print(convert_dumps(il.Model([], title="T"), format="yaml"), end="")
    insatslogik: 1
    title: T
    language: sv
    nodes: []
    """
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)} (got {format!r})")
    dumps = FORMATS[format].dumps
    if dumps is None:
        raise UsageError(f"{format} files are binary, not text: write one to a file instead")
    return dumps(model, os.fspath(folder if folder is not None else Path.cwd()), options)


def convert_write(
    model: Model,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: Any,
) -> Path:
    """Write a model to a file in any format of :data:`FORMATS`; `options` go to the IATI writer.

    Args:
        model: the model.
        path: the file to write, atomically.
        format: a name in :data:`FORMATS`, when the suffix does not say.
        options: for IATI, what :func:`insatslogik.to_iati_xml` takes.

    Returns:
        The path written, as given.

    Raises:
        ModelError: when the model cannot be written in that format.
        UsageError: for an unknown suffix or format name.
        WriteError: when the file cannot be written.

    >>> import tempfile, pathlib, insatslogik as il
    >>> convert_write(il.Model([], title="T"), pathlib.Path(tempfile.mkdtemp(), "t.xlsx")).name
    't.xlsx'
    """
    target = Path(path)
    _format(format, target).write(model, target, options)
    return target


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    from_format: str | None = None,
    to_format: str | None = None,
    strict: bool | None = None,
    **options: Any,
) -> Path:
    """Read `source` and write it to `target`, each in the format of its suffix (or as named).

    Args:
        source: the file to read.
        target: the file to write (only it is written, atomically).
        from_format: the format of `source`, when its suffix does not say (a name in
            :data:`FORMATS`).
        to_format: the format of `target`, likewise.
        strict: how `source` is read, as :func:`convert_read` takes it.
        options: for an IATI target, what :func:`insatslogik.to_iati_xml` takes
            (``identifier``, ``reporting_org``, …).

    Returns:
        The path written, as given.

    Raises:
        ModelError: when the source has problems, or the model cannot be written in the
            target format.
        UsageError: when a suffix or format name is unknown.
        WriteError: when the target cannot be written; the old file, if any, is unchanged.
        OSError: when the source cannot be read.

    >>> import tempfile, pathlib, insatslogik as il
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")],
    ...                  title="Kraftsamling digitalisering")
    >>> _ = il.save(model, folder / "plan.yaml")
    >>> convert(folder / "plan.yaml", folder / "plan.xlsx").name
    'plan.xlsx'
    >>> il.read_excel(folder / "plan.xlsx") == model
    True
    >>> convert(folder / "plan.yaml", folder / "plan.txt", to_format="json").read_text()[:1]
    '{'
    """
    destination = _format(to_format, target)
    model = _format(from_format, source).read(Path(source), strict)
    destination.write(model, Path(target), options)
    return Path(target)
