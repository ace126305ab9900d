"""The colours and shapes of each kind, and the colours that mark findings: one look for every output.

Diagrams, the interactive page, Mermaid text and the Excel workbook take their colours from
here, so the same kind looks the same everywhere.

>>> KIND_STYLES[Kind.GOAL].fill, KIND_STYLES[Kind.GOAL].shape
('#f9c98f', 'box')
>>> HIGHLIGHT["error"]
'#c0392b'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from insatslogik.kinds import Kind

__all__ = ["CHANGE", "HIGHLIGHT", "KIND_STYLES", "KindStyle"]


@dataclass(frozen=True)
class KindStyle:
    """How nodes of one kind are drawn: fill and border colours (hex) and a graphviz shape."""

    fill: str
    border: str
    shape: str


# Fills of neighbouring chain kinds differ by at least 9 (CIE76 ΔE, docs/decisions.md) so
# the legend tells them apart; measured with the sRGB → Lab formula.
# Colours run from cool (resources, activities) to warm (effects, goals), so a chain reads
# left to right as a gradient; context kinds are grey. Border colours keep contrast in print.
KIND_STYLES: Final[dict[Kind, KindStyle]] = {
    Kind.STRATEGY: KindStyle("#dfe7f2", "#3b5b8c", "tab"),
    Kind.SUBSTRATEGY: KindStyle("#e8eef7", "#4a6fa5", "tab"),
    Kind.PROJECT: KindStyle("#eef2f9", "#5b7fb8", "folder"),
    Kind.RESOURCE: KindStyle("#dcd8c8", "#4d7c5b", "cylinder"),
    Kind.ACTIVITY: KindStyle("#d9ecf7", "#2f6f9f", "box"),
    Kind.OUTPUT: KindStyle("#d5f0e8", "#2f8a74", "box"),
    Kind.OUTCOME: KindStyle("#e6f4d9", "#5a8f2e", "box"),
    Kind.SHORT_TERM_EFFECT: KindStyle("#fcf6c2", "#a08312", "box"),
    Kind.LONG_TERM_EFFECT: KindStyle("#fde2cc", "#b36b12", "box"),
    Kind.GOAL: KindStyle("#f9c98f", "#a0521b", "box"),
    Kind.INDICATOR: KindStyle("#f4f4f4", "#6b6b6b", "note"),
    Kind.ACTOR: KindStyle("#f1ecf6", "#6d5a8c", "ellipse"),
    Kind.CHALLENGE: KindStyle("#f8e4e4", "#9c3d3d", "hexagon"),
    Kind.FACTOR: KindStyle("#f0f0e8", "#77775a", "parallelogram"),
    # The follow-up plan: greys and a muted violet, apart from the chain's gradient.
    Kind.QUESTION: KindStyle("#eef0f4", "#56617a", "octagon"),
    Kind.EVALUATION: KindStyle("#e9e4f0", "#5e4b7d", "component"),
    Kind.ASSUMPTION: KindStyle("#f5f0e1", "#7a6a3a", "diamond"),
    Kind.RECOMMENDATION: KindStyle("#e4efe9", "#3f6b55", "note"),
}

#: Colours that mark nodes a finding points at (orphans, dead ends, uncovered goals).
HIGHLIGHT: Final = {"error": "#c0392b", "warning": "#d35400", "info": "#7f8c8d"}

#: Colours that mark what changed since another version of the plan (``render --compare``):
#: green for what is new, blue for what changed, grey for what is gone. They differ in
#: lightness as well as hue, so they stay apart in print and for colour-blind readers.
CHANGE: Final = {"added": "#1e8449", "changed": "#1f5fa8", "removed": "#8c8c8c"}
