"""Draw the pictures of the documentation and README from the real examples.

Writes, for every example model, its chain diagram as SVG with the DOT text beside it into
``docs/images/`` (or the folder given as the first argument); the Västra Götaland plan also
gets one picture of a single area. Run it after changing an example or the drawing:

    python examples/draw_docs_pictures.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import insatslogik as il

EXAMPLES = Path(__file__).resolve().parent
IMAGES = EXAMPLES.parent / "docs" / "images"

#: Pictures beyond one whole chain per example: (model file, picture name, render_chain options).
EXTRA: list[tuple[str, str, dict[str, Any]]] = [
    ("vgr_kraftsamling_digitalisering.yaml", "vgr-naringsliv", {"focus": "omrade-naringsliv"}),
    # The revised plan against the bundled one, as `render --compare` draws it.
    (
        "revisions/vgr_kraftsamling_digitalisering_2024.yaml",
        "vgr-jamforelse-kompetens",
        {"focus": "omrade-kompetens", "compare": "vgr_kraftsamling_digitalisering.yaml"},
    ),
    # Boxes per substrategy, goals that lead to goals in levels of their own.
    ("kronoberg_rus.yaml", "kronoberg-understrategier", {"cluster_by": "substrategy"}),
    # The first of the sheets `render --page a4` writes: one area, fitted on A4.
    ("vgr_kraftsamling_digitalisering.yaml", "vgr-a4-sida-1", {"page": "a4"}),
    # Without outlines and legend, as `render --no-highlight` draws it.
    ("gotland_insatsplan.yaml", "gotland-utan-markering", {"highlight": False}),
    # One area with the actors of its activities, as `render --show actors` draws it.
    (
        "vgr_kraftsamling_digitalisering.yaml",
        "vgr-naringsliv-aktorer",
        {"focus": "omrade-naringsliv", "show": ["actors"]},
    ),
    # A plan in a folder of its own: a programme that regional project plans use.
    ("smart_industri/program.yaml", "smart-industri", {}),
]

#: Names kept stable because the docs link to them.
NAMES = {"vgr_kraftsamling_digitalisering.yaml": "vgr-kedja"}

#: Options of the whole-chain pictures. The stryktips exercise places statements at levels
#: without linking them, so highlighting would outline every box.
OPTIONS: dict[str, dict[str, Any]] = {"reglab_stryktips.yaml": {"highlight": False}}


def pictures() -> list[tuple[str, str, dict[str, Any]]]:
    """Every picture to draw: (model file, picture name, options)."""
    whole = [
        (path.name, NAMES.get(path.name, path.stem.replace("_", "-")), OPTIONS.get(path.name, {}))
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
    return whole + EXTRA


def draw(model_file: str, options: dict[str, Any]) -> Any:
    """The chain diagram of one example, in the example's own language."""
    model = il.load(EXAMPLES / model_file)
    lang = "en" if model.language == "en" else "sv"
    chosen = dict(options)
    if "compare" in chosen:  # an earlier version, named by its file in examples/
        chosen["compare"] = il.load(EXAMPLES / chosen["compare"])
    if "page" in chosen:  # the first sheet for that paper
        from insatslogik.render.sheets import render_sheets

        return render_sheets(model, paper=chosen.pop("page"), lang=lang, **chosen)[0].diagram
    return il.render_chain(model, lang=lang, **chosen)


def main(folder: Path = IMAGES) -> list[Path]:
    """Draw every picture into `folder`; return the SVG files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for model_file, name, options in pictures():
        diagram = draw(model_file, options)
        diagram.save(folder / f"{name}.dot")
        written.append(diagram.save(folder / f"{name}.svg"))
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else IMAGES):
        print(f"wrote {path}")
