"""Fuzzing: mutated model files either load or raise ModelError, never anything else.

The normal suite runs a small budget; `FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py` (or
`make fuzz`) runs a large one.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from tests.conftest import EXAMPLES, SMALL_PLAN
from tests.guard import run_guarded

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
