"""Check Västra Götaland's plan for kraftsamling digitalisering (seed 000) and show its coverage.

Run from the project root: `.venv/bin/python examples/vgr_kraftsamling_digitalisering.py`.
Writes the plan in canonical JSON to `examples/out/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import insatslogik as il

HERE = Path(__file__).resolve().parent
PLAN = HERE / "vgr_kraftsamling_digitalisering.yaml"
OUT = HERE / "out"


def main() -> int:
    try:
        model = il.load(PLAN)
    except il.ModelError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{model.title}\n{len(model)} noder, {model.graph.number_of_edges()} länkar\n")

    print("Fynd (il.check):")
    print(il.check(model).to_text())

    print("Måluppfyllelse (il.goal_coverage):")
    print(il.goal_coverage(model).to_text())

    print("Indikatorer (il.indicator_status):")
    for status in il.indicator_status(model):
        latest = (
            "-"
            if status.latest_value is None
            else f"{status.latest_value:g} ({status.latest_year})"
        )
        print(f"  {status.status:<10} {latest:<12} {status.title}")

    OUT.mkdir(exist_ok=True)
    il.save(model, OUT / "vgr_kraftsamling_digitalisering.json")
    print(f"\nSparad i kanonisk form: {OUT / 'vgr_kraftsamling_digitalisering.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
