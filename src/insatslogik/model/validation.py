"""Raw data (what YAML or JSON gave) → typed nodes, with every problem said in plain words.

Problems are :class:`Issue` objects that point at a *path* in the raw data, e.g.
``("nodes", 3, "contributes_to", 0)``; the loader turns paths into file positions, and code
that builds models in Python turns them into readable paths.

>>> nodes, issues = validate_nodes([{"id": "a", "kind": "activity", "titel": "x"}])
>>> [(issue.path, issue.message) for issue in issues]  # doctest: +NORMALIZE_WHITESPACE
[(('nodes', 0, 'title'), "activity 'a': title is required"),
 (('nodes', 0, 'titel'), "activity 'a': unknown key 'titel' (did you mean 'title'?)")]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from insatslogik.errors import Problem
from insatslogik.kinds import ALLOWED_SOURCES, EdgeKind, Kind, with_article

if TYPE_CHECKING:
    from insatslogik.model.schema import Document, Node

__all__ = [
    "Describe",
    "Issue",
    "describe_error",
    "format_path",
    "pydantic_words",
    "show",
    "validate_header",
    "validate_nodes",
    "year_of",
]

Path = tuple[str | int, ...]

#: How a pydantic error at a path of some raw data is put in words: :func:`describe_error`.
Describe = Callable[[ErrorDetails, Any, Path], str]

_KINDS: Final = ", ".join(kind.value for kind in Kind)
_KIND_NAMES: Final = frozenset(kind.value for kind in Kind)
#: The union tags of an indicator's source (free text or a mapping), which error paths leave out.
SOURCE_TAGS: Final = ("free-text", "structured")
#: The union tags of a follow-up's `when` (a list of years or a schedule).
WHEN_TAGS: Final = ("years", "schedule")
#: The union tags of an item of an assumption's `about` (a node's id or a link).
ABOUT_TAGS: Final = ("node", "link")
_SOURCE_TAGS: Final = frozenset(SOURCE_TAGS)
_TAGGED_FIELDS: Final = {"source": _SOURCE_TAGS, "when": frozenset(WHEN_TAGS)}
_ABOUT_TAGS: Final = frozenset(ABOUT_TAGS)
_LINK_FIELDS: Final = frozenset(edge.value for edge in EdgeKind) | {"components"}
# The Python names of a schedule's and a link's `from`/`to`: unknown keys in a file, with a hint.
_FILE_NAME_OF: Final = {
    WHEN_TAGS[1]: {"start": "from"},
    ABOUT_TAGS[1]: {"source": "from", "target": "to"},
}

#: Exponents YAML 1.1 reads as text, not numbers: no point in the mantissa or no sign after e.
_YAML11_TEXT_NUMBER: Final = re.compile(r"[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+")

#: What the text fields with a pattern other than an id's must look like.
_PATTERN_WORDS: Final = {
    "currency": "a currency code of three capital letters, such as SEK or EUR",
    "language": "a language code of two or three small letters, such as sv or en",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at a path in the raw data; `at_key` points at the key, not its value."""

    path: Path
    message: str
    at_key: bool = False
    #: Where the thing this issue repeats was first written (for duplicates).
    first: Path | None = None

    def as_problem(self, source: str | None = None) -> Problem:
        """The issue where no position can be given: its path, written as in Python, then its message.

        Args:
            source: the file the raw data was read from, if any.

        Returns:
            A problem without line and column.

        >>> Issue(("nodes", 1, "id"), "duplicate id 'a'", first=("nodes", 0)).as_problem().message
        "nodes[1].id: duplicate id 'a' (first as nodes[0])"
        """
        first = f" (first as {format_path(self.first)})" if self.first else ""
        return Problem(source, None, None, f"{format_path(self.path)}: {self.message}{first}")


def show(value: object) -> str:
    """A short, safe description of a raw value for an error message.

    Containers are described, never printed: their text can be huge (or exponential, for
    YAML alias bombs), and the user's data has no place in an error log.

    Args:
        value: any value that reading a file can give.

    Returns:
        Text, at most about 40 characters of the value's own.

    >>> show("3,5"), show(False), show([1, 2]), show({"a": 1})
    ("'3,5'", 'False (a boolean)', 'a list of 2 items', 'a mapping')
    >>> show("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'"
    >>> show(10**45), show(10**5000)
    ('a number of 46 digits', 'a number of about 5000 digits')
    """
    if isinstance(value, bool):
        return f"{value} (a boolean)"
    if isinstance(value, str):
        return repr(value[:40] + "…") if len(value) > 40 else repr(value)
    if isinstance(value, int) and abs(value) >= 10**40:
        return f"a number of {_digits(value)} digits"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _digits(number: int) -> str:
    try:
        return str(len(str(abs(number))))
    except ValueError:  # past the 4300 digits Python will turn into text
        return f"about {int(abs(number).bit_length() * 0.30103)}"


#: The most characters of a key a path shows.
_KEY_SHOWN: Final = 40


def format_path(path: Path) -> str:
    """A path as Python-like text.

    Args:
        path: keys and list positions from the top of the raw data.

    Returns:
        The keys joined with dots, the positions in brackets.

    >>> format_path(("nodes", 3, "contributes_to", 0, "to"))
    'nodes[3].contributes_to[0].to'
    >>> format_path(("nodes", 0, "x" * 100))
    'nodes[0].xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        # A key is the user's text: a mutated or hostile file may hold one of megabytes.
        key = str(part) if len(str(part)) <= _KEY_SHOWN else f"{str(part)[:_KEY_SHOWN]}…"
        text += f".{key}" if text else key
    return text


def pydantic_words(error: ErrorDetails, raw: Any, path: Path) -> str:  # noqa: ARG001 (a Describe)
    """The message pydantic itself gives for an error, where a reader has always said that.

    A :data:`Describe`, as :func:`describe_error` is; readers whose messages have always been
    pydantic's (node-link data) pass it to :func:`validate_header`.

    Args:
        error: the error, as pydantic details it.
        raw: the raw data (unused).
        path: where in `raw` the error is (unused).

    Returns:
        pydantic's message.

    >>> pydantic_words({"type": "missing", "loc": ("title",), "msg": "Field required"}, {}, ("title",))
    'Field required'
    """
    return error["msg"]


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        if isinstance(data, str) and part == "to":
            # A link written as a plain id is short for {to: id}: pydantic reports its `to`.
            continue
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _quote_hint(value: object) -> str:
    if isinstance(value, bool | int | float | datetime.date) or value is None:
        return (
            "; YAML reads unquoted yes/no/on/off, numbers and dates as such: put the text in quotes"
        )
    return ""


def describe_error(error: ErrorDetails, raw: Any, path: Path) -> str:
    """Plain words for one pydantic error at `path` (whose value is found in `raw`).

    Args:
        error: the error, as pydantic details it.
        raw: the raw data that was validated.
        path: where in `raw` the error is.

    Returns:
        A message that names the field and, where it helps, shows the value (as :func:`show`
        does) and how to fix it.

    >>> error = {"type": "float_parsing", "loc": ("value",), "msg": "Input should be a number"}
    >>> describe_error(error, {"value": "3,5"}, ("value",))
    "value must be a finite number (got '3,5'); write decimals with a point: 3.5"
    >>> describe_error({"type": "missing", "loc": ("title",), "msg": "Field required"}, {}, ("title",))
    'title is required'
    """
    kind = error["type"]
    field = format_path(path) or "value"
    value = _value_at(raw, path)
    ctx = error.get("ctx", {})
    if kind == "missing":
        return f"{field} is required"
    if kind in {"string_type", "string_sub_type"}:
        return f"{field} must be text (got {show(value)}){_quote_hint(value)}"
    if kind in {"string_pattern_mismatch", "invalid_key"}:
        return _describe_text(kind, field, raw, path)
    if kind == "string_too_short":
        return f"{field} must not be empty"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{field} must list at least {least} item{'s' if least != 1 else ''} (got {show(value)})"
    if kind == "string_too_long":
        length = f" (got {len(value)})" if isinstance(value, str) else ""
        return f"{field} must be at most {ctx.get('max_length')} characters{length}"
    if kind == "string_unicode":
        # JSON can write half a character (\ud800) that no UTF-8 file can hold.
        return f"{field} must be text, but holds an escape \\uD800–\\uDFFF that is only half a character"
    if kind in {"float_type", "float_parsing", "finite_number"}:
        return f"{field} must be a finite number (got {show(value)}){_number_hint(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{field} must be a whole number (got {show(value)})"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than"}:
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most"}
        return f"{field} must be {bound.get(kind, 'more than')} {next(iter(ctx.values()))} (got {show(value)})"
    if kind == "model_type" and len(path) >= 2 and path[-2] == EdgeKind.CONTRIBUTES_TO.value:
        return (
            f"{field} must be an id, or a mapping with `to` and the link's rationale "
            f"(got {show(value)}){_quote_hint(value)}"
        )
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{field} must be a mapping of keys and values (got {show(value)})"
    if kind in {"list_type", "tuple_type"}:
        return f"{field} must be a list (got {show(value)})"
    if kind in {"literal_error", "enum"}:
        return f"{field} must be {ctx.get('expected', 'one of the allowed values')} (got {show(value)})"
    if kind == "extra_forbidden":
        return f"unknown key {show(field)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {error['msg']}"


def _describe_text(kind: str, field: str, raw: Any, path: Path) -> str:
    """A text that does not match its pattern, or a key that is not text."""
    if kind == "invalid_key":
        # pydantic names the key as it pleases (True as 1, None as 'None'): show the key itself.
        mapping = _value_at(raw, path[:-1])
        keys = mapping if isinstance(mapping, dict) else {}
        key = next((k for k in keys if not isinstance(k, str)), path[-1])
        where = format_path(path[:-1])
        return f"{where + ': ' if where else ''}the key {show(key)} must be text{_quote_hint(key)}"
    value = _value_at(raw, path)
    if _is_id_field(path):
        return (
            f"{field} must be an id of letters A–Z, digits, '_', '.' and '-' only "
            f"(got {show(value)})"
        )
    words = _PATTERN_WORDS.get(str(path[-1]), "text of the right form") if path else "text"
    return f"{field} must be {words} (got {show(value)})"


def _number_hint(value: object) -> str:
    """Why `value`, which should be a finite number, is not one, where a reason can be seen."""
    if isinstance(value, str) and "," in value:
        return f"; write decimals with a point: {value.replace(',', '.').strip()}"
    if isinstance(value, str) and _YAML11_TEXT_NUMBER.fullmatch(value.strip()):
        return f"; {value.strip()} is read as text: write the number out, or as 1.0e+5"
    if isinstance(value, bool):
        return "; YAML reads unquoted yes/no/on/off as booleans"
    if isinstance(value, int):
        return "; it is too large"
    return ""


def _is_id_field(path: Path) -> bool:
    names = [part for part in path if isinstance(part, str)]
    return (
        bool(names)
        and names[-1] in {"id", "to", *_LINK_FIELDS}
        and (len(names) == 1 or names[-2] in _LINK_FIELDS)
    )


def _is_union_tag(path: list[Any], place: int) -> bool:
    part = path[place]
    if place and part in _TAGGED_FIELDS.get(path[place - 1], ()):
        return True
    return place > 1 and part in _ABOUT_TAGS and path[place - 2] == "about"


def _node_label(raw: Any) -> str:
    if not isinstance(raw, dict):
        return "node"
    kind, node_id = raw.get("kind"), raw.get("id")
    kind_text = kind if isinstance(kind, str) and kind in _KIND_NAMES else "node"
    return f"{kind_text} {show(node_id)}" if isinstance(node_id, str) else kind_text


def _schema_issues(index: int, raw: Any, error: ErrorDetails, *, hint: bool = True) -> Issue:
    loc = error["loc"]
    # loc is (tag, field, ...): drop the union tag pydantic puts first.
    rest = list(loc[1:]) if loc and isinstance(loc[0], str) and loc[0] in _KIND_NAMES else list(loc)
    # An indicator's source, a follow-up's `when` and an item of an assumption's `about` are
    # tagged unions too (text or a mapping, years or a schedule, an id or a link): drop the tag.
    rest = [part for place, part in enumerate(rest) if not _is_union_tag(rest, place)]
    at_key = False
    if rest and rest[-1] == "[key]":
        rest.pop()
        at_key = True
    path: Path = ("nodes", index, *rest)
    label = _node_label(raw)
    kind = error["type"]
    if kind == "union_tag_not_found":
        return Issue(path, f"{label}: kind is required (one of {_KINDS})")
    if kind == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", ""))
        close = _did_you_mean(tag, _KIND_NAMES) if hint else ""
        return Issue(
            (*path, "kind"),
            f"{label}: unknown kind {show(tag)}{close} (must be one of {_KINDS})",
        )
    if kind == "model_attributes_type" and not rest:
        return Issue(path, f"each node must be a mapping with id, kind and title (got {show(raw)})")
    if kind == "extra_forbidden":
        from insatslogik.model.schema import NODE_TYPES  # loaded already: see validate_nodes

        name = str(rest[-1])
        node_kind = Kind(raw["kind"])
        if len(rest) == 1 and name in ALLOWED_SOURCES and name != EdgeKind.COMPOSED_OF:
            sources = ", ".join(sorted(k.value for k in ALLOWED_SOURCES[EdgeKind(name)]))
            return Issue(
                path,
                f"{label}: {name} is not allowed on {with_article([node_kind.value])} (only on {sources})",
                at_key=True,
            )
        allowed = NODE_TYPES[node_kind].model_fields if len(rest) == 1 and hint else {}
        close = _did_you_mean(name, allowed)
        for tag, names in _FILE_NAME_OF.items():
            if tag in loc and name in names:
                close = f" (did you mean {names[name]!r}?)"
        return Issue(path, f"{label}: unknown key {show(name)}{close}", at_key=True)
    if at_key:
        where = format_path(tuple(rest[:-1]))
        must = (
            f"a label, written as text{_quote_hint(rest[-1])}"
            if kind == "string_type"
            else "a year such as 2020"
        )
        return Issue(
            path,
            f"{label}: {where} has the key {show(rest[-1])}, which must be {must}",
            at_key=True,
        )
    if kind == "invalid_key":
        return Issue(path, f"{label}: {describe_error(error, raw, tuple(rest))}", at_key=True)
    return Issue(path, f"{label}: {describe_error(error, raw, tuple(rest))}")


#: Close-match hints are given for the first this many problems of a validation: past them,
#: 20 000 unknown keys took seconds of difflib, and no one reads that far.
_MAX_HINTS: Final = 100


def _did_you_mean(word: str, choices: Any) -> str:
    if not choices:
        return ""
    import difflib  # only for bad input: not worth its import time up front

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def validate_nodes(raw_nodes: list[Any]) -> tuple[list[Node | None], list[Issue]]:
    """Validate raw node mappings, keeping the valid nodes where some are not.

    Valid data takes one pass through one prebuilt adapter; only invalid data pays for a
    second, per-node pass that keeps the valid nodes, so links between them can be checked too.
    Links are not checked here: :func:`insatslogik.model.graph.build_graph` does that.

    Args:
        raw_nodes: the node mappings as read, in the plan's order.

    Returns:
        The nodes, one per raw node (None where it is invalid), and the issues, at paths such
        as ``("nodes", 1, "title")``.

    >>> nodes, issues = validate_nodes([
    ...     {"id": "mal", "kind": "goal", "title": "Fler företag digitaliseras"},
    ...     {"id": "akt", "kind": "aktivitet", "title": "Rådgivning"},
    ... ])
    >>> [type(node).__name__ for node in nodes]
    ['Goal', 'NoneType']
    >>> issues[0].path, issues[0].message.split(" (must")[0]
    (('nodes', 1, 'kind'), "node 'akt': unknown kind 'aktivitet' (did you mean 'activity'?)")
    """
    # The schema, and pydantic's model machinery with it, loads on first use: docs/decisions.md.
    from insatslogik.model.schema import NODE_ADAPTER, NODES_ADAPTER

    same_years = _same_year_issues(raw_nodes)
    # Files use the format's names only: `from`/`to`, never the Python attributes `start`,
    # `source` and `target` that Python code may pass (docs/decisions.md).
    try:
        return list(
            NODES_ADAPTER.validate_python(raw_nodes, by_alias=True, by_name=False)
        ), same_years
    except ValidationError:
        pass
    nodes: list[Node | None] = []
    issues: list[Issue] = []
    repeated_years = {issue.path[1] for issue in same_years}
    for index, raw in enumerate(raw_nodes):
        try:
            nodes.append(NODE_ADAPTER.validate_python(raw, by_alias=True, by_name=False))
        except ValidationError as error:
            nodes.append(None)
            issues.extend(
                _schema_issues(index, raw, details, hint=len(issues) + number < _MAX_HINTS)
                for number, details in enumerate(
                    error.errors(include_url=False, include_input=False)
                )
            )
        if index in repeated_years:
            issues.extend(issue for issue in same_years if issue.path[1] == index)
    return nodes, issues


def year_of(key: object) -> int | None:
    """The year a key of values by year stands for, as validation reads it; None if none.

    Args:
        key: a key as read: a number, or text (JSON keys are always text).

    Returns:
        The whole number the key is read as, whatever its spelling.

    >>> [year_of(key) for key in (2025, "02025", " 2025", "+2025", "2_025", 2025.0, "2025.0", "x", True)]
    [2025, 2025, 2025, 2025, 2025, 2025, 2025, None, None]
    """
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, float):
        return int(key) if key.is_integer() else None
    if isinstance(key, str) and len(key) < 40:
        try:
            return int(key)
        except ValueError:
            pass
        try:
            number = float(key)
        except ValueError:
            return None
        return int(number) if number.is_integer() else None
    return None


def _same_year_issues(raw_nodes: list[Any]) -> list[Issue]:
    """Keys of values by year that are different text for the same year (`2025`, `"02025"`).

    Validation would read both as one year and keep one value silently; here each key after
    the first is an issue naming both.
    """
    issues: list[Issue] = []
    for index, raw in enumerate(raw_nodes):
        if not isinstance(raw, dict) or raw.get("kind") != "indicator":
            continue
        tables: list[tuple[tuple[str | int, ...], Any]] = [(("values",), raw.get("values"))]
        comparisons = raw.get("comparisons")
        if isinstance(comparisons, dict):
            tables += [(("comparisons", name), table) for name, table in comparisons.items()]
        for where, table in tables:
            # Distinct whole numbers (YAML's keys, as a rule) are distinct years.
            if (
                isinstance(table, dict)
                and len(table) > 1
                and not all(type(key) is int for key in table)
            ):
                issues.extend(_same_years(index, raw, where, table))
    return issues


def _same_years(
    index: int, raw: Any, where: tuple[str | int, ...], table: dict[Any, Any]
) -> Iterator[Issue]:
    first_key: dict[int, Any] = {}
    for key in table:
        year = year_of(key)
        if year is None:
            continue
        if year not in first_key:
            first_key[year] = key
            continue
        first = first_key[year]
        yield Issue(
            ("nodes", index, *where, _path_part(key)),
            f"{_node_label(raw)}: {format_path(where)} has the keys {show(first)} and "
            f"{show(key)}, which are the same year {year}: keep one",
            at_key=True,
            first=("nodes", index, *where, _path_part(first)),
        )


def _path_part(key: object) -> str | int:
    return key if isinstance(key, str | int) and not isinstance(key, bool) else str(key)


def validate_header(
    raw: Mapping[str, Any], *, describe: Describe = describe_error
) -> tuple[Document | None, list[Issue]]:
    """Validate a plan's header (format version, title, language, description).

    Args:
        raw: the header's keys and values, as read.
        describe: how each problem is put in words.

    Returns:
        The header (None if invalid) and its issues, at paths such as ``("title",)``; an
        unknown key, or a key that is not text, is pointed at as the key.

    >>> header, issues = validate_header({"insatslogik": 1, "title": ""})
    >>> header, [(issue.path, issue.message) for issue in issues]
    (None, [(('title',), 'title must not be empty')])
    """
    # The schema, and pydantic's model machinery with it, loads on first use: docs/decisions.md.
    # pydantic, building the adapter on first use, keeps a snapshot of its caller's variables
    # until the caller returns: here they are the header's alone, not the whole file's values.
    from insatslogik.model.schema import DOCUMENT_ADAPTER

    try:
        return DOCUMENT_ADAPTER.validate_python(raw, by_alias=True, by_name=False), []
    except ValidationError as error:
        return None, [
            Issue(
                tuple(details["loc"]),
                describe(details, raw, tuple(details["loc"])),
                details["type"] in {"extra_forbidden", "invalid_key"},
            )
            for details in error.errors(include_url=False, include_input=False)
        ]
