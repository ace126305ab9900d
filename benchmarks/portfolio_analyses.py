"""The portfolio analyses on a folder of plan files: one strategy and many projects that use it.

Writes a strategy plan (goals, sub-goals, indicators) and `--projects` project plans, each with
its own chain (activities, outputs, outcomes) reaching two of the strategy's goals through
``rus:ID`` links, measuring with a strategy indicator and with a Kolada key figure of its own
(the same KPI in every project, each in its own area: the roll-up adds them). Loads the folder
with ``il.load_portfolio`` (untimed beside the analyses, shown for scale) and times each
portfolio analysis, best of `--repeat` runs, printing seconds and microseconds per node::

    .venv/bin/python -m benchmarks.portfolio_analyses --projects 500 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import insatslogik as il

GOALS: Final = 40
ACTIVITIES: Final = 4


def write_portfolio(folder: Path, projects: int, *, seed: int = 1) -> None:
    """Write the strategy and `projects` project plans (JSON) into `folder`."""
    draw = random.Random(seed)
    goals = [f"g{i}" for i in range(GOALS)]
    rus_nodes: list[dict[str, Any]] = [{"id": "rus", "kind": "strategy", "title": "RUS"}]
    rus_nodes += [
        {
            "id": goal,
            "kind": "goal",
            "title": f"Mål {goal}",
            "part_of": "rus",
            "measured_by": [f"ind{i % 5}"],
            **({"contributes_to": [f"g{i // 2}"]} if i >= 2 else {}),
        }
        for i, goal in enumerate(goals)
    ]
    rus_nodes += [
        {"id": f"ind{i}", "kind": "indicator", "title": f"Indikator {i}", "unit": "%"}
        for i in range(5)
    ]
    _dump(folder / "rus.json", "rus", "RUS", {}, rus_nodes)
    for p in range(projects):
        nodes: list[dict[str, Any]] = [{"id": "proj", "kind": "project", "title": f"Projekt {p}"}]
        reached = draw.sample(goals, 2)
        for a in range(ACTIVITIES):
            nodes += [
                {
                    "id": f"a{a}",
                    "kind": "activity",
                    "title": "Aktivitet",
                    "part_of": "proj",
                    "contributes_to": [f"o{a}"],
                },
                {
                    "id": f"o{a}",
                    "kind": "output",
                    "title": "Prestation",
                    "contributes_to": [f"u{a % 2}"],
                },
            ]
        nodes += [
            {
                "id": f"u{u}",
                "kind": "outcome",
                "title": "Utfall",
                "contributes_to": [f"rus:{reached[u]}"],
                "measured_by": ["rus:ind0", "jobb"],
            }
            for u in range(2)
        ]
        nodes.append(
            {
                "id": "jobb",
                "kind": "indicator",
                "title": "Nya jobb",
                "unit": "antal",
                "measure": "cumulative",
                "source": {"kolada": {"kpi": "N00945", "area": f"{1000 + p % 9000:04d}"}},
                "values": {"2021": draw.randrange(50), "2022": draw.randrange(50, 100)},
            }
        )
        _dump(folder / f"p{p:05d}.json", f"p{p}", f"Projekt {p}", {"rus": "rus.json"}, nodes)


def _dump(
    path: Path, plan: str, title: str, uses: dict[str, str], nodes: list[dict[str, Any]]
) -> None:
    import json

    document = {"insatslogik": 1, "id": plan, "title": title, "uses": uses, "nodes": nodes}
    path.write_text(json.dumps(document), encoding="utf-8")


def _best(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Run the benchmark at each number of projects and print one table per scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for projects in args.projects:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            write_portfolio(folder, projects)
            start = time.perf_counter()
            model = il.load_portfolio(folder)
            loading = time.perf_counter() - start
            model.index  # noqa: B018 (built once, as the first analysis would)
            nodes = len(model)
            print(f"\n{projects} projects, {len(model.plans)} plans, {nodes} nodes")
            per_node = loading / nodes * 1e6
            print(f"  {'load_portfolio (once)':<28} {loading:8.3f} s {per_node:8.1f} µs/node")
            for label, seconds in _timed(model, args.repeat).items():
                per_node = seconds / nodes * 1e6
                print(f"  {label:<28} {seconds:8.3f} s {per_node:8.1f} µs/node")


def _timed(model: il.Model, repeat: int) -> dict[str, float]:
    """Each analysis's best time on `model`."""
    steps: dict[str, Callable[[], object]] = {
        "portfolio_coverage": lambda: il.portfolio_coverage(model),
        "contribution_table": lambda: il.contribution_table(model),
        "alignment_matrix": lambda: il.alignment_matrix(model),
        "shared_chains": lambda: il.shared_chains(model),
        "roll_up": lambda: il.roll_up(model, "p0:jobb"),
        "goal_coverage (for scale)": lambda: il.goal_coverage(model),
    }
    return {label: _best(step, repeat) for label, step in steps.items()}


if __name__ == "__main__":
    main()
