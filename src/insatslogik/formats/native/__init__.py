"""The native file format, YAML or JSON: `load`/`loads` read it, `save`/`dumps` write it.

Loading reports every problem of a file at once, located by line and column; saving is
deterministic (same model, same bytes) and atomic.
"""

from insatslogik.formats.native._loading import Format, format_of, load, loads
from insatslogik.formats.native._plans import built_with_uses
from insatslogik.formats.native._saving import (
    canonical_nodes,
    document_header,
    dumps,
    refuse_used,
    save,
    used_files,
    uses_from,
    written_folder,
)

__all__ = [
    "Format",
    "built_with_uses",
    "canonical_nodes",
    "document_header",
    "dumps",
    "format_of",
    "load",
    "loads",
    "refuse_used",
    "save",
    "used_files",
    "uses_from",
    "written_folder",
]
