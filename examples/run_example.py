"""The shared runner of the examples: check a plan, show its coverage, draw it.

Each example is a model file plus a thin script that calls :func:`main` with the file's name,
so every example runs the same steps:

1. load the plan (a load error is printed and the script exits 1);
2. print the findings of `il.check`, the goal coverage and the status of every indicator;
3. write the chain diagram (SVG), the interactive page (HTML) and the plan and indicator
   tables (Markdown) into the output folder.

The output folder is `examples/out/` (git-ignored), or the folder given with `--out DIR`, or
the one named by the environment variable `INSATSLOGIK_EXAMPLES_OUT` (tests use it so that
they never write into the repository). Nothing is written anywhere else.

Run an example from the project root: `.venv/bin/python examples/kronoberg_rus.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Literal

import insatslogik as il
from insatslogik.i18n import Lang, format_number, resolve_lang, status_name

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
OUT_ENV = "INSATSLOGIK_EXAMPLES_OUT"

_TEXT = {
    "sv": {
        "size": "{nodes} noder, {links} länkar",
        "findings": "Fynd (il.check):",
        "coverage": "Måluppfyllelse (il.goal_coverage):",
        "indicators": "Indikatorer (il.indicator_status):",
        "written": "Skrivet till {out}:",
    },
    "en": {
        "size": "{nodes} nodes, {links} links",
        "findings": "Findings (il.check):",
        "coverage": "Goal coverage (il.goal_coverage):",
        "indicators": "Indicators (il.indicator_status):",
        "written": "Written to {out}:",
    },
}


def output_folder(option: str | None = None) -> Path:
    """The folder to write into: `--out`, else `$INSATSLOGIK_EXAMPLES_OUT`, else `examples/out`."""
    chosen = option or os.environ.get(OUT_ENV)
    return Path(chosen) if chosen else DEFAULT_OUT


def _indicator_lines(model: il.Model, lang: Lang) -> list[str]:
    # Status words and numbers as the library writes them, in the plan's language.
    lines = []
    for status in il.indicator_status(model):
        latest = (
            "-"
            if status.latest_value is None
            else f"{format_number(status.latest_value, lang)} ({status.latest_year})"
        )
        lines.append(f"  {status_name(status.status, lang):<14} {latest:<12} {status.title}")
    return lines


def run(plan_name: str, out: Path) -> int:
    """Check, measure and draw the plan `examples/<plan_name>`, writing into `out`; the exit code."""
    plan = HERE / plan_name
    try:
        model = il.load(plan)
    except il.ModelError as error:
        print(error, file=sys.stderr)
        return 1
    lang = resolve_lang(None, model.language)
    text = _TEXT[lang]
    size = text["size"].format(nodes=len(model), links=model.graph.number_of_edges())
    print(f"{model.title}\n{size}\n")

    print(text["findings"])
    print(il.check(model, lang=lang).to_text())
    print(text["coverage"])
    print(il.goal_coverage(model).to_text())
    print(text["indicators"])
    print("\n".join(_indicator_lines(model, lang)) or "  -")

    out.mkdir(parents=True, exist_ok=True)
    # A plan in a folder of its own (smart_industri/program.yaml) is named by its folder too.
    stem = plan.relative_to(HERE).with_suffix("").as_posix().replace("/", "_")
    try:
        written = [il.render_chain(model, lang=lang).save(out / f"{stem}.svg")]
    except il.GraphvizNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    written.append(il.render_html(model, lang=lang).save(out / f"{stem}.html"))
    kinds: tuple[Literal["plan", "indicators"], ...] = ("plan", "indicators")
    for kind in kinds:
        table = il.render_table(model, kind=kind, format="markdown", lang=lang)
        written.append(table.save(out / f"{stem}.{kind}.md"))
    print("\n" + text["written"].format(out=out))
    for path in written:
        print(f"  {path.name}")
    return 0


def main(plan_name: str, argv: list[str] | None = None) -> int:
    """The command line of one example script: `[--out DIR]`."""
    parser = argparse.ArgumentParser(
        description=f"Check, measure and draw examples/{plan_name}.",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help=f"folder to write into (default: ${OUT_ENV} or examples/out)",
    )
    args = parser.parse_args(argv)
    return run(plan_name, output_folder(args.out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: run_example.py PLAN.yaml [--out DIR]")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
