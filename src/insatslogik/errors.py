"""The exceptions: one root, and `ModelError` carrying every located problem of a file.

>>> error = ModelError([Problem("plan.yaml", 3, 5, "title is required")])
>>> print(error)
1 problem in plan.yaml:
  plan.yaml:3:5: title is required
>>> isinstance(error, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["InsatslogikError", "ModelError", "Problem"]


class InsatslogikError(Exception):
    """The root of every error this library raises on purpose."""


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong with a model: where it is (when known) and what is wrong.

    Line and column count from 1, as editors do.
    """

    file: str | None
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
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
            problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0, p.message)
        )
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        files = sorted({p.file for p in self.problems if p.file})
        where = f" in {files[0]}" if len(files) == 1 else ""
        head = f"{count} problem{'s' if count != 1 else ''}{where}:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])
