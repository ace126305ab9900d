# Shortcuts; CI runs `bash .ci/run`, which needs none of these.
PY := .venv/bin/python

.PHONY: setup test lint fuzz

setup:
	bash .ci/setup

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check src tests $(wildcard benchmarks) examples
	.venv/bin/ruff format --check src tests $(wildcard benchmarks) examples
	.venv/bin/mypy

fuzz:
	FUZZ_EXAMPLES=20000 $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py
