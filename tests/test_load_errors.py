"""Every load error is reported with its file, line, column and a message that says what to do."""

from __future__ import annotations

import codecs
import json
import time
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml

import insatslogik as il

HEAD = "insatslogik: 1\ntitle: Test\nnodes:\n"


def _problems(
    tmp_path: Path, text: str | bytes, suffix: str = ".yaml"
) -> list[tuple[int | None, int | None, str]]:
    path = tmp_path / f"plan{suffix}"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert all(problem.file == str(path) for problem in error.value.problems)
    assert str(error.value).startswith(f"{len(error.value.problems)} problem")
    return [(p.line, p.column, p.message) for p in error.value.problems]


# (name, YAML text, [(line, column, words the message must contain)])
YAML_CASES = [
    ("missing title", HEAD + "  - {id: a, kind: goal}\n", [(4, 5, "goal 'a': title is required")]),
    (
        "misspelt key",
        HEAD
        + "  - id: a\n    kind: indicator\n    title: A\n    basline: {year: 2020, value: 1}\n",
        [(7, 5, "unknown key 'basline' (did you mean 'baseline'?)")],
    ),
    (
        "link not allowed on kind",
        HEAD + "  - {id: a, kind: activity, title: A, measured_by: [i]}\n",
        [
            (
                4,
                39,
                "measured_by is not allowed on an activity (only on factor, goal, long_term_effect, outcome, output, short_term_effect)",
            )
        ],
    ),
    (
        "unknown kind",
        HEAD + "  - {id: a, kind: aktivitet, title: A}\n",
        [(4, 19, "unknown kind 'aktivitet'")],
    ),
    ("missing kind", HEAD + "  - {id: a, title: A}\n", [(4, 5, "kind is required")]),
    (
        "bad id characters",
        HEAD + "  - {id: 'mål 1', kind: goal, title: A}\n",
        [(4, 10, "id must be an id of letters A–Z")],
    ),
    ("id no", HEAD + "  - {id: no, kind: goal, title: A}\n", [(4, 10, "put the text in quotes")]),
    (
        "id 1.10",
        HEAD + "  - {id: 1.10, kind: goal, title: A}\n",
        [(4, 10, "id must be text (got 1.1 (a number))")],
    ),
    (
        "decimal comma",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {2020: '3,5'}}\n",
        [
            (
                4,
                55,
                "values[2020] must be a finite number (got '3,5'); write decimals with a point: 3.5",
            )
        ],
    ),
    (
        "nan",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {2020: .nan}}\n",
        [(4, 55, "must be a finite number")],
    ),
    (
        "inf target",
        HEAD + "  - {id: i, kind: indicator, title: I, target: {year: 2030, value: .inf}}\n",
        [(4, 68, "target.value must be a finite number")],
    ),
    (
        "year key not a year",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {tjugo: 3}}\n",
        [(4, 49, "values has the key 'tjugo', which must be a year such as 2020")],
    ),
    (
        "implausible year",
        HEAD + "  - {id: i, kind: indicator, title: I, baseline: {year: 20, value: 3}}\n",
        [(4, 57, "baseline.year must be at least 1000 (got 20 (a number))")],
    ),
    (
        "link without to",
        HEAD + "  - {id: a, kind: activity, title: A, contributes_to: [{rationale: r}]}\n",
        [(4, 56, "contributes_to[0].to is required")],
    ),
    (
        "duplicate ids",
        HEAD + "  - {id: a, kind: goal, title: A}\n  - {id: a, kind: goal, title: B}\n",
        [(5, 10, "duplicate id 'a' (first at line 4)")],
    ),
    (
        "unknown reference",
        HEAD
        + "  - {id: mal, kind: goal, title: M}\n  - {id: a, kind: activity, title: A, contributes_to: [mall]}\n",
        [
            (
                5,
                56,
                "activity 'a': contributes_to names 'mall', which is not defined (did you mean 'mal'?)",
            )
        ],
    ),
    (
        "measured_by names a goal",
        HEAD
        + "  - {id: m, kind: goal, title: M, measured_by: [m2]}\n  - {id: m2, kind: goal, title: M2}\n",
        [(4, 49, "measured_by must name an indicator, but 'm2' is a goal")],
    ),
    (
        "performed_by names a goal",
        HEAD
        + "  - {id: m, kind: goal, title: M}\n  - {id: a, kind: activity, title: A, performed_by: [m]}\n",
        [(5, 54, "performed_by must name an actor, but 'm' is a goal")],
    ),
    (
        "two parents",
        HEAD
        + "  - {id: s, kind: strategy, title: S}\n  - {id: m, kind: goal, title: M, part_of: [s, s]}\n",
        [(5, 44, "part_of names one parent, not a list (got 2)")],
    ),
    (
        "part_of loop",
        HEAD
        + "  - {id: a, kind: substrategy, title: A, part_of: b}\n  - {id: b, kind: substrategy, title: B, part_of: a}\n",
        [(4, 51, "part_of forms a loop: a → b → a")],
    ),
    (
        "self link",
        HEAD + "  - {id: m, kind: goal, title: M, contributes_to: [m]}\n",
        [(4, 52, "contributes_to names the node itself")],
    ),
    (
        "same link twice",
        HEAD
        + "  - {id: m, kind: goal, title: M}\n  - {id: a, kind: activity, title: A, contributes_to: [m, m]}\n",
        [(5, 59, "contributes_to names 'm' twice")],
    ),
    (
        "missing version",
        "title: x\nnodes: []\n",
        [(1, 1, "the format version is missing: start the file with `insatslogik: 1`")],
    ),
    (
        "unsupported version",
        "insatslogik: 2\ntitle: x\n",
        [(1, 14, "unsupported format version 2 (a number)")],
    ),
    (
        "list at the top",
        "- a\n- b\n",
        [
            (
                1,
                1,
                "the file must be a mapping with the keys insatslogik, title and nodes (got a list of 2 items)",
            )
        ],
    ),
    ("scalar at the top", "plan\n", [(1, 1, "the file must be a mapping")]),
    (
        "nodes a mapping",
        "insatslogik: 1\ntitle: x\nnodes: {a: 1}\n",
        [(3, 8, "nodes must be a list of nodes (got a mapping)")],
    ),
    (
        "a node that is text",
        HEAD + "  - just text\n",
        [(4, 5, "each node must be a mapping with id, kind and title")],
    ),
    ("empty file", "", [(1, 1, "the file is empty")]),
    ("comments only", "# bara en kommentar\n\n", [(1, 1, "the file is empty")]),
    ("syntax error", HEAD + "  - {id: a, kind: goal, title: A\n", [(5, 1, "YAML syntax error")]),
    (
        "unclosed quote",
        HEAD + '  - id: "a\n    kind: goal\n',
        [(6, 1, "(starting at line 4, column 9)")],
    ),
    (
        "tab indentation",
        "insatslogik: 1\ntitle: x\nnodes:\n\t- id: a\n",
        [(4, 1, "YAML syntax error")],
    ),
    (
        "duplicate keys",
        HEAD + "  - id: a\n    kind: goal\n    title: A\n    title: B\n",
        [(7, 5, "duplicate key 'title' (first at line 6)")],
    ),
    (
        "python tag",
        HEAD + "  - !!python/object/apply:os.system ['echo hacked']\n",
        [(4, 5, "YAML syntax error: could not determine a constructor")],
    ),
    (
        "duplicate key beside a merge key",
        HEAD + "  - {<<: {title: x}, id: a, kind: goal, title: A, id: b}\n",
        [(4, 51, "duplicate key 'id' (first at line 4)")],
    ),
    (
        "duplicate key in a block beside a merge key",
        HEAD + "  - <<: {title: x}\n    id: a\n    kind: goal\n    title: A\n    title: B\n",
        [(8, 5, "duplicate key 'title' (first at line 7)")],
    ),
    (
        "yes as a key",
        HEAD + "  - id: a\n    kind: goal\n    title: A\n    yes: x\n",
        [(7, 5, "goal 'a': the key True (a boolean) must be text; YAML reads unquoted yes/no")],
    ),
    (
        "null as a top-level key",
        "insatslogik: 1\ntitle: T\n\n~: x\nnodes: []\n",
        [(4, 1, "the key nothing (null) must be text")],
    ),
    (
        "a number as a link",
        HEAD
        + "  - {id: '1.1', kind: goal, title: M}\n  - {id: a, kind: activity, title: A, contributes_to: [1.1]}\n",
        [
            (
                5,
                56,
                "contributes_to[0] must be an id, or a mapping with `to` and the link's rationale "
                "(got 1.1 (a number)); YAML reads unquoted yes/no/on/off, numbers and dates as such",
            )
        ],
    ),
    (
        "comparison label a number",
        HEAD + "  - {id: i, kind: indicator, title: I, comparisons: {2020: {2020: 5}}}\n",
        [
            (
                4,
                54,
                "comparisons has the key 2020 (a number), which must be a label, written as text",
            )
        ],
    ),
    (
        "currency code",
        HEAD + "  - {id: p, kind: project, title: P, budget: {amount: 5, currency: kr}}\n",
        [
            (
                4,
                68,
                "budget.currency must be a currency code of three capital letters, such as SEK or EUR (got 'kr')",
            )
        ],
    ),
    (
        "unknown code under ignore",
        HEAD + "  - {id: a, kind: goal, title: A, ignore: [nope]}\n",
        [(4, 44, "ignore[0] must be 'cycle', 'backward-link'")],
    ),
    (
        "quoted version",
        "insatslogik: '1'\ntitle: T\nnodes: []\n",
        [(1, 14, "(write it as a number, without quotes: `insatslogik: 1`)")],
    ),
    (
        "exponent read as text",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {2020: 1e5}}\n",
        [(4, 55, "(got '1e5'); 1e5 is read as text: write the number out, or as 1.0e+5")],
    ),
    (
        "a number too large for a value",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {2020: " + "9" * 400 + "}}\n",
        [
            (
                4,
                55,
                "values[2020] must be a finite number (got a number of 400 digits); it is too large",
            )
        ],
    ),
    (
        "a number too long to read",
        HEAD + "  - {id: i, kind: indicator, title: I, values: {2020: " + "9" * 5000 + "}}\n",
        [(4, 55, "a number of 5000 digits is too long to be a value")],
    ),
    (
        "tab before a list item",
        HEAD + "\t- {id: a, kind: goal, title: A}\n",
        [(4, 1, "; the line has a tab: indent YAML with spaces only")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in YAML_CASES], ids=[case[0] for case in YAML_CASES]
)
def test_yaml_load_errors(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    problems = _problems(tmp_path, text)
    assert len(problems) == len(expected), problems
    for (line, column, message), (want_line, want_column, words) in zip(
        problems, expected, strict=True
    ):
        assert (line, column) == (want_line, want_column), message
        assert words in message


JSON_CASES = [
    (
        "syntax error",
        '{"insatslogik": 1,\n "title": }',
        [(2, 11, "JSON syntax error: Expecting value")],
    ),
    (
        # Reported at the comma on every Python version (3.13 words it otherwise).
        "trailing comma in a list",
        '{"insatslogik": 1,\n "title": "a",\n "nodes": [\n  {"id": "m", "kind": "goal", "title": "M"},\n ]}',
        [(4, 44, "JSON syntax error: a comma before ']' with nothing after it: remove the comma")],
    ),
    (
        "duplicate keys",
        '{"insatslogik": 1,\n "title": "a",\n "title": "b"}',
        [(3, 2, "duplicate key 'title' (first at line 2)")],
    ),
    (
        "NaN",
        '{"insatslogik": 1, "title": "x", "nodes": [{"id": "i", "kind": "indicator", "title": "I", "values": {"2020": NaN}}]}',
        [(1, 110, "NaN is not a number JSON allows")],
    ),
    (
        "unknown reference",
        '{"insatslogik": 1, "title": "x", "nodes": [\n\t{"id": "a", "kind": "activity", "title": "A", "contributes_to": ["m"]}]}',
        [(2, 67, "contributes_to names 'm', which is not defined")],
    ),
    ("missing title", '{"insatslogik": 1, "nodes": []}', [(1, 1, "title is required")]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in JSON_CASES], ids=[case[0] for case in JSON_CASES]
)
def test_json_load_errors(
    tmp_path: Path, text: str, expected: list[tuple[int | None, int | None, str]]
) -> None:
    problems = _problems(tmp_path, text, ".json")
    assert [(line, column) for line, column, _ in problems] == [
        (line, column) for line, column, _ in expected
    ]
    for (_, _, message), (_, _, words) in zip(problems, expected, strict=True):
        assert words in message


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    text = (HEAD + "  - {id: a, kind: goal, title: Mål}\n").encode("latin-1")
    [(line, column, message)] = _problems(tmp_path, text)
    assert (line, column) == (4, 33)
    assert "not UTF-8 text: byte 0xE5 cannot be read; save it as UTF-8" in message


def test_the_column_of_a_bad_byte_counts_characters(tmp_path: Path) -> None:
    # Three two-byte letters before the bad byte: column 11 on screen, byte 14.
    text = b"insatslogik: 1\ntitle: " + "ÅÅÅ".encode() + b"\xe5\nnodes: []\n"
    [(line, column, _)] = _problems(tmp_path, text)
    assert (line, column) == (2, 11)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE], ids=["utf-8-bom", "utf-16"])
def test_files_with_a_byte_order_mark_load(tmp_path: Path, bom: bytes) -> None:
    text = HEAD + "  - {id: a, kind: goal, title: Mål för Västra Götaland}\n"
    encoding = "utf-8" if bom == codecs.BOM_UTF8 else "utf-16-le"
    path = tmp_path / "plan.yaml"
    path.write_bytes(bom + text.encode(encoding))
    assert il.load(path)["a"].title == "Mål för Västra Götaland"


def test_crlf_line_endings_load(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(
        (HEAD + "  - {id: a, kind: goal, title: Mål}\n").replace("\n", "\r\n").encode()
    )
    assert il.load(path)["a"].title == "Mål"


def test_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "hacked"
    text = HEAD + f"  - !!python/object/apply:os.system ['touch {marker}']\n"
    _problems(tmp_path, text)
    assert not marker.exists()


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines)


def test_an_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    text = "insatslogik: 1\ntitle: x\n" + _bomb(9) + "\nnodes: [{id: a, kind: actor, title: *a8}]\n"
    assert len(text.encode()) < 1024
    start = time.perf_counter()
    [(line, column, message)] = _problems(tmp_path, text)
    assert time.perf_counter() - start < 1.0
    assert "an alias bomb, not a plan" in message
    assert line is not None
    assert column is not None


def test_a_few_aliases_load(tmp_path: Path) -> None:
    text = (
        HEAD
        + "  - {id: a, kind: activity, title: A, performed_by: &who [x, y]}\n  - {id: b, kind: activity, title: B, performed_by: *who}\n"
    )
    text += "  - {id: x, kind: actor, title: X}\n  - {id: y, kind: actor, title: Y}\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert il.load(path)["b"].performed_by == ("x", "y")  # type: ignore[union-attr]


def test_deep_nesting_is_refused_fast(tmp_path: Path) -> None:
    start = time.perf_counter()
    [(line, column, message)] = _problems(
        tmp_path, "insatslogik: 1\ntitle: x\nnodes: " + "[" * 20000 + "]" * 20000
    )
    assert time.perf_counter() - start < 1.0
    assert (line, column) == (3, 8)
    assert "nested more than 100 levels deep" in message


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = HEAD + (
        "  - {id: mal, kind: goal, title: M, measured_by: [ind]}\n"
        "  - {id: a, kind: activity, title: A, contributes_to: [mall]}\n"
        "  - {id: b, kind: activity}\n"
        "  - {id: ind, kind: indicator, title: I, values: {2020: '4,2'}}\n"
        "  - {id: mal, kind: goal, title: Dubbel}\n"
        "  - {id: 'x y', kind: actor, title: X}\n"
        "  - {id: c, kind: akivitet, title: C}\n"
        "  - {id: d, kind: goal, title: D, measured_by: [mal]}\n"
    )
    problems = _problems(tmp_path, text)
    assert [line for line, _, _ in problems] == [5, 6, 7, 8, 9, 10, 11]
    assert len(problems) == 7


def test_errors_never_echo_long_input(tmp_path: Path) -> None:
    secret = "hemligt " * 1250
    text = HEAD + f"  - {{id: a, kind: goal, title: M, description: [{secret}]}}\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert "hemligt" not in str(error.value)
    assert "description must be text (got a list of 1 item)" in str(error.value)


def test_an_impossible_date_is_a_located_error(tmp_path: Path) -> None:
    [(line, column, message)] = _problems(
        tmp_path, HEAD + "  - {id: 2020-13-45, kind: goal, title: M}\n"
    )
    assert (line, column) == (4, 10)
    assert (
        "cannot read the value: month must be in 1..12; put it in quotes if it is text" in message
    )


def test_a_yaml_file_keeps_its_positions_but_not_its_tree_while_nodes_are_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At a million nodes the tree of positions is over a GB that the model can reuse.
    from insatslogik.formats.native import _yamltree as yamltree
    from insatslogik.model import assembly

    trees: list[weakref.ref[object]] = []
    compose, validate = yamltree.compose, assembly.validate_nodes

    def recording(text: str, *, checked: bool = False) -> object:
        tree = compose(text, checked=checked)
        trees.append(weakref.ref(tree))
        return tree

    alive: list[bool] = []

    def validating(raw: list[object]) -> object:
        alive.extend(tree() is not None for tree in trees)
        return validate(raw)

    monkeypatch.setattr(yamltree, "compose", recording)
    monkeypatch.setattr(assembly, "validate_nodes", validating)
    path = tmp_path / "plan.yaml"
    path.write_text(
        HEAD + "  - {id: a, kind: goal, title: A}\n  - id: b\n    kind: goal\n    title: B\n"
    )
    model = il.load(path)
    assert alive == [False]
    assert [(p.line, p.column) for p in map(model.location, "ab") if p] == [(4, 5), (5, 5)]
    path.write_text(
        HEAD + "  - {id: a, kind: goal, title: A}\n  - id: b\n    kind: gaol\n    title: B\n"
    )
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert [(p.line, p.column) for p in error.value.problems] == [(6, 11)]


class _Nodes(list):  # type: ignore[type-arg]
    """A list that can be watched with a weak reference."""


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_the_parsed_values_are_gone_before_the_graph_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    from insatslogik.formats.native import _loading as loading
    from insatslogik.model import assembly

    watched: list[weakref.ref[_Nodes]] = []
    parse, build = loading._parse, assembly.build_graph

    def watching(*args: Any) -> Any:
        raw, early, marks = parse(*args)
        raw["nodes"] = _Nodes(raw["nodes"])
        watched.append(weakref.ref(raw["nodes"]))
        return raw, early, marks

    alive: list[bool] = []

    def building(*args: Any, **kwargs: Any) -> Any:
        # The list of values read is gone, or emptied by the assembly that validated them.
        alive.extend(bool(nodes()) for nodes in watched)
        return build(*args, **kwargs)

    monkeypatch.setattr(loading, "_parse", watching)
    monkeypatch.setattr(assembly, "build_graph", building)
    path = tmp_path / f"plan{suffix}"
    text = HEAD + "  - {id: a, kind: goal, title: A, measured_by: [b]}\n"
    if suffix == ".json":
        text = json.dumps(yaml.safe_load(text), indent=1)
    path.write_text(text)
    with pytest.raises(il.ModelError) as error:
        il.load(path)
    assert alive == [False]
    # The link to a missing node is still located, in the file decoded again.
    [problem] = error.value.problems
    assert problem.line is not None
    assert problem.column is not None
    assert text.splitlines()[problem.line - 1][problem.column - 1 :].lstrip('"').startswith("b")


def test_a_link_written_as_a_bad_plain_id_shows_the_id_it_got() -> None:
    # `contributes_to: [mål]` is short for `{to: mål}`; the message shows what was written.
    text = (
        "insatslogik: 1\ntitle: T\nnodes:\n"
        "  - {id: mal, kind: goal, title: M}\n"
        "  - {id: akt, kind: activity, title: A, contributes_to: [mål, {to: 'a b'}]}\n"
    )
    with pytest.raises(il.ModelError) as error:
        il.loads(text)
    assert [str(problem) for problem in error.value.problems] == [
        "<string>:5:58: activity 'akt': contributes_to[0].to must be an id of letters A–Z, "
        "digits, '_', '.' and '-' only (got 'mål')",
        "<string>:5:68: activity 'akt': contributes_to[1].to must be an id of letters A–Z, "
        "digits, '_', '.' and '-' only (got 'a b')",
    ]
