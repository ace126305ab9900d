"""Hostile and real-world files for the readers of other organisations' data: IATI, node-link, Excel.

Each case is one class of input that once ended in a traceback, a hang, runaway memory or a
silent loss. Small ones are committed in ``tests/corpus/foreign/`` (modified copies of a real
IATI file); the rest are built here, deterministically, by :func:`foreign_cases`, which
``tests/test_corpus.py`` and ``benchmarks/hostile_foreign.py`` share.

:data:`EXPECTED` says, for each case, what the command line must do with it: the exit code of
``validate`` as read by default and with ``--strict``, and words that must be in its output
(a located problem or a warning).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple

FOREIGN: Final = Path(__file__).parent / "foreign"
_MAIN: Final = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class Expected(NamedTuple):
    """What ``validate`` must do: exit codes read by default and strictly, and words it says."""

    exit_default: int
    exit_strict: int
    words: str


#: The cases, by file name: committed files and generated ones.
EXPECTED: Final[dict[str, Expected]] = {
    # IATI, read leniently by default: the rest of a real file loads, the defect is a warning.
    "iati-text-values.xml": Expected(0, 1, ":162:9: value must be a number"),
    "iati-period-without-dates.xml": Expected(0, 1, ":181:1: a period needs a period-end"),
    "iati-impossible-date.xml": Expected(0, 1, ":194:13: iso-date must be like 2021-12-31"),
    "iati-prefixed-12000-results.xml": Expected(0, 1, ":12002:148: value must be a number"),
    "iati-one-line-12000-results.xml": Expected(0, 1, ":1:2365880: value must be a number"),
    "iati-xinclude.xml": Expected(1, 1, "the file uses XInclude"),
    # node-link JSON, read strictly by default.
    "latin1.nodelink.json": Expected(1, 1, ":1:23: the file is not UTF-8 text: byte 0xE4"),
    "utf16-no-bom.nodelink.json": Expected(1, 1, "not UTF-8 text"),
    "digits-5000.nodelink.json": Expected(1, 1, ":2:1: a number of 5000 digits is too long"),
    "long-id-2mb.nodelink.json": Expected(1, 1, "duplicate node id 'xxxxxxxx"),
    # Excel, read strictly by default.
    "percent-infinity.xlsx": Expected(
        1, 1, "Indikatorer!H2: indicator 'andel': baseline.value must be a finite"
    ),
    "zip-bomb.xlsx": Expected(1, 1, "would expand to 80 MB"),
    "shared-string-bomb.xlsx": Expected(1, 1, "compressed at most 100 times"),
    "dimension-xfd1048576.xlsx": Expected(1, 1, "Mål!XFD1048576: this value is in a column"),
    "headings-digits.xlsx": Expected(1, 1, "unknown column '1111111111"),
    "formulas-without-values.xlsx": Expected(1, 1, "Aktiviteter!A3: this cell holds a formula"),
    "missing-sheet-part.xlsx": Expected(1, 1, "its part 'xl/worksheets/sheet4.xml' is missing"),
    "misspelt-links-1000.xlsx": Expected(1, 1, "Länkar!A1002: the link's From id names"),
}


def _iati_prefixed(results: int = 12_000) -> bytes:
    # Every element in a prefixed namespace: locating one scanned the whole file back to its
    # start for each, as the tag searched for had no prefix (16 s at 12 000 results).
    lines = [
        b'<x:iati-activities xmlns:x="urn:example:iati" version="2.03">',
        b"<x:iati-activity><x:iati-identifier>XM-1</x:iati-identifier><x:title>T</x:title>",
    ]
    for number in range(1, results + 1):
        value = b"N/A" if number == results else b"%d" % number
        lines.append(
            b'<x:result type="1"><x:title>R %d</x:title><x:indicator measure="1"><x:title>I</x:title>'
            b'<x:period><x:period-end iso-date="2020-12-31"/><x:actual value="%s"/></x:period>'
            b"</x:indicator></x:result>" % (number, value)
        )
    lines.append(b"</x:iati-activity></x:iati-activities>")
    return b"\n".join(lines)


def _iati_xinclude() -> bytes:
    return (
        b'<iati-activities xmlns:xi="http://www.w3.org/2001/XInclude">\n<iati-activity>\n'
        b'<xi:include href="file:///etc/passwd" parse="text"/>\n</iati-activity>\n</iati-activities>'
    )


_PLAN_JSON: Final = (
    '{"graph": {"title": "Växa"}, "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}]}'
)


def _node_link_digits() -> bytes:
    return _PLAN_JSON.replace('"Mål"}', '"Mål", "values": {"2020":\n' + "9" * 5000 + "}}").encode()


def _node_link_long_id() -> bytes:
    huge = "x" * 2_000_000
    node = f'{{"id": "{huge}", "kind": "goal", "title": "A"}}'
    return f'{{"graph": {{"title": "T"}}, "nodes": [{node}, {node}]}}'.encode()


def _workbook() -> bytes:
    import insatslogik as il

    model = il.Model(
        [
            il.Goal(id="mal", title="Fler företag digitaliseras", measured_by=["andel"]),
            il.Activity(id="akt", title="Rådgivning", contributes_to=["mal"]),
            il.Indicator(id="andel", title="Andel SMF", unit="%", values={2020: 82}),
        ],
        title="Kraftsamling",
    )
    with tempfile.TemporaryDirectory() as folder:
        return il.write_excel(model, Path(folder, "plan.xlsx"), analyses=False).read_bytes()


def _sheet_number(title: str) -> int:
    # Sheets are written in this order, as sheet1.xml, sheet2.xml, …
    order = ["Plan", "Struktur", "Mål", "Aktiviteter", "Resurser", "Effekter", "Länkar"]
    order += ["Indikatorer"]
    return order.index(title) + 1


def _rezip(
    data: bytes, change: dict[str, bytes | None], grow: dict[str, int] | None = None
) -> bytes:
    """The workbook with parts replaced (bytes), left out (None), or padded with spaces (grow)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            name = info.filename
            if grow and name in grow:
                xml = old.read(name)
                cut = xml.index(b"<sheetData")
                with new.open(name, "w") as part:
                    part.write(xml[:cut])
                    for _ in range(grow[name]):
                        part.write(b" " * 2**20)
                    part.write(xml[cut:])
            elif name in change:
                replaced = change[name]
                if replaced is not None:
                    new.writestr(name, replaced)
            else:
                new.writestr(info, old.read(name))
        for name in change.keys() - set(old.namelist()):
            new.writestr(name, change[name] or b"")
    return out.getvalue()


def _sheet(data: bytes, title: str) -> tuple[str, bytes]:
    part = f"xl/worksheets/sheet{_sheet_number(title)}.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return part, book.read(part)


def _edited(change: Callable[[object], None]) -> bytes:
    """The workbook as a person (or a script) edits it with openpyxl."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_workbook()))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _percent_infinity() -> bytes:
    def change(book: object) -> None:
        cell = book["Indikatorer"]["H2"]  # type: ignore[index]
        cell.value = 0.5
        cell.number_format = "0%"

    data = _edited(change)
    part, xml = _sheet(data, "Indikatorer")
    return _rezip(data, {part: xml.replace(b"<v>0.5</v>", b"<v>1e999</v>")})


def _zip_bomb() -> bytes:
    data = _workbook()
    return _rezip(data, {}, grow={f"xl/worksheets/sheet{_sheet_number('Mål')}.xml": 80})


def _shared_string_bomb() -> bytes:
    strings = (
        b'<sst xmlns="'
        + _MAIN
        + b'" count="1" uniqueCount="1"><si><t>'
        + b"x" * 3_000_000
        + b"</t></si></sst>"
    )
    return _rezip(_workbook(), {"xl/sharedStrings.xml": strings})


def _dimension() -> bytes:
    data = _workbook()
    part, xml = _sheet(data, "Mål")
    start = xml.index(b"<dimension ref=")
    xml = xml[:start] + b'<dimension ref="A1:XFD1048576"' + xml[xml.index(b"/>", start) :]
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _rezip(data, {part: xml.replace(b"</sheetData>", far + b"</sheetData>")})


def _headings_digits() -> bytes:
    def change(book: object) -> None:
        for name in ("Mål", "Indikatorer", "Länkar"):
            sheet = book[name]  # type: ignore[index]
            for heading in ["1" * 5000, "2021" * 1000, 12345678901234567890, "99999"]:
                sheet.cell(1, sheet.max_column + 1, heading)

    return _edited(change)


def _formulas() -> bytes:
    def change(book: object) -> None:
        sheet = book["Aktiviteter"]  # type: ignore[index]
        sheet["A3"] = '=LOWER("AKT2")'
        sheet["B3"] = '="Ny"&" aktivitet"'

    return _edited(change)


def _missing_sheet() -> bytes:
    return _rezip(_workbook(), {f"xl/worksheets/sheet{_sheet_number('Aktiviteter')}.xml": None})


def _misspelt_links(count: int = 1000) -> bytes:
    def change(book: object) -> None:
        sheet = book["Länkar"]  # type: ignore[index]
        for row in range(3, count + 3):
            sheet.cell(row, 1, f"akt-{row:04d}x")
            sheet.cell(row, 2, "mal")

    return _edited(change)


#: The generated cases, by name.
BUILDERS: Final[dict[str, Callable[[], bytes]]] = {
    "iati-prefixed-12000-results.xml": _iati_prefixed,
    # The same on one line, as minified files are: each element's column was found by
    # decoding the line up to it.
    "iati-one-line-12000-results.xml": lambda: _iati_prefixed().replace(b"\n", b" "),
    "iati-xinclude.xml": _iati_xinclude,
    "latin1.nodelink.json": lambda: _PLAN_JSON.encode("latin-1"),
    "utf16-no-bom.nodelink.json": lambda: _PLAN_JSON.encode("utf-16-le"),
    "digits-5000.nodelink.json": _node_link_digits,
    "long-id-2mb.nodelink.json": _node_link_long_id,
    "percent-infinity.xlsx": _percent_infinity,
    "zip-bomb.xlsx": _zip_bomb,
    "shared-string-bomb.xlsx": _shared_string_bomb,
    "dimension-xfd1048576.xlsx": _dimension,
    "headings-digits.xlsx": _headings_digits,
    "formulas-without-values.xlsx": _formulas,
    "missing-sheet-part.xlsx": _missing_sheet,
    "misspelt-links-1000.xlsx": _misspelt_links,
}


def foreign_cases(folder: Path) -> dict[str, Path]:
    """Write every case into `folder`; the paths by name."""
    paths = {}
    for path in sorted(FOREIGN.iterdir()):
        paths[path.name] = folder / path.name
        paths[path.name].write_bytes(path.read_bytes())
    for name, build in BUILDERS.items():
        paths[name] = folder / name
        paths[name].write_bytes(build())
    return paths
