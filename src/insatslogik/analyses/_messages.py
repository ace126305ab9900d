"""Finding messages in Swedish (the default) and English: nodes named by kind, title and id.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title="Fler företag digitaliseras")], title="T")
>>> name(model, "mal", "sv"), name(model, "mal", "en")
('målet «Fler företag digitaliseras» (mal)', 'goal «Fler företag digitaliseras» (mal)')
"""

from __future__ import annotations

from typing import Final, Literal

from insatslogik.codes import Code
from insatslogik.kinds import Kind
from insatslogik.model.model import Model

__all__ = ["Lang", "level_name", "name", "text"]

Lang = Literal["sv", "en"]

# Swedish nouns in definite form read naturally in sentences ("målet … har ingen indikator").
_DEFINITE_SV: Final[dict[Kind, str]] = {
    Kind.STRATEGY: "strategin",
    Kind.SUBSTRATEGY: "understrategin",
    Kind.PROJECT: "projektet",
    Kind.RESOURCE: "resursen",
    Kind.ACTIVITY: "aktiviteten",
    Kind.OUTPUT: "prestationen",
    Kind.OUTCOME: "utfallet",
    Kind.SHORT_TERM_EFFECT: "den kortsiktiga effekten",
    Kind.LONG_TERM_EFFECT: "den långsiktiga effekten",
    Kind.GOAL: "målet",
    Kind.INDICATOR: "indikatorn",
    Kind.ACTOR: "aktören",
    Kind.CHALLENGE: "utmaningen",
    Kind.FACTOR: "påverkansfaktorn",
}

_LEVEL_SV: Final[dict[int, str]] = {
    0: "resurser",
    1: "aktiviteter",
    2: "prestationer",
    3: "utfall",
    4: "kortsiktiga effekter",
    5: "långsiktiga effekter",
    6: "mål",
}
_LEVEL_EN: Final[dict[int, str]] = {
    0: "resources",
    1: "activities",
    2: "outputs",
    3: "outcomes",
    4: "short-term effects",
    5: "long-term effects",
    6: "goals",
}

_TITLE_LIMIT: Final = 70


def name(model: Model, node_id: str, lang: Lang) -> str:
    """The node as a message names it: kind, title (shortened past 70 characters) and id."""
    node = model[node_id]
    title = (
        node.title
        if len(node.title) <= _TITLE_LIMIT
        else node.title[: _TITLE_LIMIT - 1].rstrip() + "…"
    )
    kind = Kind(node.kind)
    noun = _DEFINITE_SV[kind] if lang == "sv" else kind.english
    return f"{noun} «{title}» ({node_id})"


def level_name(level: int, lang: Lang) -> str:
    """The name of a chain level, plural: 'kortsiktiga effekter', 'outputs'."""
    return (_LEVEL_SV if lang == "sv" else _LEVEL_EN)[level]


_TEMPLATES: Final[dict[Code, dict[str, str]]] = {
    Code.CYCLE: {
        "sv": "Kedjan går i cirkel: {path}. En effektkedja ska leda framåt; ta bort eller vänd en av länkarna.",
        "en": "The chain runs in a circle: {path}. A results chain leads forward; remove or reverse one of the links.",
    },
    Code.BACKWARD_LINK: {
        "sv": "{Source} bidrar till {target}, som ligger på en lägre nivå i kedjan ({from_level} → {to_level}). Vänd länken eller ändra nodens typ.",
        "en": "{Source} contributes to {target}, which is lower in the chain ({from_level} → {to_level}). Reverse the link or change the node's kind.",
    },
    Code.ORPHAN_ACTIVITY: {
        "sv": "{Node} leder inte till något mål: ingen kedja av contributes_to går från den till ett mål. Lägg till contributes_to mot den prestation, det utfall eller den effekt den ska bidra till.",
        "en": "{Node} leads to no goal: no chain of contributes_to links runs from it to a goal. Add contributes_to towards the output, outcome or effect it should lead to.",
    },
    Code.DEAD_END: {
        "sv": "{Node} bidrar inte till något: kedjan tar slut här. Lägg till contributes_to mot {next_level} eller ett mål.",
        "en": "{Node} contributes to nothing: the chain ends here. Add contributes_to towards {next_level} or a goal.",
    },
    Code.UNSUPPORTED: {
        "sv": "Inget bidrar till {node}: lägg till contributes_to till den från {lower_level} som ska leda dit.",
        "en": "Nothing contributes to {node}: add contributes_to to it from the {lower_level} that should lead there.",
    },
    Code.SKIPPED_LEVEL: {
        "sv": "{Source} bidrar direkt till {target} och hoppar över {skipped}. Saknas ett steg i kedjan?",
        "en": "{Source} contributes directly to {target}, skipping {skipped}. Is a step of the chain missing?",
    },
    Code.UNCOVERED_GOAL: {
        "sv": "Ingen aktivitet leder till {node}. Lägg till contributes_to från de aktiviteter eller effekter som ska bidra till målet.",
        "en": "No activity leads to {node}. Add contributes_to from the activities or effects that should lead to it.",
    },
    Code.UNMEASURED_GOAL: {
        "sv": "{Node} har ingen indikator: lägg till measured_by med en indikator som visar om målet nås.",
        "en": "{Node} has no indicator: add measured_by with an indicator that shows whether it is reached.",
    },
    Code.INCOMPLETE_INDICATOR: {
        "sv": "{Node} saknar {missing}.",
        "en": "{Node} has no {missing}.",
    },
    Code.UNUSED_INDICATOR: {
        "sv": "{Node} mäter inget: nämn den i measured_by på ett mål eller en effekt.",
        "en": "{Node} measures nothing: name it in measured_by of a goal or an effect.",
    },
    Code.UNANCHORED_PROJECT: {
        "sv": "{Node} {reason}.",
        "en": "{Node} {reason}.",
    },
    Code.UNOWNED_ACTIVITY: {
        "sv": "{Node} är inte del av något projekt eller någon strategi: lägg till part_of.",
        "en": "{Node} is part of no project or strategy: add part_of.",
    },
    Code.NO_ACTOR: {
        "sv": "Ingen aktör genomför {node}: lägg till performed_by på aktiviteten eller på dess projekt.",
        "en": "No actor performs {node}: add performed_by to the activity or to its project.",
    },
}


def text(code: Code, lang: Lang, **parts: str) -> str:
    """The message of `code` with its parts filled in; `Node`/`Source` capitalise the name."""
    capitalised = {
        key[0].upper() + key[1:]: value[0].upper() + value[1:]
        for key, value in parts.items()
        if value
    }
    return _TEMPLATES[code][lang].format(**parts, **capitalised)
