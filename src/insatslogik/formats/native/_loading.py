r"""Files → `Model`: decode, parse (YAML or JSON), validate, build, and locate every problem.

Every problem found in a file is collected and raised at once as one :class:`ModelError`
whose lines read ``file:line:column: what is wrong``.

>>> model = loads('''
... insatslogik: 1
... title: Exempel
... nodes:
...   - {id: mal, kind: goal, title: Fler företag digitaliseras}
... ''')
>>> model["mal"].title
'Fler företag digitaliseras'
>>> loads("insatslogik: 1\ntitle: Exempel\nnodes:\n  - {id: no, kind: goal, title: X}\n")
Traceback (most recent call last):
...
insatslogik.errors.ModelError: 1 problem in <string>:
  <string>:4:10: goal: id must be text (got False (a boolean)); YAML reads unquoted yes/no/on/off, numbers and dates as such: put the text in quotes
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, cast

from insatslogik.errors import ModelError, Problem, UsageError
from insatslogik.formats.files import decode_text, read_input, read_regular
from insatslogik.formats.native._limits import (
    MAX_ALIAS_TEXT,
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_PROBLEMS,
    MAX_REPEATED,
)
from insatslogik.kinds import EDGE_FIELD, EdgeKind
from insatslogik.model.assembly import assemble
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.validation import Issue, show

if TYPE_CHECKING:
    # PyYAML (and yamltree, which uses it) is imported in the functions that read YAML or
    # locate a JSON file's problems, so that loading a valid JSON file never imports it.
    import yaml

__all__ = ["Format", "checked_format", "format_of", "load", "loads"]

Format = Literal["yaml", "json"]

_TOO_DEEP: Final = (
    f"lists and mappings are nested more than {MAX_DEPTH} levels deep; a model needs about six"
)
#: The words that start the problem of a file without `insatslogik:`, which is no plan.
NO_VERSION: Final = "the format version is missing"
_EMPTY: Final = "the file is empty: a model starts with `insatslogik: 1`"
_YAML_STR: Final = "tag:yaml.org,2002:str"


class _LoadError(Exception):
    """Internal: stop loading; the problems say why."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = problems


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Model:
    """Load a model file: YAML (``.yaml``, ``.yml``) or JSON (``.json``), by suffix or `format`.

    A plan whose header ``uses`` other plans (``uses: {rus: ../rus.yaml}``, paths relative to
    the file) is loaded with them, and with the plans they use, each file once: the file's own
    nodes keep their ids, the others are in the model as ``PLAN:id`` (:attr:`Model.plans`),
    and the analyses report on the file's own nodes. Every problem is reported in the file
    that holds it.

    Args:
        path: the file.
        format: ``"yaml"`` or ``"json"``, when the suffix does not say.

    Returns:
        The model, with each node's file position kept (:meth:`Model.location`).

    Raises:
        ModelError: listing every problem found, each as ``file:line:column: message``.
        UsageError: for an unknown suffix or `format`.
        OSError: when the file cannot be read, or is not a regular file (a FIFO, a device
            such as ``/dev/zero``, a folder), which is refused before anything is read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp(), "plan.yaml")
    >>> _ = path.write_text('''
    ... insatslogik: 1
    ... title: Kraftsamling digitalisering
    ... nodes:
    ...   - id: mal
    ...     kind: goal
    ...     title: Fler företag digitaliseras
    ... ''', encoding="utf-8")
    >>> model = load(path)
    >>> model.title, model.location("mal").line
    ('Kraftsamling digitalisering', 5)
    """
    name = os.fspath(path)
    fmt = checked_format(format) if format else format_of(name)  # a usage error needs no file
    # Places of link entries are found in the text again, when a finding first asks.
    return _load_bytes(read_input(name), name, fmt, again=lambda: read_regular(name))


def loads(text: str | bytes, *, format: Format = "yaml", name: str = "<string>") -> Model:
    """Load a model from text or bytes; `name` stands for the file in error messages.

    The paths of ``uses`` are relative to the folder of `name` (the current folder for
    ``<string>``).

    Args:
        text: the file's text, or its bytes (UTF-8, or UTF-16 or UTF-32 with a byte order mark).
        format: ``"yaml"`` (the default) or ``"json"``.
        name: what error messages call the text, e.g. the file it came from.

    Returns:
        The model.

    Raises:
        ModelError: listing every problem found.
        UsageError: for an unknown `format`.

    >>> loads('''
    ... insatslogik: 1
    ... title: Kraftsamling digitalisering
    ... nodes:
    ...   - id: mal
    ...     kind: goal
    ...     title: Fler företag digitaliseras
    ...   - id: akt
    ...     kind: activity
    ...     title: Rådgivning
    ...     contributes_to: [maal]
    ... ''', name="plan.yaml")
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in plan.yaml:
      plan.yaml:11:22: activity 'akt': contributes_to names 'maal', which is not defined (did you mean 'mal'?)
    >>> loads('{"insatslogik": 1, "title": "Tom plan"}', format="json")
    <Model 'Tom plan': 0 nodes, 0 links>
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    return _load_bytes(data, name, checked_format(format), again=lambda: data)


def checked_format(format: str) -> Format:
    """`format` if it names a native format.

    Args:
        format: ``"yaml"`` or ``"json"``.

    Returns:
        The format.

    Raises:
        UsageError: for any other name.

    >>> checked_format("xml")
    Traceback (most recent call last):
    insatslogik.errors.UsageError: format must be 'yaml' or 'json' (got 'xml')
    """
    if format not in ("yaml", "json"):
        raise UsageError(f"format must be 'yaml' or 'json' (got {format!r})")
    return cast(Format, format)


def format_of(name: str) -> Format:
    """The native format of a file by its suffix.

    Args:
        name: the file's name or path.

    Returns:
        ``"yaml"`` for ``.yaml`` and ``.yml``, ``"json"`` for ``.json`` (in any case).

    Raises:
        UsageError: for another suffix.

    >>> format_of("plan.YML"), format_of("plan.json")
    ('yaml', 'json')
    """
    suffix = Path(name).suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "json"
    raise UsageError(f"{name}: unknown file type {suffix!r}: use .yaml, .yml or .json")


def _load_bytes(
    data: bytes, name: str, fmt: Format, *, again: Callable[[], bytes] | None = None
) -> Model:
    """The model of `data`; `again` gives the bytes once more to locate links, when asked."""
    with collector_paused():
        return _load_unpaused(data, name, fmt, again)


def _load_unpaused(
    data: bytes, name: str, fmt: Format, again: Callable[[], bytes] | None = None
) -> Model:
    try:
        return _build(data, name, fmt, again)
    except _LoadError as failed:
        raise ModelError(failed.problems) from None


def _parse(data: bytes, name: str, fmt: Format) -> tuple[Any, list[Problem], list[tuple[int, int]]]:
    """The file's values, the problems found while parsing (duplicate keys), and each node's position.

    Positions are kept for YAML only; a JSON model is located when it has problems.
    """
    text = _decode(data, name)
    _check_brackets(text, name)
    if fmt == "json":
        raw, early = _parse_json(text, name)
        return raw, early, []
    marks, raw, early = _read_yaml(text, name)
    return raw, early, marks


def _decode(data: bytes, name: str) -> str:
    try:
        text = decode_text(data, name)
    except ModelError as error:
        raise _LoadError(*error.problems) from None
    if not text.strip():
        raise _LoadError(Problem(name, 1, 1, _EMPTY))
    return text


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_QUOTED_RUN: Final = re.compile(r"'([^']{40})[^']+'")


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    line, column = _mark(error.problem_mark) if error.problem_mark else (None, None)
    message = " ".join(part for part in (error.context, error.problem) if part)
    # PyYAML quotes what it could not read (a tag of any length): keep 40 characters of it,
    # and write standard tags as the user did (!!python/…, not tag:yaml.org,2002:python/…).
    message = _QUOTED_RUN.sub(r"'\1…'", message.replace("tag:yaml.org,2002:", "!!"))
    if error.context_mark is not None and error.context_mark is not error.problem_mark:
        # For an unclosed quote the problem mark is the end of the file; the context mark
        # is where the quote opened, which is what the user needs.
        c_line, c_column = _mark(error.context_mark)
        message += f" (starting at line {c_line}, column {c_column})"
    if line and column and "tab" not in message and "\t" in _text_line(text, line)[:column]:
        # PyYAML names the token it could not start, not the tab that editors hide.
        message += "; the line has a tab: indent YAML with spaces only"
    return Problem(name, line, column, f"YAML syntax error: {message}")


def _text_line(text: str, line: int) -> str:
    """Line number `line` (from 1) of `text`, or "" past its end."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end]


def _read_yaml(text: str, name: str) -> tuple[list[tuple[int, int]], Any, list[Problem]]:
    """The line and column of each node, the data, and the problems found while reading.

    The tree of positions is dropped here, before the nodes are validated: at a million nodes
    it is over a GB, which the model then reuses. Problems are located in a tree composed again
    (:func:`_tree`), which only a file with problems pays for.
    """
    import yaml

    from insatslogik.formats.native import _yamltree as yamltree

    try:
        tree = yamltree.compose(text)
        if tree is None:
            raise _LoadError(Problem(name, 1, 1, _EMPTY))
        data, found = yamltree.build(tree)
    except yamltree.TooDeepError as deep:
        raise _LoadError(Problem(name, deep.line, deep.column, _TOO_DEEP)) from None
    except yamltree.AliasBombError as bomb:
        message = (
            f"YAML aliases (*name) are used more than {MAX_ALIASES} times, repeat more than "
            f"{MAX_REPEATED} values or more than {MAX_ALIAS_TEXT:_} characters of text: an "
            "alias bomb, not a plan; write the values out instead"
        ).replace("_", " ")
        raise _LoadError(Problem(name, bomb.line, bomb.column, message)) from None
    except yaml.MarkedYAMLError as error:
        raise _LoadError(_syntax_problem(name, error, text)) from None
    except yaml.reader.ReaderError as error:
        # A control character (NUL, BEL, …), often from a copy out of Word or a PDF.
        # The C reader counts bytes, the Python one characters; the first such character is it.
        line, column = _line_column(text, max(text.find(chr(error.character)), 0))
        message = f"the file contains the control character U+{error.character:04X}, which YAML does not allow: delete it"
        raise _LoadError(Problem(name, line, column, message)) from None
    except yaml.YAMLError as error:
        raise _LoadError(Problem(name, None, None, f"YAML error: {error}")) from None
    nodes = _child(tree, "nodes")
    marks = (
        [_mark(node.start_mark) for node in nodes.value]
        if isinstance(nodes, yaml.SequenceNode)
        else []
    )
    return marks, data, [Problem(name, line, column, message) for line, column, message in found]


def _tree(data: bytes, name: str, fmt: Format) -> yaml.Node:
    """The file's tree of positions, to locate problems in."""
    text = _decode(data, name)
    if fmt == "json":
        return _json_tree(text, name)
    from insatslogik.formats.native import _yamltree as yamltree

    tree = yamltree.compose(text, checked=True)
    if tree is None:  # not reached: the same text was composed to a tree before
        raise _LoadError(Problem(name, 1, 1, _EMPTY))
    return tree


class _DuplicateKeyError(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _json_problem(error: json.JSONDecodeError, text: str, name: str) -> Problem:
    """The problem of a JSON syntax error, the same on every Python version.

    A comma before a closing bracket is the commonest slip in hand-written JSON; Python 3.13
    reports it at the comma ("Illegal trailing comma"), earlier versions at the bracket
    ("Expecting property name", "Expecting value"). Both are reported at the comma, in words
    that say what to do.

    >>> try:
    ...     json.loads('{"a": 1,}')
    ... except json.JSONDecodeError as error:
    ...     print(_json_problem(error, '{"a": 1,}', "plan.json"))
    plan.json:1:8: JSON syntax error: a comma before '}' with nothing after it: remove the comma
    """
    comma = None
    if error.msg.startswith("Illegal trailing comma"):
        comma = error.pos
    elif text[error.pos : error.pos + 1] in ("}", "]"):
        before = len(text[: error.pos].rstrip())
        if before and text[before - 1] == ",":
            comma = before - 1
    if comma is None or text[comma : comma + 1] != ",":
        return Problem(name, error.lineno, error.colno, f"JSON syntax error: {error.msg}")
    closing = text[comma + 1 :].lstrip()[:1]
    line = text.count("\n", 0, comma) + 1
    column = comma - text.rfind("\n", 0, comma)
    message = (
        f"JSON syntax error: a comma before {closing!r} with nothing after it: remove the comma"
    )
    return Problem(name, line, column, message)


def _parse_json(text: str, name: str, *, duplicates: bool = False) -> tuple[Any, list[Problem]]:
    hook = dict if duplicates else _no_duplicates
    try:
        return json.loads(text, object_pairs_hook=hook, parse_constant=_no_constant), []
    except json.JSONDecodeError as error:
        raise _LoadError(_json_problem(error, text, name)) from None
    except RecursionError:
        raise _LoadError(Problem(name, *_too_deep(text), _TOO_DEEP)) from None
    except ValueError:
        raise _LoadError(*_bad_json_values(text, name)) from None
    except _DuplicateKeyError:
        pass
    import yaml

    from insatslogik.formats.native import _yamltree as yamltree

    # Rare: find every duplicate with its position, then go on as YAML would (last one wins).
    # The whole file must be JSON first: a syntax error after a duplicate is the one to report.
    data, _ = _parse_json(text, name, duplicates=True)
    tree = _json_tree(text, name)
    try:
        _, found = yamltree.build(tree)
    except (yamltree.AliasBombError, yaml.YAMLError, RecursionError):
        found = []
    return data, [Problem(name, line, column, message) for line, column, message in found]


def _no_constant(constant: str) -> Any:
    raise ValueError(
        f"{constant} is not a number JSON allows; write a finite number or leave the value out"
    )


# In JSON every token is a string or a run of characters between punctuation and spaces.
# A string ends at its closing quote or, unclosed, at the end of its line (JSON strings hold
# no line break): each character is read once, where a pattern that needed the closing quote
# tried again from every quote of an unclosed string (100 KB of escaped quotes: minutes).
_JSON_STRING: Final = r'"(?:[^"\\\n]++|\\.)*+"?'
_JSON_TOKEN: Final = re.compile(_JSON_STRING + r'|[^\s,:\[\]{}"]+')


def _bad_json_values(text: str, name: str) -> list[Problem]:
    """Where json.loads failed with a ValueError that has no position: each token it refuses."""
    problems = []
    for token in _JSON_TOKEN.finditer(text):
        if token.group().startswith('"'):
            continue
        try:
            json.loads(token.group(), parse_constant=_no_constant)
        except ValueError as error:
            message = str(error)
            if token.group().lstrip("-").isdigit():  # more digits than int() reads
                message = f"a number of {len(token.group())} digits is too long to be a value"
            problems.append(Problem(name, *_line_column(text, token.start()), message))
    return problems or [Problem(name, 1, 1, "the file could not be read as JSON")]


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# JSON writes characters beyond U+FFFF (emoji) as two escapes \ud83d\ude80, which YAML refuses;
# as other escapes of the same length (U+E83D U+EE80) they keep every position, and keys
# stay distinct.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD]([89a-fA-F][0-9a-fA-F]{2})")
# YAML keys end within 1024 characters of their start; a longer JSON key becomes spaces and a
# short key that ends where it did (same text, same stand-in), so what follows keeps its place.
# Strings are found from left to right, each once, so the scan is linear: a pattern for a long
# string that is a key, tried at every quote, went back over every string it could not end
# (100 KB of escaped quotes took minutes).
_STRING: Final = re.compile(_JSON_STRING)
_KEY_AFTER: Final = re.compile(r"\s*+:")
_LONG: Final = 1000

# JSON strings may hold characters YAML does not read: C1 controls and DEL are refused, and
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line in YAML but not in JSON (nor in the
# lines of a message). Each becomes one character of the private use area, which YAML reads as
# text, so every position stays where it was.
_NOT_YAML: Final = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _stand_in(char: re.Match[str]) -> str:
    return chr(0xE000 + ord(char.group()) % 0x1000)


def _short_keys(text: str) -> str:
    def short(string: re.Match[str]) -> str:
        found = string.group()
        if len(found) < _LONG + 2 or not _KEY_AFTER.match(text, string.end()):
            return found
        stand_in = '"' + hashlib.sha256(found.encode()).hexdigest()[:16] + '"'
        return " " * (len(found) - len(stand_in)) + stand_in

    return _STRING.sub(short, text)


def _json_tree(text: str, name: str) -> yaml.Node:
    import yaml

    from insatslogik.formats.native import _yamltree as yamltree

    # JSON is YAML flow syntax, and in valid JSON every tab is whitespace between tokens,
    # so with tabs made spaces (same columns) the YAML composer gives positions for JSON too.
    text = _SURROGATE_ESCAPE.sub(r"\\uE\1", text.replace("\t", " "))
    text = _short_keys(_NOT_YAML.sub(_stand_in, text))
    try:
        tree = yamltree.compose(text)
    except yaml.YAMLError:
        tree = None
    if tree is None:
        raise _LoadError(Problem(name, None, None, "the file could not be read for positions"))
    return tree


def _build(data: bytes, name: str, fmt: Format, again: Callable[[], bytes] | None = None) -> Model:
    # The text and the parsed values are dropped as soon as they have been used, so that the
    # model reuses their memory (at a million nodes, about a GB): the assembly empties the list
    # of nodes once they are validated, and problems are located in the bytes decoded again.
    # Problems found while parsing (duplicate keys) are reported with everything else.
    plan = parsed(data, name, fmt, again)
    if plan.raw.get("uses"):
        from insatslogik.formats.native._plans import load_with_uses

        return load_with_uses(plan)
    return assembled(plan)


class _Parsed(NamedTuple):
    """A plan file read and parsed, its header checked, its nodes not yet validated."""

    data: bytes
    name: str
    fmt: Format
    again: Callable[[], bytes] | None
    raw: dict[str, Any]
    early: list[Problem]
    marks: list[tuple[int, int]]


def parsed(data: bytes, name: str, fmt: Format, again: Callable[[], bytes] | None) -> _Parsed:
    """A plan file's bytes parsed and its header checked (format version, nodes a list).

    Raises:
        _LoadError: with the problems, located.
    """
    raw, early, marks = _parse(data, name, fmt)
    header_problem = _check_header(raw)
    if header_problem is not None:
        path, message = header_problem
        raise _LoadError(*early, _locate(Issue(path, message), name, _tree(data, name, fmt)))
    return _Parsed(data, name, fmt, again, raw, early, marks)


def located(plan: _Parsed, path: tuple[str | int, ...], message: str) -> Problem:
    """A problem at a path in a parsed plan (``("uses", "rus")``), located in its file."""
    return _locate(Issue(path, message), plan.name, _tree(plan.data, plan.name, plan.fmt))


def assembled(
    plan: _Parsed,
    *,
    used: Mapping[str, Mapping[str, str]] | None = None,
    used_names: Mapping[str, str] | None = None,
    unread: Collection[str] = (),
) -> Model:
    """The model of a parsed plan; links ``ALIAS:id`` are checked against `used` (alias → ids and kinds).

    Raises:
        _LoadError: with every problem of the plan, located.
    """
    data, name, fmt, again, raw, early, marks = plan
    raw_nodes = raw.pop("nodes", [])
    # Link entries (and a JSON plan's nodes) are located by reading the file again, only when
    # something asks where they are: most loads never do, and at a million nodes the tree of
    # positions is over a GB.
    locate = None if again is None else _Places(again, fmt, marks)
    result = assemble(
        raw,
        raw_nodes,
        source=name,
        positions=marks,
        locate=locate,
        used=used,
        used_names=used_names,
        unread=unread,
    )
    if isinstance(result, Model) and not early:
        return result
    tree = _tree(data, name, fmt)
    issues = [] if isinstance(result, Model) else list(result)
    index: Index = {}
    located = [_locate(issue, name, tree, index) for issue in issues]
    raise _LoadError(*_capped([*early, *located]))


def _capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems in file order, then one saying how many more, at the next."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    kept, following = problems[:MAX_PROBLEMS], problems[MAX_PROBLEMS]
    more = len(problems) - MAX_PROBLEMS
    message = f"and {more} more problem{'s' if more != 1 else ''}, the next here: fix these first"
    return [*kept, Problem(following.file, following.line, following.column, message)]


_LINK_KEYS: Final = frozenset({*(edge.value for edge in EdgeKind), *EDGE_FIELD.values()})
# A line's key (`title:`, `to:` after its `- `), to tell a link entry from prose that holds an id.
_YAML_KEY: Final = re.compile(r"(?:-\s+)?([A-Za-z_]+)\s*:(?:\s|$)")
# In JSON: a string, or a bracket or brace, in order; everything else is between them.
# A string (group 1, the loop unrolled: a run of plain characters between escapes, which is
# several times faster than an alternation per character) and the colon after it if it is a
# key (group 2), or a bracket or brace.
_JSON_PARTS: Final = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")(\s*:)?|[\[\]{}]')


class _Places:
    """Where a plan's nodes and link entries are written, found in its text when first asked.

    Loading keeps only each YAML node's start; a finding about a link, or any place in a JSON
    plan, reads the file again (`again`). YAML: the entry is the first line of the node's
    block that names the target and is not the value of a text field. JSON: one pass over its
    strings and brackets finds every node and entry.
    """

    def __init__(
        self, again: Callable[[], bytes], fmt: Format, starts: list[tuple[int, int]]
    ) -> None:
        self._again = again
        self._fmt = fmt
        self._starts = sorted(line for line, _ in starts)
        self._lines: list[str] | None = None
        self._json: tuple[dict[str, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]
        self._json = ({}, {})
        self._json_read = False

    def _text(self) -> str | None:
        try:
            return _decode(self._again(), "")
        except (OSError, _LoadError):  # the file is gone or changed: places stay unknown
            return None

    def node(self, node_id: str) -> tuple[int, int] | None:
        return self._json_places()[0].get(node_id) if self._fmt == "json" else None

    def link(
        self, source: str, target: str, start: tuple[int, int] | None
    ) -> tuple[int, int] | None:
        if self._fmt == "json":
            return self._json_places()[1].get((source, target))
        if start is None:
            return None
        if self._lines is None:
            text = self._text()
            self._lines = [] if text is None else text.split("\n")
        following = bisect.bisect_right(self._starts, start[0])
        end = self._starts[following] if following < len(self._starts) else len(self._lines) + 1
        return _yaml_entry(self._lines, start, min(end, len(self._lines) + 1), target)

    def _json_places(
        self,
    ) -> tuple[dict[str, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]:
        if not self._json_read:
            self._json_read = True
            text = self._text()
            if text is not None:
                self._json = _json_places(text)
        return self._json


def _yaml_entry(
    lines: list[str], start: tuple[int, int], end: int, target: str
) -> tuple[int, int] | None:
    """The first place in lines start..end (a node's block) where a link names `target`.

    A line holds a link when it is the node's link key (``contributes_to: [mal]``) or lies
    under one, as a list item (``- mal``), an entry's ``to:`` or a flow list's continuation;
    text fields (``title``, ``description: |``, ``rationale``) are passed over.
    """
    token = re.compile(rf"(?<![\w.-]){re.escape(target)}(?![\w.-])")
    node_indent = start[1] - 1  # the node's keys start in its first key's column
    in_link = False
    for number in range(start[0], end):
        line = lines[number - 1]
        stripped = line.lstrip(" -") if number == start[0] else line.lstrip()
        indent = len(line) - len(stripped)
        key = _YAML_KEY.match(stripped)
        # A node's key is at its indent; `- ` there is an item of a list under one (PyYAML and
        # many editors write lists flush with their key).
        node_key = indent <= node_indent and key is not None and not stripped.startswith("-")
        if number == start[0] or node_key:
            # A key of the node itself, or a flow mapping `- {id: …, contributes_to: [mal]}`.
            found = token.search(line)
            before = line[: found.start()] if found else line
            keys = re.findall(r"([A-Za-z_]+)\s*:", before)
            in_link = bool(keys) and keys[-1] in _LINK_KEYS
            if found and in_link:
                return number, found.start() + 1
            continue
        if not in_link or not stripped or stripped.startswith("#"):
            continue
        found = token.search(line)
        if found and (key is None or key.group(1) in ("to", "id")):
            return number, found.start() + 1
    return None


def _json_places(  # noqa: PLR0912, PLR0915 (one pass over the tokens: a state machine whose state, split up, would be passed around)
    text: str,
) -> tuple[dict[str, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]:
    """Where each node object and each link entry starts in a plan's JSON text; the first counts."""
    nodes: dict[str, tuple[int, int]] = {}
    links: dict[tuple[str, str], tuple[int, int]] = {}
    line, line_start, counted = 1, 0, 0
    # depth: 1 the document, 2 the nodes list, 3 a node, 4 a link list or entry, 5 inside one
    depth = 0
    in_nodes = False
    key: str | None = None  # the last key read at the current depth
    node_key: str | None = None  # the node's key whose value is being read
    node_id: str | None = None
    node_start = (0, 0)
    entry_start = (0, 0)
    pending: list[tuple[str, tuple[int, int]]] = []  # links of a node whose id is not yet read

    def place(offset: int) -> tuple[int, int]:
        nonlocal line, line_start, counted
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        return line, offset - line_start + 1

    def add_link(target: str, where: tuple[int, int]) -> None:
        if node_id is None:
            pending.append((target, where))
        else:
            links.setdefault((node_id, target), where)

    for part in _JSON_PARTS.finditer(text):
        token = part.group(1)
        if token is None:
            bracket = part.group()
            if bracket in "{[":
                depth += 1
                if depth == 3 and in_nodes and bracket == "{":
                    node_start, node_id, pending = place(part.start()), None, []
                elif depth == 5 and node_key in _LINK_KEYS and bracket == "{":
                    entry_start = place(part.start())  # {"to": …} in a list of links
                key = None
                continue
            if depth == 3 and in_nodes and node_id is not None:
                for target, where in pending:
                    links.setdefault((node_id, target), where)
            if depth == 2:
                in_nodes = False
            depth -= 1
            key = None
            if depth == 3:
                node_key = None
            continue
        if part.group(2) is not None:  # a key
            key = json.loads(token) if "\\" in token else token[1:-1]
            if depth == 1 and key == "nodes":
                in_nodes = True
            elif depth == 3 and in_nodes:
                node_key = key
            continue
        if not in_nodes or (node_key not in _LINK_KEYS and not (depth == 3 and key == "id")):
            continue
        value = json.loads(token) if "\\" in token else token[1:-1]
        if depth == 3 and key == "id":
            node_id = value
            nodes.setdefault(value, node_start)
            for target, where in pending:
                links.setdefault((value, target), where)
            pending = []
        elif depth in (3, 4):
            add_link(value, place(part.start()))  # part_of: "id", or an id in a list
        elif depth == 5 and key in ("to", "id"):
            add_link(value, entry_start)  # {"to": "id", ...}
    return nodes, links


def _check_header(raw: Any) -> tuple[tuple[str | int, ...], str] | None:
    from insatslogik.model.schema import FORMAT_VERSION

    if not isinstance(raw, dict):
        return (
            (),
            f"the file must be a mapping with the keys insatslogik, title and nodes (got {show(raw)})",
        )
    if "insatslogik" not in raw:
        return (
            (),
            f"{NO_VERSION}: start the file with `insatslogik: {FORMAT_VERSION}`",
        )
    version = raw["insatslogik"]
    if type(version) is not int or version != FORMAT_VERSION:
        # The right number in quotes reads as text: say so rather than call it unsupported.
        quoted = isinstance(version, str) and version.strip() == str(FORMAT_VERSION)
        hint = (
            f" (write it as a number, without quotes: `insatslogik: {FORMAT_VERSION}`)"
            if quoted
            else ""
        )
        return ("insatslogik",), (
            f"unsupported format version {show(version)}: this version of insatslogik reads version {FORMAT_VERSION}{hint}"
        )
    if not isinstance(raw.get("nodes", []), list):
        return ("nodes",), f"nodes must be a list of nodes (got {show(raw['nodes'])})"
    return None


Index = dict[int, dict[str, tuple[Any, Any]]]


def _keys_of(node: yaml.MappingNode, index: Index) -> dict[str, tuple[Any, Any]]:
    """The keys of a mapping by their text, found once per mapping for all the problems of a file.

    Looking through 20 000 keys for each of 20 000 problems took seconds.
    """
    keys = index.get(id(node))
    if keys is None:
        keys = {}
        for key_node, value_node in node.value:
            if isinstance(key_node.value, str):
                keys.setdefault(key_node.value, (key_node, value_node))
        index[id(node)] = keys
    return keys


def _child(
    node: yaml.Node, part: str | int, *, key: bool = False, index: Index | None = None
) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        found = _keys_of(node, {} if index is None else index).get(str(part))
        if found is not None and isinstance(found[0], yaml.ScalarNode):
            return found[0] if key else found[1]
        if key:
            # A key that is not text (`yes:`, `~:`) is named by pydantic as it pleases, not as
            # written: it is the first key YAML did not read as text.
            return next((k for k, _ in node.value if k.tag != _YAML_STR), None)
    return None


def _locate(issue: Issue, name: str, tree: yaml.Node, index: Index | None = None) -> Problem:
    index = {} if index is None else index
    node = tree
    for depth, part in enumerate(issue.path):
        last = depth == len(issue.path) - 1
        child = _child(node, part, key=issue.at_key and last, index=index)
        if child is None:
            break
        node = child
    line, column = _mark(node.start_mark)
    message = issue.message
    if issue.first is not None:
        first = _locate(Issue(issue.first, ""), name, tree, index)
        message += f" (first at line {first.line})"
    return Problem(name, line, column, message)


# A run of opening brackets deeper than any plan; libyaml takes seconds on 20 000 of them.
# Written as bracket, then (possessive: no backtracking into the spaces) space-and-bracket
# pairs, it scans a large file four times faster than `(?:[[{]\s*){101}`, with the same matches.
_BRACKET_RUN: Final = re.compile(r"[\[{](?:\s*+[\[{]){" + str(MAX_DEPTH) + "}")


def _check_brackets(text: str, name: str) -> None:
    found = _BRACKET_RUN.search(text)
    if found is not None:
        before = text[: found.start()]
        line = before.count("\n") + 1
        column = found.start() - (before.rfind("\n") + 1) + 1
        raise _LoadError(Problem(name, line, column, _TOO_DEEP))


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column where JSON brackets first nest deeper than MAX_DEPTH (after a RecursionError)."""
    depth, in_string, escaped, line, column = 0, False, False, 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth -= 1
    return 1, 1
