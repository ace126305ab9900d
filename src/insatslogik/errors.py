"""The exceptions: one root, and one class per situation.

- :class:`ModelError`: bad content (a file or model that cannot be loaded), carrying every
  located problem at once;
- :class:`UsageError`: an argument that cannot be used, such as an unknown file suffix, format,
  language or option;
- :class:`WriteError`: a file that could not be written, naming the file asked for (not a
  temporary file); nothing was changed;
- :class:`MissingDependencyError`: an optional package a function needs is not installed
  (pandas for ``to_dataframe()``), with the command that installs it.

>>> error = ModelError([Problem("plan.yaml", 3, 5, "title is required")])
>>> print(error)
1 problem in plan.yaml:
  plan.yaml:3:5: title is required
>>> isinstance(error, ValueError)
True

A problem in a workbook names its sheet; `line` and `column` are then the cell's row and column:

>>> print(Problem("plan.xlsx", 5, 2, "title is required", sheet="Mål"))
plan.xlsx:Mål!B5: title is required
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

__all__ = [
    "InsatslogikError",
    "MissingDependencyError",
    "ModelError",
    "Problem",
    "UsageError",
    "WriteError",
    "import_optional",
]


class InsatslogikError(Exception):
    """The root of every error this library raises on purpose."""


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong with a model: where it is (when known) and what is wrong.

    Line and column count from 1, as editors do. In a workbook, `sheet` names the sheet and
    `line` and `column` are the row and column of the cell, shown as ``Sheet!B5``.
    """

    file: str | None
    line: int | None
    column: int | None
    message: str
    sheet: str | None = None

    @property
    def cell(self) -> str | None:
        """The cell as Excel writes it (``Mål!B5``, ``'Plan matrix'!A1``), for a problem in a workbook.

        None for a problem that is not in a workbook, or whose row or column is unknown.

        >>> Problem("plan.xlsx", 1, 1, "title is required", sheet="Plan matrix").cell
        "'Plan matrix'!A1"
        >>> Problem("plan.yaml", 3, 5, "title is required").cell is None
        True
        """
        if self.sheet is None or self.line is None or self.column is None:
            return None
        sheet = self.sheet
        if not sheet.replace("_", "a").isalnum():
            sheet = "'" + sheet.replace("'", "''") + "'"
        return f"{sheet}!{_column_letters(self.column)}{self.line}"

    def to_dict(self) -> dict[str, str | int | None]:
        """As JSON-ready data: file, line, column and message, and for a workbook sheet and cell.

        Returns:
            A dict with the keys ``file``, ``line``, ``column`` and ``message``, and also
            ``sheet`` and ``cell`` for a problem in a workbook.

        >>> Problem("plan.yaml", 3, 5, "title is required").to_dict()
        {'file': 'plan.yaml', 'line': 3, 'column': 5, 'message': 'title is required'}
        >>> Problem("plan.xlsx", 5, 2, "title is required", sheet="Mål").to_dict()["cell"]
        'Mål!B5'
        """
        data: dict[str, str | int | None] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.sheet is not None:
            data.update(sheet=self.sheet, cell=self.cell)
        return data

    def __str__(self) -> str:
        if self.cell is not None:
            return (
                f"{self.file}:{self.cell}: {self.message}"
                if self.file
                else f"{self.cell}: {self.message}"
            )
        where = [part for part in (self.file, self.line, self.column) if part is not None]
        prefix = ":".join(str(part) for part in where)
        return f"{prefix}: {self.message}" if prefix else self.message


class ModelError(InsatslogikError, ValueError):
    """A model file or model that cannot be loaded (or saved); lists every problem found at once.

    Attributes:
        problems: the problems, in file order.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(
            problems,
            key=lambda p: (p.file or "", p.sheet or "", p.line or 0, p.column or 0, p.message),
        )
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        files = sorted({p.file for p in self.problems if p.file})
        where = f" in {files[0]}" if len(files) == 1 else ""
        head = f"{count} problem{'s' if count != 1 else ''}{where}:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])


class UsageError(InsatslogikError, ValueError):
    """An argument that cannot be used: an unknown file suffix, format, language or option.

    A `ValueError`, as Python's own functions raise for a bad argument value.

    >>> raise UsageError("unknown file type '.txt': use .yaml, .yml or .json")
    Traceback (most recent call last):
    insatslogik.errors.UsageError: unknown file type '.txt': use .yaml, .yml or .json
    """


class WriteError(InsatslogikError, OSError):
    """A file could not be written; the file asked for, if it existed, is unchanged.

    An `OSError` whose `filename` is the path asked for (never a temporary file beside it)
    and whose `errno` and `strerror` are the system's.

    >>> error = WriteError("ut/plan.yaml", "No such file or directory", errno=2)
    >>> print(error)
    cannot write ut/plan.yaml: No such file or directory; nothing was changed
    >>> error.filename, error.errno
    ('ut/plan.yaml', 2)
    """

    def __init__(self, path: str, reason: str, *, errno: int | None = None) -> None:
        super().__init__(errno, reason, path)

    @classmethod
    def of(cls, path: str | os.PathLike[str], error: OSError) -> WriteError:
        """The write error for `path` of an `OSError`, which may name a temporary file instead.

        Args:
            path: the file asked for.
            error: what the system raised while writing it.

        Returns:
            The error, naming `path`, with the system's reason and errno.

        >>> print(WriteError.of("ut/plan.yaml", FileNotFoundError(2, "No such file or directory", ".plan.tmp")))
        cannot write ut/plan.yaml: No such file or directory; nothing was changed
        """
        return cls(os.fspath(path), error.strerror or str(error), errno=error.errno)

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}; nothing was changed"


class MissingDependencyError(InsatslogikError, ImportError):
    """An optional package that a function needs is not installed; the message says how to install it.

    An `ImportError`, as pandas raises for its own optional dependencies, so ``except
    ImportError`` around an optional feature keeps working; and an `InsatslogikError`, so the
    command line reports it as one line.

    >>> error = MissingDependencyError("pandas", extra="pandas", purpose="to_dataframe()")
    >>> print(error)
    to_dataframe() needs pandas, which is not installed: pip install 'insatslogik[pandas]'
    >>> error.name, isinstance(error, ImportError)
    ('pandas', True)
    """

    def __init__(self, package: str, *, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs {package}, which is not installed: "
            f"pip install 'insatslogik[{extra}]'",
            name=package,
        )


def import_optional(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import an optional package where it is used, or say how to install it.

    Args:
        module: the module to import (``pandas``).
        extra: the extra of insatslogik that installs it.
        purpose: what needs it, for the message (``Report.to_dataframe()``).

    Returns:
        The module.

    Raises:
        MissingDependencyError: when it cannot be imported.

    >>> import_optional("json", extra="json", purpose="nothing").__name__
    'json'
    >>> import_optional("no_such_package_here", extra="x", purpose="this example")
    Traceback (most recent call last):
    insatslogik.errors.MissingDependencyError: this example needs no_such_package_here, which is not installed: pip install 'insatslogik[x]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependencyError(module, extra=extra, purpose=purpose) from error


def _column_letters(column: int) -> str:
    """Excel's name of a column: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
