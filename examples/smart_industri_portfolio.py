"""Smart industri i regionerna 2.0 as a portfolio: the programme and its regional projects (seed 004).

Loads `examples/smart_industri/` as one portfolio (the programme's chain in `program.yaml` and
the regional project plans in `projects/`, each using the programme) and prints what the
portfolio analyses say about Oxford Research's finding that "indicators and result types
varied between the projects": the findings, which plans reach the programme's goal, the
alignment matrix, where the projects' chains meet, and the roll-up of the projects'
indicators, which adds companies to companies and refuses to add participants to them.

Run from the project root: `.venv/bin/python examples/smart_industri_portfolio.py [FOLDER]`.
Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import insatslogik as il

HERE = Path(__file__).resolve().parent
PORTFOLIO = HERE / "smart_industri"

#: The projects' indicators of the same result type (companies reached, unit "st") ...
COMPANIES = ("region-a:ind-industriforetag", "region-b:ind-industriforetag")
#: ... and one of another (participants in digital meetings, unit "deltagare").
PARTICIPANTS = "region-c:ind-deltagare-sammankomster"


def report(model: il.Model) -> str:
    """What the portfolio analyses say about the portfolio, as text in the plans' language."""
    lines = [model.title, ""]
    lines.append("Planer (il.load_portfolio):")
    lines += [f"  {plan}: {info.title}" for plan, info in sorted(model.plans.items())]
    lines += ["", "Fynd (il.check):", il.check(model).to_text()]
    lines += ["Vilka planer når målen (il.portfolio_coverage):"]
    lines += [il.portfolio_coverage(model).to_text()]
    lines += ["Vem rapporterar om det gemensamma (il.alignment_matrix):"]
    lines += [il.alignment_matrix(model).to_text()]
    lines += ["Där projektens kedjor möts (il.shared_chains):", il.shared_chains(model).to_text()]
    lines += ["Företag som projekten nått, summerat (il.roll_up):"]
    lines += [il.roll_up(model, list(COMPANIES)).to_text()]
    mixed = il.roll_up(model, [*COMPANIES, PARTICIPANTS])
    lines += ["Med deltagarna i region C:s digitala sammankomster (il.roll_up):"]
    lines += [mixed.to_text()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Load the portfolio folder and print the report; 1 when nothing could be loaded."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(PORTFOLIO), help="the portfolio folder")
    args = parser.parse_args(argv)
    try:
        model = il.load_portfolio(args.folder)
    except il.ModelError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in model.warnings:
        print(warning, file=sys.stderr)
    print(report(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
