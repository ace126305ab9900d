# Shortcuts; CI runs `bash .ci/run`, which needs none of these.
PY := .venv/bin/python

.PHONY: setup test lint fuzz hostile bench

setup:
	bash .ci/setup

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check src tests $(wildcard benchmarks) examples
	.venv/bin/ruff format --check src tests $(wildcard benchmarks) examples
	.venv/bin/mypy
	.venv/bin/lint-imports --no-cache

fuzz:
	FUZZ_EXAMPLES=20000 $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# Time and memory of refusing each malformed or hostile file (docs/robustness.md).
hostile:
	$(PY) -m benchmarks.hostile
	$(PY) -m benchmarks.hostile_foreign

# Scale benchmark at 10k, 100k and 1M nodes (20 to 40 minutes); results in benchmarks/results.json,
# recorded in docs/performance.md. Smaller: make bench SCALES="10000 100000".
SCALES ?= 10000 100000 1000000
bench:
	$(PY) -m benchmarks.run --scales $(SCALES) --out benchmarks/results.json
