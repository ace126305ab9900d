"""The workbook's zip package, checked before openpyxl reads a byte of it.

An .xlsx file is a zip of XML parts. What openpyxl would read without limit is checked here
first, from the zip directory and one streaming pass over each sheet:

- the size each part expands to, and how much it is compressed (a zip bomb, a shared string of
  a gigabyte): the sizes in the zip directory bound what reading can give, since Python's
  zipfile never gives more than the size it declares;
- the sheets the workbook names whose part is missing (openpyxl leaves them out silently);
- the cells that hold a formula but no value computed for it (what scripts and openpyxl
  write: the value is empty until Excel opens the file), which reading would see as blanks;
- how many cells reading a sheet row by row costs: each row is as long as its last cell, so
  one cell in column XFD of a thousand rows is sixteen million cells.

The dimension a sheet claims (``A1:XFD1048576``) is never trusted.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from insatslogik.errors import ModelError, Problem

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["MAX_CELLS", "MAX_PART", "MAX_RATIO", "MAX_TOTAL", "Package", "inspect_package"]

#: The most one part of the workbook may expand to: a plan of 10 000 nodes writes sheets of a
#: few MB; 64 MB of XML is some millions of cells, all that reading may cost in memory.
MAX_PART: Final = 64 * 2**20
#: The most all parts together may expand to.
MAX_TOTAL: Final = 128 * 2**20
#: How much a part larger than :data:`_RATIO_FLOOR` may be compressed: sheets that people and
#: Excel write compress 5 to 30 times; only XML made to expand (a zip bomb) goes past 100.
MAX_RATIO: Final = 100
_RATIO_FLOOR: Final = 2**20
#: The most cells reading may go through (a row counts as long as its last cell).
MAX_CELLS: Final = 4_000_000

_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT: Final = f"{_RELATIONSHIPS}/officeDocument"


@dataclass
class Package:
    """What the check found: the sheets by part, and the cells that cannot be read."""

    #: Each worksheet's title and part, in the workbook's order, for the parts that exist.
    sheets: list[tuple[str, str]] = field(default_factory=list)
    #: Sheets whose part is missing, and formulas without a value, each at its cell.
    problems: list[Problem] = field(default_factory=list)


def inspect_package(data: bytes, name: str) -> Package:
    """Check a workbook's package before it is read.

    Args:
        data: the file's bytes.
        name: what problems call the file.

    Returns:
        The sheets and the problems of single cells and sheets.

    Raises:
        ModelError: when the file is not a zip, or would expand or cost past the limits.

    >>> import zipfile
    >>> buffer = io.BytesIO()
    >>> zipfile.ZipFile(buffer, "w").close()
    >>> inspect_package(buffer.getvalue(), "x.xlsx").sheets
    []
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (*_DAMAGED, ValueError) as error:
        message = f"the file is not an Excel workbook (.xlsx) that can be read ({error})"
        raise _fail(name, message) from None
    _check_sizes(infos, name)
    try:
        return _inspect(archive, infos, name)
    except _DAMAGED as error:
        detail = str(error)[:200]
        message = f"the file is not an Excel workbook (.xlsx) that can be read ({type(error).__name__}: {detail})"
        raise _fail(name, message) from None


#: What a damaged zip makes Python's zipfile raise while a part is read.
_DAMAGED: Final = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)


def _inspect(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> Package:
    package = Package()
    present = {info.filename for info in infos}
    cells = 0
    for title, part in _sheets(archive, present):
        if part not in present:
            package.problems.append(
                Problem(
                    name,
                    1,
                    1,
                    f"the workbook names sheet {title[:40]!r}, but its part {part[:60]!r} is "
                    "missing from the file: the sheet cannot be read (open and repair the "
                    "workbook in Excel)",
                    sheet=title,
                )
            )
            continue
        package.sheets.append((title, part))
        cells += _scan_sheet(
            archive, part, title, name, problems=package.problems, budget=MAX_CELLS - cells
        )
    return package


def _fail(name: str, message: str) -> ModelError:
    return ModelError([Problem(name, None, None, message)])


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        too_big = info.file_size > MAX_PART
        if too_big or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise _fail(
                name,
                f"the workbook's part {info.filename[:60]!r} would expand to "
                f"{info.file_size / 2**20:.0f} MB from {info.compress_size / 2**20:.1f} MB: "
                f"a part may hold at most {MAX_PART // 2**20} MB, compressed at most "
                f"{MAX_RATIO} times",
            )
    if total > MAX_TOTAL:
        raise _fail(
            name,
            f"the workbook would expand to {total / 2**20:.0f} MB: at most "
            f"{MAX_TOTAL // 2**20} MB are read",
        )


def _parser() -> etree.XMLParser:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(archive: zipfile.ZipFile, part: str) -> etree._Element | None:
    from lxml import etree

    try:
        return etree.fromstring(archive.read(part), _parser())
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl reports a damaged workbook part as it reads it


def _targets(archive: zipfile.ZipFile, rels: str, base: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id → (type, the part it names, as a path in the zip)."""
    root = _xml(archive, rels)
    found: dict[str, tuple[str, str]] = {}
    if root is None:
        return found
    for item in root.iter(f"{{{_PACKAGE}}}Relationship"):
        target = item.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        found[item.get("Id") or ""] = (item.get("Type") or "", posixpath.normpath(path))
    return found


def _sheets(archive: zipfile.ZipFile, present: set[str]) -> list[tuple[str, str]]:
    """Every worksheet the workbook names, with the part it should be in."""
    documents = [
        p for kind, p in _targets(archive, "_rels/.rels", "").values() if kind == _DOCUMENT
    ]
    book_part = documents[0] if documents else "xl/workbook.xml"
    if book_part not in present:
        return []  # not a workbook: openpyxl says so
    folder, file_name = posixpath.split(book_part)
    relations = _targets(archive, posixpath.join(folder, "_rels", file_name + ".rels"), folder)
    book = _xml(archive, book_part)
    if book is None:
        return []
    sheets = []
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        kind, part = relations.get(sheet.get(f"{{{_RELATIONSHIPS}}}id") or "", ("", ""))
        if kind.endswith("/worksheet") or not part:
            sheets.append((sheet.get("name") or "?", part or "(no part)"))
    return sheets


def _scan_sheet(
    archive: zipfile.ZipFile,
    part: str,
    title: str,
    name: str,
    *,
    problems: list[Problem],
    budget: int,
) -> int:
    """Cells reading the sheet goes through; formulas without a value as problems."""
    from lxml import etree

    cells = 0
    row = last_column = widest = 0
    try:
        with archive.open(part) as source:
            events = etree.iterparse(
                source,
                events=("end",),
                tag=(f"{{{_MAIN}}}c", f"{{{_MAIN}}}row"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            )
            for _, element in events:
                if element.tag.endswith("}row"):
                    row = _number(element.get("r"), row + 1)
                    cells += widest
                    if cells > budget:
                        raise _fail(
                            name,
                            f"sheet {title[:40]!r} is too large to read: its rows reach "
                            f"{cells} cells by row {row}; at most {MAX_CELLS} are read",
                        )
                    last_column = widest = 0
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
                    continue
                column = _column(element.get("r"), last_column + 1)
                last_column = column
                widest = max(widest, column)
                cached = element.find(f"{{{_MAIN}}}v")
                if (
                    element.find(f"{{{_MAIN}}}f") is not None
                    and (cached is None or not cached.text)  # openpyxl writes <v></v>
                    and element.get("t") != "inlineStr"
                ):
                    at = _number(_row_of(element.get("r")), row + 1)
                    problems.append(
                        Problem(
                            name,
                            at,
                            column,
                            "this cell holds a formula but no value computed for it (a "
                            "program wrote the formula without computing it): open and save "
                            "the workbook in Excel, or type the value",
                            sheet=title,
                        )
                    )
                element.clear()
    except etree.XMLSyntaxError:
        return cells  # openpyxl reports a damaged sheet as it reads it
    return cells


def _row_of(reference: str | None) -> str | None:
    if not reference:
        return None
    return reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$")


def _number(text: str | None, default: int) -> int:
    if text and text.isdigit() and len(text) <= 7:
        return int(text)
    return default


def _column(reference: str | None, default: int) -> int:
    if not reference:
        return default
    column = 0
    for character in reference.upper():
        if not "A" <= character <= "Z":
            break
        column = column * 26 + ord(character) - 64
        if column > 16384:  # past XFD, Excel's last column
            return 16384
    return column or default
