r"""User text as plain text in outputs: control characters made visible, Markdown made inert.

Titles come from files written by anyone. Printed raw, an escape sequence in a title can
rewrite the user's terminal (``ESC ] 0 ;`` sets the window title, ``ESC [ 2 J`` clears the
screen); in Markdown, ``<script>`` runs and ``[x](javascript:…)`` becomes a live link once a
site generator renders the page; in a table, a carriage return or a line separator ends the row.
The outputs of the analyses and the renderers, and the command line, go through these functions.

>>> visible("Mål\x1b]0;pwned\x07 klart\x9b")
'Mål^[]0;pwned^G klartM-^['
>>> markdown_text("<script>x</script> [x](javascript:alert(1))\r\nnästa")
'&lt;script&gt;x&lt;/script&gt; \\[x\\](javascript:alert(1)) nästa'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["json_visible", "markdown_text", "one_line", "visible"]

# C0 controls but tab and line feed, DEL, and the C1 controls (U+0080–U+009F), which some
# terminals (xterm) obey as CSI, OSC and the like even when written in UTF-8.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Everything str.splitlines() ends a line at, and what Markdown renderers may: a table row
# or list item must stay one line.
_LINE_BREAK: Final = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# What Markdown (CommonMark, python-markdown, GitHub) reads as markup inside a line: escapes,
# code, emphasis, links and images, table cells, headings. Angle brackets and ampersands
# become entities instead: python-markdown, which mkdocs uses, does not take `\<` as an
# escape, and would pass the HTML after it through.
_MARKDOWN: Final = re.compile(r"([\\`*_\[\]|#!])")
_ENTITIES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _caret(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "^?"
    if code >= 0x80:
        return "M-^" + chr(code - 0x80 + 0x40) if code != 0xFF else "M-^?"
    return "^" + chr(code + 0x40)


def visible(text: str) -> str:
    r"""`text` with its control characters shown as ``cat -v`` shows them, for a terminal.

    Tab and line feed are kept; every other C0 control becomes ``^`` and a letter (ESC is
    ``^[``, a carriage return ``^M``), DEL ``^?`` and a C1 control ``M-^`` and a letter.

    Args:
        text: any text.

    Returns:
        The text, safe to print: nothing in it is a command to the terminal.

    >>> visible("a\tb\nc\r\x00\x7f\x85")
    'a\tb\nc^M^@^?M-^E'
    """
    return _CONTROL.sub(_caret, text)


def json_visible(text: str) -> str:
    r"""JSON text with DEL and the C1 controls written as ``\u`` escapes: the same JSON, safe to print.

    ``json.dumps`` escapes the C0 controls but writes DEL and U+0080–U+009F as they are; in JSON
    they can only be inside strings, where the escape stands for the same character.

    Args:
        text: JSON, as ``json.dumps`` writes it.

    Returns:
        The same JSON value, with no control character left.

    >>> json_visible('{"title": "a\x9bb"}')
    '{"title": "a\\u009bb"}'
    """
    return re.sub("[\x7f-\x9f]", lambda char: f"\\u{ord(char.group()):04x}", text)


def one_line(text: str) -> str:
    r"""`text` on one line: every line break (CR, CRLF, U+2028, …) becomes a space.

    Args:
        text: any text.

    Returns:
        The text with no character that could end a line, a table row or a CSV record.

    >>> one_line("rad 1\r\nrad 2\u2028rad 3")
    'rad 1 rad 2 rad 3'
    """
    return _LINE_BREAK.sub(" ", text)


def markdown_text(text: str) -> str:
    r"""`text` as inert Markdown on one line: shown as written, never read as markup.

    Every character Markdown could read as markup is escaped with a backslash, and ``<``,
    ``>`` and ``&`` are written as entities, so no HTML is let through; line breaks become spaces and control characters are made
    visible, so the text fits a table cell or a list item and does not end it.

    Args:
        text: any text, such as a title.

    Returns:
        Markdown that renders as `text`.

    >>> markdown_text("Mål | 50 % *fler* `SMF`")
    'Mål \\| 50 % \\*fler\\* \\`SMF\\`'
    """
    return visible(_MARKDOWN.sub(r"\\\1", one_line(text)).translate(_ENTITIES))
