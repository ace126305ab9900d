"""Portfolio outputs at scale: the diagram by plan, one plan, the page and the workbook.

Writes a folder of plan files (one strategy plan with its goals, and PROJECTS project plans
that use it, each with a short chain whose effect serves a strategy goal), loads it with
``il.load_portfolio`` and prints how long each output takes and how large it is:

- the chain diagram grouped by plan (its DOT text): past ``PLAN_OVERVIEW_LIMIT`` boxes the
  overview of one box per plan;
- one plan with what its links join it to (``focus_plan=``), as DOT and as SVG;
- the interactive page grouped by plan (an overview of one box per plan past 2 000 boxes);
- the Excel workbook with its plans sheet and plan column.

    python -m benchmarks.portfolio_outputs           # 1 000 project plans
    python -m benchmarks.portfolio_outputs 200
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import insatslogik as il

_T = TypeVar("_T")

#: Goals of the strategy plan the projects serve.
GOALS = 20


def write_folder(folder: Path, projects: int) -> Path:
    """Write the strategy plan and `projects` project plans that use it into `folder`.

    Returns:
        The folder.
    """
    goals = "\n".join(
        f"  - {{id: mal-{g}, kind: goal, title: Strategins mål {g}}}" for g in range(GOALS)
    )
    (folder / "rus.yaml").write_text(
        f"insatslogik: 1\nid: rus\ntitle: Regional utvecklingsstrategi\nnodes:\n{goals}\n",
        encoding="utf-8",
    )
    for number in range(projects):
        goal = number % GOALS
        (folder / f"projekt-{number:04d}.yaml").write_text(
            f"""insatslogik: 1
id: projekt-{number:04d}
title: Projekt {number}
uses: {{rus: rus.yaml}}
nodes:
  - {{id: akt-1, kind: activity, title: Rådgivning {number}, contributes_to: [prest]}}
  - {{id: akt-2, kind: activity, title: Workshop {number}, contributes_to: [prest]}}
  - {{id: prest, kind: output, title: Företag har fått stöd, contributes_to: [kort]}}
  - {{id: kort, kind: short_term_effect, title: Företagen provar nytt, contributes_to: [rus:mal-{goal}]}}
""",
            encoding="utf-8",
        )
    return folder


def _timed(label: str, run: Callable[[], _T]) -> _T:
    start = time.perf_counter()
    result = run()
    print(f"{label:<48} {time.perf_counter() - start:7.2f} s")
    return result


def main(argv: list[str] | None = None) -> None:
    """Print the time and size of each portfolio output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int, nargs="?", default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = write_folder(Path(temporary), args.projects)
        model = _timed("load_portfolio", lambda: il.load_portfolio(folder))
        print(f"{len(model)} nodes in {len(model.plans)} plans")
        overview = _timed(
            "render_chain(cluster_by='plan') (overview)",
            lambda: il.render_chain(model, cluster_by="plan").source,
        )
        print(f"  {len(overview.splitlines())} lines of DOT")
        plan = _timed(
            "render_chain(focus_plan=one project)",
            lambda: il.render_chain(model, focus_plan="projekt-0001", cluster_by="plan"),
        )
        _timed("  its SVG (dot)", plan.svg)
        rus = _timed(
            "render_chain(focus_plan='rus')",
            lambda: il.render_chain(model, focus_plan="rus", cluster_by="plan").source,
        )
        print(f"  {len(rus.splitlines())} lines of DOT")
        page = _timed(
            "render_html(cluster_by='plan')", lambda: il.render_html(model, cluster_by="plan")
        )
        print(f"  {len(page.html.encode('utf-8')) / 1e6:.1f} MB")
        written = _timed(
            "write_excel", lambda: il.write_excel(model, Path(temporary, "portfolj.xlsx"))
        )
        print(f"  {written.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
