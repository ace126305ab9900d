"""The one assembly step: raw header and nodes → a model, or the issues by path; every reader ends in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.formats.convert import FORMATS, convert, convert_read
from insatslogik.model import assembly
from insatslogik.model.assembly import Rejected, assemble

GOAL = {"id": "mal", "kind": "goal", "title": "Mål"}
ACTIVITY = {"id": "akt", "kind": "activity", "title": "Gör", "contributes_to": ["mal"]}


def _counting_validation(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    validate = assembly.validate_nodes

    def counted(raw_nodes: list[Any]) -> Any:
        calls[0] += 1
        return validate(raw_nodes)

    monkeypatch.setattr(assembly, "validate_nodes", counted)
    return calls


@pytest.mark.parametrize("name", FORMATS)
def test_every_file_format_is_read_through_the_assembly(
    name: str, small_model: il.Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plan.yaml"
    il.save(small_model, source)
    path = tmp_path / f"plan{FORMATS[name].suffixes[0]}"
    if name != "yaml":
        convert(source, path)
    calls = _counting_validation(monkeypatch)
    assert isinstance(convert_read(path), il.Model)
    assert calls == [1]


def test_a_networkx_graph_is_read_through_the_assembly(
    small_model: il.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = il.to_networkx(small_model)
    calls = _counting_validation(monkeypatch)
    assert il.from_networkx(graph) == small_model
    assert calls == [1]


def test_valid_raw_data_makes_a_model_with_its_source_and_positions() -> None:
    model = assemble(
        {"title": "Plan", "language": "en"},
        [GOAL, ACTIVITY],
        source="plan.yaml",
        positions=[(4, 5), None],
    )
    assert isinstance(model, il.Model)
    assert (model.title, model.language, model.source) == ("Plan", "en", "plan.yaml")
    assert [node.id for node in model.contributors("mal")] == ["akt"]
    assert model.location("mal") == il.Problem("plan.yaml", 4, 5, "goal 'mal'")
    assert model.location("akt") is None


def test_the_raw_node_list_is_emptied_once_the_nodes_are_validated() -> None:
    # At a million nodes the values read are about a GB that the model reuses.
    raw_nodes = [dict(GOAL), dict(ACTIVITY)]
    assert isinstance(assemble({"title": "Plan"}, raw_nodes), il.Model)
    assert raw_nodes == []


def test_issues_come_by_part_header_nodes_links_each_at_its_path() -> None:
    rejected = assemble(
        {"title": "", "titel": "Plan"},
        [
            {"id": "akt", "kind": "activity", "title": "Gör", "contributes_to": ["mal", "saknas"]},
            {"id": "mal", "kind": "goal"},
            {"id": "ny", "kind": "goal", "title": "Nytt", "part_of": "ny"},
        ],
    )
    assert isinstance(rejected, Rejected)
    assert [(i.path, i.message) for i in rejected.header] == [
        (("title",), "title must not be empty"),
        (("titel",), "unknown key 'titel'"),
    ]
    assert [i.at_key for i in rejected.header] == [False, True]
    assert [(i.path, i.message) for i in rejected.nodes] == [
        (("nodes", 1, "title"), "goal 'mal': title is required"),
    ]
    # The link to `mal`, which failed validation, is left to mal's own issue.
    assert [(i.path, i.message) for i in rejected.links] == [
        (
            ("nodes", 2, "part_of"),
            "goal 'ny': part_of must name a project, strategy or substrategy, but 'ny' is a goal",
        ),
        (
            ("nodes", 0, "contributes_to", 1),
            "activity 'akt': contributes_to names 'saknas', which is not defined",
        ),
    ]
    assert list(rejected) == [*rejected.header, *rejected.nodes, *rejected.links]


def test_the_header_may_come_without_the_format_version_but_not_with_another() -> None:
    assert isinstance(assemble({"title": "Plan"}, []), il.Model)
    rejected = assemble({"insatslogik": 2, "title": "Plan"}, [])
    assert isinstance(rejected, Rejected)
    assert [i.path for i in rejected.header] == [("insatslogik",)]


def test_a_reader_may_put_header_problems_in_its_own_words() -> None:
    rejected = assemble({}, [], describe=lambda error, _raw, path: f"{error['type']} at {path}")
    assert isinstance(rejected, Rejected)
    assert [i.message for i in rejected.header] == ["missing at ('title',)"]


@pytest.mark.parametrize("other", ["02025", " 2025", "+2025", "2_025", "2025.0", 2025.0])
def test_two_keys_for_the_same_year_are_an_issue_naming_both(other: object) -> None:
    # Every reader ends here, so this holds for JSON, node-link, Excel and IATI alike.
    raw = {"id": "smf", "kind": "indicator", "title": "Andel SMF", "values": {"2025": 1, other: 2}}
    rejected = assemble({"title": "Plan"}, [raw])
    assert isinstance(rejected, Rejected)
    (issue,) = rejected
    assert issue.path == ("nodes", 0, "values", other if isinstance(other, str) else "2025.0")
    assert issue.at_key
    assert issue.first == ("nodes", 0, "values", "2025")
    assert issue.message == (
        f"indicator 'smf': values has the keys '2025' and {other!r}, which are the same year "
        "2025: keep one"
    ).replace("2025.0,", "2025.0 (a number),")


def test_an_invalid_node_still_has_its_repeated_id_and_bad_links_reported() -> None:
    rejected = assemble(
        {"title": "Plan"},
        [
            {"id": "smf", "kind": "indicator"},  # no title
            {"id": "akt", "kind": "activity", "part_of": "smf", "contributes_to": ["saknas"]},
            {"id": "akt", "kind": "activity", "title": "Igen", "part_of": "smf"},
        ],
    )
    assert isinstance(rejected, Rejected)
    messages = sorted(issue.message for issue in rejected)
    assert messages == [
        "activity 'akt': contributes_to names 'saknas', which is not defined",
        "activity 'akt': part_of must name a project, strategy or substrategy, but 'smf' is an indicator",
        "activity 'akt': part_of must name a project, strategy or substrategy, but 'smf' is an indicator",
        "activity 'akt': title is required",
        "duplicate id 'akt'",
        "indicator 'smf': title is required",
    ]
