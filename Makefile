# The same targets people and CI run. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE ?= hip_arthroplasty_brooker_3
PORT ?= 8000

.PHONY: run explain test lint pytest bench bench-scan clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The reader's C extensions are compiled by the install, so a change to them reinstalls too.
NATIVE_SOURCES := setup.py src/hoguide/reading/_automaton.c src/hoguide/reading/_sentences.c

$(VENV)/.installed: pyproject.toml $(NATIVE_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[web,pdf,scan,summary]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(NATIVE_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,web]'
	touch $@ $(VENV)/.installed

## run: start the web page on http://127.0.0.1:$(PORT)/ (the examples are one click away; Ctrl+C stops it)
run: $(VENV)/.installed
	$(BIN)/hoguide serve --port $(PORT)

## explain: the same explanation in the terminal (EXAMPLE=name to pick another; `hoguide examples` lists them)
explain: $(VENV)/.installed
	$(BIN)/hoguide explain --example $(EXAMPLE)

## test: lint, type-check and run the whole test suite
test: lint pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# The reading and guidance tests run again on the pure-Python path (the C extensions off): it is what
# runs where no C compiler was found at install, and both paths must give the same readings.
pytest: $(VENV)/.dev-installed
	$(BIN)/python -m pytest
	HOGUIDE_PURE_PYTHON=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/reading tests/guidance

## bench: reader accuracy and speed against medspaCy and negspacy (baselines in their own venv under benchmarks/out/)
BASELINE_VENV := benchmarks/out/baseline-venv

$(BASELINE_VENV)/bin/python:
	PYTHON=$(PYTHON) bash benchmarks/baselines/setup_baselines.sh $(BASELINE_VENV)

bench: $(VENV)/.installed $(BASELINE_VENV)/bin/python
	$(BIN)/python benchmarks/make_corpus.py
	$(BIN)/python benchmarks/make_corpus.py benchmarks/out/corpus-dense.jsonl --profile dense
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench.py --corpus benchmarks/out/corpus-dense.jsonl --json benchmarks/out/bench-dense.json
	$(BIN)/python benchmarks/make_corpus.py benchmarks/out/corpus-kit.jsonl --profile kit
	$(BIN)/python benchmarks/bench.py --corpus benchmarks/out/corpus-kit.jsonl --json benchmarks/out/bench-kit.json
	$(BIN)/python benchmarks/ho_corpus.py

## bench-scan: the cohort scan on 200,000 generated notes, 1 and 2 processes and Spark local[2] (several minutes)
bench-scan: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/scan_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
