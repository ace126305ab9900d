"""How deep and how repetitive a model file may be, whatever its format.

The limits stop hostile files (deep brackets, alias bombs) before they cost time or memory.
They live apart from :mod:`insatslogik.formats.native._yamltree`, which needs PyYAML, so that reading JSON
checks them without importing it.

>>> MAX_DEPTH, MAX_ALIASES, MAX_REPEATED
(100, 100, 10000)
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_REPEATED"]

#: At most this many YAML alias uses (`*name`) per file; more is an alias bomb, not a plan.
MAX_ALIASES: Final = 100

#: At most this many values repeated through aliases; a billion-laughs document needs far more.
MAX_REPEATED: Final = 10_000

#: At most this many nested lists and mappings; a plan needs about six.
MAX_DEPTH: Final = 100
