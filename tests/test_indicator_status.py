"""Indicator status for each kind of target, checked against a by-hand oracle and by example."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.analyses.indicators import STATUSES, describe_target, target_history

years = st.integers(2000, 2030)
values = st.integers(-50, 150).map(float)
RULES = ["above", "below", "growth-above", "growth-below"]


@st.composite
def indicators(draw: st.DrawFn) -> il.Indicator:
    """Indicators with every kind of target, some values missing where a rule needs them."""
    observed = draw(st.dictionaries(years, values, max_size=4))
    baseline = draw(st.none() | st.builds(il.Observation, year=years, value=values))
    kind = draw(st.sampled_from(["none", "level", "level-no-year", "relative"]))
    comparisons = {}
    target = None
    if kind in {"level", "level-no-year"}:
        target = il.Target(
            value=draw(values),
            year=draw(years) if kind == "level" else None,
            set_by=draw(st.none() | st.just("EU")),
        )
    elif kind == "relative":
        rule = draw(st.sampled_from(RULES))
        comparisons = {"riket": {"values": draw(st.dictionaries(years, values, max_size=4))}}
        since = draw(years) if rule.startswith("growth") else None
        target = il.Target(
            relative_to="riket",
            rule=rule,
            since=since,
            year=draw(st.none() | st.integers(2000 if since is None else since + 1, 2035)),
        )
    return il.Indicator(
        id="i",
        title="I",
        values=observed,
        baseline=baseline,
        target=target,
        comparisons=comparisons,
        follow_up_every=draw(st.integers(1, 5)),
    )


def _level_oracle(target: il.Target, series: dict[int, float], start: tuple[int, float]) -> str:
    assert target.value is not None
    last = max(series)
    start_year, start_value = start
    rising = target.value >= start_value
    if (series[last] >= target.value) if rising else (series[last] <= target.value):
        return "achieved"
    if target.year is None:
        return "not-yet"
    share = (last - start_year) / (target.year - start_year) if target.year > start_year else 1
    expected = start_value + (target.value - start_value) * min(max(share, 0), 1)
    ahead = series[last] >= expected if rising else series[last] <= expected
    return "on-track" if ahead else "off-track"


def _relative_oracle(target: il.Target, series: dict[int, float], theirs: dict[int, float]) -> str:
    last = max(series)
    if last not in theirs:
        return "no-comparison"
    if target.rule in {"above", "below"}:
        ours, compared = series[last], theirs[last]
    else:
        assert target.since is not None
        if last <= target.since:
            return "not-followed-up"
        if target.since not in series or target.since not in theirs:
            return "no-comparison"
        ours = series[last] - series[target.since]
        compared = theirs[last] - theirs[target.since]
    holds = ours > compared if target.rule in {"above", "growth-above"} else ours < compared
    if target.year is None:
        return "achieved" if holds else "not-yet"
    if last >= target.year:
        return "achieved" if holds else "off-track"
    return "on-track" if holds else "off-track"


def _oracle(indicator: il.Indicator, reference: int) -> str:
    """The status by hand, rule by rule as docs/analyses.md states them."""
    series = dict(indicator.values)
    if indicator.baseline is not None:
        series.setdefault(indicator.baseline.year, indicator.baseline.value)
    if not series:
        return "no-data"
    target = indicator.target
    if target is None:
        return "no-target"
    baseline = indicator.baseline
    start = (baseline.year, baseline.value) if baseline else (min(series), series[min(series)])
    if max(series) <= start[0] and (baseline is not None or target.value is not None):
        return "not-followed-up"
    if target.value is not None:
        status = _level_oracle(target, series, start)
    else:
        status = _relative_oracle(target, series, indicator.comparisons["riket"].values)
    stale = reference - max(series) > indicator.follow_up_every
    return "stale" if stale and status in {"on-track", "off-track", "not-yet"} else status


@settings(max_examples=400, deadline=None)
@given(indicators(), st.integers(2000, 2040))
def test_status_of_every_kind_of_target_agrees_with_the_oracle(
    indicator: il.Indicator, reference: int
) -> None:
    (status,) = il.indicator_status(il.Model([indicator], title="T"), year=reference)
    assert status.status == _oracle(indicator, reference)
    assert status.status in STATUSES
    if indicator.target is not None and indicator.target.year is None:
        assert status.status not in {"on-track", "off-track"}
    json.dumps(status.to_dict())  # JSON-ready


def _status(year: int = 2023, **fields: object) -> il.IndicatorStatus:
    indicator = il.Indicator(id="i", title="I", unit="%", **fields)  # type: ignore[arg-type]
    return il.indicator_status(il.Model([indicator], title="T"), year=year)[0]


def test_nothing_after_the_baseline_is_not_followed_up_never_on_track() -> None:
    # VGR (seed 000): 72 % (2019) and 82 % (2020, the baseline); the EU's 90 % without a year.
    status = _status(
        baseline=il.Observation(year=2020, value=82),
        values={2019: 72, 2020: 82},
        target=il.Target(value=90, year=2030),
    )
    assert status.status == "not-followed-up"


def test_a_target_without_a_year_is_achieved_or_not_yet() -> None:
    base = {"baseline": il.Observation(year=2020, value=82)}
    assert _status(**base, values={2022: 85}, target=il.Target(value=90)).status == "not-yet"
    assert _status(**base, values={2022: 91}, target=il.Target(value=90)).status == "achieved"


def test_an_old_latest_value_is_stale_from_the_reference_year() -> None:
    fields = {
        "baseline": il.Observation(year=2018, value=70),
        "values": {2020: 80},
        "target": il.Target(value=98, year=2030),
    }
    indicator = il.Indicator(id="i", title="I", **fields)  # type: ignore[arg-type]
    model = il.Model([indicator], title="T")
    assert il.indicator_status(model, year=2022)[0].status == "on-track"
    assert il.indicator_status(model, year=2023)[0].status == "stale"
    slow = indicator.model_copy(update={"follow_up_every": 4})
    assert il.indicator_status(il.Model([slow], title="T"), year=2023)[0].status == "on-track"


def test_relative_targets_compare_with_the_named_series_in_the_same_year() -> None:
    comparisons = {"riket": {"title": "riksgenomsnittet", "values": {2014: 50, 2020: 60}}}
    above = il.Target(relative_to="riket", rule="above", year=2025)
    status = _status(2021, values={2014: 40, 2020: 61}, comparisons=comparisons, target=above)
    assert (status.status, status.comparison, status.comparison_value) == ("on-track", "riket", 60)
    assert status.comparison_title == "riksgenomsnittet"
    growth = il.Target(relative_to="riket", rule="growth-above", since=2014, year=2025)
    # Growth is the absolute change in the unit: ours 40 → 52 (+12), theirs 50 → 60 (+10).
    status = _status(2021, values={2014: 40, 2020: 52}, comparisons=comparisons, target=growth)
    assert (status.status, status.change, status.comparison_value) == ("on-track", 12, 10)
    status = _status(2021, values={2014: 40, 2020: 49}, comparisons=comparisons, target=growth)
    assert status.status == "off-track"


def test_a_missing_comparison_value_is_never_guessed() -> None:
    comparisons = {"riket": {2019: 60}}
    target = il.Target(relative_to="riket", rule="above")
    status = _status(values={2020: 61}, comparisons=comparisons, target=target)
    assert (status.status, status.comparison_value) == ("no-comparison", None)


def test_the_latest_revision_applies_and_the_history_is_kept() -> None:
    indicator = il.Indicator(
        id="i",
        title="I",
        unit="%",
        baseline=il.Observation(year=2020, value=80),
        values={2022: 92},
        target=il.Target(value=90, year=2025),
        revisions=[
            il.Revision(decided=2023, value=95, year=2030, reason="Skärpt"),
            il.Revision(decided=2021, value=85, year=2025, reason="Sänkt"),
        ],
    )
    (status,) = il.indicator_status(il.Model([indicator], title="T"), year=2023)
    assert status.target is not None
    assert (status.target.value, status.target.year) == (95, 2030)
    assert status.status == "on-track"
    assert len(status.revisions) == 2
    assert target_history(indicator, lang="en") == [
        "originally target: 90% (2025)",
        "revised 2021 to target: 85% (2025): Sänkt",
        "revised 2023 to target: 95% (2030): Skärpt",
    ]


@pytest.mark.parametrize(
    ("target", "lang", "text"),
    [
        (il.Target(value=90, set_by="EU"), "sv", "EU:s mål: 90 %"),
        (il.Target(value=90, set_by="EU"), "en", "EU target: 90%"),
        (il.Target(value=90, year=2030, set_by="Sverige"), "sv", "Sveriges mål: 90 % (2030)"),
        (il.Target(value=12345.5, year=2030), "sv", "mål: 12\u00a0345,5 % (2030)"),
        (il.Target(value=12345.5, year=2030), "en", "target: 12345.5% (2030)"),
        (il.Target(relative_to="riket", rule="above", year=2025), "sv", "mål: över riket (2025)"),
        (il.Target(relative_to="riket", rule="below"), "en", "target: below riket"),
    ],
)
def test_a_target_says_whose_it_is_and_what_kind(target: il.Target, lang: str, text: str) -> None:
    indicator = il.Indicator(
        id="i", title="I", unit="%", target=target, comparisons={"riket": {2020: 1}}
    )
    assert describe_target(indicator, lang=lang) == text  # type: ignore[arg-type]


def test_the_status_carries_the_target_kind_owner_and_components() -> None:
    model = il.Model(
        [
            il.Indicator(
                id="desi",
                title="DESI",
                number="3",
                unit="antal",
                components=["hk"],
                target=il.Target(value=90, set_by="EU"),
                values={2020: 1},
            ),
            il.Indicator(id="hk", title="Humankapital"),
        ],
        title="T",
    )
    status = il.indicator_status(model, year=2021)[0]
    assert (status.number, status.target_kind, status.set_by) == ("3", "level", "EU")
    assert (status.components, status.aggregate, status.reference_year) == (("hk",), "sum", 2021)
    data = status.to_dict()
    assert data["target"] == {"value": 90.0, "set_by": "EU"}
    assert data["components"] == ["hk"]


def test_an_incremental_measure_is_compared_as_a_running_total() -> None:
    status = _status(
        values={2021: 10, 2022: 15},
        target=il.Target(value=20, year=2024),
        measure="incremental",
        baseline=il.Observation(year=2020, value=0),
    )
    assert (status.latest_value, status.status) == (25, "achieved")
