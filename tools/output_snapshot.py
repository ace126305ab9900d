"""Write every output of the bundled examples through the command line, for a golden comparison.

`python tools/output_snapshot.py DIR` runs each command-line output (check, coverage, indicators,
tables, diagrams as DOT and SVG, the interactive page, Mermaid, conversions to JSON, node-link,
IATI and Excel, the template, the starter plan, the JSON Schema) on every plan in `examples/`
and writes each into DIR under a name that says what made it; `--manifest FILE` writes their
SHA-256 digests instead of keeping the files. PNG and PDF are left out: they carry the time they
were made.

The command line is driven in-process, so the snapshot of one version of the package can be
compared with that of another: `tests/test_output_snapshot.py` compares the examples' outputs
with the digests in `tests/golden/outputs.sha256`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# One row per output: a name suffix and the command line (PLAN, OUT stand for the paths).
# Indicator status and findings depend on a reference year (stale values): pinned, so the
# outputs stay the same whatever year the tests run in.
COMMANDS: list[tuple[str, list[str]]] = [
    ("validate.txt", ["validate", "PLAN"]),
    ("validate.json", ["validate", "PLAN", "--format", "json"]),
    ("check.txt", ["check", "PLAN", "--fail-on", "error", "--year", "2026"]),
    ("check-en.txt", ["check", "PLAN", "--lang", "en", "--year", "2026"]),
    ("check.json", ["check", "PLAN", "--format", "json", "--year", "2026"]),
    ("check.md", ["check", "PLAN", "--format", "markdown", "--year", "2026"]),
    ("check.github.txt", ["check", "PLAN", "--format", "github", "--year", "2026"]),
    ("check.sarif.json", ["check", "PLAN", "--format", "sarif", "--year", "2026"]),
    ("coverage.txt", ["coverage", "PLAN"]),
    ("coverage.json", ["coverage", "PLAN", "--format", "json"]),
    ("coverage.md", ["coverage", "PLAN", "--format", "markdown"]),
    ("indicators.txt", ["indicators", "PLAN", "--year", "2026"]),
    ("indicators.json", ["indicators", "PLAN", "--format", "json", "--year", "2026"]),
    ("indicators.md", ["indicators", "PLAN", "--format", "markdown", "--year", "2026"]),
    ("table-plan.md", ["table", "PLAN"]),
    ("table-plan.html", ["table", "PLAN", "--format", "html"]),
    ("table-plan.csv", ["table", "PLAN", "--format", "csv"]),
    ("table-plan-en.md", ["table", "PLAN", "--lang", "en"]),
    ("table-indicators.md", ["table", "PLAN", "--kind", "indicators"]),
    ("table-indicators.csv", ["table", "PLAN", "--kind", "indicators", "--format", "csv"]),
    ("follow-up.txt", ["follow-up", "PLAN", "--year", "2026"]),
    ("follow-up.csv", ["follow-up", "PLAN", "--year", "2026", "--format", "csv", "--lang", "en"]),
    ("follow-up-matrix.md", ["follow-up", "PLAN", "--matrix", "--format", "markdown"]),
    ("follow-up-matrix.html", ["follow-up", "PLAN", "--matrix", "-o", "OUT"]),
    ("chain.dot", ["render", "PLAN", "-o", "OUT"]),
    ("chain.svg", ["render", "PLAN", "-o", "OUT"]),
    ("chain-en.dot", ["render", "PLAN", "-o", "OUT", "--lang", "en"]),
    ("chain-clusters.dot", ["render", "PLAN", "-o", "OUT", "--cluster-by", "substrategy"]),
    ("structure.dot", ["render", "PLAN", "-o", "OUT", "--structure"]),
    ("page.html", ["render", "PLAN", "-o", "OUT"]),
    ("chain.mmd", ["render", "PLAN", "-o", "OUT"]),
    ("saved.json", ["convert", "PLAN", "OUT"]),
    ("saved.yaml", ["convert", "PLAN", "OUT"]),
    ("plan.nodelink.json", ["convert", "PLAN", "OUT"]),
    ("plan.xml", ["convert", "PLAN", "OUT", "--reporting-org", "SE-ORGNR-2321000131"]),
    ("plan.xlsx", ["convert", "PLAN", "OUT"]),
]

# Outputs of no plan.
SINGLE: list[tuple[str, list[str]]] = [
    ("template-sv.xlsx", ["template", "--excel", "OUT"]),
    ("template-en.xlsx", ["template", "--excel", "OUT", "--lang", "en"]),
    ("new-sv.yaml", ["new", "OUT"]),
    ("new-en.yaml", ["new", "OUT", "--lang", "en"]),
    ("schema.json", ["schema"]),
]


@contextlib.contextmanager
def _captured() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def _run(argv: list[str], target: Path) -> bytes:
    from insatslogik.cli import main  # the package of the version being snapshot

    with _captured() as (out, err):
        code = main(argv)
    written = target.read_bytes() if target.exists() else b""
    # What a command prints names the files it read and wrote: keep it, without the folders,
    # so that snapshots made in different clones compare equal.
    printed = out.getvalue() + err.getvalue()
    printed = printed.replace(str(target.parent) + "/", "").replace(str(ROOT) + "/", "")
    return f"exit {code}\n{printed}".encode() + b"\n--- file ---\n" + written


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output, by name; files are written into a temporary folder in `folder` while the commands run.

    Returns:
        The bytes of each output, keyed by a name such as ``kronoberg_rus.check.json``.
    """
    outputs: dict[str, bytes] = {}
    # The plans are read from a copy of examples/ beside the outputs, by paths relative to
    # there: a plan that uses another (`uses: {rus: vgr/rus.yaml}`) is converted with its uses
    # paths made relative to the outputs' folder (`examples/vgr/rus.yaml`), and its page names
    # the used plan's file `examples/vgr/rus.yaml`: the same in every clone and folder.
    with tempfile.TemporaryDirectory(dir=folder) as temporary:
        work = Path(temporary).resolve()
        with contextlib.chdir(work):
            copy = Path("examples")
            shutil.copytree(
                ROOT / "examples", copy, ignore=shutil.ignore_patterns("out", "__pycache__")
            )
            jobs = [
                (f"{plan.stem}.{suffix}", argv, copy / plan.name)
                for plan in EXAMPLES
                for suffix, argv in COMMANDS
            ]
            jobs += [(suffix, argv, None) for suffix, argv in SINGLE]
            for name, argv, plan in jobs:
                target = work / name
                filled = [
                    str(plan) if part == "PLAN" and plan else str(target) if part == "OUT" else part
                    for part in argv
                ]
                outputs[name] = _run(filled, target)
                target.unlink(missing_ok=True)
    return outputs


def manifest(outputs: dict[str, bytes]) -> str:
    """The SHA-256 digest of each output, one ``DIGEST  NAME`` line per output in name order.

    SVG is left out: it is Graphviz's drawing of the DOT text, which is compared itself, and it
    depends on the Graphviz version and fonts of the machine.

    Returns:
        The manifest's text.
    """
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {name}"
        for name, data in sorted(outputs.items())
        if not name.endswith(".svg")
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the outputs (or their digests) into the folder named on the command line.

    Returns:
        The exit code, 0.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--manifest", type=Path, help="write SHA-256 digests here instead")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    outputs = snapshot(args.folder)
    if args.manifest:
        args.manifest.write_text(manifest(outputs), encoding="utf-8")
    else:
        for name, data in outputs.items():
            (args.folder / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
