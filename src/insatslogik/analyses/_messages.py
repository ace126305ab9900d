"""How finding messages name a node: its kind, its title (shortened) and its id.

The words (kind names, message templates) are in :mod:`insatslogik.i18n`; naming a node needs
the model, so it lives here, beside the checks that use it.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
>>> name(model, "mal", "sv"), name(model, "mal", "en")
('målet «Fler företag digitaliseras» (mal)', 'goal «Fler företag digitaliseras» (mal)')
"""

from __future__ import annotations

from typing import Final

from insatslogik.i18n import Lang, kind_definite
from insatslogik.model.model import Model

__all__ = ["name"]

_TITLE_LIMIT: Final = 70


def name(model: Model, node_id: str, lang: Lang) -> str:
    """The node as a message names it: kind, title (shortened past 70 characters) and id."""
    node = model[node_id]
    title = (
        node.title
        if len(node.title) <= _TITLE_LIMIT
        else node.title[: _TITLE_LIMIT - 1].rstrip() + "…"
    )
    return f"{kind_definite(node.kind, lang)} «{title}» ({node_id})"
