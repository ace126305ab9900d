"""Fuzzing: mutated model files either load or raise ModelError, never anything else.

The normal suite runs a small budget; `FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py` (or
`make fuzz`) runs a large one.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import resource
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from insatslogik.formats.convert import convert_read
from tests.conftest import EXAMPLES, SMALL_PLAN
from tests.guard import run_guarded

IATI_DATA = Path(__file__).parent / "data" / "iati"

BUDGET = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SOURCES = {
    "small.yaml": SMALL_PLAN,
    "vgr.yaml": (EXAMPLES / "vgr_kraftsamling_digitalisering.yaml").read_text(encoding="utf-8")[
        :6000
    ],
    "small.json": il.dumps(il.loads(SMALL_PLAN), format="json"),
}
SCALARS = ["no", "1.10", ".nan", "-1", "99999", "[]", "{}", "null", '"x"', "2020-13-45"]
INJECTED = [
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    '"',
    "'",
    "#",
    "\x00",
    "\ufeff",
    "å",
    "\r",
    "|",
    ">",
    "%",
    "@",
    "`",
    "? ",
    "<<: ",
    "NaN",
    "-Infinity",
    "\\ud83d",
    "\x07",
    "9" * 5000,
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A model text with a few lines deleted, duplicated or swapped, scalars changed, characters injected."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "scalar", "inject"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "scalar" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(SCALARS))}"
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(INJECTED)) + lines[i][at:]
    return name, "\n".join(lines) + "\n"


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_load_or_raise_model_error(case: tuple[str, str]) -> None:
    name, text = case
    try:
        model = il.loads(text, name=name, format="json" if name.endswith(".json") else "yaml")
    except il.ModelError as error:
        problems = error.problems
    else:
        il.check(model)
        assert il.loads(il.dumps(model)) == model
        return
    assert problems
    for problem in problems:
        assert problem.file == name
        assert problem.line is not None
        assert problem.column is not None
        assert 0 < len(problem.message) < 1000


@settings(max_examples=BUDGET, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_load_or_raise_model_error(data: bytes) -> None:
    for fmt in ("yaml", "json"):
        with pytest.raises(il.ModelError):
            il.loads(data, format=fmt)


# --- under a time and memory limit -----------------------------------------------------------


def _load_both_ways(data: bytes, fmt: Literal["yaml", "json"], path: Path) -> None:
    """Load `data` as text and as a file: a model or ModelError only (UsageError: a bad option)."""
    path.write_bytes(data)
    for load in (lambda: il.loads(data, format=fmt), lambda: il.load(path, format=fmt)):
        with contextlib.suppress(il.ModelError, il.UsageError):
            load()


@st.composite
def byte_mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid plan's bytes with a few bytes flipped, inserted, deleted or a slice repeated."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[name].encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 50))]
        else:
            piece = data[at : at + draw(st.integers(1, 200))]
            data[at:at] = piece * draw(st.integers(1, 200))
    return name, bytes(data)


@settings(max_examples=max(BUDGET // 3, 30), deadline=None)
@given(
    case=st.one_of(
        byte_mutated(), st.tuples(st.sampled_from(sorted(SOURCES)), st.binary(max_size=2000))
    )
)
def test_any_bytes_end_in_a_model_or_model_error_within_limits(
    case: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Each case runs in a forked child limited to 20 s and 1 GB more memory: a hang or a
    # runaway allocation fails this example alone, and any exception but ModelError and
    # UsageError is reported by its name.
    name, data = case
    path = tmp_path_factory.mktemp("fuzz") / name
    fmt: Literal["yaml", "json"] = "json" if name.endswith(".json") else "yaml"
    assert run_guarded(lambda: _load_both_ways(data, fmt, path)) == "ok"


@settings(
    max_examples=max(BUDGET // 3, 30), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=mutated())
def test_mutated_plans_end_in_a_model_or_model_error_within_limits(
    case: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    name, text = case
    path = tmp_path_factory.mktemp("fuzz") / name
    fmt: Literal["yaml", "json"] = "json" if name.endswith(".json") else "yaml"
    assert run_guarded(lambda: _load_both_ways(text.encode("utf-8"), fmt, path)) == "ok"


def test_the_guard_stops_a_hang_and_a_runaway_allocation() -> None:
    assert run_guarded(lambda: time.sleep(5), seconds=1) == "killed: time limit"
    assert run_guarded(lambda: bytearray(2 << 30)).startswith("MemoryError")
    assert run_guarded(lambda: il.loads("x: [")).startswith("ModelError: 1 problem")


# --- the readers of other organisations' data: node-link JSON, IATI XML, Excel -------------------

#: Each case must finish within this many seconds (the issue's bound for an input under 10 MB)
#: and this many bytes of address space more than the test process had before it.
CASE_SECONDS = 5.0
CASE_MEMORY = 500 * 2**20

_SMALL = il.loads(SMALL_PLAN)
FOREIGN_SOURCES = {
    "small.nodelink.json": json.dumps(il.to_node_link(_SMALL), ensure_ascii=False, indent=1),
    "small.xml": il.to_iati_xml(_SMALL, reporting_org="SE-ORGNR-2321000131"),
    "globalfund.xml": (IATI_DATA / "globalfund_47045-ARM-202-G05-H-00.xml").read_text(
        encoding="utf-8"
    ),
}
FOREIGN_INJECTED = [
    *INJECTED,
    "<",
    ">",
    "&",
    "&amp;",
    "</period>",
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    'value="N/A"',
    'iso-date="2025-13-45"',
    "1e999",
    '"id": 7,',
    '"key": "likes",',
]


@contextmanager
def _bounded() -> Iterator[None]:
    """Run a block under a cap on address space; check afterwards that it was quick enough."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    cap = pages * resource.getpagesize() + CASE_MEMORY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    start = time.perf_counter()
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    elapsed = time.perf_counter() - start
    assert elapsed < CASE_SECONDS, f"took {elapsed:.1f} s"


def _read_foreign(data: bytes, suffix: str, folder: Path) -> None:
    """Read `data` as a file with `suffix`, strictly and leniently: a model or a located ModelError."""
    path = folder / f"case{suffix}"
    path.write_bytes(data)
    for strict in (True, False):
        failed: il.ModelError | il.UsageError | None = None
        try:
            with _bounded():
                model = convert_read(path, strict=strict)
        except (il.ModelError, il.UsageError) as error:
            failed = error
        if failed is not None:
            problems = failed.problems if isinstance(failed, il.ModelError) else []
            assert isinstance(failed, il.UsageError) or problems
            for problem in problems:
                assert problem.file in {str(path), None}
                assert 0 < len(problem.message) < 1000
            continue
        assert isinstance(model, il.Model)
        if strict:
            assert model.warnings == ()
        for warning in model.warnings:
            assert isinstance(warning, il.Problem)
            assert warning.file == str(path)


@st.composite
def mutated_foreign(draw: st.DrawFn) -> tuple[str, bytes]:
    """A node-link or IATI text with lines deleted, duplicated or swapped, or text injected."""
    name = draw(st.sampled_from(sorted(FOREIGN_SOURCES)))
    lines = FOREIGN_SOURCES[name].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "inject"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(FOREIGN_INJECTED)) + lines[i][at:]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    return name, text.encode(encoding, errors="replace")


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_foreign())
def test_mutated_node_link_and_iati_files_load_or_raise_located_errors(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[str, bytes]
) -> None:
    name, data = case
    suffix = ".nodelink.json" if name.endswith(".json") else ".xml"
    _read_foreign(data, suffix, tmp_path_factory.mktemp("fuzz"))


@functools.cache
def _workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return il.write_excel(_SMALL, Path(folder, "plan.xlsx")).read_bytes()


_PIECES = [
    b"<",
    b'<c r="XFD1048576"><f>1+1</f></c>',
    b'<dimension ref="A1:XFD1048576"/>',
    b"<v>1e999</v>",
    b'<c r="A2" t="s"><v>99</v></c>',
    b"\x00",
    b"9" * 5000,
]


def _mutated_workbook(workbook: bytes, change: tuple[int, str, float, int, int]) -> bytes:
    """A workbook with one part's XML cut, injected into or left out, or its zip bytes changed."""
    target, action, place, length, piece = change
    if action == "flip":
        data = bytearray(workbook)
        for step in range(length % 8 + 1):
            data[int(place * (len(data) - 1) + step * 997) % len(data)] ^= 1 + piece
        return bytes(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as old:
        names = old.namelist()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for index, name in enumerate(names):
                xml = old.read(name)
                if index == target % len(names):
                    at = int(place * len(xml))
                    if action == "drop":
                        continue
                    if action == "cut":
                        xml = xml[:at] + xml[at + length :]
                    else:
                        xml = xml[:at] + _PIECES[piece % len(_PIECES)] + xml[at:]
                new.writestr(name, xml)
    return out.getvalue()


@settings(
    max_examples=max(BUDGET // 3, 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.tuples(
        st.integers(0, 30),
        st.sampled_from(["flip", "cut", "inject", "drop"]),
        st.floats(0, 1),
        st.integers(1, 200),
        st.integers(0, 254),
    )
)
def test_mutated_workbooks_load_or_raise_located_errors(
    tmp_path_factory: pytest.TempPathFactory, change: tuple[int, str, float, int, int]
) -> None:
    _read_foreign(_mutated_workbook(_workbook(), change), ".xlsx", tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=BUDGET, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".nodelink.json", ".xml", ".xlsx"]))
def test_random_bytes_in_other_formats_raise_model_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    _read_foreign(data, suffix, folder)
    path = folder / f"case{suffix}"
    for strict in (True, False):
        with pytest.raises(il.ModelError):
            convert_read(path, strict=strict)
