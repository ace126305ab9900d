r"""YAML text → a node tree with positions → plain values, checked on the way.

PyYAML composes with libyaml (fast, C) and keeps every node's position; this module turns the
tree into values itself in one walk, so that duplicate keys, keys that are not text, and alias
bombs are found in the same pass. The common scalars (text, plain integers, null) are converted
directly; everything else goes through PyYAML's safe constructor, so values are exactly what
`yaml.safe_load` gives. Loading imports this module, and with it PyYAML, only to read YAML or to
locate the problems of a JSON file; the limits it applies are in :mod:`insatslogik.formats.native._limits`.

>>> tree = compose("a: 1\nb: [x, ~]\n")
>>> build(tree)
({'a': 1, 'b': ['x', None]}, [])
>>> build(compose("a: 1\na: 2\n"))[1]
[(2, 1, "duplicate key 'a' (first at line 1)")]
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from insatslogik.formats.native._limits import (
    MAX_ALIAS_TEXT,
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_REPEATED,
)

__all__ = [
    "MAX_ALIASES",
    "MAX_ALIAS_TEXT",
    "MAX_DEPTH",
    "MAX_REPEATED",
    "AliasBombError",
    "TooDeepError",
    "build",
    "compose",
    "position",
]

# libyaml's parser is ~10× faster than the pure-Python one; both resolve types the same way.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR: Final = "tag:yaml.org,2002:str"
_INT: Final = "tag:yaml.org,2002:int"
_NULL: Final = "tag:yaml.org,2002:null"
_SEQ: Final = "tag:yaml.org,2002:seq"
_MAP: Final = "tag:yaml.org,2002:map"
_MERGE: Final = "tag:yaml.org,2002:merge"

Located = tuple[int, int, str]


class AliasBombError(Exception):
    """More aliases than MAX_ALIASES, or nesting deeper than MAX_DEPTH; carries the position."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line = line
        self.column = column


class TooDeepError(AliasBombError):
    """Lists and mappings nested deeper than MAX_DEPTH; carries the position."""


def compose(text: str, *, checked: bool = False) -> yaml.Node | None:
    """The YAML node tree of `text` (None for an empty document).

    `checked` says the same text was composed before, so its nesting and aliases are known to
    be within the limits: a file with problems is composed again to locate them.

    Raises:
        yaml.YAMLError: for a syntax error.
        AliasBombError: for more than `MAX_ALIASES` aliases of lists and mappings.
        TooDeepError: for lists and mappings nested deeper than `MAX_DEPTH`.
    """
    if not checked and _may_be_hostile(text):
        _check_events(text)
    return yaml.compose(text, Loader=_Loader)


_STARTS: Final = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS: Final = (yaml.SequenceEndEvent, yaml.MappingEndEvent)

# Flow nesting needs a bracket per level; block nesting needs a column of indentation or a
# compact `- `/`? `/`: ` per level or two; aliases need an anchor `&name`. A file with none of
# these in numbers (every file in block style, as `save` writes them) nests at most a few
# hundred levels, which libyaml composes safely and build() then refuses past MAX_DEPTH.
# The patterns start with a literal character, so searching them costs microseconds.
_DEEP_INDENT: Final = re.compile(r"\n[ \t?:-]{100}")
_ANCHOR: Final = re.compile(r"&(?<![^\s\[{,:]&)[^\s\[\]{},]")
_FEW_BRACKETS: Final = 500


def _may_be_hostile(text: str) -> bool:
    return (
        text.count("[") + text.count("{") > _FEW_BRACKETS
        or _DEEP_INDENT.search("\n" + text[:200]) is not None
        or _DEEP_INDENT.search(text) is not None
        or _ANCHOR.search(text) is not None
    )


def _check_events(text: str) -> None:
    # Nesting and aliases are checked on the parser's events, before any tree is built:
    # libyaml composes recursively in C, so 40 000 nested block lists (`- - - …`, 80 KB) crash
    # the process and 20 000 nested flow mappings take seconds; and a "billion laughs" is
    # refused by what its aliases would repeat, counted as build() counts it. The events stop
    # at the first level past MAX_DEPTH or alias past the limits. An alias of a text repeats
    # no value, but its characters: 100 KB aliased 40 000 times is 4 GB once drawn or saved,
    # so the characters every alias stands for are counted too, as libyaml counts none.
    depth = aliases = repeated = expanded = 0
    # [values so far, characters so far, anchor] of each open list or mapping
    open_sizes: list[list[Any]] = []
    sizes: dict[str, int] = {}  # anchor → how many values it stands for; absent for scalars
    texts: dict[str, int] = {}  # anchor → how many characters of text it stands for
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _STARTS):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeepError(*_event_position(event))
            open_sizes.append([1, 0, event.anchor])
            continue
        if isinstance(event, _ENDS):
            depth -= 1
            size, chars, anchor = open_sizes.pop()
            if anchor is not None:
                sizes[anchor] = size
                texts[anchor] = chars
        elif isinstance(event, yaml.ScalarEvent):
            size, chars = 1, len(event.value)
            if event.anchor is not None:
                sizes.pop(event.anchor, None)
                texts[event.anchor] = chars
        elif isinstance(event, yaml.AliasEvent) and event.anchor is not None:
            size, chars = sizes.get(event.anchor, 1), texts.get(event.anchor, 0)
            expanded += chars
            if event.anchor in sizes:
                aliases += 1
                repeated += size
            if aliases > MAX_ALIASES or repeated > MAX_REPEATED or expanded > MAX_ALIAS_TEXT:
                raise AliasBombError(*_event_position(event))
        else:
            continue
        if open_sizes:
            open_sizes[-1][0] += size
            open_sizes[-1][1] += chars


def _event_position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def position(node: yaml.Node) -> tuple[int, int]:
    """Line and column of a node, counting from 1."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def build(tree: yaml.Node) -> tuple[Any, list[Located]]:
    """The values of `tree` and the problems found: (line, column, message) each.

    Shared (aliased) collections are built once and shared, as PyYAML does; more than
    `MAX_ALIASES` uses raise :class:`AliasBombError` before anything grows.

    Raises:
        AliasBombError: for too many aliases.
        TooDeepError: for lists and mappings nested deeper than `MAX_DEPTH`.
        yaml.MarkedYAMLError: for a value PyYAML cannot construct (e.g. a bad timestamp).
    """
    builder = _Builder()
    return builder.value(tree, 0), builder.problems


def _check_depth(node: yaml.Node, depth: int) -> None:
    """Raise TooDeepError if lists and mappings below `node` (at `depth`) nest past MAX_DEPTH."""
    stack = [(node, depth)]
    seen: set[int] = set()
    while stack:
        current, level = stack.pop()
        if isinstance(current, yaml.ScalarNode) or id(current) in seen:
            continue
        if level > MAX_DEPTH:
            raise TooDeepError(*position(current))
        seen.add(id(current))
        children = (
            current.value
            if isinstance(current, yaml.SequenceNode)
            else [child for pair in current.value for child in pair]
        )
        stack.extend((child, level + 1) for child in children)


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Located] = []
        self.built: dict[int, Any] = {}
        self.aliases = 0
        self.repeated = 0
        self.sizes: dict[int, int] = {}
        self.fallback = SafeConstructor()

    def size(self, node: yaml.Node) -> int:
        """How many values `node` stands for when written out; aliases counted in full."""
        if isinstance(node, yaml.ScalarNode):
            return 1
        key = id(node)
        if key not in self.sizes:
            self.sizes[key] = 0  # a recursive alias counts once
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [v for pair in node.value for v in pair]
            )
            self.sizes[key] = 1 + sum(self.size(child) for child in children)
        return self.sizes[key]

    def value(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if depth > MAX_DEPTH:
            raise TooDeepError(*position(node))
        key = id(node)
        if key in self.built:
            # Shared, not copied; but whatever reads the values later walks every repeat,
            # so count what the aliases would expand to (a "billion laughs" stays small here).
            self.aliases += 1
            self.repeated += self.size(node)
            if self.aliases > MAX_ALIASES or self.repeated > MAX_REPEATED:
                raise AliasBombError(*position(node))
            return self.built[key]
        merges = isinstance(node, yaml.MappingNode) and any(k.tag == _MERGE for k, _ in node.value)
        if merges or node.tag not in (_SEQ, _MAP):
            # Other tags (sets, ordered maps; python/… is refused) and merge keys follow
            # PyYAML's own safe rules. Those let a key written twice win silently; a merged
            # key is meant to be overridden, but one written twice by hand is a mistake.
            if merges:
                # PyYAML's constructor recurses through the whole value, several calls a
                # level: a few hundred levels below a merge key ended in a RecursionError.
                _check_depth(node, depth)
                written: dict[str, yaml.Node] = {}
                for key_node, _ in node.value:
                    if key_node.tag != _MERGE:
                        self.plain_key(key_node, written)
            result = self.construct(node)
            self.built[key] = result
            return result
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.built[key] = items
            items.extend(self.value(child, depth + 1) for child in node.value)
            return items
        mapping: dict[Any, Any] = {}
        self.built[key] = mapping
        first: dict[str, yaml.Node] = {}
        by_value: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            new = isinstance(key_node, yaml.ScalarNode) and key_node.value not in first
            if self.plain_key(key_node, first):
                key_value = self.scalar(key_node)
                if new and key_value in mapping:
                    # Different text, the same key: 2025, 0x7E9, 2_025 and 2025.0 are all
                    # 2025, and a dict would keep the last value silently.
                    self.same_key(key_node, by_value[key_value])
                by_value.setdefault(key_value, key_node)
                mapping[key_value] = self.value(value_node, depth + 1)
        return mapping

    def same_key(self, key_node: yaml.Node, earlier: yaml.Node) -> None:
        line = earlier.start_mark.line + 1
        self.problems.append(
            (
                *position(key_node),
                f"duplicate key: {key_node.value[:40]!r} is read as the same key as "
                f"{earlier.value[:40]!r} (first at line {line}): keep one",
            )
        )

    def plain_key(self, key_node: yaml.Node, first: dict[str, yaml.Node]) -> bool:
        """Is `key_node` text (not a list or mapping)? Report it if not, or if `first` has it."""
        if not isinstance(key_node, yaml.ScalarNode):
            self.problems.append(
                (*position(key_node), "a key must be plain text, not a list or mapping")
            )
            return False
        if key_node.value in first:
            line = first[key_node.value].start_mark.line + 1
            self.problems.append(
                (
                    *position(key_node),
                    f"duplicate key {key_node.value[:40]!r} (first at line {line})",
                )
            )
        else:
            first[key_node.value] = key_node
        return True

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        # Short digit runs only: Python refuses to read more than 4300 digits (ValueError),
        # which the safe constructor below turns into a located error.
        if tag == _INT and len(text) < 19 and text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)
        return self.construct(node)

    def construct(self, node: yaml.Node) -> Any:
        """PyYAML's safe construction, with its plain exceptions (a date 2020-13-45) located."""
        try:
            return self.fallback.construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError) as error:
            if node.tag == _INT:  # the only int() that fails here is one of over 4300 digits
                problem = f"a number of {len(node.value)} digits is too long to be a value"
            else:
                problem = f"cannot read the value: {error}; put it in quotes if it is text"
            raise ConstructorError(None, None, problem, node.start_mark) from None
