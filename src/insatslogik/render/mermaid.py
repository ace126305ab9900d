r"""Mermaid flowchart text of the results chain, for diagrams that live in Markdown.

GitHub, GitLab and many wikis draw a fenced ```` ```mermaid ```` block as a diagram, so a plan's
chain can sit in a README and change with it in review. The text has one subgraph per chain
level (headed as in the graphviz diagram), the indicators in a last subgraph, colours per kind
from :mod:`insatslogik.render.style`, and generated ids (``n0``, ``n1``, … in the plan's order), so no user
id or title can break the syntax.

>>> import insatslogik as il
>>> model = il.Model([il.Goal(id="mal", title='Fler "digitala" <företag>'),
...                   il.Activity(id="akt", title="Rådgivning #1", contributes_to=["mal"])], title="T")
>>> print(render_mermaid(model), end="")
%%{init: {"flowchart": {"wrappingWidth": 320}}}%%
flowchart LR
  subgraph level1["Aktiviteter"]
    direction TB
    n0["Rådgivning #35;1"]
  end
  subgraph level6["Mål"]
    direction TB
    n1["Fler #34;digitala#34; #60;företag#62;"]
  end
  n0 --> n1
  classDef activity fill:#d9ecf7,stroke:#2f6f9f,color:#1a1a1a
  classDef goal fill:#f9c98f,stroke:#a0521b,color:#1a1a1a
  class n0 activity
  class n1 goal
"""

from __future__ import annotations

import re
from typing import Final

from insatslogik.i18n import Lang, heading, indicator_column_heading, resolve_lang
from insatslogik.kinds import KIND_ORDER, EdgeKind, Kind
from insatslogik.model.model import Model
from insatslogik.palette import HIGHLIGHT, KIND_STYLES
from insatslogik.render.style import WRAP_WIDTH, wrap
from insatslogik.render.text import RenderedText
from insatslogik.render.view import INDICATOR_COLUMN, chain_view

__all__ = ["mermaid_text", "render_mermaid"]

# Characters a label keeps as they are: letters and digits of any script (å, ä, ö stay
# readable in the Markdown source) and punctuation with no meaning to Mermaid or HTML. Every
# other character becomes a numeric entity `#NN;`, which Mermaid decodes: quotes would end the
# label, `#` starts an entity, `<`, `>` and `&` would be read as HTML, brackets and backticks
# as shapes and Markdown strings.
_PLAIN: Final = frozenset(" .,:-_!?'/+=*@%$()")

_INIT: Final = '%%{init: {"flowchart": {"wrappingWidth": 320}}}%%'
_TEXT_COLOUR: Final = "#1a1a1a"


def mermaid_text(text: str, width: int | None = WRAP_WIDTH) -> str:
    """`text` as the inside of a quoted Mermaid label, wrapped at `width` characters with ``<br>``.

    Letters and digits of any script stay as they are; quotes, brackets, ``#``, ``<``, ``>``,
    ``&`` and the like become numeric entities (``#34;``), which Mermaid decodes.

    Args:
        text: the text to show.
        width: characters per line; None to keep the lines as they are.

    Returns:
        The label text, to put between ``["`` and ``"]``.

    >>> mermaid_text("Näringslivets digitala transformation ska öka (mål 1)")
    'Näringslivets digitala<br>transformation ska öka (mål 1)'
    >>> mermaid_text('Säg "hej" [nu] <b>&', None)
    'Säg #34;hej#34; #91;nu#93; #60;b#62;#38;'
    """
    lines = wrap(text, width) if width else text.splitlines() or [""]
    if len(lines) > 1:
        # In a label with <br>, Mermaid also breaks the line at a literal backslash-n (even one
        # written as entities); an invisible zero-width space between the two keeps the text.
        lines = [line.replace("\\n", "\\\u200bn") for line in lines]
    # Most characters are plain: one regex pass finds the few that are not.
    return "<br>".join(_UNSAFE.sub(_escaped, line) for line in lines)


# Anything but a letter or digit of any script (\w: str.isalnum(), and `_`, which is in
# _PLAIN anyway) or a character of _PLAIN.
_UNSAFE: Final = re.compile("[^\\w" + re.escape("".join(sorted(_PLAIN))) + "]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char.isspace():
        return " "  # a tab or other space inside a line is still just a space
    return f"#{ord(char)};"


def render_mermaid(
    model: Model,
    *,
    focus: str | None = None,
    lang: Lang | None = None,
    show_indicators: bool = True,
    highlight: bool = True,
) -> RenderedText:
    """The results chain as Mermaid flowchart text: one subgraph per level, left to right.

    The text is deterministic (same model, same bytes) and ends in a newline. Put it in a
    ```` ```mermaid ```` fence to have GitHub or GitLab draw it.

    Args:
        model: the model to draw.
        focus: draw only this node's chain, what leads to it and what it leads to.
        lang: subgraph headings in Swedish (``sv``) or English (``en``); None for the model's
            language.
        show_indicators: add the indicators that measure a shown node, in a last subgraph,
            joined to what they measure by dotted lines.
        highlight: outline the nodes findings point at (orphan activities, dead ends,
            unsupported effects, uncovered goals, cycles, backward links), as the chain
            diagram does.

    Returns:
        The text (a `str`), whose `.save(path)` writes it to a file such as ``kedja.mmd``.

    Raises:
        UsageError: for another language.
        KeyError: when `focus` names no node.

    >>> import insatslogik as il
    >>> text = render_mermaid(il.Model([il.Goal(id="mal", title="Mål")], title="T"))
    >>> text.splitlines()[1]
    'flowchart LR'
    """
    lang = resolve_lang(lang, model.language)
    view = chain_view(model, focus=focus, show_indicators=show_indicators, highlight=highlight)
    nodes, indicators = view.nodes, view.indicators
    shown = {node.id for node in nodes}
    names = {node.id: f"n{i}" for i, node in enumerate([*nodes, *indicators])}
    columns = view.columns()

    # Mermaid wraps labels again at 200 px by default, which breaks our 30-character lines
    # once more; the directive gives them room (GitHub and GitLab read it).
    lines = [_INIT, "flowchart LR"]
    for level in columns:
        title = (
            indicator_column_heading(lang) if level == INDICATOR_COLUMN else heading(level, lang)
        )
        lines.append(f'  subgraph level{level}["{mermaid_text(title, None)}"]')
        lines.append("    direction TB")
        lines.extend(f'    {names[n.id]}["{mermaid_text(n.title)}"]' for n in columns[level])
        lines.append("  end")
    for node in nodes:
        for edge, target, _ in node.links:
            if edge is EdgeKind.CONTRIBUTES_TO and target in shown:
                lines.append(f"  {names[node.id]} --> {names[target]}")
            elif edge is EdgeKind.MEASURED_BY and target in names:
                lines.append(f"  {names[node.id]} -.- {names[target]}")

    members: dict[str, list[str]] = {}
    for node in [*nodes, *indicators]:
        members.setdefault(node.kind, []).append(names[node.id])
    kinds = sorted(members, key=KIND_ORDER.__getitem__)
    for kind in kinds:
        style = KIND_STYLES[Kind(kind)]
        lines.append(
            f"  classDef {kind} fill:{style.fill},stroke:{style.border},color:{_TEXT_COLOUR}"
        )
    lines.extend(f"  class {','.join(members[kind])} {kind}" for kind in kinds)
    lines.extend(
        f"  style {names[node_id]} stroke:{HIGHLIGHT[severity.value]},stroke-width:3px"
        for node_id, severity in sorted(view.marks.items())
        if node_id in names
    )
    return RenderedText("\n".join(lines) + "\n", "text/vnd.mermaid")
