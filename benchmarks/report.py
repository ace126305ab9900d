"""The benchmark's results as Markdown, for docs/performance.md.

``python -m benchmarks.report benchmarks/results.json`` prints the machine, one table per
scale, the growth of time per node from the smallest to the largest scale (also over the
floor's growth in the same run), and the targets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _growth(rows: list[dict[str, Any]]) -> list[str]:
    """Time per node at the largest scale over that at the smallest, wall and CPU, per step.

    With the floor measured at both scales, a last column sets each step's wall-clock growth
    against the floor's in the same run: below 1.00, the step grew less than the floor did.
    """
    measured = [row for row in rows if row["seconds"] is not None]
    scales = sorted({row["scale"] for row in measured})
    if len(scales) < 2:
        return []
    low, high = scales[0], scales[-1]
    by = {(row["scale"], row["step"]): row for row in measured}

    def growth(step: str, seconds: str) -> float:
        a, b = by[(low, step)], by[(high, step)]
        return float((b[seconds] / b["nodes"]) / (a[seconds] / a["nodes"]))

    floor = growth("floor", "seconds") if (low, "floor") in by and (high, "floor") in by else None
    lines = [
        f"Growth of the time per node from {by_nodes(measured, low):,} to "
        f"{by_nodes(measured, high):,} nodes (1.00 is linear):",
        "",
        "| step | wall | CPU | wall ÷ floor's |" if floor else "| step | wall | CPU |",
        "|---|---:|---:|---:|" if floor else "|---|---:|---:|",
    ]
    for step in dict.fromkeys(row["step"] for row in measured):
        if (low, step) in by and (high, step) in by:
            wall, cpu = growth(step, "seconds"), growth(step, "cpu_seconds")
            against = f" {wall / floor:.2f} |" if floor else ""
            lines.append(f"| {step} | {wall:.2f} | {cpu:.2f} |{against}")
    return [*lines, ""]


def by_nodes(rows: list[dict[str, Any]], scale: int) -> int:
    """The node count of a scale."""
    return int(next(row["nodes"] for row in rows if row["scale"] == scale))


def markdown(result: dict[str, Any]) -> str:
    """The results as Markdown text."""
    machine = result["machine"]
    lines = [
        f"Run {result['when']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gb']} GB, {machine['system']}; Python {machine['python']}, "
        f"networkx {machine['networkx']}, pydantic {machine['pydantic']}, PyYAML "
        f"{machine['pyyaml']} (libyaml: {'yes' if machine['libyaml'] else 'no'}).",
        "",
    ]
    rows = result["rows"]
    for scale in sorted({row["scale"] for row in rows}):
        group = [row for row in rows if row["scale"] == scale]
        lines += [
            f"### {group[0]['nodes']:,} nodes",
            "",
            "| step | seconds | × floor | CPU seconds | CPU × floor | µs per node | peak MB |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in group:
            if row["seconds"] is None:
                lines.append(f"| {row['step']} | {row['note']} | | | | | |")
                continue
            lines.append(
                f"| {row['step']} | {row['seconds']:.2f} | {row['ratio']:.2f} "
                f"| {row['cpu_seconds']:.2f} | {row['cpu_ratio']:.2f} "
                f"| {row['us_per_node']:.1f} | {row['peak_mb']:,.0f} |"
            )
        lines.append("")
    lines += _growth(rows)
    imports = result.get("imports")
    if imports:
        lines += [
            f"`import insatslogik`: {imports['insatslogik']:.3f} s; `import networkx, pydantic`: "
            f"{imports['networkx_pydantic']:.3f} s (medians of 7 fresh processes): "
            f"×{imports['ratio']:.2f}.",
            "",
        ]
        if "first_load" in imports:  # recorded since the schema loads on first use
            lines += [
                f"`import insatslogik` and a first load of a one-node plan (the schema's import "
                f"and validator building included): {imports['first_load']:.3f} s, "
                f"×{imports['first_load_ratio']:.2f} `import networkx, pydantic`; not a target.",
                "",
            ]
    lines += ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    for target in result["targets"]:
        lines.append(
            f"| {target['target']} | {_seconds(target['value'])} {target['unit']} "
            f"| {target['limit']:g} {target['unit']} | {'yes' if target['met'] else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "benchmarks/results.json")
    print(markdown(json.loads(path.read_text(encoding="utf-8"))), end="")


if __name__ == "__main__":
    main()
