"""What the command line reads and where it writes: files, folders, ``-`` for stdin and stdout.

A folder stands for the plan files in it, found recursively by the suffixes the loader knows
(``.yaml``, ``.yml``, ``.json``), in sorted order; hidden folders (``.git``, ``.venv``) are
not entered, and the other files are skipped with a word on standard error.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from insatslogik.errors import UsageError
from insatslogik.formats.convert import convert_read, format_of
from insatslogik.formats.native import Format, load, loads
from insatslogik.model.model import Model

__all__ = ["STDIN", "Input", "expand", "text_to_stdout", "to_stdout"]

#: The name of standard input, in arguments (``-``) and in messages (``<stdin>``).
STDIN: Final = "-"
_STDIN_NAME: Final = "<stdin>"
_PLAN_SUFFIXES: Final = (".yaml", ".yml", ".json")
# A networkx node-link file is JSON but not a plan: convert reads it.
_NOT_PLANS: Final = (".nodelink.json",)


@dataclass(frozen=True)
class Input:
    """One plan to read: a file, or standard input (`path` ``-``) in the format `stdin_format`."""

    path: str
    stdin_format: Format = "yaml"

    @property
    def name(self) -> str:
        """The name messages use: the path as given, or ``<stdin>``."""
        return _STDIN_NAME if self.path == STDIN else self.path

    def load(self, *, strict: bool | None = None) -> Model:
        """The model, from a plan or a file of any format `convert` reads.

        Args:
            strict: for the readers of other organisations' data, refuse the whole file for
                one problem (True) or leave out what cannot be read (False); None for each
                reader's default. Plans are always read strictly.

        Returns:
            The model; raises what :func:`insatslogik.load` or the format's reader raises.

        >>> Input("plan.txt").load()
        Traceback (most recent call last):
        ...
        insatslogik.errors.UsageError: plan.txt: unknown file type '.txt': use .yaml, .yml or .json
        """
        if self.path == STDIN:
            data = sys.stdin.buffer.read()
            return loads(data, format=self.stdin_format, name=_STDIN_NAME)
        try:
            fmt: str | None = format_of(self.path)
        except UsageError:
            fmt = None
        if fmt in {None, "yaml", "json"}:
            return load(self.path)  # the native format says itself which suffixes it wants
        return convert_read(self.path, strict=strict)


def expand(paths: list[str], *, stdin_format: Format | None = None) -> Iterator[Input]:
    """The plans named by `paths`, a folder as the plan files in it; skipped files are told."""
    for path in paths:
        if path == STDIN:
            yield Input(STDIN, stdin_format or "yaml")
        elif Path(path).is_dir():
            found, skipped = _plans_in(Path(path))
            if skipped:
                shown = ", ".join(str(p) for p in skipped[:5]) + (", …" if len(skipped) > 5 else "")
                print(
                    f"insatslogik: skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''} "
                    f"in {path} that {'is' if len(skipped) == 1 else 'are'} not a plan "
                    f"({', '.join(_PLAN_SUFFIXES)}): {shown}",
                    file=sys.stderr,
                )
            if not found:
                print(f"insatslogik: no plan files in {path}", file=sys.stderr)
            yield from (Input(str(p)) for p in found)
        else:
            yield Input(path)


def _plans_in(folder: Path) -> tuple[list[Path], list[Path]]:
    found: list[Path] = []
    skipped: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root, name)
            lowered = name.lower()
            if lowered.endswith(_PLAN_SUFFIXES) and not lowered.endswith(_NOT_PLANS):
                found.append(path)
            elif not name.startswith("."):
                skipped.append(path)
    return sorted(found), sorted(skipped)


# Outputs that are bytes, not text: a terminal or a pipe of text would garble them.
_BINARY: Final = frozenset({".png", ".pdf", ".xlsx"})


def to_stdout(suffix: str, write: Callable[[Path], object]) -> None:
    """Write an output to standard output through `write`, which writes it to the path it is given.

    Raises:
        UsageError: for a binary output (PNG, PDF, a workbook), which is written to a file.
    """
    if suffix.lower() in _BINARY:
        kind = suffix.lstrip(".").upper()
        raise UsageError(
            f"-o - writes text to standard output, and {kind} is binary: "
            f"name a file instead (-o OUT{suffix.lower()})"
        )
    # The writers write files atomically; a file in a folder of our own is then copied out.
    with tempfile.TemporaryDirectory(prefix="insatslogik-") as folder:
        path = Path(folder, "out" + suffix)
        write(path)
        sys.stdout.flush()
        with path.open("rb") as written:
            shutil.copyfileobj(written, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def text_to_stdout(text: str) -> None:
    """Write text to standard output as a file holds it: UTF-8, Unix newlines, whatever the locale."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
