"""The follow-up plan: the calendar of scheduled follow-ups and the evaluation matrix.

A question's or an evaluation's `when` says in which years it is followed up. The calendar
(:func:`follow_up`) lists every scheduled year exactly once, up to :data:`HORIZON` years after
the reference year, with its state: ``done`` when something of that year shows it was followed
up, else ``due`` (the reference year), ``overdue`` (a year before it) or ``planned`` (a later
year). The evaluation matrix (:func:`evaluation_matrix`) is the plan's questions as a table:
question | about | method | source | responsible | when.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Actor(id="vgr", title="Västra Götalandsregionen"),
...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
...     il.Question(id="samordning", title="Har kraftsamlingen ökat samordningen?",
...                 about=["mal"], method=["intervju"], responsible=["vgr"],
...                 when=il.Schedule(start=2022, until=2024), season="höst"),
... ], title="Kraftsamling digitalisering")
>>> [(item.year, item.state) for item in il.follow_up(model, year=2023)]
[(2022, 'overdue'), (2023, 'due'), (2024, 'planned')]
>>> [(row.question, row.method, row.responsible) for row in il.evaluation_matrix(model)]
[('samordning', ('intervju',), ('vgr',))]
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from insatslogik.analyses.tabular import data_frame, short_repr
from insatslogik.i18n import Lang, resolve_lang, season_name, word
from insatslogik.kinds import Kind
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.schedule import scheduled_years
from insatslogik.model.schema import NODE_TYPES, Evaluation, Indicator, Question, Schedule

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HORIZON",
    "SEASONS",
    "FollowUp",
    "FollowUpItem",
    "MatrixRow",
    "evaluation_matrix",
    "follow_up",
]

#: How many years after the reference year the calendar lists: one four-year cycle, the span
#: of the short-term effects and of the Västra Götaland plan's "kommande fyra år". An open
#: schedule (no `until`) would otherwise never end.
HORIZON: Final = 4

State = Literal["overdue", "due", "done", "planned"]

#: The states of a scheduled follow-up, in the order the calendar's repr counts them.
STATES: Final[tuple[State, ...]] = get_args(State)

#: The seasons in calendar order; a follow-up without a season comes after them in its year.
SEASONS: Final = ("vår", "sommar", "höst", "vinter")
_SEASON_ORDER: Final = {season: place for place, season in enumerate(SEASONS)}

# The method whose data are an indicator's values: a value of the year is a follow-up done.
_STATISTICS: Final = "statistik"
_QUESTION: Final = Kind.QUESTION.value
_EVALUATION: Final = Kind.EVALUATION.value


@dataclass(frozen=True)
class FollowUpItem:
    """One scheduled follow-up: a question or an evaluation, in one year, and where it stands.

    `state` is ``done`` when something of `year` shows it was followed up (`done_by` names
    what: the `by` of the assessments, the indicators with a value of the year), else ``due``
    in the reference year, ``overdue`` before it and ``planned`` after it. `responsible` are
    the actors who answer for it, `title` the question's or evaluation's.
    """

    node_id: str
    kind: str
    year: int
    season: str | None
    responsible: tuple[str, ...]
    state: State
    done_by: tuple[str, ...] = ()
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON-ready data.

        Returns:
            A dict of the fields, by name, the tuples as lists.

        >>> FollowUpItem("q", "question", 2023, "höst", ("vgr",), "done", ("vgr",)).to_dict()["done_by"]
        ['vgr']
        """
        data = asdict(self)
        data["responsible"] = list(self.responsible)
        data["done_by"] = list(self.done_by)
        return data


class FollowUp(list[FollowUpItem]):
    """The follow-up calendar: a list of :class:`FollowUpItem`, by year, season and plan order.

    Every scheduled (question or evaluation, year) pair is in it exactly once. Besides the list
    it has the reference `year`, a short repr, a table in Jupyter (in `lang`, the model's
    language), :meth:`by_responsible`, :meth:`to_records` and :meth:`to_dataframe`. Slicing
    gives a plain list.

    Attributes:
        year: the reference year the states are judged from.
        lang: the language of its table in Jupyter.

    >>> import insatslogik as il
    >>> model = il.Model([il.Question(id="q", title="Fråga", method=["enkät"], when=[2025])],
    ...                  title="T")
    >>> il.follow_up(model, year=2026)
    <FollowUp 2026: 1 follow-ups (overdue 1)
      overdue 2025 q>
    """

    def __init__(self, items: Iterable[FollowUpItem] = (), *, year: int, lang: Lang = "sv") -> None:
        super().__init__(items)
        self.year = year
        self.lang: Lang = lang

    def __repr__(self) -> str:
        states = [item.state for item in self]
        counts = ", ".join(f"{s} {states.count(s)}" for s in STATES if s in states)
        lines = [f"{i.state} {i.year} {i.node_id}" for i in self]
        return short_repr(f"FollowUp {self.year}", f"{len(self)} follow-ups ({counts})", lines)

    def by_responsible(self) -> dict[str | None, list[FollowUpItem]]:
        """The items grouped by the actor who answers for them, actors in id order.

        An item with several responsible actors is in each of their groups; the items no actor
        answers for are under None, last.

        Returns:
            A dict from actor id (or None) to that actor's items, in calendar order.

        >>> import insatslogik as il
        >>> model = il.Model([
        ...     il.Actor(id="vgr", title="Västra Götalandsregionen"),
        ...     il.Question(id="q", title="Fråga", method=["enkät"], when=[2025], responsible=["vgr"]),
        ...     il.Question(id="r", title="Fråga 2", method=["enkät"], when=[2025]),
        ... ], title="T")
        >>> {actor: [i.node_id for i in items] for actor, items in il.follow_up(model, year=2026).by_responsible().items()}
        {'vgr': ['q'], None: ['r']}
        """
        groups: dict[str | None, list[FollowUpItem]] = {}
        for item in self:
            for actor in item.responsible or (None,):
                groups.setdefault(actor, []).append(item)
        return dict(sorted(groups.items(), key=lambda entry: (entry[0] is None, entry[0] or "")))

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per item, as :meth:`FollowUpItem.to_dict` gives it.

        Returns:
            The dicts, in calendar order.

        >>> import insatslogik as il
        >>> model = il.Model([il.Question(id="q", title="Fråga", method=["enkät"], when=[2027])],
        ...                  title="T")
        >>> [(r["node_id"], r["year"], r["state"]) for r in il.follow_up(model, year=2026).to_records()]
        [('q', 2027, 'planned')]
        """
        return [item.to_dict() for item in self]

    def to_dataframe(self) -> pd.DataFrame:
        """The calendar as a pandas DataFrame: one row per scheduled follow-up, in calendar order.

        Columns ``node_id``, ``kind``, ``title``, ``year``, ``season``, ``responsible`` and
        ``done_by`` (lists of ids) and ``state`` (the code, as in JSON). Needs pandas
        (``pip install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame, its index counting from 0 (a node has a row per year).

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([il.Question(id="q", title="Fråga", method=["enkät"], when=[2025, 2026])],
        ...                  title="T")
        >>> frame = il.follow_up(model, year=2026).to_dataframe()
        >>> frame[["node_id", "year", "state"]].to_dict("records")
        [{'node_id': 'q', 'year': 2025, 'state': 'overdue'}, {'node_id': 'q', 'year': 2026, 'state': 'due'}]
        """
        columns = ["node_id", "kind", "title", "year", "season", "responsible", "state", "done_by"]
        return data_frame(self.to_records(), columns, index=None, purpose="FollowUp.to_dataframe()")

    def _repr_html_(self) -> str:
        lang = self.lang
        columns = ("year", "season", "node", "responsible", "state", "done_by")
        head = "".join(f"<th>{html.escape(word(f'followup.{c}', lang))}</th>" for c in columns)
        body = []
        for item in self:
            cells = (
                str(item.year),
                season_name(item.season, lang) if item.season else "",
                f"{item.title} ({item.node_id})",
                ", ".join(item.responsible),
                word(f"follow.state.{item.state}", lang),  # the words of the tables and sheets
                ", ".join(item.done_by),
            )
            body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        caption = html.escape(f"{word('followup.calendar', lang)} {self.year}")
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )


@dataclass(frozen=True)
class MatrixRow:
    """One row of the evaluation matrix: a question, what it is about and how it is answered.

    `when` is the question's schedule as written (a :class:`insatslogik.Schedule` or a tuple
    of years), `years` the years it gives up to the horizon of :func:`follow_up` for this year.
    """

    question: str
    title: str
    about: tuple[str, ...]
    method: tuple[str, ...]
    source: str | None
    responsible: tuple[str, ...]
    when: Schedule | tuple[int, ...] | None
    season: str | None

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON-ready data; `when` as written in files.

        Returns:
            A dict of the fields, by name, tuples as lists, a schedule as
            ``{"from", "every", "until"}``.

        >>> row = MatrixRow("q", "Fråga", ("mal",), ("enkät",), None, (), (2022, 2023), None)
        >>> row.to_dict()["when"]
        [2022, 2023]
        """
        data = asdict(self)
        for name in ("about", "method", "responsible"):
            data[name] = list(getattr(self, name))
        when = self.when
        if isinstance(when, Schedule):
            data["when"] = when.model_dump(by_alias=True, exclude_none=True)
        elif when is not None:
            data["when"] = list(when)
        return data


def _this_year() -> int:
    return datetime.datetime.now(tz=datetime.UTC).year


def follow_up(model: Model, *, year: int | None = None, horizon: int = HORIZON) -> FollowUp:
    """The follow-up calendar: every scheduled follow-up of the plan's questions and evaluations.

    A question or evaluation with a `when` is scheduled in each year it gives, up to `horizon`
    years after the reference year (an open schedule, ``{from: 2022}``, runs to there). Each
    (node, year) is listed once, with its state:

    ``done``
        something of that year shows the follow-up: for a question, an assessment of the year
        on the question or on what it is `about`, or, where its method includes
        ``statistik``, a value of the year of an indicator it is about or that measures what
        it is about; for an evaluation, an assessment of the year by the evaluation (anywhere
        in the plan), or by one of the actors who perform it on what it is about;
    ``due``
        not done, in the reference year;
    ``overdue``
        not done, in a year before it;
    ``planned``
        not done, in a later year.

    Cost: one look at every node's assessments, and at what each question is about.

    Args:
        model: the model.
        year: the reference year; None for this year.
        horizon: how many years after the reference year to list.

    Returns:
        The :class:`FollowUp` calendar, by year, season (vår, sommar, höst, vinter, then none)
        and plan order.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Actor(id="vgr", title="Västra Götalandsregionen"),
    ...     il.Goal(id="mal", title="Fler SMF tar steg", assessments=[
    ...         il.Assessment(year=2022, by="vgr", judgement="partly")]),
    ...     il.Question(id="q", title="Har fler SMF tagit del av insatser?", about=["mal"],
    ...                 method=["enkät"], responsible=["vgr"], when=il.Schedule(start=2022)),
    ...     il.Evaluation(id="rus", title="Utvärdering av RUS", about=["mal"], when=[2023]),
    ... ], title="Kraftsamling digitalisering")
    >>> [(i.node_id, i.year, i.state, i.done_by) for i in follow_up(model, year=2024, horizon=1)]
    [('q', 2022, 'done', ('vgr',)), ('q', 2023, 'overdue', ()), ('rus', 2023, 'overdue', ()), ('q', 2024, 'due', ()), ('q', 2025, 'planned', ())]
    """
    reference = _this_year() if year is None else year
    with collector_paused():
        items = sorted(_items(model, reference, reference + horizon), key=_calendar_order)
        return FollowUp(
            (item for item, _ in items), year=reference, lang=resolve_lang(None, model.language)
        )


def _calendar_order(entry: tuple[FollowUpItem, int]) -> tuple[int, int, int]:
    item, place = entry
    season = len(SEASONS) if item.season is None else _SEASON_ORDER.get(item.season, len(SEASONS))
    return (item.year, season, place)


def _years(when: Schedule | tuple[int, ...] | None, last: int) -> list[int]:
    """The years a schedule gives up to `last`, each once, in order."""
    if when is None:
        return []
    return sorted({y for y in scheduled_years(when, until=last) if y <= last})


def _items(model: Model, reference: int, last: int) -> Iterator[tuple[FollowUpItem, int]]:
    """Each scheduled (node, year) with its state, and the node's place in the plan."""
    index = model.index
    # Numbers are places in the plan, so sorting them gives plan order.
    numbers = sorted([*index.of_kind(_QUESTION), *index.of_kind(_EVALUATION)])
    # A plan loaded with the plans it uses follows up its own questions, not theirs.
    home = model.home_ids()
    scheduled = [
        index.nodes[n]
        for n in numbers
        if getattr(index.nodes[n], "when", None) and (home is None or index.ids[n] in home)
    ]
    evaluations = {node.id: node for node in scheduled if isinstance(node, Evaluation)}
    # Who assessed what in which year, for the evaluations: one pass over every assessment.
    by_evaluation = _assessed_by(model, evaluations) if evaluations else {}
    for node in scheduled:
        if not isinstance(node, Question | Evaluation):
            continue
        years = _years(node.when, last)
        if not years:
            continue
        if isinstance(node, Question):
            shown = _question_evidence(model, node, set(years))
        else:
            shown = by_evaluation.get(node.id, {})
        for scheduled_year in years:
            done_by = tuple(sorted(shown.get(scheduled_year, ())))
            state: State
            if done_by:
                state = "done"
            elif scheduled_year == reference:
                state = "due"
            elif scheduled_year < reference:
                state = "overdue"
            else:
                state = "planned"
            item = FollowUpItem(
                node.id,
                node.kind,
                scheduled_year,
                node.season,
                tuple(node.responsible),
                state,
                done_by,
                node.title,
            )
            yield item, index.number[node.id]


def _question_evidence(model: Model, question: Question, years: set[int]) -> dict[int, set[str]]:
    """For each of `years`, what shows the question was followed up then (assessors, indicators)."""
    shown: dict[int, set[str]] = {}
    subjects = [question, *(model[node_id] for node_id in question.about)]
    for subject in subjects:
        for assessment in getattr(subject, "assessments", ()):
            if assessment.year in years:
                shown.setdefault(assessment.year, set()).add(assessment.by)
    if _STATISTICS in question.method:
        indicators: dict[str, None] = {}
        for subject in subjects[1:]:
            if isinstance(subject, Indicator):
                indicators[subject.id] = None
            for measured in getattr(subject, "measured_by", ()):
                indicators[measured] = None
        for indicator_id in indicators:
            indicator = model[indicator_id]
            if not isinstance(indicator, Indicator):
                continue
            for measured_year in years.intersection(indicator.values):
                shown.setdefault(measured_year, set()).add(indicator_id)
    return shown


def _assessed_by(
    model: Model, evaluations: dict[str, Evaluation]
) -> dict[str, dict[int, set[str]]]:
    """For each evaluation, the years in which it (or an actor performing it) assessed something."""
    # Per node: the evaluations about it, and who may assess it for each of them.
    judges: dict[str, list[tuple[str, set[str]]]] = {}
    for evaluation_id, evaluation in evaluations.items():
        performers = {*evaluation.performed_by, evaluation_id}
        for node_id in evaluation.about:
            judges.setdefault(node_id, []).append((evaluation_id, performers))
    shown: dict[str, dict[int, set[str]]] = {}

    def record(evaluation_id: str, year: int, by: str) -> None:
        shown.setdefault(evaluation_id, {}).setdefault(year, set()).add(by)

    index = model.index
    # By kind: asking a node for a field its class lacks goes through pydantic's slow path.
    assessed, linking = _fields_of_kinds()
    for node, kind in zip(index.nodes, index.kind, strict=True):
        if kind in assessed:
            for assessment in node.assessments:  # type: ignore[union-attr]
                if assessment.by in evaluations:
                    record(assessment.by, assessment.year, assessment.by)
                for evaluation_id, performers in judges.get(node.id, ()):
                    if assessment.by in performers:
                        record(evaluation_id, assessment.year, assessment.by)
        if kind in linking:
            for link in node.contributes_to:  # type: ignore[union-attr]
                for assessment in link.assessments:
                    if assessment.by in evaluations:
                        record(assessment.by, assessment.year, assessment.by)
    return shown


@cache
def _fields_of_kinds() -> tuple[frozenset[str], frozenset[str]]:
    """The kinds whose nodes have assessments, and those whose nodes have contributes_to links."""
    assessed = frozenset(k.value for k, c in NODE_TYPES.items() if "assessments" in c.model_fields)
    linking = frozenset(
        k.value for k, c in NODE_TYPES.items() if "contributes_to" in c.model_fields
    )
    return assessed, linking


def evaluation_matrix(model: Model) -> list[MatrixRow]:
    """The evaluation matrix: one row per question, in plan order.

    Each row says what the question is about, by which methods and from which source it is
    answered, who answers for it and when. Evaluations are not rows: they are scheduled in the
    calendar (:func:`follow_up`), and the questions they answer are the matrix.

    Returns:
        The rows, in the order the questions were written.

    >>> import insatslogik as il
    >>> model = il.Model([
    ...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
    ...     il.Question(id="q2", title="Vilka seminarier har genomförts?", about=["mal"],
    ...                 method=["dokumentstudie"], source="Kraftsamlingens aktivitetslista"),
    ...     il.Question(id="q1", title="Har samordningen ökat?", about=["mal"],
    ...                 method=["intervju", "enkät"], when=[2022, 2023]),
    ... ], title="Kraftsamling digitalisering")
    >>> [(row.question, row.method, row.source, row.when) for row in evaluation_matrix(model)]
    [('q2', ('dokumentstudie',), 'Kraftsamlingens aktivitetslista', None), ('q1', ('intervju', 'enkät'), None, (2022, 2023))]
    """
    home = model.home_ids()  # a plan's own questions, not those of the plans it uses
    return [
        MatrixRow(
            node.id,
            node.title,
            tuple(node.about),
            tuple(node.method),
            node.source,
            tuple(node.responsible),
            node.when,
            node.season,
        )
        for node in model
        if isinstance(node, Question) and (home is None or node.id in home)
    ]
