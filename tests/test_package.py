"""The package surface: what `import insatslogik` gives and what it leaves out."""

from __future__ import annotations

import dataclasses
import email
import hashlib
import importlib.metadata
import subprocess
import sys
import tomllib
import typing
import zipfile
from importlib.resources import files
from pathlib import Path

import pydantic
import pytest

import insatslogik as il
from insatslogik.model import schema

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_resolves() -> None:
    missing = [name for name in il.__all__ if not hasattr(il, name)]
    assert missing == []


def test_public_names_are_listed_once() -> None:
    assert len(il.__all__) == len(set(il.__all__))


def test_package_is_typed() -> None:
    assert files("insatslogik").joinpath("py.typed").is_file()


# --- What loads on first use --------------------------------------------------------------------

#: The schema, indicator status, the renderers and the interchange formats, with the public names
#: each provides.
ON_FIRST_USE = {
    # the node classes and their parts: every public name of the schema
    "insatslogik.model.schema": tuple(name for name in schema.__all__ if name in il.__all__),
    "insatslogik.analyses.indicators": ("indicator_status", "IndicatorStatus", "IndicatorStatuses"),
    "insatslogik.analyses.diff": ("diff",),
    "insatslogik.render.diagrams": (
        "render_chain",
        "render_structure",
        "Diagram",
        "GraphvizNotFoundError",
    ),
    "insatslogik.render.page": ("render_html", "InteractivePage"),
    "insatslogik.analyses.tables": ("table_rows",),
    "insatslogik.render.tables": ("render_table",),
    "insatslogik.render.text": ("RenderedText",),
    "insatslogik.render.mermaid": ("render_mermaid",),
    "insatslogik.formats.excel": ("write_excel", "read_excel", "write_excel_template"),
    "insatslogik.formats.iati": ("read_iati", "write_iati", "from_iati_xml", "to_iati_xml"),
    "insatslogik.formats.nodelink": (
        "read_node_link",
        "write_node_link",
        "from_node_link",
        "to_node_link",
    ),
}

#: Modules that `import insatslogik` leaves unloaded: the above, what only they use, pydantic's
#: model machinery, and the libraries behind the file formats and renderers.
UNLOADED = (
    *ON_FIRST_USE,
    "insatslogik.render.style",
    "insatslogik.render.view",
    "insatslogik.formats.native._yamltree",
    "insatslogik.formats.excel._reading",
    "insatslogik.formats.excel._writing",
    "insatslogik.formats.iati._reading",
    "pydantic.main",
    "yaml",
    "lxml",
    "openpyxl",
    "graphviz",
    "pyvis",
    "jinja2",
    "pandas",
    "difflib",  # for "did you mean" hints, which only bad input needs
)

TINY_PLAN = '{"insatslogik": 1, "title": "Exempel", "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}]}'


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter once `code` has run."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_import_leaves_schema_renderers_interchange_and_yaml_unloaded() -> None:
    loaded = _modules_after("import insatslogik")
    assert sorted(loaded & set(UNLOADED)) == []
    assert "insatslogik.formats.native._loading" in loaded
    assert "insatslogik.formats.native._saving" in loaded


def test_loading_and_saving_json_leaves_yaml_unloaded(tmp_path: Path) -> None:
    source = tmp_path / "plan.json"
    source.write_text(TINY_PLAN, encoding="utf-8")
    code = (
        "import insatslogik as il\n"
        f"model = il.load({str(source)!r})\n"
        f"il.save(model, {str(tmp_path / 'copy.json')!r})\n"
        "il.loads(il.dumps(model, format='json'), format='json')\n"
    )
    assert "yaml" not in _modules_after(code)
    assert (tmp_path / "copy.json").is_file()


@pytest.mark.parametrize(
    "code",
    [
        f"il.loads({TINY_PLAN!r}, format='json')",
        "il.Model([], title='Exempel')",
        "il.from_networkx(__import__('networkx').MultiDiGraph(title='Exempel'))",
    ],
    ids=["load", "model-in-code", "from-networkx"],
)
def test_the_first_model_loads_the_schema(code: str) -> None:
    assert "insatslogik.model.schema" in _modules_after(f"import insatslogik as il\n{code}")


def test_the_schema_is_not_loaded_before_a_model_is() -> None:
    loaded = _modules_after("import insatslogik as il\nil.check, il.goal_coverage, il.Kind")
    assert "insatslogik.model.schema" not in loaded


def test_reading_yaml_loads_pyyaml() -> None:
    loaded = _modules_after(f"import insatslogik as il; il.loads({TINY_PLAN!r})")
    assert {"yaml", "insatslogik.formats.native._yamltree"} <= loaded


@pytest.mark.parametrize(("module", "names"), ON_FIRST_USE.items(), ids=list(ON_FIRST_USE))
def test_a_renderer_or_format_loads_when_first_used(module: str, names: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "import insatslogik as il\n"
        f"before = {module!r} in sys.modules\n"
        f"found = [getattr(il, name) for name in {names!r}]\n"
        f"print(before, all(a is getattr(sys.modules[{module!r}], n) for a, n in zip(found, {names!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_renderers_and_formats_are_public_names() -> None:
    lazy = [name for names in ON_FIRST_USE.values() for name in names]
    assert sorted(set(lazy) - set(il.__all__)) == []


def test_a_name_loaded_on_first_use_can_be_imported_from_the_package() -> None:
    from insatslogik import render_html, write_excel

    assert render_html.__module__ == "insatslogik.render.page"
    assert write_excel.__module__ == "insatslogik.formats.excel"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(
        AttributeError, match=r"^module 'insatslogik' has no attribute 'render_pdf'$"
    ):
        il.render_pdf  # noqa: B018 (the lookup is what is tested)
    assert not hasattr(il, "render_pdf")


def test_dir_lists_every_public_name() -> None:
    assert sorted(set(il.__all__) - set(dir(il))) == []


def test_convert_is_the_function_even_when_its_module_is_imported_first() -> None:
    code = (
        "from insatslogik.formats.convert import FORMATS\n"
        "import insatslogik as il\n"
        "print(callable(il.convert), il.convert.__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "insatslogik.formats.convert"]


@pytest.mark.parametrize(
    "name", [n for n in il.__all__ if dataclasses.is_dataclass(getattr(il, n))]
)
def test_public_result_types_resolve_their_field_types(name: str) -> None:
    # pydantic (e.g. a web service returning results) and typing read the fields' types from
    # the defining module, so a type imported there only for type checkers would fail here.
    result_type = getattr(il, name)
    typing.get_type_hints(result_type)
    assert pydantic.TypeAdapter(result_type).json_schema()["type"] == "object"


# --- Packaging ----------------------------------------------------------------------------------


def test_the_version_has_one_source_the_installed_metadata_follows() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert importlib.metadata.version("insatslogik") == il.__version__


def test_the_licence_is_in_the_repository_and_named_in_the_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == [
        "LICENSE",
        "src/insatslogik/render/vendor/LICENSE-vis-network.txt",
    ]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    versions = {c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if "Python :: 3." in c}
    assert versions == {"3.11", "3.12", "3.13"}


PIP_WHEEL = (sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel built from this tree, as pip builds it (hatchling, no network)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [*PIP_WHEEL, "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("insatslogik-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_the_licences_the_version_and_no_pyvis(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    info = f"insatslogik-{il.__version__}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    assert f"{info}/licenses/src/insatslogik/render/vendor/LICENSE-vis-network.txt" in names
    # The interactive page's own script and style sheet, read at run time.
    assert {"insatslogik/render/page.js", "insatslogik/render/page.css"} <= names
    metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
    assert metadata["Version"] == il.__version__
    assert metadata["License-Expression"] == "MIT"
    requirements = metadata.get_all("Requires-Dist") or []
    assert not [r for r in requirements if r.startswith("pyvis")]
    assert "Programming Language :: Python :: 3.13" in metadata.get_all("Classifier")
    assert any(r.startswith("pandas") and "extra == 'pandas'" in r for r in requirements)


def test_the_wheel_ships_vis_network_with_its_licence(wheel: zipfile.ZipFile) -> None:
    script = wheel.read("insatslogik/render/vendor/vis-network.min.js")
    assert hashlib.sha256(script).hexdigest() == VIS_NETWORK_SHA256
    licence = wheel.read("insatslogik/render/vendor/LICENSE-vis-network.txt").decode()
    assert "vis-network 9.1.2" in licence
    assert "The MIT License" in licence


#: vis-network 9.1.2's vis-network.min.js, as published in pyvis 0.3.2, unchanged.
VIS_NETWORK_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"


def test_the_interactive_page_needs_no_pyvis() -> None:
    # pyvis may be installed by something else: the page must work with it hidden.
    code = (
        "import sys; sys.modules['pyvis'] = None\n"
        "import insatslogik as il\n"
        "page = il.render_html(il.Model([il.Goal(id='mal', title='Mål')], title='T'))\n"
        "print('vis-network' in page.html, len(page.html) > 400_000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True"]
