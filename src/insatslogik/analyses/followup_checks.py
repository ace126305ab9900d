"""The findings about the follow-up plan: what cannot be evaluated, what is late, what is assumed.

Six codes, reported by :func:`insatslogik.check` with the others:

- ``unevaluable-goal``: a goal with no indicator and no question or evaluation about it;
- ``no-follow-up``: a short- or long-term effect that no indicator measures and no question
  or evaluation is about;
- ``question-without-method``: a question that says nothing about how it is answered;
- ``overdue-follow-up``: a question or evaluation scheduled in a past year with nothing of that
  year to show for it (:func:`insatslogik.follow_up`);
- ``untested-assumption``: an assumption still untested that a link into a goal rests on;
- ``failed-assumption``: an assumption that fails, and the goals the chain resting on it reaches.

The first two are reported only for plans that have a follow-up part (a question or an
evaluation): a plan without one already hears ``unmeasured-goal`` for each goal without an
indicator, and would otherwise drown in a finding for every effect.

A plan loaded with the plans it uses hears the last two about their assumptions too: on its own
node whose chain goes on into a used plan and rests there on an assumption that fails, or that
is untested on a link into a goal, with the assumption's file and line.

>>> import insatslogik as il
>>> model = il.Model([
...     il.Goal(id="mal", title="Fler SMF tar steg i sin digitala utveckling"),
...     il.Question(id="q", title="Har samordningen ökat?"),
... ], title="Kraftsamling digitalisering")
>>> [(f.code.value, f.nodes) for f in follow_up_findings(model, "en", {il.Code.UNEVALUABLE_GOAL}, None)]
[('unevaluable-goal', ('mal',))]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from insatslogik.analyses._messages import name
from insatslogik.analyses.findings import Finding
from insatslogik.codes import Code
from insatslogik.i18n import Lang, finding_message, join_and, word
from insatslogik.kinds import Kind
from insatslogik.model.model import Model
from insatslogik.model.reach import forward

__all__ = ["FOLLOW_UP_CODES", "follow_up_findings"]

#: The codes this module reports.
FOLLOW_UP_CODES: Final = frozenset(
    {
        Code.UNEVALUABLE_GOAL,
        Code.NO_FOLLOW_UP,
        Code.QUESTION_WITHOUT_METHOD,
        Code.OVERDUE_FOLLOW_UP,
        Code.UNTESTED_ASSUMPTION,
        Code.FAILED_ASSUMPTION,
    }
)

_GOAL: Final = Kind.GOAL.value
_QUESTION: Final = Kind.QUESTION.value
_EVALUATION: Final = Kind.EVALUATION.value
_ASSUMPTION: Final = Kind.ASSUMPTION.value
_EFFECTS: Final = (Kind.SHORT_TERM_EFFECT.value, Kind.LONG_TERM_EFFECT.value)
# How many links or goals a message names before "and N more".
_NAMED: Final = 3


def follow_up_findings(
    model: Model, lang: Lang, codes: set[Code] | frozenset[Code], year: int | None
) -> Iterator[Finding]:
    """The findings of the follow-up codes among `codes`, in no particular order.

    :func:`insatslogik.check` calls it and sorts, filters and locates what it gives. Cost: one
    look at each question, evaluation, assumption, goal and effect, and at the links into
    goals; the calendar for ``overdue-follow-up``; one pass over the chain for
    ``failed-assumption`` when an assumption fails.

    Args:
        model: the model.
        lang: the language of the messages.
        codes: the codes wanted; the others are not looked for.
        year: the reference year of ``overdue-follow-up``; None for this year.

    Returns:
        An iterator over the findings.

    >>> import insatslogik as il
    >>> model = il.Model([il.Question(id="q", title="Har samordningen ökat?")], title="T")
    >>> [f.code.value for f in follow_up_findings(model, "sv", {il.Code.QUESTION_WITHOUT_METHOD}, None)]
    ['question-without-method']
    """
    index = model.index
    questions = [index.nodes[n] for n in index.of_kind(_QUESTION)]
    evaluations = [index.nodes[n] for n in index.of_kind(_EVALUATION)]
    if codes & {Code.UNEVALUABLE_GOAL, Code.NO_FOLLOW_UP} and (questions or evaluations):
        yield from _unfollowed(model, lang, codes, questions, evaluations)
    if Code.QUESTION_WITHOUT_METHOD in codes:
        for question in questions:
            if not getattr(question, "method", ()):
                message = finding_message(
                    Code.QUESTION_WITHOUT_METHOD, lang, node=name(model, question.id, lang)
                )
                yield Finding(Code.QUESTION_WITHOUT_METHOD, message, (question.id,))
    if Code.OVERDUE_FOLLOW_UP in codes and (questions or evaluations):
        yield from _overdue(model, lang, year)
    if codes & {Code.UNTESTED_ASSUMPTION, Code.FAILED_ASSUMPTION} and index.of_kind(_ASSUMPTION):
        if Code.UNTESTED_ASSUMPTION in codes:
            yield from _untested(model, lang)
        if Code.FAILED_ASSUMPTION in codes:
            yield from _failed(model, lang)
        yield from _used(model, lang, codes)


def _unfollowed(
    model: Model,
    lang: Lang,
    codes: set[Code] | frozenset[Code],
    questions: Sequence[object],
    evaluations: Sequence[object],
) -> Iterator[Finding]:
    """unevaluable-goal and no-follow-up: what no indicator, question or evaluation follows."""
    # An evaluation about a goal judges it as a question does (DESIGN §10 names only
    # questions, but an evaluation is the stronger follow-up of the two).
    followed = {
        node_id for item in (*questions, *evaluations) for node_id in getattr(item, "about", ())
    }
    index = model.index
    for code, kinds in ((Code.UNEVALUABLE_GOAL, (_GOAL,)), (Code.NO_FOLLOW_UP, _EFFECTS)):
        if code not in codes:
            continue
        for kind in kinds:
            for number in index.of_kind(kind):
                node = index.nodes[number]
                if not getattr(node, "measured_by", ()) and node.id not in followed:
                    message = finding_message(code, lang, node=name(model, node.id, lang))
                    yield Finding(code, message, (node.id,))


def _overdue(model: Model, lang: Lang, year: int | None) -> Iterator[Finding]:
    """overdue-follow-up: one finding per question or evaluation, naming its overdue years."""
    # The calendar reads the schema's types, which `import insatslogik` does not load.
    from insatslogik.analyses.followup import follow_up

    late: dict[str, list[int]] = {}
    for item in follow_up(model, year=year, horizon=0):
        if item.state == "overdue":
            late.setdefault(item.node_id, []).append(item.year)
    for node_id, years in late.items():
        message = finding_message(
            Code.OVERDUE_FOLLOW_UP,
            lang,
            node=name(model, node_id, lang),
            years=join_and([str(y) for y in sorted(years)], lang),
        )
        yield Finding(Code.OVERDUE_FOLLOW_UP, message, (node_id,))


def _names(model: Model, ids: list[str], lang: Lang) -> str:
    """Up to a few nodes by name, and how many more."""
    shown = [name(model, node_id, lang) for node_id in ids[:_NAMED]]
    if len(ids) > _NAMED:
        shown.append(word("findings.more", lang).format(count=len(ids) - _NAMED))
    return join_and(shown, lang)


def _untested(model: Model, lang: Lang) -> Iterator[Finding]:
    """untested-assumption: the untested assumptions named by links into goals."""
    index = model.index
    goals_of: dict[str, set[str]] = {}
    for number in index.of_kind(_GOAL):
        goal = index.ids[number]
        for source_number in index.down[number] or ():
            for assumption_id in model.link_assumptions(index.ids[source_number], goal):
                if getattr(model[assumption_id], "status", None) == "untested":
                    goals_of.setdefault(assumption_id, set()).add(goal)
    for assumption_id, goals in goals_of.items():
        ordered = sorted(goals)
        message = finding_message(
            Code.UNTESTED_ASSUMPTION,
            lang,
            node=name(model, assumption_id, lang),
            goals=_names(model, ordered, lang),
        )
        yield Finding(Code.UNTESTED_ASSUMPTION, message, (assumption_id, *ordered))


def _failed(model: Model, lang: Lang) -> Iterator[Finding]:
    """failed-assumption: each failing assumption and the goals its chain reaches."""
    index = model.index
    failing = [
        index.nodes[n]
        for n in index.of_kind(_ASSUMPTION)
        if getattr(index.nodes[n], "status", None) == "fails"
    ]
    if not failing:
        return
    # Where the chain resting on each assumption starts: what it is about (a link's target,
    # a node, what a factor influences), and the targets of the links that name it.
    starts: dict[str, set[str]] = {node.id: set() for node in failing}
    for node in failing:
        for item in getattr(node, "about", ()):
            about = item if isinstance(item, str) else item.target
            starts[node.id].add(about)
            starts[node.id].update(getattr(model[about], "influences", ()))
    nodes = index.nodes
    for number, targets in enumerate(index.up):
        if targets is None:
            continue
        for link in getattr(nodes[number], "contributes_to", ()):
            # Most links name no assumption: skip them before looking for ids in a list.
            if link.assumptions is None or isinstance(link.assumptions, str):
                continue
            for assumption_id in link.assumption_ids:
                if assumption_id in starts:
                    starts[assumption_id].add(link.to)
    goal = _GOAL
    for node in failing:
        # Up the chain from where it starts: a chain fans in, so this is a short search.
        reached = forward(index, starts[node.id])
        goals = sorted(n for n in reached if index.kind[index.number[n]] == goal)
        shown = _names(model, goals, lang) if goals else word("findings.no-goal", lang)
        message = finding_message(
            Code.FAILED_ASSUMPTION, lang, node=name(model, node.id, lang), goals=shown
        )
        yield Finding(Code.FAILED_ASSUMPTION, message, (node.id, *goals))


# Where a chain rests on an assumption: the links that rest on it, as (source, target), and
# the nodes it is about (with what a factor it is about influences).
_Rests = tuple[list[tuple[str, str]], set[str]]


def _used(model: Model, lang: Lang, codes: set[Code] | frozenset[Code]) -> Iterator[Finding]:
    """The plan's own nodes whose chains rest on a failing or untested assumption of a used plan.

    Each node of the plan loaded that links into a used plan, or whose own link names such an
    assumption, is followed up the chain: where the chain passes a link that rests on the
    assumption (or a node a failing assumption is about), the goals it reaches from there are
    named. An untested assumption counts only on a link into a goal, as ``untested-assumption``
    does. One finding per node and assumption, the node first (the one to change), then the
    assumption and the goals.
    """
    home = model.home_ids()
    if home is None:
        return  # every plan is at home: the findings on the assumptions themselves are heard
    index = model.index
    statuses = {
        Code.FAILED_ASSUMPTION: "fails",
        Code.UNTESTED_ASSUMPTION: "untested",
    }
    wanted = {
        index.ids[n]: code
        for n in index.of_kind(_ASSUMPTION)
        if index.ids[n] not in home
        for code in codes & statuses.keys()
        if getattr(index.nodes[n], "status", None) == statuses[code]
    }
    if not wanted:
        return
    rests: dict[str, _Rests] = {assumption_id: ([], set()) for assumption_id in wanted}
    for assumption_id, code in wanted.items():
        for item in getattr(model[assumption_id], "about", ()):
            if not isinstance(item, str):
                rests[assumption_id][0].append((item.source, item.target))
            elif code is Code.FAILED_ASSUMPTION:
                rests[assumption_id][1].add(item)
                rests[assumption_id][1].update(getattr(model[item], "influences", ()))
    entries: dict[str, set[str]] = {}
    for node in model:
        for link in getattr(node, "contributes_to", ()):
            target = link if isinstance(link, str) else link.to
            if node.id in home and target not in home:
                entries.setdefault(node.id, set()).add(target)
            if (
                isinstance(link, str)
                or link.assumptions is None
                or isinstance(link.assumptions, str)
            ):
                continue
            for assumption_id in link.assumption_ids:
                if assumption_id in rests:
                    rests[assumption_id][0].append((node.id, link.to))
                    if node.id in home:
                        entries.setdefault(node.id, set())
    goal = _GOAL
    for node_id in sorted(entries):
        # Up the chain from where it leaves the plan: a chain fans in, so this is a short search.
        reached = forward(index, entries[node_id]) | {node_id}
        for assumption_id in sorted(rests):
            code = wanted[assumption_id]
            links, nodes = rests[assumption_id]
            starts = {
                target
                for source, target in links
                if source in reached
                and (code is Code.FAILED_ASSUMPTION or index.kind[index.number[target]] == goal)
            }
            starts.update(nodes & reached)
            goals = sorted(n for n in forward(index, starts) if index.kind[index.number[n]] == goal)
            if not goals:
                continue
            message = finding_message(
                f"{code.value}.used",
                lang,
                node=name(model, node_id, lang),
                goals=_names(model, goals, lang),
                assumption=name(model, assumption_id, lang),
                file=_place(model, assumption_id),
            )
            yield Finding(code, message, (node_id, assumption_id, *goals))


def _place(model: Model, node_id: str) -> str:
    """Where a node was written, ``file:line``; its plan's file, or its plan's id, if not known."""
    where = model.location(node_id)
    if where is not None and where.file is not None:
        return f"{where.file}:{where.line}" if where.line is not None else where.file
    plan = model.plan_of(node_id)
    return model.plans[plan].path or plan
