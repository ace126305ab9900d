"""Excel workbooks in and out: every field of a model on sheets people can read and fill in.

:func:`to_excel` writes one sheet per node family, the links, indicators with one column per
year, their comparisons, the plan matrix, coverage and findings; :func:`from_excel` reads the
node sheets back into an equal model, and :func:`excel_template` writes the empty workbook for
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
...     il.to_excel(model, path)
...     il.from_excel(path) == model
True
"""

from __future__ import annotations

import os
from pathlib import Path

from insatslogik.errors import ModelError, Problem
from insatslogik.i18n import Lang, resolve_lang
from insatslogik.model.model import Model

__all__ = ["excel_template", "from_excel", "to_excel"]


def to_excel(
    model: Model,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    analyses: bool = True,
) -> None:
    """Write the model as an Excel workbook (``.xlsx``), atomically and deterministically.

    Args:
        model: the model.
        path: the ``.xlsx`` file to write; replaced atomically, as :func:`insatslogik.save` does.
        lang: the language of sheet names, headings and the derived sheets' words (``sv`` or
            ``en``); None for the model's language. Both languages are read back.
        analyses: also write the plan matrix, goal coverage and findings (skipped when read).

    Raises:
        ModelError: when the path does not end in ``.xlsx`` or cannot be written.
    """
    from insatslogik.formats.excel._writing import workbook_bytes

    language = resolve_lang(lang, model.language)
    _write(workbook_bytes(model, lang=language, analyses=analyses), path)


def excel_template(path: str | os.PathLike[str], *, lang: Lang = "sv") -> None:
    """Write the empty workbook for a person to fill in, with drop-downs and instructions.

    `lang` is the language of its sheet names and headings, and the plan language it starts
    with; there is no model to take it from, so Swedish is the default.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     excel_template(pathlib.Path(folder, "mall.xlsx"))
    ...     from_excel(pathlib.Path(folder, "mall.xlsx"))
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in ...mall.xlsx:
      ...mall.xlsx:Plan!B3: title is required
    """
    from insatslogik.formats.excel._writing import workbook_bytes

    _write(workbook_bytes(None, lang=lang, analyses=False), path)


def from_excel(path: str | os.PathLike[str]) -> Model:
    """Read a workbook written by :func:`to_excel` or filled in from :func:`excel_template`.

    Blank rows are skipped, stray spaces trimmed, and numbers typed as text (``"82 %"``,
    ``"1 234"``, ``"3,5"``) understood; the model is then validated as a file is.

    Raises:
        ModelError: every problem found, each as ``file:Sheet!B5: what is wrong``; also when
            the file is not a workbook.
        OSError: when the file cannot be read.
    """
    from insatslogik.formats.excel._reading import read_workbook

    name = os.fspath(path)
    return read_workbook(Path(name).read_bytes(), name)


def _write(data: bytes, path: str | os.PathLike[str]) -> None:
    from insatslogik.formats.files import write_file

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        message = f"an Excel workbook must be saved as .xlsx (got {target.suffix or 'no suffix'!r})"
        raise ModelError([Problem(str(target), None, None, message)])
    write_file(target, data)
