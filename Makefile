# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint docs mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Set up and check this repository with opencheck itself.
run: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall .
	$(BIN)/opencheck check .

# Set up with the test extras, then run the tests, ruff and mypy.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

$(VENV)/.installed-mutation: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

# Mutation testing of the modules that decide a verdict ([tool.mutmut] in pyproject.toml):
# killed / total per module and the surviving mutants (benchmarks/mutation.md).
# Default: the functions that decide a verdict, an exit code, a masked value or a refused
# address. Everything: make mutation MUTATION_ARGS=--all
# Some functions only: make mutation MUTATION_ARGS="--only 'opencheck.verdict.*'"
mutation: $(VENV)/.installed-mutation
	$(BIN)/python benchmarks/mutation.py $(MUTATION_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

docs: $(VENV)/.installed-test
	$(BIN)/python -m opencheck.docgen > docs/rules.md

clean:
	rm -rf $(VENV) build dist mutants
