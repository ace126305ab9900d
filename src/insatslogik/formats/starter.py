"""Starter files: a commented model to fill in, for `insatslogik new FILE [--lang sv|en]`.

The template holds a strategy, one goal with an indicator, one activity chain (activity →
short-term effect → long-term effect → goal) and a follow-up plan (a question and an assumption),
with a comment on every field. It loads, and
`check` finds nothing in it, so whatever a user's first check reports comes from their own
changes.

>>> import insatslogik as il
>>> from insatslogik.formats.starter import template
>>> model = il.loads(template("en"))
>>> model.language, len(il.check(model))
('en', 0)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Final

from insatslogik.errors import UsageError, WriteError
from insatslogik.i18n import Lang

__all__ = ["TEMPLATES", "template", "write_template"]

_SV: Final = """\
# En insatslogik (effektkedja) att fylla i. Byt ut texterna och värdena mot din egen plan och
# kontrollera den med:  insatslogik check FIL
# Filformatet: docs/file-format.md. Fynden och hur man åtgärdar dem: docs/findings.md.
insatslogik: 1                  # filformatets version; ska stå kvar
title: Min plan                 # planens namn, visas överst i diagram och tabeller
language: sv                    # innehållets språk: sv eller en
description: >-                 # valfri text om planen
  Vad planen ska leda till, för vem och under vilken period.

nodes:                          # alla delar av planen; varje nod har id, kind och title
  # Strategin som allt annat är en del av (kind: strategy, eller substrategy för en
  # understrategi/kraftsamling och project för ett projekt eller en verksamhet).
  - id: strategi                # unikt id: bokstäver utan å, ä, ö, siffror, - _ och . (mal för mål)
    kind: strategy              # vilken sorts del; alla sorter står i docs/file-format.md
    title: Regional utvecklingsstrategi
    period: {start: 2025, end: 2035}   # första och sista året

  # Målet (huvudmål eller delmål) som kedjan ska leda till.
  - id: mal
    kind: goal
    title: Fler små och medelstora företag tar steg i sin digitala utveckling
    part_of: strategi           # strategin, understrategin eller projektet målet hör till
    horizon: long               # short, medium (delmål) eller long (huvudmål)
    target_year: 2035           # året målet ska vara nått
    measured_by: [andel-smf]    # indikatorerna som visar om målet nås

  # Aktiviteten (insatsen) och vad den ska leda till, steg för steg.
  - id: aktivitet
    kind: activity
    title: Rådgivning om digitalisering till små och medelstora företag
    part_of: strategi
    performed_by: [aktor]       # aktörerna som genomför aktiviteten
    frequency: {times: 10, hours_each: 2}   # antal gånger och tid per tillfälle (timmar)
    contributes_to:             # nästa led i kedjan: ett id, eller en länk med motivering
      - to: kort-effekt         # id för nästa led
        rationale: Varför aktiviteten leder dit.                    # motivering
        assumptions: Vad som måste gälla för att den ska göra det.  # antaganden

  - id: kort-effekt
    kind: short_term_effect     # kortsiktig effekt, inom cirka fyra år
    title: Fler företag har tagit del av rådgivning om digitalisering
    part_of: strategi
    contributes_to: [lang-effekt]

  - id: lang-effekt
    kind: long_term_effect      # långsiktig effekt, på mer än tio års sikt
    title: Företagen i regionen är konkurrenskraftiga med hög innovationsgrad
    part_of: strategi
    contributes_to: [mal]

  # Indikatorn (nyckeltalet) som mäter målet: källa, utgångsvärde och målvärde behövs för att
  # kunna se om utvecklingen går åt rätt håll.
  - id: andel-smf
    kind: indicator
    title: Andel små och medelstora företag med åtminstone en grundläggande digitaliseringsnivå
    source: SCB                 # varifrån värdena kommer
    unit: "%"                   # enheten, inom citattecken
    geography: Länet            # området värdena gäller
    baseline: {year: 2025, value: 60}   # utgångsvärde: år och värde
    target: {year: 2035, value: 90}     # målvärde: år och värde
    values: {2025: 60, 2026: 64}  # uppmätta värden, år: värde (decimaler med punkt: 4.2)
    comparisons:                # jämförelsevärden, t.ex. riket: {år: värde}
      Sverige: {2025: 65}

  - id: aktor
    kind: actor
    title: Regionen

  # Uppföljningsplanen: en fråga som följs upp och ett antagande som kedjan vilar på.
  - id: fraga
    kind: question              # en uppföljnings- eller utvärderingsfråga
    title: Har företagen som fått rådgivning tagit steg i sin digitala utveckling?
    about: [kort-effekt, lang-effekt]   # det frågan följer upp
    method: [enkät, intervju]   # intervju, enkät, dialog, fokusgrupp, dokumentstudie, …
    source: Enkät till företagen som fått rådgivning   # varifrån svaren kommer
    responsible: aktor          # aktören som ansvarar för uppföljningen
    # when: {from: 2026, every: 1}   # när: en lista av år, eller från ett år, vart n:e år
    # season: höst                   # vår, sommar, höst eller vinter
    # assessments:                   # bedömningar: år, av vem, uppnått/delvis/inte/oklart
    #   - {year: 2026, by: aktor, judgement: partly, text: Vad uppföljningen visade.}

  - id: antagande
    kind: assumption            # ett antagande som en länk i kedjan vilar på
    title: Företagen efterfrågar rådgivning om digitalisering
    about: [{from: aktivitet, to: kort-effekt}]   # länken antagandet gäller
    status: holds               # untested (ej prövat), holds (håller) eller fails (håller inte)
    evidence: moderate          # stödet: strong, moderate, weak eller none
"""

_EN: Final = """\
# An intervention logic (results chain) to fill in. Replace the texts and values with your own
# plan and check it with:  insatslogik check FILE
# The file format: docs/file-format.md. The findings and how to fix them: docs/findings.md.
insatslogik: 1                  # the file format's version; keep it
title: My plan                  # the plan's name, shown at the top of diagrams and tables
language: en                    # the language of the content: sv or en
description: >-                 # optional text about the plan
  What the plan shall lead to, for whom and over which period.

nodes:                          # every part of the plan; each node has an id, a kind and a title
  # The strategy everything else is part of (kind: strategy, or substrategy for a
  # substrategy/programme and project for a project or an organisation).
  - id: strategy                # a unique id: letters A–Z, digits, - _ and .
    kind: strategy              # what sort of part; every kind is in docs/file-format.md
    title: Regional development strategy
    period: {start: 2025, end: 2035}   # the first and the last year

  # The goal (main goal or sub-goal) the chain shall lead to.
  - id: goal
    kind: goal
    title: More small and medium-sized enterprises take steps in their digital development
    part_of: strategy           # the strategy, substrategy or project the goal belongs to
    horizon: long               # short, medium (sub-goal) or long (main goal)
    target_year: 2035           # the year the goal shall be reached
    measured_by: [sme-share]    # the indicators that show whether the goal is reached

  # The activity and what it shall lead to, step by step.
  - id: activity
    kind: activity
    title: Advice on digitalisation to small and medium-sized enterprises
    part_of: strategy
    performed_by: [actor]       # the actors who carry out the activity
    frequency: {times: 10, hours_each: 2}   # how many times, and hours each time
    contributes_to:             # the next step of the chain: an id, or a link with its reasoning
      - to: short-effect        # the id of the next step
        rationale: Why the activity leads there.          # the reasoning
        assumptions: What must hold for it to do so.      # the assumptions

  - id: short-effect
    kind: short_term_effect     # a short-term effect, within about four years
    title: More enterprises have taken part in advice on digitalisation
    part_of: strategy
    contributes_to: [long-effect]

  - id: long-effect
    kind: long_term_effect      # a long-term effect, more than ten years ahead
    title: The region's enterprises are competitive with a high degree of innovation
    part_of: strategy
    contributes_to: [goal]

  # The indicator that measures the goal: a source, a baseline and a target are needed to see
  # whether things move the right way.
  - id: sme-share
    kind: indicator
    title: Share of small and medium-sized enterprises with at least a basic level of digital intensity
    source: Statistics office   # where the values come from
    unit: "%"                   # the unit, in quotes
    geography: The region       # the area the values are for
    baseline: {year: 2025, value: 60}   # baseline: year and value
    target: {year: 2035, value: 90}     # target: year and value
    values: {2025: 60, 2026: 64}  # measured values, year: value (decimals with a point: 4.2)
    comparisons:                # values to compare with, e.g. the country: {year: value}
      National: {2025: 65}

  - id: actor
    kind: actor
    title: The region

  # The follow-up plan: a question followed up, and an assumption the chain rests on.
  - id: question
    kind: question              # a follow-up or evaluation question
    title: Have the enterprises that got advice taken steps in their digital development?
    about: [short-effect, long-effect]   # what the question follows up
    method: [enkät, intervju]   # survey and interview (intervju, enkät, dialog, fokusgrupp, …)
    source: Survey of the enterprises advised   # where the answers come from
    responsible: actor          # the actor responsible for the follow-up
    # when: {from: 2026, every: 1}   # when: a list of years, or from a year, every n years
    # season: höst                   # vår, sommar, höst or vinter (spring … winter)
    # assessments:                   # judgements: year, by whom, achieved/partly/not/unclear
    #   - {year: 2026, by: actor, judgement: partly, text: What the follow-up showed.}

  - id: assumption
    kind: assumption            # an assumption a link of the chain rests on
    title: The enterprises want advice on digitalisation
    about: [{from: activity, to: short-effect}]   # the link the assumption is about
    status: holds               # untested, holds or fails
    evidence: moderate          # the support: strong, moderate, weak or none
"""

#: The starter file's text per language.
TEMPLATES: Final[dict[str, str]] = {"sv": _SV, "en": _EN}


def template(lang: Lang = "sv") -> str:
    """The starter file as YAML text with comments, in Swedish (``sv``) or English (``en``).

    Args:
        lang: the language of the comments and the example content.

    Returns:
        The text, which loads as a model that the checks find nothing in.

    Raises:
        UsageError: for another language.

    >>> template("sv").splitlines()[3]
    'insatslogik: 1                  # filformatets version; ska stå kvar'
    >>> template("de")
    Traceback (most recent call last):
    ...
    insatslogik.errors.UsageError: lang must be one of ['sv', 'en'] (got 'de')
    """
    try:
        return TEMPLATES[lang]
    except KeyError:
        raise UsageError(f"lang must be one of ['sv', 'en'] (got {lang!r})") from None


def write_template(path: str | os.PathLike[str], *, lang: Lang = "sv") -> Path:
    """Write the starter file to `path`, which must not exist yet; return the path.

    The text goes to a temporary file beside the target and is then linked into place, which
    fails if the target exists: an existing file is never overwritten, not even one created in
    the meantime, and a crash leaves no half-written file.

    Returns:
        The path written, as given.

    Raises:
        FileExistsError: when `path` exists; nothing is written.
        UsageError: when `path` does not end in ``.yaml`` or ``.yml`` (the comments need YAML),
            or for another language.
        WriteError: when the file cannot be written (a missing folder, no permission).

    >>> import tempfile, pathlib, insatslogik as il
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp(), "min-plan.yaml"))
    >>> il.check(il.load(path)).findings
    ()
    """
    target = Path(path)
    if target.suffix.lower() not in {".yaml", ".yml"}:
        raise UsageError(
            f"the starter file must end in .yaml or .yml, as it has comments (got {target.name!r})"
        )
    text = template(lang)
    if target.exists() or target.is_symlink():
        raise FileExistsError(f"{target} already exists")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed before linking)
            "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise WriteError.of(target, error) from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        current = os.umask(0o022)
        os.umask(current)
        temporary.chmod(0o666 & ~current)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise FileExistsError(f"{target} already exists") from None
    except FileExistsError:
        raise
    except OSError as error:
        raise WriteError.of(target, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    return target
