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
import codecs
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from insatslogik import __version__
from insatslogik.analyses.changes import GATES, github_annotation
from insatslogik.analyses.checks import check
from insatslogik.analyses.coverage import goal_coverage
from insatslogik.analyses.diff import diff
from insatslogik.analyses.indicators import describe_target, indicator_status
from insatslogik.analyses.tables import indicator_order
from insatslogik.codes import CATALOGUE, Severity
from insatslogik.errors import ModelError, UsageError, WriteError
from insatslogik.formats.convert import FORMATS, convert, convert_read, format_of
from insatslogik.formats.native import load
from insatslogik.formats.starter import write_template
from insatslogik.i18n import LANGUAGES, percent, quantity, resolve_lang, status_name, word
from insatslogik.model.model import Model
from insatslogik.model.schema import json_schema_text
from insatslogik.render.diagrams import (
    GraphvizNotFoundError,
    render_chain,
    render_structure,
)
from insatslogik.render.mermaid import render_mermaid
from insatslogik.render.page import render_html
from insatslogik.render.tables import render_table

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


class _LoadFailedError(Exception):
    """Internal: the model file had problems, already printed."""


def _load(args: argparse.Namespace) -> Model:
    try:
        return load(args.file)
    except ModelError as error:
        if getattr(args, "format", "text") == "json":
            problems = [problem.to_dict() for problem in error.problems]
            print(json.dumps({"problems": problems}, ensure_ascii=False, indent=2))
        else:
            print(error)
        raise _LoadFailedError from None


def _validate(args: argparse.Namespace) -> int:
    model = _load(args)
    if args.format == "json":
        print(json.dumps({"problems": []}))
    else:
        print(f"{args.file}: valid ({len(model)} nodes, {model.graph.number_of_edges()} links)")
    return EXIT_OK


def _codes(text: str) -> list[str]:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    unknown = [code for code in codes if code not in CATALOGUE]
    if unknown:
        known = ", ".join(CATALOGUE)
        raise argparse.ArgumentTypeError(f"unknown finding code {unknown[0]!r} (known: {known})")
    return codes


def _check(args: argparse.Namespace) -> int:
    model = _load(args)
    report = check(
        model, select=args.select, ignore=args.ignore or (), lang=args.lang, year=args.year
    )
    output = {"text": report.to_text, "json": report.to_json, "markdown": report.to_markdown}[
        args.format
    ]
    sys.stdout.write(output())
    return EXIT_PROBLEMS if report.fails(args.fail_on) else EXIT_OK


def _coverage(args: argparse.Namespace) -> int:
    coverage = goal_coverage(_load(args))
    if args.format == "json":
        sys.stdout.write(coverage.to_json())
    elif args.format == "markdown":
        sys.stdout.write(coverage.to_markdown(lang=args.lang))
    else:
        sys.stdout.write(coverage.to_text(lang=args.lang))
    return EXIT_OK


_INDICATOR_COLUMNS = ("indicator", "latest", "baseline", "target", "progress", "status")


def _indicators(args: argparse.Namespace) -> int:
    model = _load(args)
    statuses = {status.indicator: status for status in indicator_status(model, year=args.year)}
    if args.format == "json":
        records = [status.to_dict() for status in statuses.values()]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    lang = resolve_lang(args.lang, model.language)

    def value(number: float | None, year: int | None, unit: str | None) -> str:
        return "-" if number is None else f"{quantity(number, unit, lang)} ({year})"

    rows = [tuple(word(f"indicators.{column}", lang) for column in _INDICATOR_COLUMNS)]
    # The table's order: the plan's numbering, each index followed by its components.
    for indicator, depth, _ in indicator_order(model):
        s = statuses[indicator.id]
        number = f"{s.number}. " if s.number else ""
        name = f"{'  ' * depth}{'↳ ' if depth else ''}{number}{s.indicator}"
        rows.append(
            (
                name,
                value(s.latest_value, s.latest_year, s.unit),
                "-" if s.baseline is None else value(s.baseline.value, s.baseline.year, s.unit),
                describe_target(indicator, lang=lang) or "-",
                "-" if s.progress is None else percent(s.progress, lang),
                status_name(s.status, lang),
            )
        )
    if args.format == "markdown":
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


_DIAGRAM_SUFFIXES = (".svg", ".png", ".pdf", ".dot", ".gv")
_RENDER_SUFFIXES = (*_DIAGRAM_SUFFIXES, ".html")


def _render(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() == ".mmd":
        return _render_mermaid(args, out)
    suffix = out.suffix.lower()
    if suffix not in _RENDER_SUFFIXES:
        print(
            f"insatslogik: OUT must end in {', '.join(_RENDER_SUFFIXES)} (got {out.name!r})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.compare and (args.structure or suffix == ".html"):
        print(
            "insatslogik: --compare marks the changes in the chain diagram "
            "(.svg, .png, .pdf or .dot), not in the structure or the page",
            file=sys.stderr,
        )
        return EXIT_USAGE
    model = _load(args)
    earlier = None
    if args.compare:
        try:
            earlier = convert_read(args.compare)
        except ModelError as error:
            print(error)
            return EXIT_PROBLEMS
    try:
        if suffix == ".html":
            render_html(model, lang=args.lang, focus=args.focus).save(out)
        else:
            diagram = (
                render_structure(model, lang=args.lang)
                if args.structure
                else render_chain(
                    model,
                    focus=args.focus,
                    lang=args.lang,
                    cluster_by=args.cluster_by,
                    compare=earlier,
                )
            )
            diagram.save(out)
    except GraphvizNotFoundError as error:
        print(f"insatslogik: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {out}")
    return EXIT_OK


def _cannot_write(out: Path | str, error: OSError) -> int:
    # A missing or read-only folder, or a folder where the file should be.
    print(
        f"insatslogik: cannot write {out}: {error.strerror}; nothing was written", file=sys.stderr
    )
    return EXIT_USAGE


def _table(args: argparse.Namespace) -> int:
    model = _load(args)
    sys.stdout.write(render_table(model, kind=args.kind, format=args.format, lang=args.lang))
    return EXIT_OK


def _render_mermaid(args: argparse.Namespace, out: Path) -> int:
    # Mermaid text needs no Graphviz; it has the chain only, not the structure.
    if args.structure:
        print(
            "insatslogik: --structure is drawn as SVG, PNG, PDF or DOT, not .mmd", file=sys.stderr
        )
        return EXIT_USAGE
    model = _load(args)
    render_mermaid(model, focus=args.focus, lang=args.lang).save(out)
    print(f"wrote {out}")
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    try:
        for path, name in ((args.source, args.from_format), (args.target, args.to_format)):
            if name is None:
                format_of(path)
    except UsageError as error:
        print(f"insatslogik: {error} (or name the format with --from/--to)", file=sys.stderr)
        return EXIT_USAGE
    options = {
        key: value
        for key, value in (
            ("identifier", args.identifier),
            ("reporting_org", args.reporting_org),
            ("start_year", args.start_year),
        )
        if value is not None
    }
    try:
        convert(
            args.source,
            args.target,
            from_format=args.from_format,
            to_format=args.to_format,
            **options,
        )
    except ModelError as error:
        print(error)
        return EXIT_PROBLEMS
    print(f"wrote {args.target}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    # Both versions are read before anything is said, so the problems of both are printed.
    models: list[Model] = []
    failed: list[ModelError] = []
    for path in (args.old, args.new):
        try:
            models.append(convert_read(path))
        except ModelError as error:
            failed.append(error)
    if failed:
        problems = [problem for error in failed for problem in error.problems]
        if args.format == "json":
            records = [problem.to_dict() for problem in problems]
            print(json.dumps({"problems": records}, ensure_ascii=False, indent=2))
        elif args.format == "github":
            print("\n".join(github_annotation(problem) for problem in problems))
        else:
            print("\n".join(str(error) for error in failed))
        return EXIT_PROBLEMS
    changes = diff(models[0], models[1], lang=args.lang)
    output = {
        "text": changes.to_text,
        "markdown": changes.to_markdown,
        "json": changes.to_json,
        "github": changes.to_github,
    }[args.format]
    sys.stdout.write(output())
    return EXIT_PROBLEMS if args.fail_on and changes.fails(args.fail_on) else EXIT_OK


def _schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    try:
        path = write_template(args.file, lang=args.lang)
    except FileExistsError:
        print(
            f"insatslogik: {args.file} already exists; nothing was written "
            "(give another name, or remove the file first)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(f"wrote {path}; fill it in, then run: insatslogik check {path}")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from insatslogik.formats.excel import write_excel_template

    write_excel_template(args.excel, lang=args.lang)
    print(f"wrote {args.excel}")
    return EXIT_OK


def _year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the reference year an indicator's latest value is stale from (default: this year)",
    )


def _render_parser(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    # The render command's options, apart: it has more than any other.
    render = add_parser(
        "render",
        help="draw the chain diagram (or the structure) as SVG, PNG, PDF or DOT; the chain also "
        "as Mermaid text (.mmd)",
    )
    render.add_argument("file", metavar="FILE", help="a model file (.yaml, .yml or .json)")
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="OUT.svg, .png, .pdf or .dot (a diagram) or .html (the interactive page)",
    )
    render.add_argument("--focus", metavar="ID", help="draw only this node's chain, up and down")
    _lang_option(render, "the headings, numbers and tooltips")
    render.add_argument(
        "--cluster-by", choices=["project", "substrategy"], help="group nodes in boxes"
    )
    render.add_argument(
        "--structure", action="store_true", help="draw the steering structure instead of the chain"
    )
    render.add_argument(
        "--compare",
        metavar="OLD",
        help="mark what changed since this earlier version of the plan (any format convert "
        "reads): new, changed and removed nodes and links",
    )
    render.set_defaults(run=_render)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="insatslogik",
        description="Check, measure and draw the intervention logic (insatslogik) of a plan.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Command, help_text: str, formats: tuple[str, ...]
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", metavar="FILE", help="a model file (.yaml, .yml or .json)")
        sub.add_argument(
            "--format",
            choices=formats,
            default=formats[0],
            help=f"output format (default: {formats[0]})",
        )
        sub.set_defaults(run=run)
        return sub

    command(
        "validate", _validate, "load a model file and list every problem in it", ("text", "json")
    )
    check_parser = command(
        "check", _check, "report the findings of every analysis", ("text", "json", "markdown")
    )
    check_parser.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding at this severity or above exists (default: error)",
    )
    check_parser.add_argument(
        "--select", metavar="CODES", type=_codes, help="only these codes, comma-separated"
    )
    check_parser.add_argument(
        "--ignore", metavar="CODES", type=_codes, help="leave out these codes, comma-separated"
    )
    _lang_option(check_parser, "the messages")
    _year_option(check_parser)
    coverage = command(
        "coverage",
        _coverage,
        "show which activities reach each goal and how it is measured",
        ("text", "json", "markdown"),
    )
    _lang_option(coverage, "the words and numbers (JSON keeps its codes)")
    indicators = command(
        "indicators",
        _indicators,
        "show each indicator's latest value, progress and status",
        ("text", "json", "markdown"),
    )
    _lang_option(indicators, "the words and numbers (JSON keeps its codes)")
    _year_option(indicators)

    _render_parser(commands.add_parser)

    table = command(
        "table",
        _table,
        "print the plan matrix or the indicator summary for a document",
        ("markdown", "html", "csv"),
    )
    table.add_argument(
        "--kind",
        choices=["plan", "indicators"],
        default="plan",
        help="plan: goal, activities, actors, effects, indicators; indicators: values by year "
        "(default: plan)",
    )
    _lang_option(table, "the headings and numbers")

    converter = commands.add_parser(
        "convert",
        help="convert a plan between YAML, JSON, node-link JSON, IATI XML and Excel",
        description="Convert a plan between formats, chosen by suffix: .yaml/.yml, .json, "
        ".nodelink.json (networkx node-link), .xml (IATI 2.03 results), .xlsx (Excel).",
    )
    converter.add_argument("source", metavar="IN", help="the file to read")
    converter.add_argument("target", metavar="OUT", help="the file to write")
    converter.add_argument(
        "--from", dest="from_format", choices=list(FORMATS), help="the format of IN"
    )
    converter.add_argument(
        "--to", dest="to_format", choices=list(FORMATS), help="the format of OUT"
    )
    converter.add_argument(
        "--reporting-org", metavar="REF", help="IATI: the reporting organisation's identifier"
    )
    converter.add_argument("--identifier", metavar="ID", help="IATI: the activity identifier")
    converter.add_argument(
        "--start-year",
        type=int,
        metavar="YEAR",
        help="IATI: the year the plan starts (default: the earliest year in it)",
    )
    converter.set_defaults(run=_convert)

    differ = commands.add_parser(
        "diff",
        help="show what changed between two versions of a plan, and what follows from it",
        description="Compare two versions of a plan: nodes and links added, removed and "
        "changed, probable renames, and the findings, goal coverage and indicators that "
        "changed. Each file may be in any format convert reads (.yaml/.yml, .json, "
        ".nodelink.json, .xml, .xlsx).",
    )
    _diff_options(differ)

    template = commands.add_parser(
        "template", help="write an empty workbook to fill in (goals, activities, indicators, …)"
    )
    template.add_argument(
        "--excel", required=True, metavar="OUT.xlsx", help="the workbook to write"
    )
    template.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of headings (default: sv)"
    )
    template.set_defaults(run=_template)

    new = commands.add_parser(
        "new",
        help="write a commented starter plan to fill in",
        description="Write a commented starter plan to fill in: a strategy, one goal with an "
        "indicator and one activity chain. It loads and checks clean. An existing file is "
        "never overwritten (exit 2).",
    )
    new.add_argument("file", metavar="FILE", help="the file to write (.yaml or .yml)")
    new.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of the template (default: sv)"
    )
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="print the JSON Schema of the model file format")
    schema.set_defaults(run=_schema)
    return parser


def _diff_options(differ: argparse.ArgumentParser) -> None:
    differ.add_argument("old", metavar="OLD", help="the earlier version")
    differ.add_argument("new", metavar="NEW", help="the later version")
    differ.add_argument(
        "--format",
        choices=["text", "markdown", "json", "github"],
        default="text",
        help="output format; github: workflow commands that annotate the files (default: text)",
    )
    differ.add_argument(
        "--fail-on",
        choices=GATES,
        help="exit 1 when a new error appears (new-error), a new warning or error "
        "(new-warning), or anything changed (change)",
    )
    _lang_option(differ, "the words and the findings' messages (JSON keeps its codes)")
    differ.set_defaults(run=_diff)


def _lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    # A command about a plan speaks the plan's language unless told otherwise.
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=f"language of {what} (default: the plan's; Swedish unless the plan is in English)",
    )


def _printable_streams() -> None:
    # Under LANG=C with Python's UTF-8 mode off, stdout is ASCII and printing "å" would end in
    # a traceback: write UTF-8 there, as UTF-8 mode would; under other encodings (cp1252),
    # escape what cannot be shown rather than fail.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if codecs.lookup(stream.encoding).name == "ascii":
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            else:
                stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: the process arguments); return the exit code.

    Args:
        argv: the arguments after the program name, as a shell would split them; None for
            ``sys.argv[1:]``.

    Returns:
        The exit code: 0 when all is well, 1 when the model has problems (or findings at the
        ``--fail-on`` level), 2 for a usage error such as a missing file.

    >>> import tempfile, pathlib
    >>> plan = pathlib.Path(tempfile.mkdtemp(), "plan.yaml")
    >>> _ = plan.write_text('''insatslogik: 1
    ... title: Kraftsamling digitalisering
    ... nodes:
    ...   - {id: mal, kind: goal, title: Fler företag digitaliseras}
    ...   - {id: akt, kind: activity, title: Rådgivning till SMF, contributes_to: [mal]}
    ... ''', encoding="utf-8")
    >>> main(["check", str(plan), "--select", "unmeasured-goal", "--fail-on", "warning"])
    varning: unmeasured-goal
      - Målet «Fler företag digitaliseras» (mal) har ingen indikator: lägg till measured_by med en indikator som visar om målet nås.
    1 fynd: 0 fel, 1 varning, 0 info
    1
    >>> main(["check", "saknas.yaml"])  # "no such file" goes to standard error
    2
    """
    _printable_streams()
    args = _parser().parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except _LoadFailedError:
        return EXIT_PROBLEMS
    except KeyError as error:  # --focus names no node
        print(f"insatslogik: {error.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as error:  # an unknown suffix, say
        print(f"insatslogik: {error}", file=sys.stderr)
        return EXIT_USAGE
    except WriteError as error:
        return _cannot_write(error.filename, error)
    except FileNotFoundError as error:
        print(f"insatslogik: no such file: {error.filename}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"insatslogik: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
