"""The documentation agrees with the code.

The file-format tables are checked against the schema and the JSON Schema, each finding code's
example against `il.check`, and the site is built with `mkdocs build --strict`. That every code
block runs is tests/test_docs_code.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import insatslogik as il
from insatslogik.kinds import EdgeKind, Kind
from insatslogik.model.schema import NODE_TYPES
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NAV_PAGES = re.findall(
    r":\s*([\w./-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
)
COMMON = {"id", "kind", "title", "description", "tags", "notes", "ignore"}
LINKS = {edge.value for edge in EdgeKind}


def _kind_rows() -> dict[str, list[str]]:
    text = (DOCS / "file-format.md").read_text(encoding="utf-8")
    section = text.split("## Kinds and their fields", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in section.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`([^`]+)`", cells[0]):  # a row may document a few fields
            rows[name] = cells
    return rows


def _names(cell: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", cell))


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_file_format_table_lists_each_kinds_fields_and_links(kind: Kind) -> None:
    rows = _kind_rows()
    fields = set(NODE_TYPES[kind].model_fields) - COMMON
    _, _, level, own, links = rows[kind.value]
    assert _names(own) == fields - LINKS
    assert _names(links) == fields & LINKS
    assert level == ("—" if kind.level is None else str(kind.level))


def test_file_format_table_has_no_unknown_kinds() -> None:
    assert set(_kind_rows()) == {kind.value for kind in Kind}


# --- The file format against the JSON Schema -------------------------------------------------

SCHEMA = il.json_schema()
FILE_FORMAT = (DOCS / "file-format.md").read_text(encoding="utf-8")


def _table_after(heading: str) -> dict[str, list[str]]:
    """The rows of the first table under a heading of file-format.md, keyed by the first cell."""
    section = FILE_FORMAT.split(heading, 1)[1]
    table = section.split("\n\n|", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in ("|" + table).splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`([^`]+)`", cells[0]):  # a row may document a few fields
            rows[name] = cells
    return rows


def _kind_definitions() -> dict[str, dict[str, Any]]:
    return {
        definition["properties"]["kind"]["const"]: definition
        for definition in SCHEMA["$defs"].values()
        if "kind" in definition.get("properties", {})
    }


def test_file_format_documents_every_top_level_field_of_the_json_schema() -> None:
    rows = _table_after("## Top-level fields")
    assert set(rows) == set(SCHEMA["properties"])
    for name in SCHEMA["required"]:
        assert "required" in rows[name][2], name


def test_file_format_documents_the_common_fields_of_the_json_schema() -> None:
    rows = _table_after("## Fields every node has")
    assert set(rows) == COMMON
    typed = _table_after("### Typed fields")
    for kind, definition in _kind_definitions().items():
        assert {"id", "kind", "title"} <= set(definition["required"]), kind
        for name in definition["required"]:
            if name in COMMON:
                assert rows[name][2].startswith("required"), name
            else:  # a kind's own required field: said so in its row of the typed fields
                assert "required" in " ".join(typed[name]), name
                assert f"`{name}` (required)" in _kind_rows()[kind][3], name


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_file_format_documents_every_field_of_the_kind_in_the_json_schema(kind: Kind) -> None:
    definition = _kind_definitions()[kind.value]
    _, _, _, own, links = _kind_rows()[kind.value]
    assert set(definition["properties"]) == COMMON | _names(own) | _names(links)


def _parts() -> dict[str, set[str]]:
    """Each part of a node (Period, Link, …): the fields that hold it."""
    holders: dict[str, set[str]] = {}
    for definition in _kind_definitions().values():
        for field, schema in definition["properties"].items():
            for part in re.findall(r"#/\$defs/(\w+)", json.dumps(schema)):
                holders.setdefault(part, set()).add(field)
    return holders


@pytest.mark.parametrize("part", sorted(_parts()), ids=str)
def test_file_format_documents_every_field_of_each_part_in_the_json_schema(part: str) -> None:
    definition = SCHEMA["$defs"][part]
    if "enum" in definition:  # finding codes, listed in the findings catalogue
        assert set(definition["enum"]) == {code.value for code in il.Code}
        return
    typed = _table_after("### Typed fields")
    links = _table_after("## Links")
    for field in _parts()[part]:
        row = " ".join(typed.get(field) or links[field])
        for name in definition["properties"]:
            assert re.search(rf"\b{name}\b", row), f"{field}: {name} is not documented"


# --- The findings catalogue: each code has a section whose example gives it -------------------

FINDINGS = (DOCS / "findings.md").read_text(encoding="utf-8")


def _section(code: str) -> tuple[str, str]:
    match = re.search(
        rf"^### `{re.escape(code)}` \((\w+)\)\n(.*?)(?=^#{{2,3}} |\Z)", FINDINGS, re.S | re.M
    )
    assert match, f"docs/findings.md has no section '### `{code}` (severity)'"
    return match[1], match[2]


def _fenced(text: str, language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", text, re.S)
    assert match, f"no {language} block"
    return match[1]


@pytest.mark.parametrize("code", list(il.CATALOGUE), ids=str)
def test_findings_catalogue_example_gives_its_code_and_message(code: il.Code) -> None:
    severity, body = _section(code.value)
    assert severity == il.CATALOGUE[code].severity
    nodes = _fenced(body, "yaml")
    text = "insatslogik: 1\ntitle: Exempel\nnodes:\n" + textwrap.indent(nodes, "  ")
    # The reference year of stale-indicator is pinned, as docs/findings.md says.
    report = il.check(il.loads(text), lang="en", year=2026)
    messages = [finding.message for finding in report if finding.code == code]
    assert messages, f"the example of {code} gives {report.codes()}"
    quoted = re.search(r"^> (.*)$", body, re.M)
    assert quoted, f"the section of {code} quotes no message"
    assert quoted[1] == messages[0]


def test_findings_catalogue_table_lists_every_code_with_its_severity() -> None:
    table = FINDINGS.split("| code | severity | when |", 1)[1].split("\n\n", 1)[0]
    rows = [
        [cell.strip(" `") for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]
    ]
    assert {code: severity for code, severity, _ in rows} == {
        code.value: info.severity.value for code, info in il.CATALOGUE.items()
    }


# --- The site builds, strictly and offline ----------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        # Offline, as on CI: a fetch at build time (web fonts, a social card) fails through a
        # proxy that is not there, and the strict build fails with it.
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "http_proxy": "http://127.0.0.1:9",
            "https_proxy": "http://127.0.0.1:9",
            "NO_PROXY": "",
            "no_proxy": "",
        },
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site_dir


def test_mkdocs_builds_the_site_strictly(site: Path) -> None:
    for page in NAV_PAGES:
        built = site / ("index.html" if page == "index.md" else f"{page[:-3]}/index.html")
        assert built.is_file(), page


def test_api_reference_documents_every_public_name(site: Path) -> None:
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    missing = [name for name in il.__all__ if f'id="insatslogik.{name}"' not in html]
    assert missing == []
    # Doctests read as Markdown would be nested block quotes; Sphinx roles would show as text.
    assert "<blockquote>" not in html
    assert re.findall(r":(?:func|class|meth|data|attr|mod|exc):<code>", html) == []


def test_the_site_fetches_nothing_from_the_web_when_read(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html, page
        assert "fonts.gstatic.com" not in html, page


def test_the_site_shows_the_real_plans_diagrams(site: Path) -> None:
    for page in ("index.html", "tutorial/index.html"):
        assert "images/vgr-" in (site / page).read_text(encoding="utf-8"), page


def test_every_page_in_the_nav_exists() -> None:
    assert NAV_PAGES
    assert [page for page in NAV_PAGES if not (DOCS / page).is_file()] == []


def test_readme_reads_on_pypi_without_relative_links_or_pictures() -> None:
    # PyPI shows README.md without the repository around it: a relative link or picture there
    # leads nowhere, so the README names files as paths until the project has a public address
    # (docs/decisions.md, Packaging).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)", readme)
    assert [link for link in links if not link.startswith(("https://", "#"))] == []
    assert "<img" not in readme


def test_readme_names_files_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = re.findall(r"`((?:docs|examples)/[^`\s*]+\.[a-z]+)`", readme)
    assert any(path.endswith(".svg") for path in paths)
    assert [path for path in paths if not (ROOT / path).is_file()] == []


# --- The API reference renders the docstrings' doctests as code -------------------------------


def _griffe_extension() -> Any:
    return load_script(ROOT / "tools" / "griffe_extensions.py")


def test_doctests_in_docstrings_are_fenced_as_pycon_blocks() -> None:
    fence = _griffe_extension().fence_doctests
    text = "A tour:\n\n    >>> 1 + 1\n    2\n\nMore text.\n>>> x = 1"
    assert fence(text) == (
        "A tour:\n\n    ```pycon\n    >>> 1 + 1\n    2\n    ```\n\nMore text.\n"
        "```pycon\n>>> x = 1\n```"
    )


def test_concepts_glossary_names_every_kind_and_link() -> None:
    concepts = (DOCS / "concepts.md").read_text(encoding="utf-8")
    glossary = concepts.split("## Glossary", 1)[1]
    named = set(re.findall(r"`([a-z_]+)`", glossary))
    assert {kind.value for kind in Kind} <= named
    assert named >= LINKS


def test_sphinx_roles_in_docstrings_become_inline_code() -> None:
    plain = _griffe_extension().plain_roles
    text = (
        "Cost as :func:`check`; see :class:`~insatslogik.model.reach.ChainIndex` and :data:`a.B`."
    )
    assert plain(text) == "Cost as `check`; see `ChainIndex` and `a.B`."
