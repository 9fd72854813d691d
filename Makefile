# The README's commands, for those who like make. Each target sets up what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup serve build test check format bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.installed

serve: setup
	$(VENV)/bin/mkdocs serve

build: setup
	$(PY) -m grants validate
	$(VENV)/bin/mkdocs build --strict

test: setup
	bash scripts/test

check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m grants validate

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PY) benchmarks/bench_data.py
	$(PY) benchmarks/bench_site.py

clean:
	rm -rf site .pytest_cache .ruff_cache
