"""Indicator roll-up across plans: sum, mean and weighted mean as `aggregate` and `measure` say, or a refusal."""

from __future__ import annotations

import json

import pytest

import insatslogik as il


def _model(*indicators: il.Indicator) -> il.Model:
    return il.Model(list(indicators), title="Portfölj")


def _counts(**fields: object) -> tuple[il.Indicator, il.Indicator]:
    first = {"unit": "antal", "values": {2022: 10, 2023: 20}} | fields
    second = {"unit": "antal", "values": {2022: 1, 2023: 2}} | fields
    return il.Indicator(id="a", title="A", **first), il.Indicator(id="b", title="B", **second)


@pytest.mark.parametrize(
    ("fields", "values", "total"),
    [
        ({"measure": "level"}, {2022: 11.0, 2023: 22.0}, None),
        ({"measure": "incremental"}, {2022: 11.0, 2023: 22.0}, 33.0),
        ({"measure": "cumulative"}, {2022: 11.0, 2023: 22.0}, 22.0),
        ({"aggregate": "mean"}, {2022: 5.5, 2023: 11.0}, None),
    ],
)
def test_the_roll_up_obeys_measure_and_aggregate(
    fields: dict[str, object], values: dict[int, float], total: float | None
) -> None:
    result = il.roll_up(_model(*_counts(**fields)), ["a", "b"])
    assert result.refusal is None
    assert result.values == values
    assert result.total == total


def test_a_weighted_mean_weighs_each_plan() -> None:
    a, b = _counts(unit="%", aggregate="weighted-mean")
    result = il.roll_up(_model(a, b), ["a", "b"], weights={"a": 1, "b": 3})
    assert result.values == {2022: pytest.approx(3.25), 2023: pytest.approx(6.5)}


def test_the_weights_of_a_weighted_mean_are_shown_and_in_its_json() -> None:
    a, b = _counts(unit="%", aggregate="weighted-mean")
    result = il.roll_up(_model(a, b), ["a", "b"], weights={"a": 1, "b": 2.5})
    assert result.to_text(lang="sv").splitlines()[0] == (
        "vägt medelvärde av 2 indikatorer (a med vikt 1, b med vikt 2,5)"
    )
    assert result.to_text(lang="en").splitlines()[0] == (
        "weighted mean of 2 indicators (a weighted 1, b weighted 2.5)"
    )
    assert json.loads(result.to_json())["weights"] == {"a": 1.0, "b": 2.5}


def test_weights_given_to_a_sum_are_not_shown_as_used() -> None:
    a, b = _counts(unit="antal", aggregate="sum")
    result = il.roll_up(_model(a, b), ["a", "b"], weights={"a": 1, "b": 3})
    assert result.to_text(lang="en").splitlines()[0] == "sum of 2 indicators (a, b)"
    assert json.loads(result.to_json())["weights"] == {}


def test_an_increment_that_was_not_reported_is_missing_not_zero() -> None:
    a, b = _counts(measure="incremental")
    b = b.model_copy(update={"values": {2023: 2.0}})
    result = il.roll_up(_model(a, b), ["a", "b"])
    assert result.values == {2023: 22.0}
    assert result.missing == {2022: ("b",)}
    assert result.total is None


def test_a_running_total_that_was_not_reported_again_is_carried_forward() -> None:
    a, b = _counts(measure="cumulative")
    b = b.model_copy(update={"values": {2022: 1.0}})
    assert il.roll_up(_model(a, b), ["a", "b"]).values == {2022: 11.0, 2023: 21.0}


@pytest.mark.parametrize(
    ("first", "second", "code", "english"),
    [
        (
            {"unit": "%"},
            {"unit": "%"},
            "percentage",
            "shares (unit %) are not added up: give aggregate mean or weighted-mean",
        ),
        (
            {"unit": "% av företagen"},
            {"unit": "% av företagen"},
            "percentage",
            "shares (unit % av företagen) are not added up: give aggregate mean or weighted-mean",
        ),
        (
            {"unit": "antal"},
            {"unit": "kr"},
            "different-units",
            "the indicators have different units (antal, kr)",
        ),
        (
            {"unit": "antal", "measure": "cumulative"},
            {"unit": "antal", "measure": "incremental"},
            "mixed-measure",
            "the indicators add up over time in different ways (cumulative, incremental): "
            "levels, cumulative and incremental values are not combined",
        ),
        (
            {"unit": "antal", "aggregate": "sum"},
            {"unit": "antal", "aggregate": "mean"},
            "mixed-aggregate",
            "the indicators give different ways to roll up (mean, sum)",
        ),
        (
            {"unit": "antal", "aggregate": "none"},
            {"unit": "antal", "aggregate": "none"},
            "not-aggregated",
            "the indicators are not to be rolled up across plans (aggregate none: a, b)",
        ),
        (
            {"unit": "index", "aggregate": "weighted-mean"},
            {"unit": "index", "aggregate": "weighted-mean"},
            "missing-weights",
            "a weighted mean needs a weight for every indicator (missing: a, b)",
        ),
    ],
)
def test_a_roll_up_that_would_mean_nothing_is_refused_with_a_reason(
    first: dict[str, object], second: dict[str, object], code: str, english: str
) -> None:
    model = _model(
        il.Indicator(id="a", title="A", values={2022: 1}, **first),
        il.Indicator(id="b", title="B", values={2022: 2}, **second),
    )
    result = il.roll_up(model, ["a", "b"])
    assert result.refusal == code
    assert result.values == {}
    assert result.reason(lang="en") == english
    assert result.reason(lang="sv") != english
    assert json.loads(result.to_json())["refusal"] == code


def test_the_same_series_written_in_two_plans_is_counted_once() -> None:
    source = il.Source(kolada=il.KoladaSource(kpi="N00945", area="1400"))
    a, b = _counts(source=source)
    b = b.model_copy(update={"values": a.values})
    result = il.roll_up(_model(a, b), "a")
    assert result.indicators == ("a",)
    assert result.duplicates == ("b",)
    assert result.values == {2022: 10.0, 2023: 20.0}
    assert result.to_text(lang="en").splitlines()[-1] == (
        "left out as duplicates of the same series: b"
    )
    assert result.to_text(lang="sv").splitlines()[-1] == (
        "utelämnade som dubbletter av samma serie: b"
    )


def _same_series(first: dict[int, float], second: dict[int, float]) -> il.Model:
    source = il.Source(kolada=il.KoladaSource(kpi="N00999", area="0780"))
    return _model(
        il.Indicator(id="a", title="A", unit="%", aggregate="mean", source=source, values=first),
        il.Indicator(id="c", title="C", unit="%", aggregate="mean", source=source, values=second),
    )


def test_of_one_series_written_twice_the_indicator_asked_for_is_kept() -> None:
    model = _same_series({2022: 55.0}, {2022: 55.0, 2023: 60.0})
    result = il.roll_up(model, "c")
    assert (result.indicators, result.duplicates) == (("c",), ("a",))
    assert result.values == {2022: 55.0, 2023: 60.0}
    listed = il.roll_up(model, ["c", "a"])
    assert (listed.indicators, listed.duplicates) == (("c",), ("a",))


def test_one_series_written_twice_with_different_values_is_refused() -> None:
    result = il.roll_up(_same_series({2022: 55.0}, {2022: 60.0}), "c")
    assert result.refusal == "conflicting-duplicates"
    assert result.values == {}
    assert result.reason(lang="en") == (
        "the same series (the same source and area) has different values in different plans: "
        "a \N{NOT EQUAL TO} c (2022); correct the value in the plan that is wrong"
    )


def test_indicators_with_free_text_sources_or_only_the_same_number_do_not_match() -> None:
    a, b = _counts(source="SCB", number="1")
    assert il.roll_up(_model(a, b), "a").indicators == ("a",)


def test_a_roll_up_of_something_that_is_no_indicator_is_a_usage_error() -> None:
    model = il.Model([il.Goal(id="mal", title="Mål")], title="P")
    with pytest.raises(il.UsageError, match="a roll-up takes indicators"):
        il.roll_up(model, ["mal"])
    with pytest.raises(KeyError):
        il.roll_up(model, ["saknas"])
    with pytest.raises(il.UsageError, match="at least one"):
        il.roll_up(model, [])


def test_the_roll_up_in_swedish_groups_thousands() -> None:
    a, b = _counts()
    a = a.model_copy(update={"values": {2022: 12000.0}})
    b = b.model_copy(update={"values": {2022: 345.5}})
    text = il.roll_up(_model(a, b), ["a", "b"]).to_text()
    assert "2022: 12\N{NO-BREAK SPACE}345,5 st" in text


def test_a_weighted_mean_with_no_weight_above_zero_is_refused() -> None:
    a, b = _counts(unit="%", aggregate="weighted-mean")
    result = il.roll_up(_model(a, b), ["a", "b"], weights={"a": 0, "b": 0})
    assert result.refusal == "zero-weights"
    assert result.reason(lang="en") == (
        "a weighted mean needs some weight above zero, but the weights are all zero (a, b)"
    )
    assert "alla vikter är noll" in (result.reason(lang="sv") or "")


def test_a_cumulative_total_is_the_latest_year_though_an_earlier_one_is_incomplete() -> None:
    a, b = _counts(measure="cumulative")
    a = a.model_copy(update={"values": {2021: 10.0, 2022: 25.0}})
    b = b.model_copy(update={"values": {2022: 4.0}})
    result = il.roll_up(_model(a, b), ["a", "b"])
    assert result.values == {2022: 29.0}
    assert result.missing == {2021: ("b",)}
    assert result.total == 29.0
    assert result.to_text(lang="en").splitlines()[-1] == "total: 29"


def test_a_cumulative_total_is_none_when_a_plan_has_reported_nothing() -> None:
    a, b = _counts(measure="cumulative")
    b = b.model_copy(update={"values": {}})
    result = il.roll_up(_model(a, b), ["a", "b"])
    assert result.missing == {2022: ("b",), 2023: ("b",)}
    assert result.total is None


def test_a_mean_is_shown_to_one_decimal_more_than_its_inputs_and_kept_whole_in_json() -> None:
    a, b = _counts(unit="%", aggregate="weighted-mean")
    a = a.model_copy(update={"values": {2022: 55.0, 2023: 60.25}})
    b = b.model_copy(update={"values": {2022: 56.0, 2023: 61.0}})
    result = il.roll_up(_model(a, b), ["a", "b"], weights={"a": 1, "b": 2})
    assert result.decimals == 3
    lines = result.to_text(lang="sv").splitlines()
    assert lines[1:] == ["2022: 55,667 %", "2023: 60,75 %"]
    assert il.render_portfolio_table(result, format="csv", lang="en").splitlines()[1] == (
        "2022,55.667,"
    )
    assert "55,667" in il.render_portfolio_table(result, format="markdown", lang="sv")
    assert "55,667" in il.render_portfolio_table(result, format="html", lang="sv")
    years = json.loads(result.to_json())["years"]
    assert years[0]["value"] == pytest.approx(55.666666666666664, abs=0)


def test_a_mean_of_whole_numbers_is_shown_to_one_decimal() -> None:
    a, b = _counts(aggregate="mean")
    b = b.model_copy(update={"values": {2022: 1.0, 2023: 3.0}})
    model = _model(
        a,
        b,
        il.Indicator(id="c", title="C", unit="antal", aggregate="mean", values={2022: 2, 2023: 3}),
    )
    result = il.roll_up(model, ["a", "b", "c"])
    assert result.to_text(lang="en").splitlines()[1:] == ["2022: 4.3", "2023: 8.7"]


def test_a_sum_is_shown_as_it_is() -> None:
    result = il.roll_up(_model(*_counts()), ["a", "b"])
    assert result.decimals is None
