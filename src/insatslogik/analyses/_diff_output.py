"""How a `ModelDiff` is written: text, Markdown, HTML and GitHub workflow commands.

Each kind of change becomes a section of items; each item is made of plain text and codes (ids,
finding codes, field names), which Markdown and HTML mark as code and text leaves as they are.
One list of sections feeds every output, so they always say the same.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from insatslogik.analyses.plaintext import markdown_text, one_line, visible
from insatslogik.errors import Problem
from insatslogik.i18n import Lang, kind_name, percent, quantity, severity_name, status_name, word

if TYPE_CHECKING:
    from insatslogik.analyses.changes import FieldChange, ModelDiff
    from insatslogik.analyses.findings import Finding

__all__ = ["github_command", "github_lines", "html_of", "markdown_of", "text_of"]

#: A piece of an item's line: (True, a code) or (False, plain text).
Piece = tuple[bool, str]


@dataclass(frozen=True)
class _Item:
    mark: str  # + added, - removed, ~ changed
    pieces: tuple[Piece, ...]
    details: tuple[tuple[str, str, str], ...] = ()  # field, old, new
    anchor: str | None = None  # the node that locates the item
    level: str = "notice"  # its GitHub command


def _value(value: Any) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False)


def _details(fields: tuple[FieldChange, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple((f.field, _value(f.old), _value(f.new)) for f in fields)


def _node(kind: str, node_id: str, title: str, lang: Lang) -> tuple[Piece, ...]:
    return ((False, f"{kind_name(kind, lang)} "), (True, node_id), (False, f" «{title}»"))


def _link(source: str, target: str, edge: str) -> tuple[Piece, ...]:
    return (
        (True, source),
        (False, " → "),
        (True, target),
        (False, " ("),
        (True, edge),
        (False, ")"),
    )


def _finding(finding: Finding, lang: Lang) -> tuple[Piece, ...]:
    return (
        (False, f"{severity_name(finding.severity, lang)} "),
        (True, finding.code.value),
        (False, f": {finding.message}"),
    )


def _target(target: dict[str, Any] | None, unit: str | None, lang: Lang) -> str:
    if target is None:
        return "—"
    year = f" ({target['year']})" if target.get("year") is not None else ""
    if target.get("value") is not None:
        text = quantity(target["value"], unit, lang)
    else:
        text = word(f"rule.{target.get('rule')}", lang).format(
            comparison=target.get("relative_to"), since=target.get("since")
        )
    owner = f"{target['set_by']}: " if target.get("set_by") else ""
    return f"{owner}{text}{year}"


def _sections(d: ModelDiff, lang: Lang) -> list[tuple[str, list[_Item]]]:
    sections: list[tuple[str, list[_Item]]] = [
        (
            "diff.header",
            [
                _Item(
                    "~",
                    (
                        (True, f.field),
                        (False, ": "),
                        (True, _value(f.old)),
                        (False, " → "),
                        (True, _value(f.new)),
                    ),
                )
                for f in d.header
            ],
        ),
        (
            "diff.added",
            [_Item("+", _node(n.kind, n.id, n.title, lang), anchor=n.id) for n in d.added],
        ),
        (
            "diff.removed",
            [_Item("-", _node(n.kind, n.id, n.title, lang), anchor=n.id) for n in d.removed],
        ),
        (
            "diff.changed",
            [
                _Item("~", _node(c.kind, c.id, c.title, lang), _details(c.fields), c.id)
                for c in d.changed
            ],
        ),
        (
            "diff.links_added",
            [_Item("+", _link(k.source, k.target, k.edge), anchor=k.source) for k in d.links_added],
        ),
        (
            "diff.links_removed",
            [
                _Item("-", _link(k.source, k.target, k.edge), anchor=k.source)
                for k in d.links_removed
            ],
        ),
        (
            "diff.links_changed",
            [
                _Item("~", _link(c.source, c.target, c.edge), _details(c.fields), c.source)
                for c in d.links_changed
            ],
        ),
    ]
    renames = []
    for r in d.renames:
        reasons = []
        if r.title_similarity >= 1:
            reasons.append(word("diff.same_title", lang))
        else:
            reasons.append(
                f"{word('diff.title_similarity', lang)} {percent(r.title_similarity, lang)}"
            )
        if r.same_links:
            reasons.append(word("diff.same_links", lang))
        pieces = (
            (True, r.old),
            (False, " → "),
            (True, r.new),
            (False, f" ({kind_name(r.kind, lang)}: {', '.join(reasons)})"),
        )
        renames.append(_Item("~", pieces, anchor=r.new))
    sections.append(("diff.renames", renames))
    sections.append(
        (
            "diff.findings_appeared",
            [
                _Item(
                    "+", _finding(f, lang), anchor=f.nodes[0] if f.nodes else None, level=_level(f)
                )
                for f in d.findings_appeared
            ],
        )
    )
    sections.append(
        (
            "diff.findings_disappeared",
            [
                _Item("-", _finding(f, lang), anchor=f.nodes[0] if f.nodes else None)
                for f in d.findings_disappeared
            ],
        )
    )
    sections.append(
        (
            "diff.coverage",
            [
                _Item(
                    "~",
                    (
                        (True, c.goal),
                        (
                            False,
                            f" «{c.title}»: {status_name(c.old, lang)} → {status_name(c.new, lang)}",
                        ),
                    ),
                    anchor=c.goal,
                )
                for c in d.coverage
            ],
        )
    )
    indicators = []
    for i in d.indicators:
        said = []
        if i.old_target != i.new_target:
            said.append(
                f"{word('diff.target', lang)} {_target(i.old_target, i.unit, lang)}"
                f" → {_target(i.new_target, i.unit, lang)}"
            )
        if i.old_status != i.new_status:
            said.append(
                f"{word('diff.status', lang)} {status_name(i.old_status, lang)}"
                f" → {status_name(i.new_status, lang)}"
            )
        said_pieces: tuple[Piece, ...] = (
            (True, i.indicator),
            (False, f" «{i.title}»: {'; '.join(said)}"),
        )
        indicators.append(_Item("~", said_pieces, anchor=i.indicator))
    sections.append(("diff.indicators", indicators))
    return [(key, items) for key, items in sections if items]


def _level(finding: Finding) -> str:
    # A new error or warning is annotated as such; a new info finding is a notice.
    return {"error": "error", "warning": "warning"}.get(finding.severity.value, "notice")


def _title_line(d: ModelDiff, lang: Lang) -> str:
    titles = (
        f"«{d.old_title}»" if d.old_title == d.new_title else f"«{d.old_title}» → «{d.new_title}»"
    )
    return f"{word('diff.heading', lang)}: {titles}"


def _plain(pieces: tuple[Piece, ...]) -> str:
    return "".join(text for _, text in pieces)


def text_of(d: ModelDiff, lang: Lang) -> str:
    """The diff for a terminal: a title line, then each section with its count."""
    lines = [_title_line(d, lang)]
    sections = _sections(d, lang)
    if not sections:
        lines.append(word("diff.none", lang))
    for key, items in sections:
        lines += ["", f"{word(key, lang)} ({len(items)})"]
        for item in items:
            lines.append(f"  {item.mark} {_plain(item.pieces)}")
            lines += [f"      {name}: {old} → {new}" for name, old, new in item.details]
    return "\n".join(lines) + "\n"


def _md_code(text: str) -> str:
    # A code span holding backticks needs a longer fence, and spaces if it starts or ends in one;
    # a line break would end the list item, a control character reach the terminal.
    text = visible(one_line(text))
    fence = "`"
    while fence in text:
        fence += "`"
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def _md_text(text: str) -> str:
    # Titles are plain text: characters Markdown would read as markup are escaped.
    return markdown_text(text)


def _md(pieces: tuple[Piece, ...]) -> str:
    return "".join(_md_code(text) if code else _md_text(text) for code, text in pieces)


def markdown_of(d: ModelDiff, lang: Lang) -> str:
    """The diff as Markdown: a level-2 heading, a level-3 heading and a list per section."""
    lines = [f"## {_md_text(_title_line(d, lang))}"]
    sections = _sections(d, lang)
    if not sections:
        lines += ["", word("diff.none", lang)]
    for key, items in sections:
        lines += ["", f"### {word(key, lang)} ({len(items)})", ""]
        for item in items:
            lines.append(f"- {_md(item.pieces)}")
            lines += [
                f"  - {_md_code(name)}: {_md_code(old)} → {_md_code(new)}"
                for name, old, new in item.details
            ]
    return "\n".join(lines) + "\n"


def _html(pieces: tuple[Piece, ...]) -> str:
    return "".join(
        f"<code>{html.escape(text)}</code>" if code else html.escape(text) for code, text in pieces
    )


def html_of(d: ModelDiff, lang: Lang) -> str:
    """The diff as an HTML fragment for Jupyter: a heading and a list per section."""
    parts = [f"<div><strong>{html.escape(_title_line(d, lang))}</strong>"]
    sections = _sections(d, lang)
    if not sections:
        parts.append(f"<p>{html.escape(word('diff.none', lang))}</p>")
    for key, items in sections:
        parts.append(f"<p><em>{html.escape(word(key, lang))} ({len(items)})</em></p><ul>")
        for item in items:
            details = "".join(
                f"<li><code>{html.escape(name)}</code>: <code>{html.escape(old)}</code>"
                f" → <code>{html.escape(new)}</code></li>"
                for name, old, new in item.details
            )
            parts.append(f"<li>{_html(item.pieces)}{f'<ul>{details}</ul>' if details else ''}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _where(location: Problem | None) -> tuple[list[str], str]:
    """The command's file, line and col properties, and a prefix for the message."""
    if location is None or location.file is None:
        return [], ""
    file = f"file={_escape_property(location.file)}"
    if location.sheet is not None:  # a workbook: name the cell, since GitHub shows text lines
        return [file], f"{location.cell}: "
    found = [file]
    if location.line is not None:
        found.append(f"line={location.line}")
        if location.column is not None:
            found.append(f"col={location.column}")
    return found, ""


def github_command(
    level: str, message: str, location: Problem | None = None, *, title: str | None = None
) -> str:
    """One GitHub workflow command (``::error``, ``::warning``, ``::notice``) at a place, if known."""
    properties, prefix = _where(location)
    if title is not None:
        properties.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(prefix + message)}"


def github_lines(d: ModelDiff, lang: Lang) -> str:
    """The diff as GitHub workflow commands, one per item, located at the item's node."""
    lines = []
    for key, items in _sections(d, lang):
        for item in items:
            location = None if item.anchor is None else d.locations.get(item.anchor)
            if location is None and d.new_source is not None:
                location = Problem(d.new_source, None, None, "")  # the plan as a whole
            message = _plain(item.pieces)
            if item.details:
                message += ": " + "; ".join(f"{n}: {o} → {v}" for n, o, v in item.details)
            lines.append(github_command(item.level, message, location, title=word(key, lang)))
    return "".join(line + "\n" for line in lines)
