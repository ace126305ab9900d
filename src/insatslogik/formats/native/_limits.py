"""How deep and how repetitive a model file may be, whatever its format.

The limits stop hostile files (deep brackets, alias bombs) before they cost time or memory.
They live apart from :mod:`insatslogik.formats.native._yamltree`, which needs PyYAML, so that reading JSON
checks them without importing it.

>>> MAX_DEPTH, MAX_ALIASES, MAX_REPEATED, MAX_ALIAS_TEXT, MAX_PROBLEMS
(100, 100, 10000, 1000000, 1000)
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_ALIASES", "MAX_ALIAS_TEXT", "MAX_DEPTH", "MAX_PROBLEMS", "MAX_REPEATED"]

#: At most this many YAML alias uses (`*name`) per file; more is an alias bomb, not a plan.
MAX_ALIASES: Final = 100

#: At most this many values repeated through aliases; a billion-laughs document needs far more.
MAX_REPEATED: Final = 10_000

#: At most this many nested lists and mappings; a plan needs about six.
MAX_DEPTH: Final = 100

#: At most this many characters of text repeated through aliases, scalars or within lists and
#: mappings: a text of 100 KB aliased 40 000 times is 4 GB once written out or drawn, though
#: loading shares one string. A plan's longest text is a few thousand characters.
MAX_ALIAS_TEXT: Final = 1_000_000

#: At most this many problems are reported for one file, then one saying how many more there
#: are: a file with 20 000 problems is a wrong file, and a page of them says so as well.
MAX_PROBLEMS: Final = 1000
