"""The pictures in the docs are the real examples as the library draws them now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, load_script

draw_docs_pictures = load_script(EXAMPLES / "draw_docs_pictures.py")

IMAGES = ROOT / "docs" / "images"
PICTURES = draw_docs_pictures.pictures()


def test_every_example_has_a_picture() -> None:
    # Plans in subfolders (a revision of an example) are drawn where a page shows them.
    drawn = {model_file for model_file, _, _ in PICTURES if "/" not in model_file}
    assert drawn == {path.name for path in EXAMPLES.glob("*.yaml")}


@pytest.mark.parametrize(("model_file", "name", "options"), PICTURES, ids=[p[1] for p in PICTURES])
def test_committed_picture_matches_the_example(
    model_file: str, name: str, options: dict[str, object]
) -> None:
    committed = IMAGES / f"{name}.dot"
    hint = "run `python examples/draw_docs_pictures.py` and commit docs/images"
    assert committed.is_file(), hint
    assert draw_docs_pictures.draw(model_file, options).source == committed.read_text(
        encoding="utf-8"
    ), hint
    assert (IMAGES / f"{name}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_script_draws_into_the_folder_it_is_given(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "draw_docs_pictures.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{n}.{s}" for _, n, _ in PICTURES for s in ("dot", "svg"))
    assert result.stdout.count("wrote ") == len(PICTURES)
