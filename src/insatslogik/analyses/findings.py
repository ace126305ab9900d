"""Findings: one `Finding`, and the `Report` that `check` returns.

The codes and their severities are in :mod:`insatslogik.codes`.

>>> finding = Finding(Code.UNMEASURED_GOAL, "Målet «Fler företag» (mal) har ingen indikator.", ("mal",))
>>> finding.severity, finding.to_dict()["code"]
(<Severity.WARNING: 'warning'>, 'unmeasured-goal')
>>> report = Report((finding,), title="Exempel")
>>> report.fails(Severity.WARNING), report.fails(Severity.ERROR)
(True, False)
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from insatslogik.analyses._diff_output import github_command
from insatslogik.analyses.plaintext import markdown_text
from insatslogik.analyses.tabular import REPR_LINES, data_frame, json_document, short_repr
from insatslogik.codes import CATALOGUE, Code, Severity
from insatslogik.errors import Problem
from insatslogik.i18n import Lang, counted, resolve_lang, severity_name, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["REPR_LINES", "Finding", "Report", "sarif_log"]


@dataclass(frozen=True, eq=True)
class Finding:
    """One finding: a stable code, a message for people, and the ids of the nodes involved.

    The first node is the subject (the node to change); findings sort by severity, code and
    nodes, so reports read the same on every run. :attr:`location` is where the subject (or,
    for a finding about a link, the link entry) was written, when the model came from a file;
    `where` is that place, or a function that finds it when first asked (a JSON plan's places
    and link entries cost one more reading of the file, which only output that shows them pays).
    """

    code: Code
    message: str
    nodes: tuple[str, ...]
    where: Problem | Callable[[], Problem | None] | None = field(
        default=None, compare=False, repr=False, kw_only=True
    )
    severity: Severity = field(init=False)

    @property
    def location(self) -> Problem | None:
        r"""Where the finding is: the file, line and column of its node or link entry, if known.

        Returns:
            The place as a :class:`insatslogik.Problem` (print it for ``file:line:column``), or
            None for a model built in Python.

        >>> import insatslogik as il
        >>> model = il.loads("insatslogik: 1\ntitle: T\nnodes:\n  - {id: mal, kind: goal, title: Mål}\n", name="plan.yaml")
        >>> print(il.check(model, select=["unmeasured-goal"]).findings[0].location)
        plan.yaml:4:5: goal 'mal'
        """
        where = self.where
        if callable(where):
            where = where()
            object.__setattr__(self, "where", where)  # found once, kept
        return where

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", Code(self.code))
        object.__setattr__(self, "severity", CATALOGUE[self.code].severity)

    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        """The order of findings in a report: most serious first, then by code, nodes and message.

        Returns:
            The severity's rank (0 for an error), the code, the nodes and the message.

        >>> info = Finding(Code.NO_ACTOR, "Ingen aktör genomför aktiviteten «Mässa» (massa).", ("massa",))
        >>> warning = Finding(Code.ORPHAN_ACTIVITY, "Aktiviteten «Mässa» (massa) leder inte till något mål.", ("massa",))
        >>> [finding.code.value for finding in sorted([info, warning], key=Finding.sort_key)]
        ['orphan-activity', 'no-actor']
        >>> warning.sort_key()[:3]
        (1, 'orphan-activity', ('massa',))
        """
        return (self.severity.rank, self.code.value, self.nodes, self.message)

    def __lt__(self, other: Finding) -> bool:
        return self.sort_key() < other.sort_key()

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data: code, severity, message, nodes, file, line, column.

        Returns:
            A dict of plain strings, a list of node ids, and the place (None where unknown).

        >>> Finding(Code.UNMEASURED_GOAL, "Målet «Fler företag» (mal) har ingen indikator.", ("mal",)).to_dict()
        {'code': 'unmeasured-goal', 'severity': 'warning', 'message': 'Målet «Fler företag» (mal) har ingen indikator.', 'nodes': ['mal'], 'file': None, 'line': None, 'column': None}
        """
        where = self.location
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "message": self.message,
            "nodes": list(self.nodes),
            "file": None if where is None else where.file,
            "line": None if where is None else where.line,
            "column": None if where is None else where.column,
        }


@dataclass(frozen=True)
class Report:
    """The findings of :func:`insatslogik.check`, sorted most serious first.

    Renders as text, JSON, Markdown, a list of dicts, and HTML in Jupyter. `lang` is the
    language its messages were written in (the model's, unless `check` was asked for
    another); the words of the text and Markdown around them follow it.
    """

    findings: tuple[Finding, ...]
    title: str = ""
    lang: Lang = "sv"

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(sorted(self.findings)))

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        counts = ", ".join(f"{severity} {count}" for severity, count in self.counts().items())
        lines = [f"{f.severity.value} {f.code.value}: {', '.join(f.nodes)}" for f in self.findings]
        summary = f"{len(self.findings)} findings ({counts})"
        return short_repr(f"Report {self.title!r}", summary, lines)

    def codes(self) -> list[str]:
        """The codes found, each once, in report order.

        Returns:
            The codes as plain strings, most serious first.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> report = il.check(model)
        >>> report.codes()
        ['dead-end', 'orphan-activity', 'no-actor', 'unowned-activity']
        """
        return list(dict.fromkeys(f.code.value for f in self.findings))

    def counts(self) -> dict[str, int]:
        """How many findings of each severity.

        Returns:
            ``{"error": n, "warning": n, "info": n}``, every severity present, in that order.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> report = il.check(model)
        >>> report.counts()
        {'error': 0, 'warning': 2, 'info': 2}
        """
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def fails(self, level: Severity | str) -> bool:
        """Whether any finding is at `level` or more serious (what `--fail-on` tests).

        Args:
            level: ``error``, ``warning`` or ``info``, or a `Severity`.

        Returns:
            True when a finding is that serious or more.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> report = il.check(model)
        >>> report.fails("warning"), report.fails(Severity.ERROR)
        (True, False)
        """
        return any(f.severity.at_least(level) for f in self.findings)

    def filter(self, *, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> Report:
        """A report with only the `select`ed codes (all if None) and none of the `ignore`d ones.

        Args:
            select: codes to keep; None for all.
            ignore: codes to leave out.

        Returns:
            A new report with the same title and language; this one is unchanged.

        Raises:
            UsageError: for a code that is not in the catalogue.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> report = il.check(model)
        >>> report.filter(ignore=["no-actor", "unowned-activity"]).codes()
        ['dead-end', 'orphan-activity']
        >>> len(report.filter(select=["cycle"]))
        0
        """
        chosen = None if select is None else {Code(code) for code in select}
        dropped = {Code(code) for code in ignore}
        kept = (
            f
            for f in self.findings
            if (chosen is None or f.code in chosen) and f.code not in dropped
        )
        return Report(tuple(kept), title=self.title, lang=self.lang)

    def to_records(self) -> list[dict[str, Any]]:
        """The findings as a list of plain dicts (code, severity, message, nodes).

        Returns:
            One dict per finding, in report order, as :meth:`Finding.to_dict` gives it.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> report = il.check(model)
        >>> [(record["code"], record["severity"], record["nodes"]) for record in report.to_records()][:2]
        [('dead-end', 'warning', ['massa']), ('orphan-activity', 'warning', ['massa'])]
        """
        return [finding.to_dict() for finding in self.findings]

    def to_dataframe(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame: one row per finding, in report order.

        Columns ``code``, ``severity`` (the codes, as in JSON), ``message``, ``nodes`` (a
        list of ids, the subject first) and the place of the finding, ``file``, ``line`` and
        ``column`` (empty for a model built in Python); the index counts from 0, since a node
        may have several findings. Needs pandas (``pip install 'insatslogik[pandas]'``).

        Returns:
            The DataFrame.

        Raises:
            MissingDependencyError: when pandas is not installed.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> frame = il.check(model).to_dataframe()
        >>> frame[["code", "severity"]].head(2).to_dict("records")
        [{'code': 'dead-end', 'severity': 'warning'}, {'code': 'orphan-activity', 'severity': 'warning'}]
        >>> frame["nodes"][0]
        ['massa']
        """
        columns = ["code", "severity", "message", "nodes", "file", "line", "column"]
        return data_frame(self.to_records(), columns, index=None, purpose="Report.to_dataframe()")

    def to_json(self) -> str:
        """The report as JSON, for programs and CI: its title, the counts and every finding.

        Returns:
            ``{"format": "insatslogik-report", "version": 1, "title", "counts", "findings"}``,
            indented, non-ASCII letters as they are, ending in a newline.

        >>> import json, insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> data = json.loads(il.check(model).to_json())
        >>> data["format"], data["title"], data["counts"], data["findings"][0]["code"]
        ('insatslogik-report', 'Evenemang', {'error': 0, 'warning': 2, 'info': 2}, 'dead-end')
        """
        fields = {"title": self.title, "counts": self.counts(), "findings": self.to_records()}
        return json_document("insatslogik-report", fields)

    def to_text(self, *, lang: Lang | None = None) -> str:
        """The report for a terminal: grouped by severity, then code, with a count line last.

        Args:
            lang: the language of the severities and the count line; None for the report's
                own (that of its messages). Codes and messages are as found.

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Digitaliseringsmässa")], title="Evenemang")
        >>> print(il.check(model, select=["no-actor"]).to_text(), end="")
        info: no-actor
          - Ingen aktör genomför aktiviteten «Digitaliseringsmässa» (massa): lägg till performed_by på aktiviteten eller på dess projekt.
        1 fynd: 0 fel, 0 varningar, 1 info
        >>> print(Report((), lang="en").to_text(), end="")
        0 findings: 0 errors, 0 warnings, 0 info
        """
        language = resolve_lang(lang, self.lang)
        lines: list[str] = []
        current: tuple[Severity, Code] | None = None
        for finding in self.findings:
            if (finding.severity, finding.code) != current:
                current = (finding.severity, finding.code)
                lines.append(f"{severity_name(finding.severity, language)}: {finding.code.value}")
            lines.append(f"  - {finding.message}")
        lines.append(self.summary(lang=language))
        return "\n".join(lines) + "\n"

    def summary(self, *, lang: Lang | None = None) -> str:
        """The count line: how many findings, and how many of each severity.

        Args:
            lang: the language of the words; None for the report's own.

        Returns:
            One line without a newline.

        >>> print(Report((), lang="en").summary())
        0 findings: 0 errors, 0 warnings, 0 info
        """
        language = resolve_lang(lang, self.lang)
        counts = self.counts()
        total, *by_severity = (
            counted(count, noun, language)
            for count, noun in (
                (len(self.findings), "finding"),
                (counts["error"], "error"),
                (counts["warning"], "warning"),
                (counts["info"], "info"),
            )
        )
        return f"{total}: {', '.join(by_severity)}"

    def to_lines(self, *, lang: Lang | None = None, summary: bool = True) -> str:
        """One line per finding, as ruff and compilers write them: ``file:line:col: severity code message``.

        Editors and terminals turn the place into a link. A finding whose place is unknown (a
        model built in Python) starts at its severity.

        Args:
            lang: the language of the severities and the count line; None for the report's own.
            summary: end with the count line (:meth:`summary`).

        Returns:
            Lines ending in a newline.

        >>> import insatslogik as il
        >>> model = il.loads('''
        ... insatslogik: 1
        ... title: Evenemang
        ... nodes:
        ...   - {id: massa, kind: activity, title: Digitaliseringsmässa}
        ... ''', name="plan.yaml")
        >>> print(il.check(model, select=["no-actor"]).to_lines(), end="")
        plan.yaml:5:5: info no-actor Ingen aktör genomför aktiviteten «Digitaliseringsmässa» (massa): lägg till performed_by på aktiviteten eller på dess projekt.
        1 fynd: 0 fel, 0 varningar, 1 info
        """
        language = resolve_lang(lang, self.lang)
        lines = [
            f"{_place(f.location)}{severity_name(f.severity, language)} {f.code.value} {f.message}"
            for f in self.findings
        ]
        if summary:
            lines.append(self.summary(lang=language))
        return "".join(line + "\n" for line in lines)

    def to_github(self) -> str:
        """The findings as GitHub Actions workflow commands, which annotate the files in a pull request.

        Errors become ``::error``, warnings ``::warning`` and info ``::notice``, each at the
        finding's file, line and column, titled with its code; ``%``, carriage returns and
        newlines are escaped as GitHub requires.

        Returns:
            One command a line, each ending in a newline.

        >>> import insatslogik as il
        >>> model = il.loads('''
        ... insatslogik: 1
        ... title: Evenemang
        ... nodes:
        ...   - {id: massa, kind: activity, title: 100% digitalt}
        ... ''', name="plan.yaml")
        >>> print(il.check(model, select=["no-actor"]).to_github(), end="")
        ::notice file=plan.yaml,line=5,col=5,title=no-actor::Ingen aktör genomför aktiviteten «100%25 digitalt» (massa): lägg till performed_by på aktiviteten eller på dess projekt.
        """
        return "".join(
            github_command(_GITHUB_LEVELS[f.severity], f.message, f.location, title=f.code.value)
            + "\n"
            for f in self.findings
        )

    def to_sarif(self) -> str:
        """The report as a SARIF 2.1.0 log, which code-scanning tools read: :func:`sarif_log`.

        Returns:
            The log as indented JSON, ending in a newline.

        >>> import json, insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Mässa")], title="Evenemang")
        >>> log = json.loads(il.check(model, select=["no-actor"]).to_sarif())
        >>> log["version"], log["runs"][0]["results"][0]["ruleId"]
        ('2.1.0', 'no-actor')
        """
        return sarif_log([self])

    def to_markdown(self, *, lang: Lang | None = None) -> str:
        r"""The report as a Markdown table: severity | code | message | nodes.

        Args:
            lang: the language of the headings and severities; None for the report's own.

        Returns:
            The table, ending in a newline.

        >>> import insatslogik as il
        >>> model = il.Model([il.Activity(id="massa", title="Mässa")], title="Evenemang")
        >>> print(il.check(model, select=["unowned-activity"]).to_markdown(), end="")
        | allvarlighet | kod | meddelande | noder |
        |---|---|---|---|
        | info | `unowned-activity` | Aktiviteten «Mässa» (massa) är inte del av något projekt eller någon strategi: lägg till part\_of. | `massa` |
        """
        language = resolve_lang(lang, self.lang)
        heads = [
            word(f"report.{key}", language) for key in ("severity", "code", "message", "nodes")
        ]
        rows = ["| " + " | ".join(heads) + " |", "|---|---|---|---|"]
        for f in self.findings:
            cells = [
                severity_name(f.severity, language),
                f"`{f.code.value}`",
                markdown_text(f.message),
                ", ".join(f"`{n}`" for n in f.nodes),
            ]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows) + "\n"

    def _repr_html_(self) -> str:
        lang = self.lang
        heads = (word(f"report.{key}", lang) for key in ("severity", "code", "message", "nodes"))
        head = "<tr>" + "".join(f"<th>{html.escape(text)}</th>" for text in heads) + "</tr>"
        body = "".join(
            f"<tr><td>{html.escape(severity_name(f.severity, lang))}</td><td><code>{f.code.value}</code></td>"
            f"<td style='text-align:left'>{html.escape(f.message)}</td><td>{html.escape(', '.join(f.nodes))}</td></tr>"
            for f in self.findings
        )
        caption = html.escape(f"{self.title}: {counted(len(self.findings), 'finding', lang)}")
        return (
            f"<table><caption>{caption}</caption><thead>{head}</thead><tbody>{body}</tbody></table>"
        )


_GITHUB_LEVELS: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}
_SARIF_LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The rule of a plan that cannot be loaded: not a finding of the catalogue, but CI must see it.
_INVALID_PLAN: Final = "invalid-plan"
_SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"


def _place(location: Problem | None) -> str:
    """``file:line:col: `` of a place, as much of it as is known."""
    if location is None or location.file is None:
        return ""
    parts = [str(part) for part in (location.file, location.line, location.column) if part]
    return ":".join(parts) + ": "


def sarif_log(reports: Iterable[Report], *, problems: Iterable[Problem] = ()) -> str:
    """The findings of several reports (one per file, say) as one SARIF 2.1.0 log.

    One run of the tool ``insatslogik``, whose rules are the catalogue's codes; each result
    names its rule, its level (``error``, ``warning``, or ``note`` for info), its message and,
    when known, the file, line and column of its node or link entry. The problems of plans
    that could not be loaded are results of the rule ``invalid-plan``, at level ``error``.

    Args:
        reports: the reports, in the order their results are to appear.
        problems: the problems of files that could not be loaded (a :class:`ModelError`'s).

    Returns:
        The log as indented JSON, ending in a newline.

    >>> import json, insatslogik as il
    >>> model = il.loads('''
    ... insatslogik: 1
    ... title: Evenemang
    ... nodes:
    ...   - {id: massa, kind: activity, title: Mässa}
    ... ''', name="plan.yaml")
    >>> log = json.loads(sarif_log([il.check(model, select=["no-actor"])]))
    >>> result = log["runs"][0]["results"][0]
    >>> result["level"], result["locations"][0]["physicalLocation"]["region"]
    ('note', {'startLine': 5, 'startColumn': 5})
    """
    from importlib import metadata

    try:
        version = metadata.version("insatslogik")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        version = "0"
    rules = [
        {
            "id": code.value,
            "name": code.value,
            "shortDescription": {"text": info.summary},
            "defaultConfiguration": {"level": _SARIF_LEVELS[info.severity]},
        }
        for code, info in CATALOGUE.items()
    ]
    rules.append(
        {
            "id": _INVALID_PLAN,
            "name": _INVALID_PLAN,
            "shortDescription": {"text": "the plan cannot be loaded"},
            "defaultConfiguration": {"level": "error"},
        }
    )
    rule_index = {code: number for number, code in enumerate(CATALOGUE)}
    results = [
        _sarif_result(
            finding.code.value,
            rule_index[finding.code],
            level=_SARIF_LEVELS[finding.severity],
            message=finding.message,
            where=finding.location,
            properties={"nodes": list(finding.nodes)},
        )
        for report in reports
        for finding in report.findings
    ]
    results.extend(
        _sarif_result(
            _INVALID_PLAN, len(CATALOGUE), level="error", message=problem.message, where=problem
        )
        for problem in problems
    )
    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "insatslogik",
                        "version": version,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_result(
    rule: str,
    rule_index: int,
    *,
    level: str,
    message: str,
    where: Problem | None,
    properties: dict[str, Any] | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": message},
    }
    if properties:
        result["properties"] = properties
    if where is not None and where.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(where.file)}}
        if where.line:
            region = {"startLine": where.line}
            if where.column:
                region["startColumn"] = where.column
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    return result


def _uri(path: str) -> str:
    # SARIF wants a URI reference: forward slashes, spaces and the like percent-encoded.
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))
