"""Determinism: the same model gives the same bytes in every output, in any process.

Three processes with ``PYTHONHASHSEED`` 0, 1 and random each write every output of the real
plan (examples/vgr_kraftsamling_digitalisering.yaml); the files must be byte-identical. Within
one process, a model whose nodes come in another order (an equal model) gives the same bytes
too. PDF is left out: dot stamps it with the time it was made (PITFALLS §2.6).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import insatslogik as il
from tests.conftest import EXAMPLES, saved_into
from tests.test_follow_up_outputs import follow_up_model

VGR = EXAMPLES / "vgr_kraftsamling_digitalisering.yaml"

WRITE_EVERYTHING = """
import sys
from pathlib import Path
import insatslogik as il

model, out = il.load(sys.argv[1]), Path(sys.argv[2])
il.save(model, out / "plan.yaml")
il.save(model, out / "plan.json")
chain = il.render_chain(model)
chain.save(out / "kedja.dot")
chain.save(out / "kedja.svg")
chain.save(out / "kedja.png")
il.render_chain(model, cluster_by="substrategy", lang="en").save(out / "kluster.dot")
il.render_chain(model, focus="omrade-naringsliv").save(out / "fokus.svg")
il.render_structure(model).save(out / "styrkedja.svg")
il.render_html(model).save(out / "kedja.html")
for kind in ("plan", "indicators"):
    for fmt in ("markdown", "html", "csv"):
        (out / f"{kind}.{fmt}").write_text(il.render_table(model, kind=kind, format=fmt), encoding="utf-8")
(out / "kedja.mmd").write_text(il.render_mermaid(model), encoding="utf-8")
(out / "check.json").write_text(il.check(model).to_json(), encoding="utf-8")
il.write_excel(model, out / "plan.xlsx")
# A plan with a follow-up part: its tooltips, plan matrix, evaluation matrix and calendar.
follow = il.load(sys.argv[3])
il.render_chain(follow).save(out / "uppfoljning.dot")
il.render_html(follow).save(out / "uppfoljning.html")
for kind in ("plan", "matrix", "calendar"):
    for fmt in ("markdown", "html", "csv", "text"):
        text = il.render_table(follow, kind=kind, format=fmt, year=2024)
        (out / f"uppfoljning-{kind}.{fmt}").write_text(text, encoding="utf-8")
il.write_excel(follow, out / "uppfoljning.xlsx")
"""

OUTPUTS = [
    "check.json",
    "fokus.svg",
    "indicators.csv",
    "indicators.html",
    "indicators.markdown",
    "kedja.dot",
    "kedja.html",
    "kedja.mmd",
    "kedja.png",
    "kedja.svg",
    "kluster.dot",
    "plan.csv",
    "plan.html",
    "plan.json",
    "plan.markdown",
    "plan.xlsx",
    "plan.yaml",
    "styrkedja.svg",
    *(
        f"uppfoljning-{kind}.{fmt}"
        for kind in ("calendar", "matrix", "plan")
        for fmt in ("csv", "html", "markdown", "text")
    ),
    "uppfoljning.dot",
    "uppfoljning.html",
    "uppfoljning.xlsx",
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The folder each process wrote its outputs into, by hash seed; the processes run at once."""
    folders = {seed: tmp_path_factory.mktemp(f"seed-{seed}") for seed in ("0", "1", "random")}
    follow = tmp_path_factory.mktemp("plan") / "uppfoljning.yaml"
    il.save(follow_up_model(), follow)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITE_EVERYTHING, str(VGR), str(folder), str(follow)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stderr=subprocess.PIPE,
        )
        for seed, folder in folders.items()
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode(errors="replace")
    return folders


def test_every_output_is_written(runs: dict[str, Path]) -> None:
    for folder in runs.values():
        assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", OUTPUTS)
def test_the_same_model_gives_the_same_bytes_whatever_the_hash_seed(
    runs: dict[str, Path], name: str
) -> None:
    first, *others = [(folder / name).read_bytes() for folder in runs.values()]
    assert len(first) > 100
    assert all(other == first for other in others)


def test_the_outputs_are_those_of_this_process(runs: dict[str, Path]) -> None:
    # The processes agree with each other and with the test's own process, so no output
    # depends on anything that differs between runs (time, paths, addresses).
    model = il.load(VGR)
    folder = runs["random"]
    # Saved into its folder, the plan names the RUS it uses from there.
    assert (folder / "plan.yaml").read_text(encoding="utf-8") == il.dumps(saved_into(model, folder))
    assert (folder / "kedja.dot").read_text(encoding="utf-8") == il.render_chain(model).source
    assert (folder / "kedja.html").read_text(encoding="utf-8") == il.render_html(model).html
    assert (folder / "kedja.mmd").read_text(encoding="utf-8") == il.render_mermaid(model)


def test_node_order_changes_only_the_order_of_boxes_in_drawings() -> None:
    # Saved files and the structure do not depend on the order the nodes were given in; the
    # chain drawings stand their boxes in that order (the plan's), the same each time.
    model = il.load(VGR)

    def reversed_model() -> il.Model:
        return model.with_nodes(reversed(list(model)))

    reordered = reversed_model()
    assert reordered == model
    for fmt in ("yaml", "json"):
        assert il.dumps(reordered, format=fmt) == il.dumps(model, format=fmt)
    assert il.render_structure(reordered).source == il.render_structure(model).source
    assert il.render_chain(reordered).source != il.render_chain(model).source
    assert il.render_chain(reordered).source == il.render_chain(reversed_model()).source
    assert il.render_html(reordered).html == il.render_html(reversed_model()).html
    assert il.render_mermaid(reordered) == il.render_mermaid(reversed_model())
    # The same boxes and links, only in another order.
    assert len(il.render_chain(reordered).source) == len(il.render_chain(model).source)
    # Compared with the same nodes in file order, the plans it uses and their places kept.
    in_order = model.with_nodes(list(model))
    assert il.check(reordered).to_json() == il.check(in_order).to_json()
    assert [f.nodes for f in il.check(reordered)] == [f.nodes for f in il.check(model)]
    for kind in ("plan", "indicators"):
        for fmt in ("markdown", "html", "csv"):
            table = il.render_table(model, kind=kind, format=fmt)  # type: ignore[arg-type]
            assert il.render_table(reordered, kind=kind, format=fmt) == table  # type: ignore[arg-type]


def test_node_order_changes_no_follow_up_table() -> None:
    # The evaluation matrix and the calendar list questions and years in their own order,
    # and the plan matrix's assumptions and assessments theirs, whatever order the plan has.
    model = follow_up_model()
    reordered = il.Model(reversed(list(model)), title=model.title, language=model.language)
    for kind in ("plan", "matrix", "calendar"):
        table = il.render_table(model, kind=kind, format="csv", year=2024)  # type: ignore[arg-type]
        assert il.render_table(reordered, kind=kind, format="csv", year=2024) == table  # type: ignore[arg-type]
