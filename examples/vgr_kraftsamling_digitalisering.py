"""Load Västra Götaland's plan for kraftsamling digitalisering and show its results chain.

Run from the project root: `.venv/bin/python examples/vgr_kraftsamling_digitalisering.py`.
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
    print(f"{model.title}: {len(model)} noder, {model.graph.number_of_edges()} länkar")
    for kind in il.Kind:
        count = len(model.nodes(kind))
        if count:
            print(f"  {kind.swedish:<30} {count:>3}")

    print("\nInsatslogik per område (aktivitet → det den leder till):")
    for goal in model.nodes(il.Kind.GOAL):
        print(f"\n{goal.title}")
        for activity in model.walk(goal.id, direction="down"):
            if activity.kind == il.Kind.ACTIVITY:
                reached = [n.id for n in model.walk(activity.id, direction="up")]
                print(f"  - {activity.title}\n      → {', '.join(reached)}")

    OUT.mkdir(exist_ok=True)
    il.save(model, OUT / "vgr_kraftsamling_digitalisering.json")
    print(f"\nSparad i kanonisk form: {OUT / 'vgr_kraftsamling_digitalisering.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
