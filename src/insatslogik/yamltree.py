r"""YAML text → a node tree with positions → plain values, checked on the way.

PyYAML composes with libyaml (fast, C) and keeps every node's position; this module turns the
tree into values itself in one walk, so that duplicate keys, keys that are not text, and alias
bombs are found in the same pass. The common scalars (text, plain integers, null) are converted
directly; everything else goes through PyYAML's safe constructor, so values are exactly what
`yaml.safe_load` gives.

>>> tree = compose("a: 1\nb: [x, ~]\n")
>>> build(tree)
({'a': 1, 'b': ['x', None]}, [])
>>> build(compose("a: 1\na: 2\n"))[1]
[(2, 1, "duplicate key 'a' (first at line 1)")]
"""

from __future__ import annotations

from typing import Any, Final

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

__all__ = [
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_REPEATED",
    "AliasBombError",
    "TooDeepError",
    "build",
    "compose",
    "position",
]

#: At most this many YAML alias uses (`*name`) per file; more is an alias bomb, not a plan.
MAX_ALIASES: Final = 100

#: At most this many values repeated through aliases; a billion-laughs document needs far more.
MAX_REPEATED: Final = 10_000

#: At most this many nested lists and mappings; a plan needs about six.
MAX_DEPTH: Final = 100

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


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of `text` (None for an empty document).

    Raises:
        yaml.YAMLError: for a syntax error.
    """
    return yaml.compose(text, Loader=_Loader)


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
            # PyYAML's own safe rules.
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
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    (*position(key_node), "a key must be plain text, not a list or mapping")
                )
                continue
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
            mapping[self.scalar(key_node)] = self.value(value_node, depth + 1)
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _INT and text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)
        return self.construct(node)

    def construct(self, node: yaml.Node) -> Any:
        """PyYAML's safe construction, with its plain exceptions (a date 2020-13-45) located."""
        try:
            return self.fallback.construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError) as error:
            problem = f"cannot read the value: {error}; put it in quotes if it is text"
            raise ConstructorError(None, None, problem, node.start_mark) from None
