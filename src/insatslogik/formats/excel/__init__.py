"""Excel workbooks in and out: every field of a model on sheets people can read and fill in.

:func:`write_excel` writes one sheet per node family, the links, indicators with one column per
year, their comparisons, the plan matrix, coverage and findings; :func:`read_excel` reads the
node sheets back into an equal model, and :func:`write_excel_template` writes the empty workbook for
a person to fill in. The layout is described in ``docs/excel.md``.

>>> import tempfile, pathlib
>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
...     il.Activity(id="akt", title="Rådgivning till SMF", contributes_to=["mal"]),
...     il.Indicator(id="andel", title="Andel SMF", unit="%", values={2020: 82, 2021: 84.5}),
... ], title="Exempel")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder, "plan.xlsx")
...     written = il.write_excel(model, path)
...     il.read_excel(written) == model
True
"""

from __future__ import annotations

import os
from pathlib import Path

from insatslogik.errors import UsageError
from insatslogik.formats.files import read_input, write_atomic
from insatslogik.formats.native import refuse_used, written_folder
from insatslogik.i18n import Lang, resolve_lang
from insatslogik.model.model import Model

__all__ = ["from_excel", "read_excel", "write_excel", "write_excel_template"]


def write_excel(
    model: Model,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    analyses: bool = True,
) -> Path:
    """Write the model as an Excel workbook (``.xlsx``), atomically and deterministically.

    Args:
        model: the model.
        path: the ``.xlsx`` file to write; replaced atomically, as :func:`insatslogik.save` does.
        lang: the language of sheet names, headings and the derived sheets' words (``sv`` or
            ``en``); None for the model's language. Both languages are read back.
        analyses: also write the plan matrix, goal coverage and findings (skipped when read).

    A plan loaded with the plans it uses (:func:`insatslogik.load`) is written as
    :func:`insatslogik.save` writes it: its own nodes, links to the used plans as
    ``ALIAS:id``, and its ``id`` and ``uses`` on the plan sheet (each path relative to the
    workbook's folder), so that :func:`read_excel` reads it back with them. A portfolio
    (:func:`insatslogik.load_portfolio`) is written for people to read: a sheet of its plans
    and each node's plan in a last column; :func:`read_excel` refuses such a workbook
    (``docs/excel.md``).

    Returns:
        The path written, as given.

    Raises:
        ModelError: when a text is longer than the 32 767 characters an Excel cell holds
            (Excel would cut it), located at the cell it would be written to.
        UsageError: when the path does not end in ``.xlsx``.
        WriteError: when the file cannot be written, or is (through a link) the file of a
            plan the model uses; the old file, if any, is unchanged.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
    >>> write_excel(model, pathlib.Path(tempfile.mkdtemp(), "plan.xlsx")).suffix
    '.xlsx'
    """
    from insatslogik.formats.excel._writing import workbook_bytes

    target = _workbook_path(path)
    refuse_used(model, target)
    language = resolve_lang(lang, model.language)
    folder = Path(written_folder(target))
    data = workbook_bytes(model, lang=language, analyses=analyses, folder=folder)
    return write_atomic(target, data)


def write_excel_template(path: str | os.PathLike[str], *, lang: Lang = "sv") -> Path:
    """Write the empty workbook for a person to fill in, with drop-downs and instructions.

    Args:
        path: the ``.xlsx`` file to write, atomically.
        lang: the language of sheet names, headings and instructions (``sv`` or ``en``), and
            the plan language it starts with; there is no model to take it from, so Swedish
            is the default.

    Returns:
        The path written, as given.

    Raises:
        UsageError: when the path does not end in ``.xlsx``.
        WriteError: when the file cannot be written.

    Read back before it is filled in, the template has one problem to fix, the plan's title:

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_excel_template(pathlib.Path(folder, "mall.xlsx"))
    ...     read_excel(written)
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in ...mall.xlsx:
      ...mall.xlsx:Plan!B3: title is required
    """
    from insatslogik.formats.excel._writing import workbook_bytes

    target = _workbook_path(path)
    return write_atomic(target, workbook_bytes(None, lang=lang, analyses=False))


def read_excel(path: str | os.PathLike[str], *, strict: bool = True) -> Model:
    """Read a workbook written by :func:`write_excel` or filled in from :func:`write_excel_template`.

    Blank rows are skipped, stray spaces trimmed, and numbers typed as text (``"82 %"``,
    ``"1 234"``, ``"3,5"``) understood; the model is then validated as a file is. A formula
    without a computed value, or a sheet whose part is missing, is a problem at its cell,
    never a silent blank. The workbook is read as openpyxl's read-only mode streams it, after
    its sizes are checked: ``docs/robustness.md`` gives the limits.

    Args:
        path: the ``.xlsx`` file.
        strict: refuse the workbook for any problem (the default); False leaves out the rows,
            cells and links that cannot be read, and lists each, at its cell, in the model's
            `warnings`.

    Returns:
        The model, equal to the one written when the workbook came from :func:`write_excel`.

    Raises:
        ModelError: every problem found, each as ``file:Sheet!B5: what is wrong``; also when
            the file is not a workbook.
        OSError: when the file cannot be read.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
    >>> read_excel(write_excel(model, pathlib.Path(tempfile.mkdtemp(), "plan.xlsx"))) == model
    True
    """
    from insatslogik.formats.excel._reading import read_workbook

    name = os.fspath(path)
    return read_workbook(read_input(name), name, strict=strict)


def from_excel(data: bytes, *, name: str = "<workbook>", strict: bool = True) -> Model:
    """Read a workbook's bytes, as :func:`read_excel` reads its file; `name` stands for the file.

    For a workbook that is no file: standard input, an upload, an e-mail's attachment. The
    paths of a plan's ``uses`` are relative to the folder of `name`: the current folder for
    a name like ``<stdin>``.

    Args:
        data: the ``.xlsx`` file's bytes.
        name: what problems call the workbook.
        strict: as :func:`read_excel` takes it.

    Returns:
        The model.

    Raises:
        ModelError: every problem found, each as ``name:Sheet!B5: what is wrong``.

    >>> import tempfile, pathlib, insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
    >>> path = write_excel(model, pathlib.Path(tempfile.mkdtemp(), "plan.xlsx"))
    >>> from_excel(path.read_bytes(), name="<stdin>") == model
    True
    >>> from_excel(b"no workbook", name="<stdin>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in <stdin>:
      <stdin>: the file is not an Excel workbook (.xlsx) that can be read ...
    """
    from insatslogik.formats.excel._reading import read_workbook

    return read_workbook(data, name, strict=strict)


def _workbook_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        suffix = target.suffix or "no suffix"
        raise UsageError(f"an Excel workbook must be saved as .xlsx (got {suffix!r}): {target}")
    return target
