"""The benchmark's runner: steps in rounds, the fastest run kept, a real step measured."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks import run as bench
from benchmarks.portfolio import portfolio, write


def _fake_runs(
    monkeypatch: pytest.MonkeyPatch, seconds: dict[str, list[float | None]]
) -> list[str]:
    """Replace the child processes by runs taking the given seconds, in turn; return the calls."""
    calls: list[str] = []

    def run_child(step: str, *_: object) -> dict[str, Any] | None:
        taken = seconds[step][sum(call == step for call in calls)]
        calls.append(step)
        if taken is None:
            return None
        return {
            "seconds": taken,
            "cpu_seconds": taken,
            "peak_mb": 10.0 * len(calls),
            "setup_mb": 1.0,
            "warm_up_seconds": 0.1,
        }

    monkeypatch.setattr(bench, "_run_child", run_child)
    return calls


def _rows(tmp_path: Path, scale: int, steps: list[str], *options: str) -> list[dict[str, Any]]:
    args = bench._arguments(["--out", str(tmp_path / "results.json"), *options])
    paths = (tmp_path / "p.json", tmp_path / "p.yaml", scale)
    return bench._scale_rows(args, scale, steps, paths, done=[])


def test_a_million_nodes_runs_each_step_once_a_round_and_keeps_the_fastest(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _fake_runs(
        monkeypatch, {"floor": [20.0, 22.0], "check": [4.0, 3.0], "load-json": [18.0, 19.0]}
    )
    rows = _rows(tmp_path, 1_000_000, ["floor", "check", "load-json"])
    # Round after round, not one step's runs back to back.
    assert calls == ["floor", "check", "load-json"] * 2
    by_step = {row["step"]: row for row in rows}
    assert by_step["check"]["seconds"] == 3.0
    assert by_step["check"]["runs"] == [4.0, 3.0]
    assert by_step["check"]["ratio"] == pytest.approx(3.0 / 20.0)
    assert by_step["load-json"]["us_per_node"] == pytest.approx(18.0)
    # The peak is the highest of all runs, not that of the fastest.
    assert by_step["check"]["peak_mb"] == 50.0


def test_short_steps_run_again_until_their_runs_add_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _fake_runs(monkeypatch, {"floor": [1.0] * 9, "check": [0.1] * 9})
    options = ("--repeat", "2", "--min-seconds", "2", "--max-repeat", "5")
    rows = _rows(tmp_path, 10_000, ["floor", "check"], *options)
    assert calls == ["floor", "check", "floor", "check", "check", "check", "check"]
    assert [len(row["runs"]) for row in rows] == [2, 5]
    # The rows so far are written after every round.
    written = json.loads((tmp_path / "results.json").read_text())
    assert [row["step"] for row in written["rows"]] == ["floor", "check"]


def test_a_step_over_its_time_stops_and_a_skipped_one_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _fake_runs(monkeypatch, {"floor": [1.0] * 5, "naive-peer": [None], "check": [0.5] * 2})
    rows = _rows(tmp_path, 1_000_000, ["floor", "naive-peer", "check"], "--naive-limit", "60")
    assert calls == ["floor", "naive-peer", "check", "floor", "check"]
    assert rows[1] == {
        "scale": 1_000_000,
        "nodes": 1_000_000,
        "step": "naive-peer",
        "seconds": None,
        "note": "over 60 s",
    }
    args = bench._arguments(["--out", str(tmp_path / "results.json")])
    paths = (tmp_path / "p.json", tmp_path / "p.yaml", 10)
    skipped = bench._scale_rows(
        args, 10, ["floor", "naive-peer"], paths, done=[], skip=frozenset({"naive-peer"})
    )
    assert skipped[1]["note"] == "not run: too slow at a smaller scale"
    assert "naive-peer" not in calls[5:]


def test_a_step_runs_in_a_process_of_its_own_and_reports_its_time_and_memory(
    tmp_path: Path,
) -> None:
    document = portfolio(500, seed=3)
    json_path = write(document, tmp_path / "p.json")
    yaml_path = write(document, tmp_path / "p.yaml")
    found = bench._run_child("check", json_path, yaml_path, None, 4.0)
    assert found is not None
    assert 0 < found["seconds"] < 60
    # The model is loaded before the clock starts, so it counts in the peak but not the time.
    assert found["peak_mb"] >= found["setup_mb"] > 0


def test_the_folder_rows_set_each_step_against_the_floor() -> None:
    runner = doctest.DocTestRunner()
    globs = {"folder_rows": bench.folder_rows}
    for test in doctest.DocTestFinder().find(bench.folder_rows, "folder_rows", globs=globs):
        runner.run(test)
    assert runner.tries > 0
    assert runner.failures == 0


def test_a_folder_step_is_measured_on_real_plan_files(tmp_path: Path) -> None:
    from benchmarks.portfolio import folder, write_folder

    files = folder(30, seed=4)
    plans = write_folder(files, tmp_path / "planer")
    # The one file of as many nodes, beside the folder, for the third step.
    assert bench._one_file(files, plans.with_suffix(".json")) == sum(
        len(document["nodes"]) for document in files.values()
    )
    for step in bench.FOLDER_STEPS:
        found = bench._measure_folder(step, plans, tmp_path)
        assert found["seconds"] > 0
        assert found["peak_mb"] >= found["setup_mb"] > 0
    rows = bench.folder_rows(
        {"folder-floor": [found], "load-portfolio+check+coverage": [found]}, 51, 800
    )
    assert "load_portfolio + check + coverage ≤ 2×" in bench.folder_markdown(
        {"machine": bench._machine(), "rows": rows, "when": "nu"}
    )
