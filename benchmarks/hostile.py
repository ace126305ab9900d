"""How long and how much memory each hostile or malformed file costs to refuse: the figures of docs/robustness.md.

Each case of the malformed-file corpus (``tests/corpus/bad/`` and the generated cases of
``tests/corpus/make_corpus.py``) is loaded three times; the best time and the peak of traced
memory (``tracemalloc``) are printed, slowest first, with what came out. A few cases that are
not files of content follow: a FIFO, a link to ``/dev/zero``, and rendering a plan with a text
of 1 MB (the most aliases may repeat) to an HTML page.

Command line: ``python -m benchmarks.hostile`` (from the repository's root).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from tests.corpus.make_corpus import generated_cases

import insatslogik as il

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "bad"


def measure(call: Callable[[], object], *, runs: int = 3) -> tuple[float, float, str]:
    """The best time in seconds, the traced peak in MB and the outcome of `call`."""
    best = float("inf")
    outcome = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            call()
            outcome = "ok"
        except (il.ModelError, OSError) as error:
            outcome = f"{type(error).__name__}"
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    with contextlib.suppress(il.ModelError, OSError):
        call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 1e6, outcome


def cases(folder: Path) -> dict[str, Callable[[], object]]:
    """Every case, by name, as a call that loads or renders it."""
    for path in CORPUS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    for name, data in generated_cases().items():
        (folder / name).write_bytes(data)
    calls: dict[str, Callable[[], object]] = {
        path.name: (lambda path=path: il.load(path)) for path in sorted(folder.iterdir())
    }
    fifo = folder / "fifo.yaml"
    os.mkfifo(fifo)
    zero = folder / "zero.yaml"
    zero.symlink_to("/dev/zero")
    calls["(a FIFO)"] = lambda: il.load(fifo)
    calls["(a link to /dev/zero)"] = lambda: il.load(zero)
    text = "ord " * 250_000
    model = il.Model(
        [il.Goal(id=f"mal{i}", title=text[: 5_000 if i else 1_000_000]) for i in range(200)],
        title="Stor text",
    )
    calls["(HTML page, a 1 MB title)"] = lambda: str(il.render_html(model))
    return calls


def main() -> int:
    """Print one line per case: seconds, MB, outcome, name."""
    il.loads("insatslogik: 1\ntitle: x\nnodes: []\n")  # imports and validators, not loading
    with tempfile.TemporaryDirectory() as folder:
        rows = [(*measure(call), name) for name, call in cases(Path(folder)).items()]
    print(f"{'seconds':>8} {'peak MB':>8}  outcome     case")
    for seconds, peak, outcome, name in sorted(rows, reverse=True):
        print(f"{seconds:8.3f} {peak:8.1f}  {outcome:<11} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
