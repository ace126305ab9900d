"""Convert a plan between file formats, chosen by suffix: one table from format to reader and writer.

| format | suffixes | read with | written with |
|---|---|---|---|
| ``yaml`` | ``.yaml``, ``.yml`` | :func:`insatslogik.load` | :func:`insatslogik.save` |
| ``json`` | ``.json`` | :func:`insatslogik.load` | :func:`insatslogik.save` |
| ``node-link`` | ``.nodelink.json`` | :func:`insatslogik.from_node_link` | :func:`insatslogik.to_node_link` |
| ``iati`` | ``.xml`` | :func:`insatslogik.from_iati` | :func:`insatslogik.to_iati` |
| ``excel`` | ``.xlsx`` | ``insatslogik.from_excel`` | ``insatslogik.to_excel`` |

Node-link JSON and model JSON share the suffix ``.json``, so node-link files are told apart by
the double suffix ``.nodelink.json``, or by naming the format (``from_format="node-link"``).

>>> import tempfile, pathlib, insatslogik as il
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> il.save(il.Model([il.Goal(id="mal", title="Mål")], title="T"), folder / "plan.yaml")
>>> convert(folder / "plan.yaml", folder / "plan.nodelink.json").name
'plan.nodelink.json'
>>> il.load(folder / "plan.yaml") == convert_read(folder / "plan.nodelink.json")
True
>>> format_of("plan.nodelink.json"), format_of("PLAN.YML"), format_of("iati-activities.xml")
('node-link', 'yaml', 'iati')
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from insatslogik.errors import ModelError, Problem
from insatslogik.model.model import Model

__all__ = ["FORMATS", "ConversionFormat", "convert", "convert_read", "convert_write", "format_of"]


@dataclass(frozen=True)
class ConversionFormat:
    """One file format: its suffixes (the first is the usual one), a reader and a writer."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Model]
    write: Callable[[Model, Path, dict[str, Any]], None]


# Readers and writers import their module when called, so `import insatslogik` loads no XML
# or spreadsheet library.


def _read_model(path: Path) -> Model:
    from insatslogik.formats.native import load

    return load(path)


def _write_model(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.native import save

    save(model, path, format="yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json")


def _read_node_link(path: Path) -> Model:
    from insatslogik.formats.nodelink import from_node_link

    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelError(
            [Problem(str(path), error.lineno, error.colno, f"JSON syntax error: {error.msg}")]
        ) from None
    except RecursionError:
        raise ModelError([Problem(str(path), None, None, "JSON is nested too deeply")]) from None
    return from_node_link(data, name=str(path))


def _write_node_link(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.files import write_file
    from insatslogik.formats.nodelink import to_node_link

    write_file(path, json.dumps(to_node_link(model), ensure_ascii=False, indent=2) + "\n")


def _read_iati(path: Path) -> Model:
    from insatslogik.formats.iati import from_iati

    return from_iati(path)


def _write_iati(model: Model, path: Path, options: dict[str, Any]) -> None:
    from insatslogik.formats.iati import to_iati

    to_iati(model, path, **options)


# --- Excel (.xlsx) ---------------------------------------------------------------------------
# Read and written by insatslogik.formats.excel (from_excel / to_excel).


def _read_excel(path: Path) -> Model:
    from insatslogik.formats.excel import from_excel

    return from_excel(path)


def _write_excel(model: Model, path: Path, _options: dict[str, Any]) -> None:
    from insatslogik.formats.excel import to_excel

    to_excel(model, path)


#: Every format `convert` knows, by name. Order matters for suffixes: ``.nodelink.json``
#: is matched before ``.json``.
FORMATS: Final[dict[str, ConversionFormat]] = {
    "node-link": ConversionFormat(
        "node-link", (".nodelink.json",), _read_node_link, _write_node_link
    ),
    "yaml": ConversionFormat("yaml", (".yaml", ".yml"), _read_model, _write_model),
    "json": ConversionFormat("json", (".json",), _read_model, _write_model),
    "iati": ConversionFormat("iati", (".xml",), _read_iati, _write_iati),
    "excel": ConversionFormat("excel", (".xlsx",), _read_excel, _write_excel),
}


def format_of(path: str | os.PathLike[str]) -> str:
    """The name of the format a file has by its suffix.

    Raises:
        ModelError: when the suffix is none of :data:`FORMATS`'.
    """
    name = Path(path).name.lower()
    for conversion in FORMATS.values():
        if name.endswith(conversion.suffixes):
            return conversion.name
    known = ", ".join(s for c in FORMATS.values() for s in c.suffixes)
    raise ModelError(
        [Problem(os.fspath(path), None, None, f"unknown file type: the name must end in {known}")]
    )


def _format(name: str | None, path: str | os.PathLike[str]) -> ConversionFormat:
    if name is None:
        return FORMATS[format_of(path)]
    if name not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} (got {name!r})")
    return FORMATS[name]


def convert_read(path: str | os.PathLike[str], *, format: str | None = None) -> Model:
    """Read a model from a file in any format of :data:`FORMATS` (by suffix, or `format`).

    Raises:
        ModelError: when the file has problems or an unknown suffix.
        OSError: when it cannot be read.
    """
    return _format(format, path).read(Path(path))


def convert_write(
    model: Model,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: Any,
) -> Path:
    """Write a model to a file in any format of :data:`FORMATS`; `options` go to the IATI writer.

    Raises:
        ModelError: when the model cannot be written in that format, or the file cannot be
            written.
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
    **options: Any,
) -> Path:
    """Read `source` and write it to `target`, each in the format of its suffix (or as named).

    Args:
        source: the file to read.
        target: the file to write (only it is written, atomically).
        from_format: the format of `source`, when its suffix does not say (a name in
            :data:`FORMATS`).
        to_format: the format of `target`, likewise.
        options: for an IATI target, what :func:`insatslogik.dumps_iati` takes
            (``identifier``, ``reporting_org``, …).

    Raises:
        ModelError: when the source has problems, a suffix is unknown, or the model cannot be
            written in the target format.
        ValueError: when a format name is unknown.
    """
    destination = _format(to_format, target)
    model = _format(from_format, source).read(Path(source))
    destination.write(model, Path(target), options)
    return Path(target)
