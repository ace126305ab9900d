"""The benchmark's synthetic portfolio: valid, deterministic, and with every finding planted."""

from __future__ import annotations

import doctest
import json
from collections import Counter
from pathlib import Path

import pytest
from benchmarks import portfolio as generator
from benchmarks.portfolio import DEFECTS, portfolio, write

import insatslogik as il


@pytest.fixture(scope="module")
def small() -> dict[str, object]:
    return portfolio(3_000, seed=7)


def test_the_generator_plants_one_defect_for_every_finding_code() -> None:
    assert sorted(DEFECTS) == sorted(code.value for code in il.CATALOGUE)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_small_portfolio_loads_and_has_every_finding_code(
    small: dict[str, object], tmp_path: Path, suffix: str
) -> None:
    model = il.load(write(small, tmp_path / f"portfolio{suffix}"))
    assert len(model) == len(small["nodes"])  # type: ignore[arg-type]
    # The generated values run to 2024 or 2025: the reference year is pinned to 2026.
    assert set(il.check(model, year=2026).codes()) == {code.value for code in il.CATALOGUE}


def test_defects_are_a_few_percent_and_the_rest_is_sound(small: dict[str, object]) -> None:
    model = il.loads(json.dumps(small), format="json")
    counts = Counter(finding.code.value for finding in il.check(model, year=2026))
    # Each code at least once, none on more than a few percent of the nodes.
    assert all(0 < count <= 0.03 * len(model) for count in counts.values()), counts
    coverage = il.goal_coverage(model)
    assert coverage.ratio is not None
    assert coverage.ratio > 0.9


def test_the_same_seed_gives_the_same_portfolio_and_another_seed_another() -> None:
    assert portfolio(2_000, seed=3) == portfolio(2_000, seed=3)
    assert portfolio(2_000, seed=3) != portfolio(2_000, seed=4)


@pytest.mark.parametrize("nodes", [5_000, 20_000])
def test_the_node_count_is_close_to_the_one_asked_for(nodes: int) -> None:
    assert abs(len(portfolio(nodes)["nodes"]) - nodes) < 0.05 * nodes


def test_the_portfolio_has_every_kind_of_the_design() -> None:
    kinds = {node["kind"] for node in portfolio(3_000)["nodes"]}
    assert kinds == {kind.value for kind in il.Kind}


def test_the_generator_examples_run() -> None:
    assert doctest.testmod(generator).failed == 0


def test_the_folder_is_21_rus_files_and_project_files_that_load_as_one_portfolio(
    tmp_path: Path,
) -> None:
    files = generator.folder(60, seed=2)
    projects = {name: doc for name, doc in files.items() if not name.endswith("-rus")}
    assert len(files) - len(projects) == len(generator.REGIONS)
    assert len(projects) == 60
    assert all(10 <= len(doc["nodes"]) <= 30 for doc in projects.values())
    model = il.load_portfolio(generator.write_folder(files, tmp_path / "planer"), strict=True)
    assert model.warnings == ()
    assert len(model.plans) == len(files)
    assert len(model) == sum(len(doc["nodes"]) for doc in files.values())
    # Each project reaches its region's goals through the RUS file it uses.
    coverage = il.portfolio_coverage(model)
    reached = {goal.goal: goal.plans for goal in coverage.goals}
    assert "r00-s0-p0" in reached["r00:r00-s0-g0"] or "r00-s0-p0" in reached["r00:r00-s0-g1"]


def test_the_folder_loads_from_yaml_as_from_json(tmp_path: Path) -> None:
    files = generator.folder(21, seed=3)
    from_json = il.load_portfolio(generator.write_folder(files, tmp_path / "json"), strict=True)
    written = generator.write_folder(files, tmp_path / "yaml", ".yaml")
    assert il.load_portfolio(written, strict=True).graph.edges == from_json.graph.edges
