"""Fuzzing: mutated model files either load or raise ModelError, never anything else.

The normal suite runs a small budget; `FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py` (or
`make fuzz`) runs a large one.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insatslogik as il
from tests.conftest import EXAMPLES, SMALL_PLAN

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
