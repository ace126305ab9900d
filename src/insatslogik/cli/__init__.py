"""The `insatslogik` command line: one subcommand per job, each a small function.

Exit codes: 0 when all is well, 1 when a model has problems (or findings at the chosen
level), 2 for usage errors such as a missing file, an unknown option or a missing optional
part (Graphviz's `dot`), 3 for an error in insatslogik itself. Given several files, the worst.

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
import math
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TextIO, cast

from insatslogik import __version__
from insatslogik.analyses.changes import GATES, github_annotation
from insatslogik.analyses.checks import check
from insatslogik.analyses.coverage import goal_coverage
from insatslogik.analyses.diff import diff
from insatslogik.analyses.findings import Report, sarif_log
from insatslogik.analyses.indicators import describe_target, indicator_status
from insatslogik.analyses.plaintext import json_visible, visible
from insatslogik.analyses.portfolio import (
    alignment_matrix,
    contribution_table,
    portfolio_coverage,
    shared_chains,
)
from insatslogik.analyses.rollup import RollUp, roll_up
from insatslogik.analyses.tables import Cell, TableKind, indicator_order, table_rows
from insatslogik.cli._inputs import STDIN, Input, expand, text_to_stdout, to_stdout
from insatslogik.cli._progress import progress
from insatslogik.codes import CATALOGUE, Severity
from insatslogik.errors import InsatslogikError, ModelError, Problem, UsageError, WriteError
from insatslogik.formats.convert import (
    FORMATS,
    convert_dumps,
    convert_read,
    convert_reads,
    convert_write,
    format_of,
)
from insatslogik.formats.files import write_atomic
from insatslogik.formats.native import save
from insatslogik.formats.portfolio import load_portfolio, passed_over, plan_problems
from insatslogik.formats.starter import write_template
from insatslogik.formats.statistics import KOLADA_API, update_values
from insatslogik.i18n import (
    LANGUAGES,
    Lang,
    format_number,
    left_out,
    percent,
    quantity,
    resolve_lang,
    severity_name,
    status_name,
    word,
)
from insatslogik.model.model import Model
from insatslogik.model.schema import json_schema_text
from insatslogik.render.diagrams import render_chain, render_structure
from insatslogik.render.mermaid import render_mermaid
from insatslogik.render.page import render_html
from insatslogik.render.sheets import LEGIBLE, render_sheets, save_sheets
from insatslogik.render.tables import TableFormat, format_rows, render_portfolio_table, render_table

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
#: An error in insatslogik itself (a bug): pytest's code for an internal error.
EXIT_INTERNAL = 3

_DEBUG_VARIABLE: Final = "INSATSLOGIK_DEBUG"
# The package to install for a module whose name differs from it.
_PACKAGES: Final = {"yaml": "PyYAML"}

Command = Callable[[argparse.Namespace], int]


class _LoadFailedError(Exception):
    """Internal: the model file had problems, already printed."""


def _read(item: Input, args: argparse.Namespace) -> Model:
    """A plan in any format convert reads; what a lenient reader left out, said on stderr."""
    model = item.load(strict=True if getattr(args, "strict", False) else None)
    _say_left_out(model, item.name, args)
    return model


def _say_left_out(model: Model, path: str, args: argparse.Namespace) -> None:
    # On stderr, so that the report on stdout (JSON, say) stays what it was.
    if not model.warnings:
        return
    lang = resolve_lang(getattr(args, "lang", None), model.language)
    label = severity_name("warning", lang)
    for warning in model.warnings:
        print(f"{label}: {warning}", file=sys.stderr)
    print(f"insatslogik: {left_out(len(model.warnings), path, lang)}", file=sys.stderr)


def _refuse_folder(path: str, args: argparse.Namespace, *, option: str | None = None) -> None:
    """Refuse a folder where one plan file is read, saying what a folder is and what to do.

    Args:
        path: the path given.
        args: the command's arguments: its name, its language, whether it takes --portfolio.
        option: the option that named `path` (``--compare``), for a message that names it
            rather than the command.

    Raises:
        UsageError: when `path` is a folder.
    """
    if path == STDIN or not Path(path).is_dir():
        return
    lang = resolve_lang(getattr(args, "lang", None), "sv")
    # Without this, the folder reached a loader and was refused for its suffix ('').
    if option is None and hasattr(args, "portfolio"):
        raise UsageError(word("cli.folder.portfolio", lang).format(folder=path))
    command = option or f"insatslogik {args.command}"
    raise UsageError(word("cli.folder.one_plan", lang).format(folder=path, command=command))


def _load(args: argparse.Namespace) -> Model:
    # The commands about one plan (render, table): FILE may be `-`, standard input.
    item = Input(args.file, args.stdin_format or "yaml")
    if not getattr(args, "portfolio", False):
        _refuse_folder(args.file, args)
    try:
        if getattr(args, "portfolio", False):
            # What can be drawn is drawn; a plan left out is said on stderr with its problems.
            model = _read_portfolio([args.file], args, strict=False)
            for problem in plan_problems(model):
                print(problem, file=sys.stderr)
            return model
        return _read(item, args)
    except ModelError as error:
        if getattr(args, "format", "text") == "json":
            problems = [problem.to_dict() for problem in error.problems]
            print(json.dumps({"problems": problems}, ensure_ascii=False, indent=2))
        else:
            print(error)
        raise _LoadFailedError from None


@dataclass
class _Outcome:
    """What one plan gave a command about several plans: its exit code and its output."""

    name: str
    code: int
    text: str = ""
    data: Any = None
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)


# What a command does with one loaded plan.
PerPlan = Callable[[Model, str, argparse.Namespace], _Outcome]


def _read_portfolio(paths: list[str], args: argparse.Namespace, *, strict: bool) -> Model:
    """The portfolio of the files and folders named; the files passed over are told on stderr."""
    if STDIN in paths:
        raise UsageError("--portfolio reads files and folders, not standard input (-)")
    model = load_portfolio(paths, strict=strict)
    notes = passed_over(model)
    if notes:
        lang = resolve_lang(getattr(args, "lang", None), model.language)
        label = severity_name("warning", lang)
        for note in notes:
            print(f"{label}: {note}", file=sys.stderr)
    return model


def _portfolio(args: argparse.Namespace, one: PerPlan) -> list[_Outcome]:
    """Load the plans named on the command line as one portfolio, and analyse it once.

    A plan that cannot be loaded is reported with its problems, as a file is when each is
    loaded on its own, and the exit code says so; the other plans are analysed together.
    """
    name = args.files[0] if len(args.files) == 1 else "portfolio"
    try:
        model = _read_portfolio(args.files, args, strict=bool(getattr(args, "strict", False)))
    except ModelError as error:
        return [_failed(name, error, args)]
    outcomes = []
    failed = plan_problems(model)
    if failed:
        outcomes.append(_failed(name, ModelError(failed), args))
    outcomes.append(one(model, name, args))
    return outcomes


def _each_plan(args: argparse.Namespace, one: PerPlan) -> list[_Outcome]:
    """Load and analyse each plan named on the command line on its own, in order."""
    if getattr(args, "portfolio", False):
        return _portfolio(args, one)
    inputs = list(expand(args.files, stdin_format=args.stdin_format))
    outcomes: list[_Outcome] = []
    with progress(len(inputs)) as shown:
        for item in inputs:
            shown.step(item.name, "reading")
            try:
                model = _read(item, args)
            except ModelError as error:
                outcomes.append(_failed(item.name, error, args))
            except (UsageError, OSError) as error:
                # One file that cannot be read does not stop the others; it is said at once.
                print(f"insatslogik: {_unreadable(error)}", file=sys.stderr)
                outcomes.append(_Outcome(item.name, EXIT_USAGE))
            else:
                shown.step(item.name, "checking")
                outcomes.append(one(model, item.name, args))
            shown.done()
    return outcomes


def _unreadable(error: UsageError | OSError) -> str:
    if isinstance(error, UsageError):  # an unknown suffix
        return str(error)
    if isinstance(error, FileNotFoundError):
        return f"no such file: {error.filename}"
    return f"cannot read {error.filename}: {error.strerror}"


def _failed(name: str, error: ModelError, args: argparse.Namespace) -> _Outcome:
    """The outcome of a plan that could not be loaded: its problems, in the chosen format."""
    fmt = getattr(args, "format", "text")
    if fmt == "github":
        text = "".join(github_annotation(problem) + "\n" for problem in error.problems)
    else:
        text = str(error) + "\n"
    data = {"problems": [problem.to_dict() for problem in error.problems]}
    return _Outcome(name, EXIT_PROBLEMS, text, data, problems=list(error.problems))


def _emit(outcomes: list[_Outcome], fmt: str) -> int:
    """Print the outcomes of several plans in one document of `fmt`; the worst exit code."""
    several = len(outcomes) > 1
    if fmt == "json":
        if several:
            files = [{"file": o.name, "result": o.data} for o in outcomes if o.data is not None]
            sys.stdout.write(json.dumps({"files": files}, ensure_ascii=False, indent=2) + "\n")
        elif outcomes and outcomes[0].data is not None:
            sys.stdout.write(json.dumps(outcomes[0].data, ensure_ascii=False, indent=2) + "\n")
    else:
        for outcome in outcomes:
            if several and fmt == "markdown" and outcome.text:
                sys.stdout.write(f"## {outcome.name}\n\n")
            elif several and fmt == "text" and outcome.text and outcome.report is None:
                sys.stdout.write(f"==> {outcome.name} <==\n")
            sys.stdout.write(outcome.text)
            if several and fmt in ("markdown", "text") and outcome.report is None:
                sys.stdout.write("\n")
    return max((o.code for o in outcomes), default=EXIT_OK)


def _validate(args: argparse.Namespace) -> int:
    def one(model: Model, name: str, _args: argparse.Namespace) -> _Outcome:
        text = f"{name}: valid ({len(model)} nodes, {model.graph.number_of_edges()} links)\n"
        return _Outcome(name, EXIT_OK, text, {"problems": []})

    outcomes = _each_plan(args, one)
    if args.format == "json":
        # Every problem names its file: one list for all the plans.
        problems = [p for o in outcomes for p in (o.data or {"problems": []})["problems"]]
        indent = 2 if problems else None  # `{"problems": []}` on one line when all is well
        sys.stdout.write(
            json.dumps({"problems": problems}, ensure_ascii=False, indent=indent) + "\n"
        )
        return max((o.code for o in outcomes), default=EXIT_OK)
    for outcome in outcomes:
        sys.stdout.write(outcome.text)
    return max((o.code for o in outcomes), default=EXIT_OK)


def _codes(text: str) -> list[str]:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    unknown = [code for code in codes if code not in CATALOGUE]
    if unknown:
        known = ", ".join(CATALOGUE)
        raise argparse.ArgumentTypeError(f"unknown finding code {unknown[0]!r} (known: {known})")
    return codes


def _check_one(model: Model, name: str, args: argparse.Namespace) -> _Outcome:
    report = check(
        model, select=args.select, ignore=args.ignore or (), lang=args.lang, year=args.year
    )
    code = EXIT_PROBLEMS if report.fails(args.fail_on) else EXIT_OK
    text = ""
    if args.format == "text":
        text = report.to_lines(summary=False)
    elif args.format == "markdown":
        text = report.to_markdown()
    elif args.format == "github":
        text = report.to_github()
    data = json.loads(report.to_json()) if args.format == "json" else None
    return _Outcome(name, code, text, data, report=report)


def _check(args: argparse.Namespace) -> int:
    outcomes = _each_plan(args, _check_one)
    reports = [o.report for o in outcomes if o.report is not None]
    if args.format == "sarif":
        problems = [p for o in outcomes for p in o.problems]
        sys.stdout.write(sarif_log(reports, problems=problems))
        return max((o.code for o in outcomes), default=EXIT_OK)
    code = _emit(outcomes, args.format)
    if args.format == "text" and reports:
        # One count line for all the plans, as ruff ends.
        findings = tuple(f for report in reports for f in report.findings)
        sys.stdout.write(Report(findings, lang=reports[0].lang).summary() + "\n")
    return code


def _coverage_one(model: Model, name: str, args: argparse.Namespace) -> _Outcome:
    coverage = goal_coverage(model)
    if args.format == "json":
        return _Outcome(name, EXIT_OK, data=json.loads(coverage.to_json()))
    if args.format == "markdown":
        return _Outcome(name, EXIT_OK, coverage.to_markdown(lang=args.lang))
    return _Outcome(name, EXIT_OK, coverage.to_text(lang=args.lang))


def _coverage(args: argparse.Namespace) -> int:
    return _emit(_each_plan(args, _coverage_one), args.format)


_INDICATOR_COLUMNS = ("indicator", "latest", "baseline", "target", "progress", "status")


def _indicators_one(model: Model, name: str, args: argparse.Namespace) -> _Outcome:
    statuses = {status.indicator: status for status in indicator_status(model, year=args.year)}
    if args.format == "json":
        return _Outcome(name, EXIT_OK, data=[status.to_dict() for status in statuses.values()])
    lang = resolve_lang(args.lang, model.language)

    def value(number: float | None, year: int | None, unit: str | None) -> str:
        return "-" if number is None else f"{quantity(number, unit, lang)} ({year})"

    rows = [tuple(word(f"indicators.{column}", lang) for column in _INDICATOR_COLUMNS)]
    # The table's order: the plan's numbering, each index followed by its components.
    for indicator, depth, _ in indicator_order(model):
        s = statuses[indicator.id]
        number = f"{s.number}. " if s.number else ""
        label = f"{'  ' * depth}{'↳ ' if depth else ''}{number}{s.indicator}"
        rows.append(
            (
                label,
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
    return _Outcome(name, EXIT_OK, "\n".join(lines) + "\n")


def _indicators(args: argparse.Namespace) -> int:
    return _emit(_each_plan(args, _indicators_one), args.format)


_DIAGRAM_SUFFIXES = (".svg", ".png", ".pdf", ".dot", ".gv")
_RENDER_SUFFIXES = (*_DIAGRAM_SUFFIXES, ".html")


def _output_suffix(args: argparse.Namespace) -> str:
    """The suffix of OUT, or for ``-o -`` that of the format named with ``--to``."""
    if args.output == STDIN:
        if args.to is None:
            raise UsageError(word("cli.to_needed", resolve_lang(args.lang, "sv")))
        return f".{args.to}"
    return Path(args.output).suffix.lower()


def _write(args: argparse.Namespace, suffix: str, save: Callable[[Path], object]) -> None:
    """Save to OUT, saying so, or to standard output for ``-o -`` (text only)."""
    if args.output == STDIN:
        to_stdout(suffix, save)
        return
    save(Path(args.output))
    print(f"wrote {args.output}")


def _paper_options(args: argparse.Namespace, suffix: str) -> None:
    """Refuse --page and --landscape where they would be passed over without a word."""
    lang = resolve_lang(args.lang, "sv")
    if args.paper:
        # What --page cannot split: the first of these that applies.
        cannot = (
            ("page", suffix == ".html"),
            ("mermaid", suffix == ".mmd"),
            ("structure", bool(args.structure)),
            ("compare", bool(args.compare)),
            # The sheets are split by goal over the whole chain: neither one node's chain nor
            # one plan of a portfolio is drawn on them.
            ("focus", bool(args.focus)),
            ("focus_plan", bool(args.focus_plan)),
        )
        what = next((name for name, applies in cannot if applies), None)
        if what is not None:
            what_text = word(f"cli.paper.{what}", lang)
            raise UsageError(word("cli.paper.not_with", lang).format(what=what_text))
    elif args.landscape is not None:
        raise UsageError(word("cli.landscape.alone", lang))


def _render(args: argparse.Namespace) -> int:
    suffix = _output_suffix(args)
    _paper_options(args, suffix)
    if suffix == ".mmd":
        return _render_mermaid(args, suffix)
    lang = resolve_lang(args.lang, "sv")
    if suffix not in _RENDER_SUFFIXES:
        suffixes = ", ".join(_RENDER_SUFFIXES)
        name = Path(args.output).name
        raise UsageError(word("cli.render.suffix", lang).format(suffixes=suffixes, name=name))
    if args.compare and (args.structure or suffix == ".html"):
        raise UsageError(word("cli.render.compare", lang))
    if args.show and (args.structure or suffix == ".html"):
        raise UsageError(word("cli.render.show", lang))
    if args.focus_plan and args.structure:
        raise UsageError(word("cli.render.focus_plan", lang))
    model = _load(args)
    earlier = None
    if args.compare:
        _refuse_folder(args.compare, args, option="--compare")
        try:
            earlier = _read(Input(args.compare), args)
        except ModelError as error:
            print(error)
            return EXIT_PROBLEMS
    if suffix == ".html":
        page = render_html(
            model,
            lang=args.lang,
            focus=args.focus,
            cluster_by=args.cluster_by,
            highlight=args.highlight,
            focus_plan=args.focus_plan,
        )
        _write(args, suffix, page.save)
        return _loaded(args, model)
    if args.paper:  # neither the structure nor a comparison: _paper_options refused them
        if args.output == STDIN:
            raise UsageError(word("cli.paper.stdout", lang))
        sheets = render_sheets(
            model,
            paper=args.paper,
            landscape=args.landscape,
            lang=args.lang,
            cluster_by=args.cluster_by,
            highlight=args.highlight,
            show=args.show,
        )
        for path, sheet in zip(save_sheets(sheets, Path(args.output)), sheets, strict=True):
            size = format_number(sheet.font_size, "en")
            small = (
                ""
                if sheet.font_size >= LEGIBLE
                else f", under {format_number(LEGIBLE, 'en')} pt and cannot be split further"
            )
            print(f"wrote {path} ({size} pt text{small})")
        return _loaded(args, model)
    diagram = (
        render_structure(model, lang=args.lang)
        if args.structure
        else render_chain(
            model,
            focus=args.focus,
            lang=args.lang,
            cluster_by=args.cluster_by,
            highlight=args.highlight,
            compare=earlier,
            show=args.show,
            focus_plan=args.focus_plan,
        )
    )
    _write(args, suffix, diagram.save)
    return _loaded(args, model)


def _loaded(args: argparse.Namespace, model: Model) -> int:
    """The exit code of a command that drew or tabled what it could of a portfolio.

    A plan of the portfolio that could not be loaded was left out, its problems said on
    stderr by :func:`_load`: the output is partial, and the exit code says so (1), as
    check, coverage and indicators do.
    """
    if getattr(args, "portfolio", False) and plan_problems(model):
        return EXIT_PROBLEMS
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
    return _loaded(args, model)


_TABLE_SUFFIXES: Final[dict[str, TableFormat]] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}


def _follow_up_one(model: Model, name: str, args: argparse.Namespace) -> _Outcome:
    kind: TableKind = "matrix" if args.matrix else "calendar"
    rows = table_rows(model, kind=kind, lang=args.lang, year=args.year)
    return _Outcome(name, EXIT_OK, model.title, data=rows)


def _follow_up(args: argparse.Namespace) -> int:
    """The follow-up calendar or the evaluation matrix of each plan, as one table."""
    output = args.output
    suffix = Path(output or "").suffix.lower()
    if args.format is None and suffix and suffix not in _TABLE_SUFFIXES and output != STDIN:
        # Text written into a .pdf or .xlsx would only look like a broken file.
        raise UsageError(
            f"{output}: follow-up writes {', '.join(_TABLE_SUFFIXES)} files (got {suffix!r}); "
            "name the format with --format"
        )
    fmt: TableFormat = args.format or _TABLE_SUFFIXES.get(suffix, "text")
    outcomes = _each_plan(args, _follow_up_one)
    tables: list[tuple[str, list[list[Cell]]]] = []
    titles = []
    for outcome in outcomes:
        if outcome.code == EXIT_OK:
            tables.append((outcome.name, outcome.data))
            titles.append(outcome.text)
        else:  # a plan's problems: beside the table, never inside the file written
            (sys.stderr if output else sys.stdout).write(outcome.text)
    code = max((o.code for o in outcomes), default=EXIT_OK)
    if not tables:
        return code
    rows = tables[0][1]
    if len(tables) > 1:
        # Several plans make one table, a column first naming each row's plan, so that CSV
        # stays one header and one kind of record.
        lang = resolve_lang(args.lang, "sv")
        rows = [[[word("follow.plan", lang)], *tables[0][1][0]]]
        rows.extend([[name], *row] for name, body in tables for row in body[1:])
    # The HTML caption: the plan's title, or the titles of the plans put together.
    text = format_rows(rows, format=fmt, caption="; ".join(titles))
    if output is None or output == STDIN:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        print(f"wrote {output}")
    return code


def _render_mermaid(args: argparse.Namespace, suffix: str) -> int:
    # Mermaid text needs no Graphviz; it has the chain only, not the structure.
    lang = resolve_lang(args.lang, "sv")
    if args.structure:
        raise UsageError(word("cli.mermaid.structure", lang))
    if args.focus_plan:
        raise UsageError(word("cli.mermaid.focus_plan", lang))
    model = _load(args)
    _write(args, suffix, render_mermaid(model, focus=args.focus, lang=args.lang).save)
    return _loaded(args, model)


def _convert(args: argparse.Namespace) -> int:
    _refuse_folder(args.source, args)
    for path, name in ((args.source, args.from_format), (args.target, args.to_format)):
        if name is None and path == STDIN:
            print(
                "insatslogik: - stands for standard input or output, which has no suffix: "
                "name the format with --from/--to",
                file=sys.stderr,
            )
            return EXIT_USAGE
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
        if STDIN in (args.source, args.target):
            _convert_piped(args, options)
            return EXIT_OK
        model = convert_read(
            args.source, format=args.from_format, strict=True if args.strict else None
        )
        _say_left_out(model, args.source, args)
        convert_write(model, args.target, format=args.to_format, **options)
    except ModelError as error:
        print(error)
        return EXIT_PROBLEMS
    print(f"wrote {args.target}")
    return EXIT_OK


def _convert_piped(args: argparse.Namespace, options: dict[str, Any]) -> None:
    """Convert from standard input, or to standard output (a text format), or both."""
    strict = True if args.strict else None
    if args.source != STDIN:
        model = convert_read(args.source, format=args.from_format, strict=strict)
    else:
        # Read as a file in the current folder, named <stdin>: the paths of `uses` are
        # relative to the current folder, as for YAML on standard input.
        data = sys.stdin.buffer.read()
        model = convert_reads(data, format=args.from_format, name=Input(STDIN).name, strict=strict)
    _say_left_out(model, args.source, args)
    if args.target == STDIN:
        fmt = FORMATS[args.to_format]
        if fmt.dumps is None:  # binary: refused, with what to do instead
            to_stdout(fmt.suffixes[0], lambda path: convert_write(model, path, format=fmt.name))
            return
        # Not through a file: the paths of `uses` are made relative to the current folder,
        # where what is printed is read, not to a temporary folder.
        text_to_stdout(convert_dumps(model, format=fmt.name, **options))
        return
    convert_write(model, args.target, format=args.to_format, **options)
    print(f"wrote {args.target}")


def _diff(args: argparse.Namespace) -> int:
    # Both versions are read before anything is said, so the problems of both are printed.
    models: list[Model] = []
    failed: list[ModelError] = []
    for path in (args.old, args.new):
        _refuse_folder(path, args)
    for path in (args.old, args.new):
        try:
            models.append(_read(Input(path), args))
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


def _exists(path: str) -> int:
    print(
        f"insatslogik: {path} already exists; nothing was written "
        "(give another name, or remove the file first)",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _new(args: argparse.Namespace) -> int:
    try:
        path = write_template(args.file, lang=args.lang)
    except FileExistsError:
        return _exists(args.file)
    print(f"wrote {path}; fill it in, then run: insatslogik check {path}")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from insatslogik.formats.excel import write_excel_template

    # A template is a starting point: written over a workbook someone has filled in, it
    # would lose their work, so an existing file (or a link, even a broken one) is refused.
    if os.path.lexists(args.excel):
        return _exists(args.excel)
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
    _file_argument(render)
    _portfolio_option(render)
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="OUT.svg, .png, .pdf or .dot (a diagram), .mmd (Mermaid) or .html (the interactive "
        "page); - for standard output (text only: svg, dot, mmd, html; name it with --to)",
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    render.add_argument(
        "--to",
        choices=["svg", "dot", "gv", "mmd", "html", "png", "pdf"],
        help="the format written to standard output with -o -",
    )
    render.add_argument("--focus", metavar="ID", help="draw only this node's chain, up and down")
    _lang_option(render, "the headings, numbers and tooltips")
    render.add_argument(
        "--cluster-by",
        choices=["project", "substrategy", "plan"],
        help="group nodes in boxes: per project, substrategy, or plan of a portfolio",
    )
    render.add_argument(
        "--focus-plan",
        metavar="PLAN",
        help="in a portfolio: draw only this plan (its id) and what its links join it to in "
        "other plans",
    )
    render.add_argument(
        "--page",
        "--paper",
        dest="paper",
        choices=["a4", "a3"],
        help="for a report: fit the chain diagram (.svg, .png, .pdf or .dot) on this page size, "
        "split per top goal and further (OUT-1.pdf, OUT-2.pdf, …) while a sheet would print "
        "under 8 pt (--paper: the same)",
    )
    render.add_argument(
        "--landscape",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --page: paper on its side (--no-landscape: upright; default: whichever "
        "gives the larger text)",
    )
    render.add_argument(
        "--show",
        action="append",
        choices=["actors", "factors"],
        default=[],
        help="add a layer to the chain diagram: actors (who performs the activities, a column "
        "at the left) or factors (challenges and factors, a column at the right); repeatable",
    )
    render.add_argument(
        "--no-highlight",
        dest="highlight",
        action="store_false",
        help="do not outline the boxes findings point at (orphans, dead ends, uncovered goals)",
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
    _strict_option(render)
    render.set_defaults(run=_render)


def _update_values(args: argparse.Namespace) -> int:
    """Fetch the values of the plan's indicators with a structured source; save unless --dry-run."""
    _refuse_folder(args.file, args)
    name = args.file.lower()
    if not name.endswith((".yaml", ".yml", ".json")) or name.endswith(".nodelink.json"):
        msg = f"update-values updates a plan file (.yaml, .yml or .json), not {args.file}"
        raise UsageError(msg)
    model = _load(args)
    updated, update = update_values(
        model, only=args.only, overwrite=args.overwrite, kolada_url=args.kolada_url
    )
    sys.stdout.write(update.to_text(lang=args.lang))
    failed = [item for item in update.indicators if item.failed is not None]
    if failed and len(failed) == len(update.indicators):
        print(
            "insatslogik: no values could be fetched: are you offline, or is the service down?",
            file=sys.stderr,
        )
    if update.changed and not args.dry_run:
        save(updated, args.file)
        print(f"wrote {args.file}")
    return EXIT_OK if update.ok else EXIT_PROBLEMS


def _update_values_parser(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    described = (
        "fetch the values of the indicators whose source names Kolada, PxWeb or JSON-stat, "
        "and add them to the plan; a value written by hand that differs is a conflict, kept"
    )
    parser = add_parser("update-values", help=described, description=described)
    parser.add_argument(
        "file", metavar="PLAN", help="the plan file to update (.yaml, .yml or .json)"
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    parser.add_argument(
        "--only",
        metavar="ID",
        action="append",
        help="update this indicator only (may be given more than once)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace values that differ from the service's (default: keep them, report a conflict)",
    )
    parser.add_argument(
        "--kolada-url",
        metavar="URL",
        default=os.environ.get("INSATSLOGIK_KOLADA_URL", KOLADA_API),
        help=f"Kolada's API address (default: $INSATSLOGIK_KOLADA_URL or {KOLADA_API})",
    )
    _lang_option(parser, "the report")
    parser.set_defaults(run=_update_values, stdin_format=None)


def _follow_up_parser(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    described = word("follow.help", "en")
    parser = add_parser("follow-up", help=described, description=described)
    parser.add_argument(
        "files",
        nargs="+",
        metavar="PLAN",
        help="plan files (any format convert reads), folders of plans (searched recursively), "
        "or - for standard input",
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    _from_option(parser)
    parser.add_argument("--year", type=int, metavar="YEAR", help=word("follow.help.year", "en"))
    parser.add_argument("--matrix", action="store_true", help=word("follow.help.matrix", "en"))
    parser.add_argument(
        "--format",
        choices=["text", "markdown", "html", "csv"],
        help=word("follow.help.format", "en"),
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help=word("follow.help.output", "en")
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    _lang_option(parser, "the headings and words")
    _strict_option(parser)
    parser.set_defaults(run=_follow_up)


def _check_options(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser, "the messages")
    _year_option(parser)
    parser.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding at this severity or above exists (default: error)",
    )
    parser.add_argument(
        "--select", metavar="CODES", type=_codes, help="only these codes, comma-separated"
    )
    parser.add_argument(
        "--ignore", metavar="CODES", type=_codes, help="leave out these codes, comma-separated"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="insatslogik",
        description="Check, measure and draw the intervention logic (insatslogik) of a plan.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show the traceback of an unexpected error (or set {_DEBUG_VARIABLE}=1)",
    )

    def command(
        name: str,
        run: Command,
        help_text: str,
        formats: tuple[str, ...],
        *,
        several: bool = True,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if several:
            sub.add_argument(
                "files",
                nargs="+",
                metavar="FILE",
                help="model files (.yaml, .yml or .json; or any format convert reads), folders "
                "of plans (searched recursively), or - for standard input",
            ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
            _from_option(sub)
        else:
            _file_argument(sub)
        _strict_option(sub)
        _portfolio_option(sub)
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
        "check",
        _check,
        "report the findings of every analysis; text: file:line:col: severity code message; "
        "github: workflow annotations; sarif: SARIF 2.1.0 for code scanning",
        ("text", "json", "markdown", "github", "sarif"),
    )
    _check_options(check_parser)
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
    _portfolio_parser(commands.add_parser)
    _update_values_parser(commands.add_parser)
    _follow_up_parser(commands.add_parser)

    table = command(
        "table",
        _table,
        "print the plan matrix or the indicator summary for a document",
        ("markdown", "html", "csv"),
        several=False,
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
    converter.add_argument(
        "source", metavar="IN", help="the file to read; - for standard input (with --from)"
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    converter.add_argument(
        "target",
        metavar="OUT",
        help="the file to write; - for standard output (a text format, with --to)",
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
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
    _strict_option(converter)
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
    _strict_option(differ)

    _template_parser(commands.add_parser)

    _new_and_schema_parsers(commands.add_parser)
    _completion_parser(commands.add_parser, parser)
    return parser


def _new_and_schema_parsers(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    new = add_parser(
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

    schema = add_parser("schema", help="print the JSON Schema of the model file format")
    schema.set_defaults(run=_schema)


#: The portfolio analyses the `portfolio` command runs, by the name given on the command line.
_PORTFOLIO_ANALYSES: Final = ("coverage", "contributions", "alignment", "chains", "roll-up")


def _portfolio_parser(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    described = (
        "analyse several plans together: coverage of goals by plan, each plan's contributions "
        "to shared goals, the alignment matrix, shared chains, or an indicator rolled up"
    )
    parser = add_parser("portfolio", help=described, description=described)
    parser.add_argument("analysis", choices=_PORTFOLIO_ANALYSES, help="the analysis to run")
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="plan files (.yaml, .yml or .json) and folders of plans, loaded as one portfolio",
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    parser.add_argument("--plan", help="coverage: only the goals of this plan")
    parser.add_argument(
        "--all-goals",
        action="store_true",
        help="contributions: to every goal, not only the shared ones",
    )
    parser.add_argument(
        "--indicator",
        action="append",
        metavar="ID",
        help="roll-up: the indicator (with those that match it), or give it several times for "
        "exactly those",
    )
    parser.add_argument(
        "--weight",
        action="append",
        metavar="ID=NUMBER",
        help="roll-up of indicators with aggregate weighted-mean: an indicator's weight (a "
        "population, a number of firms); give it once for each indicator",
    )
    parser.add_argument(
        "--format",
        choices=["text", "markdown", "html", "csv", "json"],
        default="text",
        help="output format (default: text)",
    )
    _lang_option(parser, "the words and numbers (JSON keeps its codes)")
    parser.set_defaults(run=_portfolio_analysis, portfolio=True)


def _weights(given: list[str], lang: Lang) -> dict[str, float]:
    """The weights of ``--weight ID=NUMBER``, by id; a decimal comma is read as a point.

    Raises:
        UsageError: for a weight without ``=``, an id or a number, one below zero, or a
            second weight for one id.
    """
    weights: dict[str, float] = {}
    for text in given:
        # The last `=`: an id holds none, but PLAN:id holds a colon.
        node_id, _, number = text.rpartition("=")
        try:
            value = float(number.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            value = math.nan
        if not node_id.strip() or not math.isfinite(value) or value < 0:
            raise UsageError(word("cli.weight.form", lang).format(given=text))
        if node_id.strip() in weights:
            # Two weights for one indicator: which one was meant cannot be guessed.
            raise UsageError(word("cli.weight.twice", lang).format(id=node_id.strip()))
        weights[node_id.strip()] = value
    return weights


def _check_weights(result: RollUp, weights: dict[str, float], lang: Lang) -> None:
    """Refuse weights a roll-up would pass over: of another indicator, or for no weighted mean."""
    strangers = [node_id for node_id in weights if node_id not in result.indicators]
    if strangers:
        raise UsageError(
            word("cli.weight.not_member", lang).format(
                ids=", ".join(strangers), members=", ".join(result.indicators)
            )
        )
    # A refused roll-up says why itself; weights are then beside the point.
    if result.refusal is None and result.method != "weighted-mean":
        method = word(f"rollup.method.{result.method}", lang)
        raise UsageError(word("cli.weight.not_weighted", lang).format(method=method))


def _known_indicators(model: Model, ids: list[str], lang: Lang) -> None:
    """Refuse an ``--indicator`` the portfolio has no node for, in the user's language."""
    for node_id in ids:
        if node_id in model:
            continue
        import difflib  # only for a helpful message

        close = difflib.get_close_matches(node_id, [node.id for node in model.nodes()], n=1)
        hint = word("cli.did_you_mean", lang).format(id=close[0]) if close else ""
        raise UsageError(word("cli.indicator.unknown", lang).format(id=node_id, hint=hint))


def _portfolio_analysis(args: argparse.Namespace) -> int:
    lang = resolve_lang(args.lang, "sv")
    if args.analysis == "roll-up" and not args.indicator:
        raise UsageError(word("cli.rollup.indicator", lang))
    if args.weight and args.analysis != "roll-up":
        raise UsageError(word("cli.weight.roll_up_only", lang))
    weights = _weights(args.weight or [], lang)
    try:
        model = _read_portfolio(args.files, args, strict=False)
    except ModelError as error:
        print(error)
        return EXIT_PROBLEMS
    for problem in plan_problems(model):
        print(problem, file=sys.stderr)
    refused = False
    if args.analysis == "coverage":
        result: Any = portfolio_coverage(model, plan=args.plan)
    elif args.analysis == "contributions":
        result = contribution_table(model, shared_only=not args.all_goals)
    elif args.analysis == "alignment":
        result = alignment_matrix(model)
    elif args.analysis == "chains":
        result = shared_chains(model)
    else:
        _known_indicators(model, args.indicator, resolve_lang(args.lang, model.language))
        wanted = args.indicator[0] if len(args.indicator) == 1 else args.indicator
        result = roll_up(model, wanted, weights=weights)
        if weights:
            _check_weights(result, weights, resolve_lang(args.lang, model.language))
        refused = result.refusal is not None
    if args.format == "json":
        sys.stdout.write(result.to_json())
    elif args.format == "text":
        sys.stdout.write(result.to_text(lang=args.lang))
    else:
        sys.stdout.write(render_portfolio_table(result, format=args.format, lang=args.lang))
    # A refused roll-up is a finding about the plans, as a failed check is.
    return EXIT_PROBLEMS if refused or plan_problems(model) else EXIT_OK


def _template_parser(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    template = add_parser(
        "template", help="write an empty workbook to fill in (goals, activities, indicators, …)"
    )
    template.add_argument(
        "--excel", required=True, metavar="OUT.xlsx", help="the workbook to write"
    )
    template.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of headings (default: sv)"
    )
    template.set_defaults(run=_template)


def _completion_parser(
    add_parser: Callable[..., argparse.ArgumentParser], parser: argparse.ArgumentParser
) -> None:
    completion = add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description="Print a script that completes insatslogik's commands, options and files "
        "in bash or zsh. bash: insatslogik completion bash > "
        "~/.local/share/bash-completion/completions/insatslogik; zsh: insatslogik completion "
        "zsh > ~/.zfunc/_insatslogik (with ~/.zfunc in fpath).",
    )
    completion.add_argument("shell", choices=["bash", "zsh"], help="the shell")
    completion.set_defaults(run=lambda args: _completion(parser, args))


# shtab's way of saying "complete file names here", without importing shtab for every command.
_FILE_COMPLETION: Final = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="a model file (.yaml, .yml or .json), or - for standard input"
    ).complete = _FILE_COMPLETION  # type: ignore[attr-defined]
    _from_option(parser)


def _from_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="stdin_format",
        choices=["yaml", "json"],
        help="the format of standard input, read for - (default: yaml)",
    )


def _completion(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return EXIT_OK


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


def _portfolio_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--portfolio",
        action="store_true",
        help="load the files and folders as one portfolio: the plans together, each node's id "
        "qualified by its plan (PLAN:id); without it each file is loaded and analysed on its own",
    )


def _strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse an IATI, node-link or Excel file with any problem, instead of leaving out "
        "what cannot be read (IATI is read leniently unless told; YAML and JSON always strictly)",
    )


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


class _Shown:
    """A text stream that writes what it is given with its control characters made visible.

    Titles come from files written by anyone, and an escape sequence printed raw can rewrite
    the user's terminal: everything the command line prints goes through here. Files it
    writes (`-o`, `convert`) keep every character, escaped as their format requires.
    """

    def __init__(self, stream: TextIO, show: Callable[[str], str]) -> None:
        self._stream = stream
        self._show = show

    def write(self, text: str) -> int:
        return self._stream.write(self._show(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: the process arguments); return the exit code.

    Args:
        argv: the arguments after the program name, as a shell would split them; None for
            ``sys.argv[1:]``.

    Returns:
        The exit code: 0 when all is well, 1 when a model has problems (or findings at the
        ``--fail-on`` level), 2 for a usage error such as a missing file, 3 for an error in
        insatslogik itself (a bug); for several files, the worst of them.

    >>> import tempfile, pathlib
    >>> plan = pathlib.Path(tempfile.mkdtemp(), "plan.yaml")
    >>> _ = plan.write_text('''insatslogik: 1
    ... title: Kraftsamling digitalisering
    ... nodes:
    ...   - {id: mal, kind: goal, title: Fler företag digitaliseras}
    ...   - {id: akt, kind: activity, title: Rådgivning till SMF, contributes_to: [mal]}
    ... ''', encoding="utf-8")
    >>> main(["check", str(plan), "--select", "unmeasured-goal", "--fail-on", "warning"])  # doctest: +ELLIPSIS
    /.../plan.yaml:4:5: varning unmeasured-goal Målet «Fler företag digitaliseras» (mal) har ingen indikator: lägg till measured_by med en indikator som visar om målet nås.
    1 fynd: 0 fel, 1 varning, 0 info
    1
    >>> main(["check", "saknas.yaml"])  # "no such file" goes to standard error
    2
    """
    _printable_streams()
    args = _parser().parse_args(argv)
    # JSON keeps DEL and C1 controls in its strings, where an escape is the same character.
    show = json_visible if getattr(args, "format", None) == "json" else visible
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Shown(out, show)), cast(TextIO, _Shown(err, visible))
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("insatslogik: interrupted", file=sys.stderr)
        return 130  # as a shell reports a command stopped by Ctrl-C
    except BrokenPipeError:
        # The reader of the output went away (`| head`): nothing more to say, nowhere to say it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return EXIT_PROBLEMS
    except Exception as error:  # the one place that turns any failure into words
        if args.debug or os.environ.get(_DEBUG_VARIABLE, "") not in ("", "0"):
            traceback.print_exc()
        print(
            f"insatslogik: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in insatslogik: please report it with the command you ran "
            f"(run again with --debug or {_DEBUG_VARIABLE}=1 for the traceback).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; every failure the library foresees becomes a message and a code."""
    run: Command = args.run
    try:
        return run(args)
    except _LoadFailedError:
        return EXIT_PROBLEMS
    except KeyError as error:  # --focus names no node
        print(f"insatslogik: {error.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except WriteError as error:
        return _cannot_write(error.filename, error)
    except InsatslogikError as error:
        # An unknown suffix, a missing optional part (Graphviz's `dot`, a browser), …
        print(f"insatslogik: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ImportError as error:  # an optional part that is not installed
        module = (error.name or "").partition(".")[0]
        package = _PACKAGES.get(module, module)
        print(
            f"insatslogik: this needs the Python package {package}, which is not installed: "
            f"pip install {package}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except FileNotFoundError as error:
        print(f"insatslogik: no such file: {error.filename}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        print(f"insatslogik: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
