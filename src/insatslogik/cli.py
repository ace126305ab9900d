"""The `insatslogik` command line: one subcommand per job, each a small function.

Exit codes: 0 when all is well, 1 when the model has problems (or findings at the chosen
level), 2 for usage errors such as a missing file or an unknown option.

>>> main(["schema"]) == 0  # doctest: +ELLIPSIS
{
  "$defs": {
...
True
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence

from insatslogik import __version__
from insatslogik.errors import ModelError
from insatslogik.loading import load
from insatslogik.schema import json_schema_text

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


def _validate(args: argparse.Namespace) -> int:
    try:
        model = load(args.file)
    except ModelError as error:
        if args.format == "json":
            problems = [dataclasses.asdict(problem) for problem in error.problems]
            print(json.dumps(problems, ensure_ascii=False, indent=2))
        else:
            print(error)
        return EXIT_PROBLEMS
    if args.format == "json":
        print(json.dumps([]))
    else:
        print(f"{args.file}: valid ({len(model)} nodes, {model.graph.number_of_edges()} links)")
    return EXIT_OK


def _schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="insatslogik",
        description="Check, measure and draw the intervention logic (insatslogik) of a plan.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="load a model file and list every problem in it"
    )
    validate.add_argument("file", metavar="FILE", help="a model file (.yaml, .yml or .json)")
    validate.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format"
    )
    validate.set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the model file format")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: the process arguments); return the exit code."""
    args = _parser().parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except FileNotFoundError as error:
        print(f"insatslogik: no such file: {error.filename}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"insatslogik: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
