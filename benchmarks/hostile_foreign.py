"""Time and peak memory of reading each hostile or real-world file of another organisation.

Each case of ``tests/corpus/make_foreign.py`` (and a workbook of 4 000 misspelt link ids) is
read in a fresh Python process, by default and strictly, through the API that ``convert``
uses; the process's wall time (imports included) and peak resident memory are printed. The
issue's bound is 5 s and 500 MB for an input under 10 MB::

    .venv/bin/python -m benchmarks.hostile_foreign
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.corpus.make_foreign import EXPECTED, _misspelt_links, foreign_cases

_READ = """
import sys
from insatslogik.errors import ModelError
from insatslogik.formats.convert import convert_read
try:
    model = convert_read(sys.argv[1], strict=sys.argv[2] == "strict" or None)
    outcome = f"model, {len(model.warnings)} warnings"
except ModelError as error:
    outcome = f"ModelError, {len(error.problems)} problems"
# The peak of this process's own memory: ru_maxrss would count the parent's, from the fork.
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(peak, outcome)
"""


def measure(path: Path, strict: bool) -> tuple[float, float, str]:
    """Seconds, peak MB and outcome of reading `path` in a fresh process."""
    start = time.perf_counter()
    run = subprocess.Popen(
        [sys.executable, "-c", _READ, str(path), "strict" if strict else "default"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output, _ = run.communicate()
    elapsed = time.perf_counter() - start
    last = output.decode().strip().splitlines()[-1]
    peak, outcome = last.split(" ", 1)
    return elapsed, int(peak) / 1024, outcome


def main(argv: list[str] | None = None) -> int:
    """Print a table of every case; return 1 if one passes 5 s or 500 MB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    worst = 0.0, 0.0
    with tempfile.TemporaryDirectory() as folder:
        cases = foreign_cases(Path(folder))
        cases["misspelt-links-4000.xlsx"] = Path(folder, "misspelt-links-4000.xlsx")
        cases["misspelt-links-4000.xlsx"].write_bytes(_misspelt_links(4000))
        print(f"{'case':36} {'KB':>8} {'mode':8} {'s':>6} {'MB':>6}  outcome")
        for name in sorted(cases):
            size = cases[name].stat().st_size / 1024
            for strict in (False, True):
                seconds, megabytes, outcome = measure(cases[name], strict)
                worst = max(worst[0], seconds), max(worst[1], megabytes)
                mode = "strict" if strict else "default"
                print(f"{name:36} {size:8.0f} {mode:8} {seconds:6.2f} {megabytes:6.0f}  {outcome}")
    assert set(EXPECTED) <= set(cases)
    print(f"worst: {worst[0]:.2f} s, {worst[1]:.0f} MB (each includes starting Python, ~0.8 s)")
    return 0 if worst[0] < 5 and worst[1] < 500 else 1


if __name__ == "__main__":
    sys.exit(main())
