r"""Every word insatslogik shows people, in Swedish and English, and how it writes numbers.

Swedish is the default. A function that shows words takes ``lang=None``, meaning the model's own
language (:func:`resolve_lang`); a plan in any language but English is shown in Swedish. Codes
that programs read (finding codes, coverage and indicator statuses in JSON, severities given to
``--fail-on``) are not words and never change; only what people read is translated.

Words are looked up by plain strings (a kind's value such as ``"short_term_effect"``, a finding
code's value such as ``"orphan-activity"``, a status), so this module imports nothing from the
package and every other module may use it.

>>> kind_name("short_term_effect", "sv"), heading(4, "en"), status_name("on-track", "sv")
('kortsiktig effekt', 'Short-term effects', 'i fas')
>>> quantity(1234567.5, "kr", "sv"), quantity(4.2, "%", "sv"), quantity(4.2, "%", "en")
('1\xa0234\xa0567,5 kr', '4,2 %', '4.2%')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Literal, cast

from insatslogik.errors import UsageError

__all__ = [
    "COUNT_UNITS",
    "FOLLOW_UP_TERMS",
    "LANGUAGES",
    "THOUSANDS_SEPARATOR",
    "Lang",
    "assumption_status_name",
    "both",
    "counted",
    "excel_instructions",
    "finding_message",
    "format_number",
    "heading",
    "indicator_column_heading",
    "join_and",
    "judgement_name",
    "kind_definite",
    "kind_label",
    "kind_name",
    "left_out",
    "level_name",
    "method_name",
    "percent",
    "quantity",
    "resolve_lang",
    "season_name",
    "series",
    "severity_name",
    "status_name",
    "strength_name",
    "term_name",
    "word",
]

#: A language insatslogik writes in: Swedish or English.
Lang = Literal["sv", "en"]

#: The languages, Swedish (the default) first.
LANGUAGES: Final[tuple[Lang, ...]] = ("sv", "en")

# Index of each language in the (Swedish, English) pairs below.
_INDEX: Final[dict[str, int]] = {"sv": 0, "en": 1}


def resolve_lang(lang: str | None, language: str) -> Lang:
    """The language to write in: `lang` when given, else the model's `language`.

    A model in English is shown in English and a model in any other language in Swedish, the
    project's default: the plans are Swedish, and a plan that names another language still
    has Swedish readers more often than English ones.

    >>> resolve_lang(None, "en"), resolve_lang(None, "sv"), resolve_lang(None, "fi"), resolve_lang("en", "sv")
    ('en', 'sv', 'sv', 'en')

    Args:
        lang: the language asked for, ``sv`` or ``en``; None for the model's.
        language: the model's language (``Model.language``), any code.

    Returns:
        ``"sv"`` or ``"en"``.

    Raises:
        UsageError: when `lang` is given and is neither ``sv`` nor ``en``.
    """
    if lang is None:
        return "en" if language == "en" else "sv"
    if lang not in _INDEX:
        raise UsageError(f"lang must be 'sv' or 'en' (got {lang!r})")
    return cast(Lang, lang)


# --- Numbers ----------------------------------------------------------------------------------

#: What separates groups of three digits in a Swedish number: a no-break space, so no renderer
#: (a diagram's label, a table cell, a page) splits a number over two lines. Excel in Swedish
#: reads it as the thousands separator, and so does insatslogik's own workbook reader.
THOUSANDS_SEPARATOR: Final = "\u00a0"

# Swedish groups the digits of numbers of five digits or more; four-digit numbers stay whole
# (Språkrådet, Svenska skrivregler: "4000" or "4 000", but "40 000").
_GROUP_FROM: Final = 5


def format_number(value: float, lang: Lang) -> str:
    r"""A number as a report writes it: up to 15 significant digits, no trailing zeros.

    In Swedish the decimal mark is a comma and numbers of five digits or more are grouped in
    threes with :data:`THOUSANDS_SEPARATOR` (a no-break space); English has a decimal point and
    no grouping. Very large or small numbers keep Python's short exponent form (``1e+20``).

    >>> [format_number(v, "sv") for v in (4.2, 1234, 12345, -1234567.25)]
    ['4,2', '1234', '12\xa0345', '-1\xa0234\xa0567,25']
    >>> format_number(1234567.25, "en"), format_number(82.0, "sv")
    ('1234567.25', '82')

    Returns:
        The number as text.
    """
    text = f"{value:.15g}"
    if "e" in text:
        text = f"{value:g}"
    if lang == "en":
        return text
    if "e" in text:
        return text.replace(".", ",")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.removeprefix("-")
    if len(digits) >= _GROUP_FROM:
        groups = [digits[max(end - 3, 0) : end] for end in range(len(digits), 0, -3)]
        digits = THOUSANDS_SEPARATOR.join(reversed(groups))
    return sign + digits + ("," + fraction if fraction else "")


#: Units that say a value is a count: written "st" in Swedish, bare in English.
COUNT_UNITS: Final = frozenset({"antal", "st", "st.", "stycken"})


def quantity(value: float, unit: str | None, lang: Lang) -> str:
    r"""A number with its unit as a report writes it: ``82 %`` and a decimal comma in Swedish.

    >>> quantity(4.2, None, "sv"), quantity(82, "%", "sv"), quantity(82, "%", "en")
    ('4,2', '82 %', '82%')
    >>> quantity(1500000, "kr", "sv"), quantity(102, "antal", "sv"), quantity(102, "st", "en")
    ('1\xa0500\xa0000 kr', '102 st', '102')

    Returns:
        The number, then the unit after a plain space (English writes ``%`` without one).
    """
    number = format_number(value, lang)
    if unit == "%":
        return f"{number} %" if lang == "sv" else f"{number}%"
    if unit is not None and unit.strip().casefold() in COUNT_UNITS:
        # A count: "102 st" in Swedish (not "102 antal"); English writes the bare number.
        return f"{number} st" if lang == "sv" else number
    return f"{number} {unit}" if unit else number


def series(values: Mapping[int, float], unit: str | None, lang: Lang) -> str:
    """Values by year as a report writes them, e.g. a comparison: ``60 % (2020), 62 % (2021)``.

    >>> series({2020: 60, 2021: 62.5}, "%", "sv")
    '60 % (2020), 62,5 % (2021)'

    Returns:
        Each value with its unit and year, separated by commas.
    """
    return ", ".join(f"{quantity(value, unit, lang)} ({year})" for year, value in values.items())


def percent(ratio: float, lang: Lang) -> str:
    """A share as a whole percentage: ``40 %`` in Swedish, ``40%`` in English.

    >>> percent(0.4, "sv"), percent(0.4, "en"), percent(-0.125, "sv")
    ('40 %', '40%', '-12 %')

    Returns:
        The percentage, rounded to a whole number as Python's ``{:.0%}`` rounds it.
    """
    text = f"{ratio:.0%}"
    if lang == "en":
        return text
    return format_number(float(text.removesuffix("%")), lang) + " %"


# --- Kinds and chain levels -------------------------------------------------------------------

# Each kind: its Swedish name, the Swedish definite form messages name a node by ("målet … har
# ingen indikator"), and its English name.
_KINDS: Final[dict[str, tuple[str, str, str]]] = {
    "strategy": ("regional utvecklingsstrategi", "strategin", "strategy"),
    "substrategy": ("understrategi", "understrategin", "substrategy"),
    "project": ("projekt", "projektet", "project"),
    "resource": ("resurs", "resursen", "resource"),
    "activity": ("aktivitet", "aktiviteten", "activity"),
    "output": ("prestation", "prestationen", "output"),
    "outcome": ("utfall", "utfallet", "outcome"),
    "short_term_effect": ("kortsiktig effekt", "den kortsiktiga effekten", "short term effect"),
    "long_term_effect": ("långsiktig effekt", "den långsiktiga effekten", "long term effect"),
    "goal": ("mål", "målet", "goal"),
    "indicator": ("indikator", "indikatorn", "indicator"),
    "actor": ("aktör", "aktören", "actor"),
    "challenge": ("utmaning", "utmaningen", "challenge"),
    "factor": ("påverkansfaktor", "påverkansfaktorn", "factor"),
    "question": ("fråga", "frågan", "question"),
    "evaluation": ("utvärdering", "utvärderingen", "evaluation"),
    "assumption": ("antagande", "antagandet", "assumption"),
    "recommendation": ("rekommendation", "rekommendationen", "recommendation"),
}

# The chain levels, 0 resources … 6 goals, as column headings; 7 is the indicators' column.
_LEVELS: Final[dict[int, tuple[str, str]]] = {
    0: ("Resurser", "Resources"),
    1: ("Aktiviteter", "Activities"),
    2: ("Prestationer", "Outputs"),
    3: ("Utfall", "Outcomes"),
    4: ("Kortsiktiga effekter", "Short-term effects"),
    5: ("Långsiktiga effekter", "Long-term effects"),
    6: ("Mål", "Goals"),
    7: ("Indikatorer", "Indicators"),
}


def kind_name(kind: str, lang: Lang) -> str:
    """The name of a kind, in lower case: ``kortsiktig effekt``, ``short term effect``.

    >>> kind_name("goal", "sv"), kind_name("long_term_effect", "en")
    ('mål', 'long term effect')

    Returns:
        The name; `kind` is a kind's value (a `Kind` is one).
    """
    swedish, _, english = _KINDS[kind]
    return english if lang == "en" else swedish


def kind_label(kind: str, lang: Lang) -> str:
    """The kind as a capitalised label: 'Kortsiktig effekt', 'Short term effect'.

    >>> kind_label("strategy", "sv"), kind_label("short_term_effect", "en")
    ('Regional utvecklingsstrategi', 'Short term effect')

    Returns:
        The name with its first letter in upper case.
    """
    return kind_name(kind, lang).capitalize()


def kind_definite(kind: str, lang: Lang) -> str:
    """The kind as a message names a node of it: Swedish definite form, English bare noun.

    >>> kind_definite("goal", "sv"), kind_definite("short_term_effect", "sv"), kind_definite("goal", "en")
    ('målet', 'den kortsiktiga effekten', 'goal')

    Returns:
        The noun, in lower case, to put before a node's title.
    """
    _, definite, english = _KINDS[kind]
    return english if lang == "en" else definite


def heading(level: int, lang: Lang) -> str:
    """The column heading of a chain level (0 resources … 6 goals).

    >>> heading(4, "sv"), heading(4, "en")
    ('Kortsiktiga effekter', 'Short-term effects')

    Returns:
        The level's plural name, capitalised.
    """
    return _LEVELS[level][_INDEX[lang]]


def indicator_column_heading(lang: Lang) -> str:
    """The heading of the indicator column, right of the goals.

    >>> indicator_column_heading("sv")
    'Indikatorer'

    Returns:
        ``Indikatorer`` or ``Indicators``.
    """
    return _LEVELS[7][_INDEX[lang]]


def level_name(level: int, lang: Lang) -> str:
    """The name of a chain level inside a sentence, plural: 'kortsiktiga effekter', 'outputs'.

    >>> level_name(4, "sv"), level_name(2, "en")
    ('kortsiktiga effekter', 'outputs')

    Returns:
        The heading with a lower-case first letter.
    """
    text = heading(level, lang)
    return text[0].lower() + text[1:]


# --- Phrases, counts, statuses ----------------------------------------------------------------

# Nouns counted in text output: (Swedish one, Swedish many), (English one, English many).
_NOUNS: Final[dict[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "activity": (("aktivitet", "aktiviteter"), ("activity", "activities")),
    "indicator": (("indikator", "indikatorer"), ("indicator", "indicators")),
    "project": (("projekt", "projekt"), ("project", "projects")),
    "box": (("ruta", "rutor"), ("box", "boxes")),
    "link": (("länk", "länkar"), ("link", "links")),
    "finding": (("fynd", "fynd"), ("finding", "findings")),
    "error": (("fel", "fel"), ("error", "errors")),
    "warning": (("varning", "varningar"), ("warning", "warnings")),
    "info": (("info", "info"), ("info", "info")),
}

# Statuses shown to people. English shows the codes themselves, as it always has; Swedish
# follows the glossary in docs/concepts.md.
_STATUSES: Final[dict[str, tuple[str, str]]] = {
    # goal coverage
    "covered": ("täckt", "covered"),
    "partial": ("delvis täckt", "partial"),
    "uncovered": ("ej täckt", "uncovered"),
    # indicator status
    "achieved": ("uppnått", "achieved"),
    "on-track": ("i fas", "on-track"),
    "off-track": ("släpar efter", "off-track"),
    "no-target": ("inget målvärde", "no-target"),
    "no-data": ("inga värden", "no-data"),
    "not-yet": ("ej uppnått", "not-yet"),
    "not-followed-up": ("ej uppföljt", "not-followed-up"),
    "stale": ("inaktuellt", "stale"),
    "no-comparison": ("jämförelsevärde saknas", "no-comparison"),
}

_SEVERITIES: Final[dict[str, tuple[str, str]]] = {
    "error": ("fel", "error"),
    "warning": ("varning", "warning"),
    "info": ("info", "info"),
}


def join_and(parts: Iterable[str], lang: Lang) -> str:
    """Items as a phrase: 'a, b och c' (or 'a, b and c').

    >>> join_and(["källa", "målvärde"], "sv"), join_and(["a", "b", "c"], "en"), join_and(["a"], "sv")
    ('källa och målvärde', 'a, b and c', 'a')

    Returns:
        The items separated by commas, the last by the word for "and".
    """
    items = list(parts)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word('and', lang)} " + items[-1]


def counted(count: int, noun: str, lang: Lang) -> str:
    """A count and its noun, singular or plural: '1 aktivitet', '3 warnings'.

    >>> counted(1, "activity", "sv"), counted(3, "activity", "sv"), counted(0, "project", "en")
    ('1 aktivitet', '3 aktiviteter', '0 projects')

    Returns:
        The number, a space and the noun (one of activity, project, finding, error, warning,
        info).
    """
    one, many = _NOUNS[noun][_INDEX[lang]]
    return f"{count} {one if count == 1 else many}"


def left_out(count: int, file: str, lang: Lang) -> str:
    """What the command line says after the warnings of a file read leniently.

    >>> left_out(2, "plan.xml", "sv")
    'plan.xml lästes med 2 varningar: det som inte kunde läsas lämnades utanför (--strict vägrar i stället filen)'
    >>> left_out(1, "plan.xml", "en")
    'plan.xml was read with 1 warning: what could not be read was left out (--strict refuses the file instead)'

    Returns:
        One line, without the program's name.
    """
    if lang == "sv":
        return (
            f"{file} lästes med {counted(count, 'warning', lang)}: det som inte kunde läsas "
            "lämnades utanför (--strict vägrar i stället filen)"
        )
    return (
        f"{file} was read with {counted(count, 'warning', lang)}: what could not be read was "
        "left out (--strict refuses the file instead)"
    )


def status_name(status: str, lang: Lang) -> str:
    """A goal's coverage or an indicator's status as people read it.

    The codes (``covered``, ``on-track``) stay the same in JSON and in the API; this is the
    word shown in text, tables and workbooks.

    >>> [status_name(s, "sv") for s in ("covered", "partial", "uncovered")]
    ['täckt', 'delvis täckt', 'ej täckt']
    >>> [status_name(s, "sv") for s in ("achieved", "on-track", "off-track", "no-target", "no-data")]
    ['uppnått', 'i fas', 'släpar efter', 'inget målvärde', 'inga värden']
    >>> status_name("on-track", "en")
    'on-track'

    Returns:
        The word; English shows the code itself.
    """
    return _STATUSES[status][_INDEX[lang]]


def severity_name(severity: str, lang: Lang) -> str:
    """A finding's severity as people read it: ``fel``, ``varning``, ``info``.

    >>> severity_name("warning", "sv"), severity_name("warning", "en")
    ('varning', 'warning')

    Returns:
        The word; English shows the severity's code.
    """
    return _SEVERITIES[severity][_INDEX[lang]]


# --- The follow-up plan's terms ---------------------------------------------------------------

# The codes of the follow-up plan's fields, as written in files, and their (Swedish, English)
# words. Methods and seasons are Swedish codes (as the plans write them), shown in English on
# request; judgements, statuses and strengths are English codes, shown in Swedish by default.
_TERMS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "method": {
        "intervju": ("intervju", "interview"),
        "enkät": ("enkät", "survey"),
        "dialog": ("dialog", "dialogue"),
        "fokusgrupp": ("fokusgrupp", "focus group"),
        "dokumentstudie": ("dokumentstudie", "document study"),
        "portföljanalys": ("portföljanalys", "portfolio analysis"),
        "statistik": ("statistik", "statistics"),
        "observation": ("observation", "observation"),
        "fallstudie": ("fallstudie", "case study"),
    },
    "season": {
        "vår": ("vår", "spring"),
        "sommar": ("sommar", "summer"),
        "höst": ("höst", "autumn"),
        "vinter": ("vinter", "winter"),
    },
    "judgement": {
        "achieved": ("uppnått", "achieved"),
        "partly": ("delvis uppnått", "partly achieved"),
        "not-achieved": ("inte uppnått", "not achieved"),
        "unclear": ("oklart", "unclear"),
    },
    "assumption-status": {
        "untested": ("ej prövat", "untested"),
        "holds": ("håller", "holds"),
        "fails": ("håller inte", "fails"),
    },
    "strength": {
        "strong": ("starkt stöd", "strong"),
        "moderate": ("visst stöd", "moderate"),
        "weak": ("svagt stöd", "weak"),
        "none": ("inget stöd", "none"),
    },
}

#: The codes of each follow-up term group, in the order files and drop-down lists offer them:
#: ``FOLLOW_UP_TERMS["method"]`` is ``("intervju", "enkät", …)``.
FOLLOW_UP_TERMS: Final[dict[str, tuple[str, ...]]] = {
    group: tuple(words) for group, words in _TERMS.items()
}


def term_name(group: str, code: str, lang: Lang) -> str:
    """A code of the follow-up plan as people read it: a method, season, judgement, ….

    `group` is one of ``method``, ``season``, ``judgement``, ``assumption-status`` and
    ``strength`` (:data:`FOLLOW_UP_TERMS`); the codes stay the same in files and JSON.

    >>> term_name("method", "enkät", "en"), term_name("season", "höst", "en")
    ('survey', 'autumn')
    >>> term_name("judgement", "partly", "sv"), term_name("assumption-status", "fails", "sv")
    ('delvis uppnått', 'håller inte')

    Returns:
        The word in `lang`.

    Raises:
        KeyError: for a group or code that is not in the list.
    """
    return _TERMS[group][code][_INDEX[lang]]


def method_name(method: str, lang: Lang) -> str:
    """A follow-up method as people read it: ``enkät`` in Swedish, ``survey`` in English.

    >>> method_name("fokusgrupp", "sv"), method_name("fokusgrupp", "en")
    ('fokusgrupp', 'focus group')

    Returns:
        The word in `lang`.
    """
    return term_name("method", method, lang)


def season_name(season: str, lang: Lang) -> str:
    """A season of the year as people read it: ``höst``, ``autumn``.

    >>> season_name("vår", "en")
    'spring'

    Returns:
        The word in `lang`.
    """
    return term_name("season", season, lang)


def judgement_name(judgement: str, lang: Lang) -> str:
    """An assessment's judgement as people read it: ``delvis uppnått``, ``partly achieved``.

    >>> judgement_name("not-achieved", "sv"), judgement_name("not-achieved", "en")
    ('inte uppnått', 'not achieved')

    Returns:
        The words in `lang`.
    """
    return term_name("judgement", judgement, lang)


def assumption_status_name(status: str, lang: Lang) -> str:
    """An assumption's status as people read it: ``ej prövat``, ``håller``, ``håller inte``.

    >>> assumption_status_name("untested", "sv"), assumption_status_name("holds", "en")
    ('ej prövat', 'holds')

    Returns:
        The words in `lang`.
    """
    return term_name("assumption-status", status, lang)


def strength_name(strength: str, lang: Lang) -> str:
    """The strength of an assumption's evidence as people read it: ``svagt stöd``, ``weak``.

    >>> strength_name("weak", "sv"), strength_name("strong", "en")
    ('svagt stöd', 'strong')

    Returns:
        The words in `lang`.
    """
    return term_name("strength", strength, lang)


# --- Finding messages -------------------------------------------------------------------------

# By the finding code's value. `{Node}`, `{Source}` are the name capitalised (it starts the
# sentence); the names and levels are filled in by the checks.
_FINDINGS: Final[dict[str, tuple[str, str]]] = {
    "not-followed-up": (
        "{Node} har ett mål men inget värde efter utgångsåret {year}: ingen uppföljning visar om det går mot målet. Lägg till de uppföljda värdena i values.",
        "{Node} has a target but no value after its baseline year {year}: nothing followed up shows whether it moves towards the target. Add the followed-up values to values.",
    ),
    "stale-indicator": (
        "{Node} mättes senast {latest}, mer än {every} år före {year}: lägg till nyare värden i values, eller ändra follow_up_every om den följs upp mer sällan.",
        "{Node} was last measured in {latest}, more than {every} years before {year}: add newer values to values, or change follow_up_every if it is followed up less often.",
    ),
    "unmatched-breakdown": (
        "{Node} har en uppdelning ({breakdown}) för {years}, men inget totalvärde i values för samma år: lägg till totalen i values.",
        "{Node} has a breakdown ({breakdown}) for {years} but no total in values for the same year: add the total to values.",
    ),
    "cycle": (
        "Kedjan går i cirkel: {path}. En effektkedja ska leda framåt; ta bort eller vänd en av länkarna.",
        "The chain runs in a circle: {path}. A results chain leads forward; remove or reverse one of the links.",
    ),
    "backward-link": (
        "{Source} bidrar till {target}, som ligger på en lägre nivå i kedjan ({from_level} → {to_level}). Vänd länken eller ändra nodens typ.",
        "{Source} contributes to {target}, which is lower in the chain ({from_level} → {to_level}). Reverse the link or change the node's kind.",
    ),
    "orphan-activity": (
        "{Node} leder inte till något mål: ingen kedja av contributes_to går från den till ett mål. Lägg till contributes_to mot den prestation, det utfall eller den effekt den ska bidra till.",
        "{Node} leads to no goal: no chain of contributes_to links runs from it to a goal. Add contributes_to towards the output, outcome or effect it should lead to.",
    ),
    "dead-end": (
        "{Node} bidrar inte till något: kedjan tar slut här. Lägg till contributes_to mot {next_level} eller ett mål.",
        "{Node} contributes to nothing: the chain ends here. Add contributes_to towards {next_level} or a goal.",
    ),
    "unsupported": (
        "Inget bidrar till {node}: lägg till contributes_to till den från {lower_level} som ska leda dit.",
        "Nothing contributes to {node}: add contributes_to to it from the {lower_level} that should lead there.",
    ),
    "skipped-level": (
        "{Source} bidrar direkt till {target} och hoppar över {skipped}. Saknas ett steg i kedjan?",
        "{Source} contributes directly to {target}, skipping {skipped}. Is a step of the chain missing?",
    ),
    "uncovered-goal": (
        "Ingen aktivitet leder till {node}. Lägg till contributes_to från de aktiviteter eller effekter som ska bidra till målet.",
        "No activity leads to {node}. Add contributes_to from the activities or effects that should lead to it.",
    ),
    "unmeasured-goal": (
        "{Node} har ingen indikator: lägg till measured_by med en indikator som visar om målet nås.",
        "{Node} has no indicator: add measured_by with an indicator that shows whether it is reached.",
    ),
    "incomplete-indicator": ("{Node} saknar {missing}.", "{Node} has no {missing}."),
    "unused-indicator": (
        "{Node} mäter inget: nämn den i measured_by på ett mål eller en effekt.",
        "{Node} measures nothing: name it in measured_by of a goal or an effect.",
    ),
    "unanchored-project": ("{Node} {reason}.", "{Node} {reason}."),
    "unowned-activity": (
        "{Node} är inte del av något projekt eller någon strategi: lägg till part_of.",
        "{Node} is part of no project or strategy: add part_of.",
    ),
    "no-actor": (
        "Ingen aktör genomför {node}: lägg till performed_by på aktiviteten eller på dess projekt.",
        "No actor performs {node}: add performed_by to the activity or to its project.",
    ),
    "unevaluable-goal": (
        "{Node} kan inte utvärderas: ingen indikator mäter det och ingen fråga eller utvärdering handlar om det. Lägg till measured_by, eller en fråga med målet i about.",
        "{Node} cannot be evaluated: no indicator measures it and no question or evaluation is about it. Add measured_by, or a question with the goal in about.",
    ),
    "no-follow-up": (
        "Ingenting följer upp {node}: ingen indikator mäter den och ingen fråga eller utvärdering handlar om den. Lägg till measured_by, eller nämn den i about på en fråga.",
        "Nothing follows up {node}: no indicator measures it and no question or evaluation is about it. Add measured_by, or name it in the about of a question.",
    ),
    "question-without-method": (
        "{Node} säger inte hur den ska besvaras: lägg till method (intervju, enkät, dialog, statistik …).",
        "{Node} does not say how it is answered: add method (intervju, enkät, dialog, statistik …).",
    ),
    "overdue-follow-up": (
        "{Node} skulle följas upp {years} men har ingen bedömning och inget värde från då: lägg till assessments med året, eller ändra when.",
        "{Node} was to be followed up in {years} but has no assessment or value from then: add assessments of the year, or change when.",
    ),
    "untested-assumption": (
        "{Node} är inte prövat, men en länk till {goals} vilar på det: pröva antagandet och sätt status till holds eller fails.",
        "{Node} is untested, yet a link into {goals} rests on it: test it and set its status to holds or fails.",
    ),
    "failed-assumption": (
        "{Node} håller inte, och kedjan som vilar på det leder till {goals}: se över länkarna och insatserna som bygger på antagandet.",
        "{Node} does not hold, and the chain resting on it leads to {goals}: review the links and activities built on it.",
    ),
    # The same two findings on a node of the plan loaded whose chain goes on into a plan it
    # uses and rests there on that plan's assumption.
    "untested-assumption.used": (
        "Kedjan från {node} till {goals} vilar på {assumption} i {file}, som inte är prövat: fråga den planens ägare om det håller.",
        "The chain from {node} to {goals} rests on {assumption} in {file}, which is untested: ask that plan's owner whether it holds.",
    ),
    "failed-assumption.used": (
        "Kedjan från {node} till {goals} vilar på {assumption} i {file}, som inte håller: se över länkarna därifrån och vad de bygger på.",
        "The chain from {node} to {goals} rests on {assumption} in {file}, which does not hold: review the links from it and what they build on.",
    ),
}


def finding_message(code: str, lang: Lang, **parts: str) -> str:
    """The message of a finding code with its parts filled in; `Node`/`Source` capitalise a part.

    >>> finding_message("unmeasured-goal", "en", node="goal «Fler jobb» (jobb)")
    'Goal «Fler jobb» (jobb) has no indicator: add measured_by with an indicator that shows whether it is reached.'

    Args:
        code: the finding code's value (a `Code` is one), e.g. ``"orphan-activity"``.
        lang: the language of the message.
        **parts: the texts the message names (``node``, ``source``, ``target``, …).

    Returns:
        The message, one or two sentences.
    """
    capitalised = {
        key[0].upper() + key[1:]: value[0].upper() + value[1:]
        for key, value in parts.items()
        if value
    }
    return _FINDINGS[code][_INDEX[lang]].format(**parts, **capitalised)


# --- Other words, by key ------------------------------------------------------------------------

# Each key's (Swedish, English) words, grouped by where they are shown.
_WORDS: Final[dict[str, tuple[str, str]]] = {
    "and": ("och", "and"),
    # the title of a portfolio of plans loaded from several files
    "portfolio.title": ("Portfölj", "Portfolio"),
    # finding messages: the fields an incomplete indicator lacks, why a project is unanchored
    "missing.source": ("källa", "source"),
    "missing.baseline": ("utgångsvärde", "baseline"),
    "missing.target": ("målvärde", "target"),
    "unanchored.no-strategy": (
        "är inte del av någon strategi eller understrategi (part_of saknas)",
        "is part of no strategy or substrategy (part_of is missing)",
    ),
    # finding messages: more nodes than a message names, a chain that reaches no goal
    "findings.more": ("{count} till", "{count} more"),
    "findings.no-goal": ("inget mål", "no goal"),
    "unanchored.no-goal": (
        "har ingen aktivitet som leder till ett mål",
        "has no activity that leads to a goal",
    ),
    # a report of findings: the table headings of Markdown, HTML and the workbook
    "report.severity": ("allvarlighet", "severity"),
    "report.code": ("kod", "code"),
    "report.message": ("meddelande", "message"),
    "report.nodes": ("noder", "nodes"),
    # goal coverage as text, Markdown and HTML
    "coverage.goal": ("mål", "goal"),
    "coverage.status": ("status", "status"),
    "coverage.activities": ("aktiviteter", "activities"),
    "coverage.projects": ("projekt", "projects"),
    "coverage.indicators": ("indikatorer", "indicators"),
    "coverage.covered_goals": ("täckta mål", "covered goals"),
    "coverage.no_goals": ("inga mål", "no goals"),
    # indicator status as a text or Markdown table
    "indicators.indicator": ("indikator", "indicator"),
    "indicators.latest": ("senaste", "latest"),
    "indicators.baseline": ("utgångsvärde", "baseline"),
    "indicators.target": ("målvärde", "target"),
    "indicators.progress": ("framsteg", "progress"),
    "indicators.status": ("status", "status"),
    # the plan matrix
    "matrix.goal": ("Mål", "Goal"),
    "matrix.activities": ("Aktiviteter", "Activities"),
    "matrix.actors": ("Aktörer", "Actors"),
    "matrix.short_term_effects": ("Kortsiktiga effekter", "Short-term effects"),
    "matrix.long_term_effects": ("Långsiktiga effekter", "Long-term effects"),
    "matrix.indicators": ("Indikatorer", "Indicators"),
    "matrix.assumptions": ("Antaganden", "Assumptions"),
    "matrix.assessments": ("Senaste bedömningar", "Latest assessments"),
    # the indicator summary; "target" also heads an indicator's target in diagrams
    "summary.indicator": ("Indikator", "Indicator"),
    "summary.source": ("Källa", "Source"),
    "summary.baseline": ("Utgångsvärde", "Baseline"),
    "summary.target": ("Mål / jämfört med", "Target / compared with"),
    "summary.number": ("Nr", "No."),
    "summary.breakdown": ("Uppdelning", "Breakdown"),
    "summary.measurement": ("Mätning", "Measurement"),
    "summary.measure": ("mäts som", "measured as"),
    "summary.aggregate": ("mellan planer", "across plans"),
    "summary.weight": ("vikt", "weight"),
    "summary.components": ("Delindikatorer", "Components"),
    "measure.level": ("nivå", "level"),
    "measure.cumulative": ("kumulativt", "cumulative"),
    "measure.incremental": ("tillskott per år", "increment per year"),
    "aggregate.sum": ("summa", "sum"),
    "aggregate.mean": ("medelvärde", "mean"),
    "aggregate.weighted-mean": ("vägt medelvärde", "weighted mean"),
    "aggregate.none": ("läggs inte ihop", "not added up"),
    "target": ("mål", "target"),
    # an indicator's target in words: whose it is, a relative rule, its history
    "target.set_by": ("{genitive} mål", "{owner} target"),
    "target.original": ("ursprungligen", "originally"),
    "target.revised": ("ändrat {year} till", "revised {year} to"),
    "rule.above": ("över {comparison}", "above {comparison}"),
    "rule.below": ("under {comparison}", "below {comparison}"),
    "rule.growth-above": (
        "större ökning än {comparison} sedan {since}",
        "growth above {comparison} since {since}",
    ),
    "rule.growth-below": (
        "mindre ökning än {comparison} sedan {since}",
        "growth below {comparison} since {since}",
    ),
    # the interactive page: tooltips, the hint and the legend
    "page.actors": ("Aktörer", "Actors"),
    "page.part_of": ("Del av", "Part of"),
    "page.latest": ("Senaste värde", "Latest value"),
    "page.baseline": ("Utgångsvärde", "Baseline"),
    "page.target": ("Mål", "Target"),
    "page.source": ("Källa", "Source"),
    "page.values": ("Värden", "Values"),
    "page.compare": ("Jämfört med", "Compared with"),
    "page.part_of_index": ("Del av index", "Part of the index"),
    "page.rationale": ("Motivering", "Rationale"),
    "page.assumptions": ("Antaganden", "Assumptions"),
    "page.evidence": ("Belägg", "Evidence"),
    "page.findings": ("Fynd", "Findings"),
    "page.hint": (
        "Håll muspekaren över en ruta för detaljer. Klicka på en ruta (eller sök och tryck "
        "Enter) för att se hela dess kedja, Esc för att släppa. Dra för att flytta, scrolla för "
        "att zooma.",
        "Hover over a box for details. Click a box (or search and press Enter) to see its whole "
        "chain, Esc to let go. Drag to move, scroll to zoom.",
    ),
    "page.legend": ("Förklaring", "Legend"),
    "page.search": ("Sök (titel, id, tagg)", "Search (title, id, tag)"),
    "page.matches": ("träffar", "matches"),
    "page.findings_filter": ("Visa fynd", "Show findings"),
    "page.all_findings": ("alla rutor", "all boxes"),
    "page.severity": ("allvarlighet", "severity"),
    "page.outline": ("kant", "outline"),
    "page.links_to": ("Leder till", "Leads to"),
    "page.notes": ("Anteckningar", "Notes"),
    "page.tags": ("Taggar", "Tags"),
    "page.overview": ("Översikt", "Overview"),
    "page.nodes": ("rutor", "boxes"),
    "page.open_group": ("Klicka för att öppna", "Click to open"),
    "diagram.changes": ("Ändringar sedan", "Changes since"),
    "diagram.highlighted": ("Markerade fynd", "Highlighted findings"),
    "diagram.added": ("tillagd", "added"),
    "diagram.changed": ("ändrad", "changed"),
    "diagram.removed": ("borttagen", "removed"),
    "diagram.renamed": ("troligen nytt id för", "probably a new id for"),
    "diagram.actors": ("Aktörer", "Actors"),
    "diagram.context": ("Utmaningar och faktorer", "Challenges and factors"),
    # portfolios: the plans of the nodes in drawings, pages and workbooks
    "diagram.cross_plan": ("Länk mellan planer", "Link between plans"),
    "page.plan": ("Plan", "Plan"),
    "page.file": ("Fil", "File"),
    "page.plan_filter": ("Visa plan", "Show plan"),
    "page.all_plans": ("alla planer", "all plans"),
    # follow-up and evaluation: assumptions and assessments in tooltips and the plan matrix
    "follow.assessment": ("Bedömning", "Assessment"),
    "follow.latest_assessment": ("Senaste bedömning", "Latest assessment"),
    "follow.assessments": ("Bedömningar", "Assessments"),
    "follow.assumption": ("Antagande", "Assumption"),
    "follow.assumptions": ("Antaganden", "Assumptions"),
    "follow.evidence": ("belägg", "evidence"),
    "follow.strength": ("{strength}", "{strength} evidence"),
    "follow.no_evidence": ("inget stöd", "no evidence"),
    # the evaluation matrix and the follow-up calendar (tables, workbook sheets, follow-up)
    "follow.question": ("Fråga", "Question"),
    "follow.about": ("Avser", "About"),
    "follow.method": ("Metod", "Method"),
    "follow.source": ("Källa", "Source"),
    "follow.responsible": ("Ansvarig", "Responsible"),
    "follow.when": ("När", "When"),
    "follow.year": ("År", "Year"),
    "follow.season": ("Säsong", "Season"),
    "follow.item": ("Uppföljning", "Follow-up"),
    "follow.kind": ("Typ", "Kind"),
    "follow.state": ("Läge", "State"),
    "follow.done_by": ("Gjord av", "Done by"),
    "follow.plan": ("Plan", "Plan"),
    "follow.every": ("vart {every}:e år från {start}", "every {every} years from {start}"),
    "follow.yearly": ("varje år från {start}", "every year from {start}"),
    "follow.until": ("till {until}", "until {until}"),
    "follow.state.due": ("att göra", "due"),
    "follow.state.overdue": ("försenad", "overdue"),
    "follow.state.done": ("gjord", "done"),
    "follow.state.planned": ("planerad", "planned"),
    # the follow-up command's help (the command line speaks English; Swedish for other uses)
    "follow.help": (
        "visa uppföljningskalendern (vad som ska göras, är försenat eller gjort) eller "
        "utvärderingsmatrisen (fråga, avser, metod, källa, ansvarig, när)",
        "show the follow-up calendar (what is due, overdue or done) or the evaluation matrix "
        "(question, about, method, source, responsible, when)",
    ),
    "follow.help.year": (
        "referensåret: det som skulle ha gjorts före det är försenat (standard: i år)",
        "the reference year: what was due before it and is not done is overdue "
        "(default: this year)",
    ),
    "follow.help.matrix": (
        "skriv utvärderingsmatrisen i stället för kalendern",
        "write the evaluation matrix instead of the calendar",
    ),
    "follow.help.format": (
        "utdataformat (standard: efter FILs ändelse, annars text)",
        "output format (default: by the suffix of FILE, .md .html .csv .txt; else text)",
    ),
    "follow.help.output": (
        "skriv tabellen till FIL (atomärt) i stället för till standard ut",
        "write the table to FILE (atomically) instead of standard output",
    ),
    # the command line: a folder where a plan file is read, options that do not go together
    "cli.folder.portfolio": (
        "{folder} är en mapp, och en mapp är en portfölj av planer: lägg till --portfolio för "
        "att läsa dess planer tillsammans",
        "{folder} is a folder, and a folder is a portfolio of plans: add --portfolio to read "
        "its plans together",
    ),
    "cli.folder.one_plan": (
        "{folder} är en mapp, och en mapp är en portfölj av planer: {command} läser planfiler, "
        "inte mappar; ge en av dess filer",
        "{folder} is a folder, and a folder is a portfolio of plans: {command} reads plan "
        "files, not folders; name one of its files",
    ),
    "cli.paper.not_with": (
        "--page delar kedjediagrammet på pappersark (.svg, .png, .pdf eller .dot), inte {what}: "
        "ta bort --page eller välj ett sådant OUT",
        "--page splits the chain diagram into paper sheets (.svg, .png, .pdf or .dot), not "
        "{what}: leave out --page or choose such an OUT",
    ),
    "cli.paper.page": ("den interaktiva sidan (.html)", "the interactive page (.html)"),
    "cli.paper.mermaid": ("Mermaid-text (.mmd)", "Mermaid text (.mmd)"),
    "cli.paper.structure": ("strukturen (--structure)", "the structure (--structure)"),
    "cli.paper.compare": (
        "ett diagram över ändringar (--compare)",
        "a diagram of changes (--compare)",
    ),
    "cli.paper.focus": ("en nods kedja (--focus)", "one node's chain (--focus)"),
    "cli.paper.focus_plan": (
        "en plan ur en portfölj (--focus-plan)",
        "one plan of a portfolio (--focus-plan)",
    ),
    "cli.paper.stdout": (
        "--page skriver en fil per ark: ange OUT i stället för -",
        "--page writes one file per sheet: give OUT instead of -",
    ),
    "cli.to_needed": (
        "-o - skriver till standard ut: ange formatet med --to",
        "-o - writes to standard output: name the format with --to",
    ),
    "cli.render.suffix": (
        "OUT ska sluta på {suffixes} eller .mmd (fick {name!r})",
        "OUT must end in {suffixes} or .mmd (got {name!r})",
    ),
    "cli.render.compare": (
        "--compare markerar ändringarna i kedjediagrammet (.svg, .png, .pdf eller .dot), inte "
        "i strukturen eller den interaktiva sidan",
        "--compare marks the changes in the chain diagram (.svg, .png, .pdf or .dot), not in "
        "the structure or the page",
    ),
    "cli.render.show": (
        "--show lägger till lager i kedjediagrammet (.svg, .png, .pdf eller .dot), inte i "
        "strukturen eller den interaktiva sidan",
        "--show adds layers to the chain diagram (.svg, .png, .pdf or .dot), not to the "
        "structure or the page",
    ),
    "cli.render.focus_plan": (
        "--focus-plan ritar en plan ur en portfölj i kedjediagrammet eller den interaktiva "
        "sidan, inte i strukturen",
        "--focus-plan draws one plan of a portfolio in the chain diagram or the page, not the "
        "structure",
    ),
    "cli.mermaid.structure": (
        "--structure ritas som SVG, PNG, PDF eller DOT, inte som .mmd",
        "--structure is drawn as SVG, PNG, PDF or DOT, not .mmd",
    ),
    "cli.mermaid.focus_plan": (
        "--focus-plan ritas som SVG, PNG, PDF, DOT eller HTML, inte som .mmd",
        "--focus-plan is drawn as SVG, PNG, PDF, DOT or HTML, not .mmd",
    ),
    "cli.rollup.indicator": (
        "roll-up behöver --indicator ID: indikatorn att räkna samman",
        "roll-up needs --indicator ID: the indicator to roll up",
    ),
    "cli.indicator.unknown": (
        "--indicator {id}: portföljen har ingen nod med id {id!r}{hint}",
        "--indicator {id}: the portfolio has no node with id {id!r}{hint}",
    ),
    "cli.did_you_mean": (" (menade du {id!r}?)", " (did you mean {id!r}?)"),
    "cli.weight.twice": (
        "--weight ges en gång per indikator (fick {id} mer än en gång)",
        "--weight is given once per indicator (got {id} more than once)",
    ),
    "cli.weight.form": (
        "--weight skrivs ID=TAL, med en vikt som är noll eller mer (fick {given!r})",
        "--weight is written ID=NUMBER, with a weight of zero or more (got {given!r})",
    ),
    "cli.weight.roll_up_only": (
        "--weight väger indikatorerna i en sammanräkning: använd den med portfolio roll-up",
        "--weight weighs the indicators of a roll-up: use it with portfolio roll-up",
    ),
    "cli.weight.not_member": (
        "--weight nämner {ids}, som inte räknas samman här (indikatorerna: {members})",
        "--weight names {ids}, which this roll-up does not combine (its indicators: {members})",
    ),
    "cli.weight.not_weighted": (
        "--weight gäller ett vägt medelvärde, men indikatorerna räknas samman som {method} "
        "(deras aggregate): ange aggregate: weighted-mean eller ta bort --weight",
        "--weight is for a weighted mean, but the indicators are rolled up as {method} (their "
        "aggregate): give aggregate: weighted-mean or leave out --weight",
    ),
    "cli.landscape.alone": (
        "--landscape och --no-landscape gäller pappersark: ge också --page a4 eller a3",
        "--landscape and --no-landscape are for paper sheets: give --page a4 or a3 too",
    ),
    # workbooks: sheet names (both are read back)
    "sheet.plan": ("Plan", "Plan"),
    "sheet.structure": ("Struktur", "Structure"),
    "sheet.goals": ("Mål", "Goals"),
    "sheet.activities": ("Aktiviteter", "Activities"),
    "sheet.resources": ("Resurser", "Resources"),
    "sheet.results": ("Effekter", "Results"),
    "sheet.indicators": ("Indikatorer", "Indicators"),
    "sheet.actors": ("Aktörer", "Actors"),
    "sheet.challenges": ("Utmaningar", "Challenges"),
    "sheet.factors": ("Påverkansfaktorer", "Factors"),
    "sheet.links": ("Länkar", "Links"),
    "sheet.comparisons": ("Jämförelser", "Comparisons"),
    "sheet.components": ("Delindikatorer", "Components"),
    "sheet.revisions": ("Målrevideringar", "Target revisions"),
    "sheet.breakdowns": ("Uppdelningar", "Breakdowns"),
    "sheet.questions": ("Frågor", "Questions"),
    "sheet.evaluations": ("Utvärderingar", "Evaluations"),
    "sheet.assumptions": ("Antaganden", "Assumptions"),
    "sheet.recommendations": ("Rekommendationer", "Recommendations"),
    "sheet.assessments": ("Bedömningar", "Assessments"),
    "sheet.instructions": ("Anvisningar", "Instructions"),
    "sheet.matrix": ("Planmatris", "Plan matrix"),
    "sheet.coverage": ("Täckning", "Coverage"),
    "sheet.findings": ("Fynd", "Findings"),
    "sheet.lists": ("Listor", "Lists"),
    "sheet.evaluation_matrix": ("Utvärderingsmatris", "Evaluation matrix"),
    "sheet.follow_up_calendar": ("Uppföljningskalender", "Follow-up calendar"),
    # workbooks: the plan sheet's headings and rows
    "plan.field": ("Fält", "Field"),
    "plan.value": ("Värde", "Value"),
    "plan.insatslogik": ("Format", "Format"),
    "plan.title": ("Titel", "Title"),
    "plan.language": ("Språk", "Language"),
    "plan.description": ("Beskrivning", "Description"),
    "plan.id": ("Id", "Id"),
    "plan.uses": ("Använder", "Uses"),
    # workbooks: column headings of the node, link and comparison sheets (both are read back)
    "column.id": ("Id", "Id"),
    "column.kind": ("Typ", "Kind"),
    "column.title": ("Titel", "Title"),
    "column.description": ("Beskrivning", "Description"),
    "column.part_of": ("Del av", "Part of"),
    "column.performed_by": ("Aktör", "Actor"),
    "column.measured_by": ("Indikator", "Indicator"),
    "column.addresses": ("Utmaning", "Challenge"),
    "column.influences": ("Påverkar", "Influences"),
    "column.tags": ("Tagg", "Tag"),
    "column.notes": ("Anteckningar", "Notes"),
    "column.ignore": ("Ignorera fynd", "Ignore finding"),
    "column.period_start": ("Period från", "Period start"),
    "column.period_end": ("Period till", "Period end"),
    "column.budget": ("Budget", "Budget"),
    "column.currency": ("Valuta", "Currency"),
    "column.owner": ("Ägare", "Owner"),
    "column.goal_statement": ("Målformulering", "Goal statement"),
    "column.horizon": ("Tidshorisont", "Horizon"),
    "column.target_year": ("Målår", "Target year"),
    "column.activity_name": ("Namn på aktivitet", "Activity name"),
    "column.content": ("Innehåll och syfte", "Content and purpose"),
    "column.times": ("Antal gånger", "Times"),
    "column.hours_each": ("Tid per tillfälle (h)", "Hours each"),
    "column.indicator": ("Indikator", "Indicator"),
    "column.source": ("Källa", "Source"),
    "column.unit": ("Enhet", "Unit"),
    "column.geography": ("Geografi", "Geography"),
    "column.baseline_year": ("Utgångsår", "Baseline year"),
    "column.baseline": ("Utgångsvärde", "Baseline"),
    "column.target": ("Målvärde", "Target"),
    "column.from": ("Från", "From"),
    "column.to": ("Till", "To"),
    "column.rationale": ("Motivering", "Rationale"),
    "column.assumptions": ("Antaganden", "Assumptions"),
    "column.evidence": ("Belägg", "Evidence"),
    "column.compared_with": ("Jämförelse", "Compared with"),
    "column.comparison_title": ("Jämförelsens namn", "Comparison title"),
    "column.number": ("Nr", "No."),
    "column.relative_to": ("Mål relativt", "Relative to"),
    "column.rule": ("Regel", "Rule"),
    "column.since": ("Sedan år", "Since"),
    "column.set_by": ("Mål satt av", "Target set by"),
    "column.measure": ("Mäts som", "Measure"),
    "column.aggregate": ("Summeras", "Aggregate"),
    "column.follow_up_every": ("Följs upp vart (år)", "Follow up every (years)"),
    "column.index": ("Index", "Index"),
    "column.component": ("Delindikator", "Component"),
    "column.weight": ("Vikt", "Weight"),
    "column.decided": ("Beslutat år", "Decided"),
    "column.reason": ("Skäl", "Reason"),
    "column.dimension": ("Dimension", "Dimension"),
    "column.group": ("Grupp", "Group"),
    "column.question": ("Fråga", "Question"),
    "column.about": ("Gäller", "About"),
    "column.about_link": ("Gäller länk", "About link"),
    "column.method": ("Metod", "Method"),
    "column.when_year": ("År", "Year"),
    "column.when_from": ("Från år", "From year"),
    "column.when_every": ("Vart n:e år", "Every n years"),
    "column.when_until": ("Till år", "Until year"),
    "column.season": ("Årstid", "Season"),
    "column.responsible": ("Ansvarig", "Responsible"),
    "column.evaluation": ("Utvärdering", "Evaluation"),
    "column.evaluator": ("Utvärderare", "Evaluator"),
    "column.scope": ("Omfattning", "Scope"),
    "column.assumption": ("Antagande", "Assumption"),
    "column.status": ("Status", "Status"),
    "column.strength": ("Stöd", "Support"),
    "column.recommendation": ("Rekommendation", "Recommendation"),
    "column.by": ("Av", "By"),
    "column.node": ("Nod", "Node"),
    "column.year": ("År", "Year"),
    "column.judgement": ("Bedömning", "Judgement"),
    "column.text": ("Text", "Text"),
    "column.assumption_list": ("Antaganden (lista)", "Assumption list"),
    # workbooks: a relative target's rule, how values add up (drop-downs; both are read back)
    "choice.rule.above": ("över", "above"),
    "choice.rule.below": ("under", "below"),
    "choice.rule.growth-above": ("ökar mer än", "growth above"),
    "choice.rule.growth-below": ("ökar mindre än", "growth below"),
    # workbooks: a goal's horizon, as its drop-down shows it (both are read back)
    "horizon.short": ("kort", "short"),
    "horizon.medium": ("medellång", "medium"),
    "horizon.long": ("lång", "long"),
    # workbooks: the derived sheets, written for people and not read
    "workbook.goal": ("Mål", "Goal"),
    "workbook.status": ("Status", "Status"),
    "workbook.activities": ("Aktiviteter", "Activities"),
    "workbook.projects": ("Projekt", "Projects"),
    "workbook.indicators": ("Indikatorer", "Indicators"),
    "workbook.complete_indicators": ("Fullständiga indikatorer", "Complete indicators"),
    "workbook.covered_goals": ("Andel täckta mål", "Covered goals"),
    "workbook.severity": ("Allvarlighet", "Severity"),
    "workbook.code": ("Kod", "Code"),
    "workbook.message": ("Meddelande", "Message"),
    "workbook.nodes": ("Noder", "Nodes"),
    "workbook.plan": ("Plan", "Plan"),
    "workbook.plan_id": ("Planens id", "Plan id"),
    "workbook.plan_title": ("Titel", "Title"),
    "workbook.plan_file": ("Fil", "File"),
    "workbook.plan_home": ("Laddad", "Loaded"),
    "workbook.plan_uses": ("Använder", "Uses"),
    "sheet.plans": ("Planer", "Plans"),
    # comparing two versions of a plan (il.diff): section headings and what a change is called
    "diff.heading": ("Skillnader", "Differences"),
    "diff.none": ("Inga skillnader.", "No differences."),
    "diff.header": ("Planen", "The plan"),
    "diff.added": ("Tillagda noder", "Added nodes"),
    "diff.removed": ("Borttagna noder", "Removed nodes"),
    "diff.changed": ("Ändrade noder", "Changed nodes"),
    "diff.links_added": ("Tillagda länkar", "Added links"),
    "diff.links_removed": ("Borttagna länkar", "Removed links"),
    "diff.links_changed": ("Länkar med ändrad motivering", "Links with changed reasoning"),
    "diff.renames": ("Troliga namnbyten", "Probable renames"),
    "diff.findings_appeared": ("Nya fynd", "New findings"),
    "diff.findings_disappeared": ("Fynd som försvunnit", "Findings gone"),
    "diff.coverage": ("Ändrad måltäckning", "Goal coverage changed"),
    "diff.indicators": ("Ändrade indikatorer", "Indicators changed"),
    "diff.same_title": ("samma titel", "same title"),
    "diff.title_similarity": ("titellikhet", "title similarity"),
    "diff.same_links": ("samma länkar", "same links"),
    "diff.target": ("målvärde", "target"),
    "diff.status": ("status", "status"),
    # update-values: what fetching did to each indicator
    "update.none": (
        "Ingen indikator har en strukturerad källa.",
        "No indicator has a structured source.",
    ),
    "update.failed": ("misslyckades", "failed"),
    "update.conflict": ("konflikt", "conflict"),
    "update.updated": ("uppdaterad", "updated"),
    "update.unchanged": ("oförändrad", "unchanged"),
    "update.added": ("tillagda", "added"),
    "update.overwritten": ("ersatta", "overwritten"),
    "update.conflicts": ("konflikter", "conflicts"),
    "update.same": ("samma", "same"),
    "update.kept": ("behöll", "kept"),
    "update.fetched": ("hämtat", "fetched"),
    # the follow-up calendar (il.follow_up) in Jupyter, and its states
    "followup.calendar": ("Uppföljningskalender", "Follow-up calendar"),
    "followup.year": ("år", "year"),
    "followup.season": ("säsong", "season"),
    "followup.node": ("fråga eller utvärdering", "question or evaluation"),
    "followup.responsible": ("ansvarig", "responsible"),
    "followup.state": ("läge", "state"),
    "followup.done_by": ("gjord av", "done by"),
    "workbook.not_in_list": (
        "Värdet finns inte i listan. Id:n måste finnas på sitt blad när arbetsboken läses in.",
        "The value is not in the list. Ids must exist on their sheet when the workbook is read.",
    ),
    # portfolio analyses: coverage, contributions, alignment and shared chains across plans
    "portfolio.goal": ("mål", "goal"),
    "portfolio.plan": ("plan", "plan"),
    "portfolio.plans": ("planer", "plans"),
    "portfolio.node": ("nod", "node"),
    "portfolio.kind": ("slag", "kind"),
    "portfolio.via": ("via", "via"),
    "portfolio.goal_plan": ("målets plan", "goal's plan"),
    "portfolio.reached_by": ("nås av", "reached by"),
    "portfolio.activities": ("aktiviteter", "activities"),
    "portfolio.projects": ("projekt", "projects"),
    "portfolio.silent": ("Planer som inte når något delat mål", "Plans reaching no shared goal"),
    "portfolio.silent_plans": (
        "Planer som inte rapporterar om något delat",
        "Plans reporting on nothing shared",
    ),
    "portfolio.no_goals": ("Portföljen har inga mål.", "The portfolio has no goals."),
    "portfolio.plan_no_goals": ("Planen {plan} har inga mål.", "Plan {plan} has no goals."),
    "portfolio.crossings": ("Länkar mellan planer", "Links across plans"),
    "portfolio.mark.reaches": ("når", "reaches"),
    "portfolio.mark.names": ("länkar utan aktivitet", "names"),
    "portfolio.mark.measures": ("mäter", "measures"),
    "portfolio.mark.matches": ("egen motsvarighet", "matches"),
    # indicator roll-up across plans
    "rollup.method.sum": ("summa", "sum"),
    "rollup.method.mean": ("medelvärde", "mean"),
    "rollup.method.weighted-mean": ("vägt medelvärde", "weighted mean"),
    "rollup.method.none": ("ingen sammanräkning", "no roll-up"),
    "rollup.of": ("av", "of"),
    "rollup.refused": ("Räknas inte samman", "Not rolled up"),
    "rollup.missing": ("saknas", "missing"),
    "rollup.total": ("totalt", "total"),
    # how much an indicator counts in a weighted mean, after its id: "a med vikt 2"
    "rollup.weight": ("med vikt {weight}", "weighted {weight}"),
    "rollup.year": ("år", "year"),
    "rollup.value": ("värde", "value"),
    "rollup.different-units": (
        "indikatorerna har olika enheter ({detail})",
        "the indicators have different units ({detail})",
    ),
    "rollup.mixed-measure": (
        "indikatorerna mäter på olika sätt över tid ({detail}): nivåer, kumulativa och "
        "årliga värden läggs inte ihop",
        "the indicators add up over time in different ways ({detail}): levels, cumulative "
        "and incremental values are not combined",
    ),
    "rollup.mixed-aggregate": (
        "indikatorerna anger olika sätt att räkna samman ({detail})",
        "the indicators give different ways to roll up ({detail})",
    ),
    "rollup.percentage": (
        "andelar (enhet {detail}) summeras inte: ange aggregate mean eller weighted-mean",
        "shares (unit {detail}) are not added up: give aggregate mean or weighted-mean",
    ),
    "rollup.not-aggregated": (
        "indikatorerna ska inte räknas samman mellan planer (aggregate none: {detail})",
        "the indicators are not to be rolled up across plans (aggregate none: {detail})",
    ),
    "rollup.missing-weights": (
        "ett vägt medelvärde behöver en vikt för varje indikator (saknas: {detail})",
        "a weighted mean needs a weight for every indicator (missing: {detail})",
    ),
    "rollup.zero-weights": (
        "ett vägt medelvärde behöver någon vikt över noll, men alla vikter är noll ({detail})",
        "a weighted mean needs some weight above zero, but the weights are all zero ({detail})",
    ),
    "rollup.conflicting-duplicates": (
        "samma serie (samma källa och område) har olika värden i olika planer: {detail}; "
        "rätta värdet i den plan som har fel",
        "the same series (the same source and area) has different values in different plans: "
        "{detail}; correct the value in the plan that is wrong",
    ),
    # after the years: the indicators of a series already counted, left out
    "rollup.duplicates": (
        "utelämnade som dubbletter av samma serie: {ids}",
        "left out as duplicates of the same series: {ids}",
    ),
}


def word(key: str, lang: Lang) -> str:
    """The word or phrase shown for `key`: a heading, a label, a sheet name.

    >>> word("sheet.goals", "sv"), word("page.legend", "en")
    ('Mål', 'Legend')

    Returns:
        The text in `lang`.

    Raises:
        KeyError: for a key that is not in the list (a mistake in the calling code).
    """
    return _WORDS[key][_INDEX[lang]]


def both(key: str) -> tuple[str, str]:
    """The Swedish and the English word of `key`, for readers that accept either.

    >>> both("sheet.links")
    ('Länkar', 'Links')

    Returns:
        ``(Swedish, English)``.
    """
    return _WORDS[key]


_INSTRUCTIONS: Final[dict[str, tuple[str, ...]]] = {
    "sv": (
        "Så fyller du i arbetsboken",
        "Plan: planens titel (krävs), språk och beskrivning.",
        "Struktur, Mål, Aktiviteter, Resurser, Effekter, Indikatorer, Aktörer, Utmaningar, "
        "Påverkansfaktorer: en rad per nod. Id krävs (bokstäver A–Z, siffror, _ . -) och ska vara "
        "unikt i hela arbetsboken; titeln krävs.",
        "Kolumner som Del av, Aktör 1, Indikator 1 och Utmaning 1 har rullistor med id:n från "
        "respektive blad. Behövs fler, lägg till en kolumn med nästa nummer (Aktör 4).",
        "Länkar: en rad per koppling i resultatkedjan (Från → Till), med motivering, antaganden "
        "och belägg.",
        "Indikatorer: ett värde per år i kolumner med året som rubrik (2020, 2021, …); lägg till "
        "kolumner för fler år. Jämförelser: en rad per indikator och jämförelse (t.ex. EU).",
        "Tal kan skrivas med decimalkomma (3,5), mellanslag mellan tusental (1 234) och "
        "procenttecken (82 %).",
        "Frågor, Utvärderingar, Antaganden och Rekommendationer: uppföljningsplanen, en rad per "
        "nod. En fråga följs upp vissa år (År 1, År 2 …) eller från ett år, vart n:e år, till ett "
        "år. Gäller länk skrivs Från → Till. Antaganden (lista) på Länkar: ett antagande-id "
        "eller en text per rad i cellen. Bedömningar: en rad per bedömning av en nod, eller av "
        "länken från Nod till Till.",
        "Tomma rader hoppas över. Planmatris, Täckning, Fynd, Utvärderingsmatris, "
        "Uppföljningskalender och Anvisningar skrivs av insatslogik och läses inte in.",
        "Läs in: insatslogik convert plan.xlsx plan.yaml, eller il.read_excel('plan.xlsx').",
    ),
    "en": (
        "How to fill in the workbook",
        "Plan: the plan's title (required), language and description.",
        "Structure, Goals, Activities, Resources, Results, Indicators, Actors, Challenges, "
        "Factors: one row per node. The id is required (letters A–Z, digits, _ . -) and unique "
        "across the workbook; so is the title.",
        "Columns such as Part of, Actor 1, Indicator 1 and Challenge 1 have drop-down lists of "
        "the ids on their sheet. For more, add a column with the next number (Actor 4).",
        "Links: one row per link in the results chain (From → To), with rationale, assumptions "
        "and evidence.",
        "Indicators: one value per year in columns headed by the year (2020, 2021, …); add "
        "columns for more years. Comparisons: one row per indicator and comparison (e.g. EU).",
        "Numbers may have a decimal comma (3,5), spaces between thousands (1 234) and a per cent "
        "sign (82 %).",
        "Questions, Evaluations, Assumptions and Recommendations: the follow-up plan, one row "
        "per node. A question is followed up in given years (Year 1, Year 2 …) or from a year, "
        "every n years, until a year. About link is written From → To. Assumption list on "
        "Links: one assumption id or text per line of the cell. Assessments: one row per "
        "assessment of a node, or of the link from Node to To.",
        "Blank rows are skipped. Plan matrix, Coverage, Findings, Evaluation matrix, Follow-up "
        "calendar and Instructions are written by insatslogik and not read.",
        "Read it: insatslogik convert plan.xlsx plan.yaml, or il.read_excel('plan.xlsx').",
    ),
}


def excel_instructions(lang: Lang) -> tuple[str, ...]:
    """The lines of a workbook's instructions sheet, a heading first.

    >>> excel_instructions("en")[0]
    'How to fill in the workbook'

    Returns:
        The lines, one per cell down the first column.
    """
    return _INSTRUCTIONS[lang]
