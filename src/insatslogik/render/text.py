r"""`RenderedText`: text an output renders (Mermaid, a table), which saves itself and shows in Jupyter.

It is a `str`, so it prints, compares and concatenates as the text it is; `save` writes it to a
file atomically, and Jupyter shows Markdown as Markdown and HTML as HTML rather than as a quoted
string.

>>> text = RenderedText("| a |\n|---|\n", "text/markdown")
>>> text.startswith("| a |"), text.media_type
(True, 'text/markdown')
>>> import tempfile, pathlib
>>> text.save(pathlib.Path(tempfile.mkdtemp(), "tabell.md")).name
'tabell.md'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from insatslogik.formats.files import write_atomic

__all__ = ["RenderedText"]


class RenderedText(str):
    """Rendered text with its media type (``text/markdown``, ``text/html``, ``text/csv``, …).

    Attributes:
        media_type: what the text is, as Jupyter and browsers name it.
    """

    media_type: str

    def __new__(cls, text: str, media_type: str) -> RenderedText:  # noqa: D102 (documented on the class)
        rendered = super().__new__(cls, text)
        rendered.media_type = media_type
        return rendered

    def save(self, path: str | os.PathLike[str]) -> Path:
        r"""Write the text to `path` (UTF-8, atomically); nothing else is written.

        Args:
            path: the file to write.

        Returns:
            The path written, as given.

        Raises:
            WriteError: when the file cannot be written; the old file, if any, is unchanged.

        >>> import tempfile, pathlib
        >>> RenderedText("flowchart LR\n", "text/vnd.mermaid").save(pathlib.Path(tempfile.mkdtemp(), "k.mmd")).read_text()
        'flowchart LR\n'
        """
        return write_atomic(path, str(self))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:  # noqa: ARG002 (IPython protocol)
        # Markdown and HTML show as themselves; other text (CSV, Mermaid) as plain text.
        shown = {"text/plain": str(self)}
        if self.media_type in ("text/markdown", "text/html"):
            shown[self.media_type] = str(self)
        return shown
