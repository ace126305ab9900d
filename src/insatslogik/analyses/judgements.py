"""Assumptions and assessments in words, where a reader meets a node or a link.

Tooltips (the chain diagram and the interactive page) and the plan matrix say the same thing
the same way: an assumption with its status and the strength of its evidence, and a node's or
link's latest assessment with its year, judgement, who made it and what it says.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler företag digitaliseras", assessments=[
...         il.Assessment(year=2023, by="or", judgement="partly", text="Fler SMF nås")]),
...     il.Actor(id="or", title="Oxford Research"),
...     il.Assumption(id="vilja", title="SMF vill delta", about=["mal"], evidence="weak"),
... ], title="Kraftsamling digitalisering")
>>> node_notes(model, "mal", lang="sv")
['Senaste bedömning: 2023, Oxford Research: delvis uppnått. Fler SMF nås', 'Antagande: SMF vill delta (ej prövat, svagt stöd)']
"""

from __future__ import annotations

from collections.abc import Sequence

from insatslogik.i18n import Lang, assumption_status_name, judgement_name, strength_name, word
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.model.schema import Assessment, Assumption, Link

__all__ = [
    "assessment_text",
    "assumption_text",
    "assumptions_about",
    "latest_assessment",
    "link_notes",
    "node_notes",
]


def latest_assessment(assessments: Sequence[Assessment]) -> Assessment | None:
    """The latest of `assessments`: the latest year, and of one year the last one given.

    Args:
        assessments: a node's or link's assessments, in the order the plan gives them.

    Returns:
        The assessment, or None when there is none.

    >>> import insatslogik as il
    >>> latest_assessment([il.Assessment(year=2024, by="a", judgement="achieved"),
    ...                    il.Assessment(year=2023, by="a", judgement="partly")]).year
    2024
    """
    latest: Assessment | None = None
    for assessment in assessments:
        if latest is None or assessment.year >= latest.year:
            latest = assessment
    return latest


def _title(model: Model, node_id: str) -> str:
    # A reference the model cannot resolve (a model built by hand) is shown as it is written.
    return model[node_id].title if node_id in model else node_id


def assessment_text(model: Model, assessment: Assessment, *, lang: Lang) -> str:
    """One assessment in words: year, who made it, judgement, then its text and evidence.

    Args:
        model: the model that names who made it (an evaluation or an actor).
        assessment: the assessment.
        lang: ``sv`` or ``en``.

    Returns:
        One line, such as ``2023, Oxford Research: delvis uppnått. Fler SMF nås``.

    >>> import insatslogik as il
    >>> model = il.Model([il.Actor(id="or", title="Oxford Research")], title="T")
    >>> assessment_text(model, il.Assessment(year=2023, by="or", judgement="unclear",
    ...                                      evidence="Intervjuer"), lang="en")
    '2023, Oxford Research: unclear (evidence: Intervjuer)'
    """
    text = (
        f"{assessment.year}, {_title(model, assessment.by)}: "
        f"{judgement_name(assessment.judgement, lang)}"
    )
    if assessment.text:
        text += f". {assessment.text}"
    if assessment.evidence:
        text += f" ({word('follow.evidence', lang)}: {assessment.evidence})"
    return text


def assumption_text(assumption: Assumption, *, lang: Lang) -> str:
    """An assumption in words: its title, its status and the strength of its evidence.

    Args:
        assumption: the assumption node.
        lang: ``sv`` or ``en``.

    Returns:
        One line, such as ``SMF vill delta (håller, starkt stöd)``.

    >>> import insatslogik as il
    >>> assumption_text(il.Assumption(id="a", title="SMF vill delta", status="fails"), lang="en")
    'SMF vill delta (fails)'
    """
    parts = [assumption_status_name(assumption.status, lang)]
    if assumption.evidence is not None:
        if assumption.evidence == "none":  # "no evidence", not "none evidence"
            parts.append(word("follow.no_evidence", lang))
        else:
            strength = strength_name(assumption.evidence, lang)
            parts.append(word("follow.strength", lang).format(strength=strength))
    return f"{assumption.title} ({', '.join(parts)})"


def assumptions_about(model: Model, node_id: str) -> list[Assumption]:
    """The assumption nodes whose `about` names `node_id`, in the plan's order.

    Args:
        model: the model.
        node_id: any node.

    Returns:
        The assumptions.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål"),
    ...                   il.Assumption(id="a", title="SMF vill delta", about=["mal"])], title="T")
    >>> [a.id for a in assumptions_about(model, "mal")]
    ['a']
    """
    if node_id not in model.graph:
        return []
    sources = {
        source
        for source, _, key in model.graph.in_edges(node_id, keys=True)
        if key == EdgeKind.ABOUT and model[source].kind == Kind.ASSUMPTION.value
    }
    return [node for node in model if node.id in sources and isinstance(node, Assumption)]


def node_notes(model: Model, node_id: str, *, lang: Lang) -> list[str]:
    """What a tooltip says of a node's follow-up: its latest assessment, the assumptions on it.

    Args:
        model: the model.
        node_id: the node.
        lang: ``sv`` or ``en``.

    Returns:
        The lines, none for a node with neither.

    >>> import insatslogik as il
    >>> model = il.Model([il.Goal(id="mal", title="Mål")], title="T")
    >>> node_notes(model, "mal", lang="sv")
    []
    """
    lines = []
    latest = latest_assessment(getattr(model[node_id], "assessments", ()))
    if latest is not None:
        text = assessment_text(model, latest, lang=lang)
        lines.append(f"{word('follow.latest_assessment', lang)}: {text}")
    lines.extend(
        f"{word('follow.assumption', lang)}: {assumption_text(assumption, lang=lang)}"
        for assumption in assumptions_about(model, node_id)
    )
    return lines


def link_notes(
    model: Model, source: str, target: str, link: Link | None, *, lang: Lang
) -> list[str]:
    """What a tooltip says of a link: its rationale, assumptions, evidence and latest assessment.

    An assumption named by id (in the link's list, or by the assumption's ``about: {from, to}``)
    is shown with its status and evidence; an assumption written as text, as it is written.

    Args:
        model: the model.
        source: the node the link leaves.
        target: the node it leads to.
        link: the link's own fields, or None for a plain link.
        lang: ``sv`` or ``en``.

    Returns:
        The lines, none for a plain link that no assumption names.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Mål"),
    ...     il.Activity(id="akt", title="Rådgivning", contributes_to=[
    ...         il.Link(to="mal", rationale="Rådgivning ger steg", assumptions=["vilja", "Tid finns"])]),
    ...     il.Assumption(id="vilja", title="SMF vill delta", status="holds"),
    ... ], title="T")
    >>> link_notes(model, "akt", "mal", model["akt"].contributes_to[0], lang="sv")
    ['Motivering: Rådgivning ger steg', 'Antaganden: Tid finns', 'Antagande: SMF vill delta (håller)']
    """
    named = [i for i in model.link_assumptions(source, target) if i in model]
    lines = []
    if link is not None:
        if link.rationale:
            lines.append(f"{word('page.rationale', lang)}: {link.rationale}")
        written = link.assumptions
        texts = (
            [written]
            if isinstance(written, str)
            else [item for item in written or () if item not in named]
        )
        if texts:
            lines.append(f"{word('page.assumptions', lang)}: {'; '.join(texts)}")
        if link.evidence:
            lines.append(f"{word('page.evidence', lang)}: {link.evidence}")
    lines.extend(
        f"{word('follow.assumption', lang)}: {assumption_text(node, lang=lang)}"
        for node in (model[i] for i in named)
        if isinstance(node, Assumption)
    )
    latest = None if link is None else latest_assessment(link.assessments)
    if latest is not None:
        text = assessment_text(model, latest, lang=lang)
        lines.append(f"{word('follow.latest_assessment', lang)}: {text}")
    return lines
