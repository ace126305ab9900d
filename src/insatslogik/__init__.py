"""insatslogik: the intervention logic (results chain) of regional development strategies as a graph.

A tour, on a three-node plan:

>>> import insatslogik as il
>>> model = il.loads('''
... insatslogik: 1
... title: Kraftsamling digitalisering
... nodes:
...   - id: naringsliv
...     kind: goal
...     title: Näringslivets digitala transformation ska öka
...   - id: kort-smf
...     kind: short_term_effect
...     title: Fler SMF har tagit del av insatser
...     contributes_to: [naringsliv]
...   - id: smf-steg
...     kind: activity
...     title: Vi bidrar till att fler SMF tar steg i sin digitala utveckling
...     contributes_to: [kort-smf]
... ''')
>>> model["smf-steg"].kind, model.level("smf-steg")
('activity', 1)
>>> [node.id for node in model.walk("smf-steg", direction="up")]
['kort-smf', 'naringsliv']
>>> sorted(model.graph.edges(keys=True))
[('kort-smf', 'naringsliv', 'contributes_to'), ('smf-steg', 'kort-smf', 'contributes_to')]
>>> il.loads(il.dumps(model)) == model
True
"""

# Imported under private names: the package's public attributes are its API.
import importlib as _importlib
import typing as _typing

from insatslogik.analyses.checks import check, missing_links, orphan_activities
from insatslogik.analyses.coverage import Coverage, GoalCoverage, goal_coverage
from insatslogik.analyses.findings import Finding, Report, sarif_log
from insatslogik.codes import CATALOGUE, Code, Severity
from insatslogik.errors import (
    InsatslogikError,
    MissingDependencyError,
    ModelError,
    Problem,
    UsageError,
    WriteError,
)
from insatslogik.formats.convert import convert
from insatslogik.formats.native import dumps, load, loads, save
from insatslogik.formats.networkx import from_networkx, to_networkx
from insatslogik.formats.portfolio import load_portfolio
from insatslogik.kinds import CHAIN_KINDS, STRUCTURE_KINDS, EdgeKind, Kind
from insatslogik.model.model import Model, PlanInfo
from insatslogik.model.model import set_notebook_display as _set_notebook_display
from insatslogik.model.reach import chain
from insatslogik.model.schedule import scheduled_years

if _typing.TYPE_CHECKING:
    from insatslogik.analyses.changes import ModelDiff
    from insatslogik.analyses.diff import diff
    from insatslogik.analyses.indicators import IndicatorStatus, IndicatorStatuses, indicator_status
    from insatslogik.analyses.portfolio import (
        AlignmentMatrix,
        AlignmentRow,
        Contribution,
        ContributionTable,
        GoalReach,
        PortfolioCoverage,
        SharedChain,
        SharedChains,
        alignment_matrix,
        contribution_table,
        portfolio_coverage,
        shared_chains,
    )
    from insatslogik.analyses.rollup import RollUp, roll_up
    from insatslogik.analyses.tables import table_rows
    from insatslogik.formats.excel import read_excel, write_excel, write_excel_template
    from insatslogik.formats.iati import from_iati_xml, read_iati, to_iati_xml, write_iati
    from insatslogik.formats.nodelink import (
        from_node_link,
        read_node_link,
        to_node_link,
        write_node_link,
    )
    from insatslogik.formats.statistics import IndicatorUpdate, ValuesUpdate, update_values
    from insatslogik.model.schema import (
        Activity,
        Actor,
        Assessment,
        Assumption,
        Budget,
        Challenge,
        Comparison,
        Component,
        Evaluation,
        Factor,
        Frequency,
        Goal,
        Indicator,
        JsonstatSource,
        KoladaSource,
        Link,
        LinkRef,
        LongTermEffect,
        Node,
        Observation,
        Outcome,
        Output,
        Period,
        Project,
        PxwebSource,
        Question,
        Recommendation,
        Resource,
        Revision,
        Schedule,
        ShortTermEffect,
        Source,
        Strategy,
        Substrategy,
        Target,
        json_schema,
    )
    from insatslogik.render.diagrams import (
        Diagram,
        GraphvizNotFoundError,
        render_chain,
        render_structure,
    )
    from insatslogik.render.mermaid import render_mermaid
    from insatslogik.render.page import InteractivePage, render_html
    from insatslogik.render.tables import render_portfolio_table, render_table
    from insatslogik.render.text import RenderedText

__version__ = "0.1.0"

__all__ = [
    # reading and writing
    "dumps",
    "load",
    "load_portfolio",
    "loads",
    "save",
    # the model and its graph
    "Model",
    "PlanInfo",
    "from_networkx",
    "to_networkx",
    # interchange
    "convert",
    "read_excel",
    "write_excel",
    "write_excel_template",
    "read_iati",
    "write_iati",
    "from_iati_xml",
    "to_iati_xml",
    "read_node_link",
    "write_node_link",
    "from_node_link",
    "to_node_link",
    "render_mermaid",
    "update_values",
    "ValuesUpdate",
    "IndicatorUpdate",
    # analyses
    "check",
    "missing_links",
    "orphan_activities",
    "goal_coverage",
    "indicator_status",
    "portfolio_coverage",
    "contribution_table",
    "alignment_matrix",
    "roll_up",
    "shared_chains",
    "chain",
    "diff",
    "sarif_log",
    "CATALOGUE",
    "Code",
    "AlignmentMatrix",
    "AlignmentRow",
    "Contribution",
    "ContributionTable",
    "Coverage",
    "Finding",
    "GoalCoverage",
    "GoalReach",
    "IndicatorStatus",
    "IndicatorStatuses",
    "ModelDiff",
    "PortfolioCoverage",
    "Report",
    "RollUp",
    "Severity",
    "SharedChain",
    "SharedChains",
    # diagrams and pages
    "render_chain",
    "render_structure",
    "Diagram",
    "GraphvizNotFoundError",
    "render_html",
    "InteractivePage",
    "render_table",
    "render_portfolio_table",
    "table_rows",
    "RenderedText",
    # vocabulary
    "CHAIN_KINDS",
    "STRUCTURE_KINDS",
    "EdgeKind",
    "Kind",
    # node types and their parts
    "Activity",
    "Actor",
    "Budget",
    "Challenge",
    "Comparison",
    "Component",
    "Factor",
    "Frequency",
    "Goal",
    "Indicator",
    "JsonstatSource",
    "KoladaSource",
    "Link",
    "LongTermEffect",
    "Node",
    "Observation",
    "Outcome",
    "Output",
    "Period",
    "Project",
    "PxwebSource",
    "Resource",
    "Revision",
    "ShortTermEffect",
    "Source",
    "Strategy",
    "Substrategy",
    "Target",
    "json_schema",
    # the follow-up and evaluation plan
    "Assessment",
    "Assumption",
    "Evaluation",
    "LinkRef",
    "Question",
    "Recommendation",
    "Schedule",
    "scheduled_years",
    # errors
    "InsatslogikError",
    "MissingDependencyError",
    "ModelError",
    "Problem",
    "UsageError",
    "WriteError",
]

# The node classes, renderers and interchange formats load on first use (PEP 562): the
# schema brings pydantic's model machinery, and a renderer or format what it draws or writes
# with, so `import insatslogik` pays for none of them; the first model built or loaded pays
# for the schema (docs/decisions.md, Import time). The imports under TYPE_CHECKING above show
# the names to type checkers and IDEs. `convert` is imported eagerly, though it is an
# interchange function: it is light (each format loads when used), and the package attribute
# must be the function, which an import of the submodule `insatslogik.formats.convert` alone would
# otherwise leave as the module.
_LAZY: dict[str, str] = {
    name: module
    for module, names in {
        "model.schema": (
            "Activity",
            "Actor",
            "Assessment",
            "Assumption",
            "Budget",
            "Challenge",
            "Comparison",
            "Component",
            "Evaluation",
            "Factor",
            "Frequency",
            "Goal",
            "Indicator",
            "JsonstatSource",
            "KoladaSource",
            "Link",
            "LinkRef",
            "LongTermEffect",
            "Node",
            "Observation",
            "Outcome",
            "Output",
            "Period",
            "Project",
            "PxwebSource",
            "Question",
            "Recommendation",
            "Resource",
            "Revision",
            "Schedule",
            "ShortTermEffect",
            "Source",
            "Strategy",
            "Substrategy",
            "Target",
            "json_schema",
        ),
        # IndicatorStatus holds schema objects, so its module needs the schema to be typed
        # (pydantic and typing.get_type_hints read its fields' types from the module).
        "analyses.indicators": ("indicator_status", "IndicatorStatus", "IndicatorStatuses"),
        # Comparing runs indicator status on both versions, so it needs the schema too.
        "analyses.diff": ("diff",),
        # Comparing versions is occasional work: its result type loads with it, not with the package.
        "analyses.changes": ("ModelDiff",),
        "analyses.tables": ("table_rows",),
        # The portfolio analyses read indicators' sources, so they need the schema too.
        "analyses.portfolio": (
            "portfolio_coverage",
            "contribution_table",
            "alignment_matrix",
            "shared_chains",
            "PortfolioCoverage",
            "GoalReach",
            "ContributionTable",
            "Contribution",
            "AlignmentMatrix",
            "AlignmentRow",
            "SharedChains",
            "SharedChain",
        ),
        "analyses.rollup": ("roll_up", "RollUp"),
        "render.diagrams": (
            "render_chain",
            "render_structure",
            "Diagram",
            "GraphvizNotFoundError",
        ),
        "render.page": ("render_html", "InteractivePage"),
        "render.tables": ("render_table", "render_portfolio_table"),
        "render.text": ("RenderedText",),
        "render.mermaid": ("render_mermaid",),
        "formats.excel": ("read_excel", "write_excel", "write_excel_template"),
        "formats.iati": ("read_iati", "write_iati", "from_iati_xml", "to_iati_xml"),
        "formats.statistics": ("update_values", "ValuesUpdate", "IndicatorUpdate"),
        "formats.nodelink": ("read_node_link", "write_node_link", "from_node_link", "to_node_link"),
    }.items()
    for name in names
}

if not _typing.TYPE_CHECKING:
    # Hidden from type checkers, which would otherwise accept any attribute of the package.

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # found directly from now on
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def _notebook_bundle(model: Model) -> dict[str, str]:
    # The package sits above every layer, so it is here that the model, which imports no
    # renderer, learns to show its chain diagram in a notebook; the renderer loads on first use.
    from insatslogik.render.diagrams import notebook_bundle

    return notebook_bundle(model)


_set_notebook_display(_notebook_bundle)
