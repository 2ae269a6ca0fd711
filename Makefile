# belarus-indicators — every target bootstraps what it needs; `make run` and `make test` work on a
# fresh clone. Python 3.11+ is the only prerequisite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
SEEDS ?= ../shared/seeds
CURATED := $(shell find datasets/curated -name '*.yaml' 2>/dev/null)
ETL_CODE := $(wildcard etl/*.py)
PARQUET := datasets/parquet/observations.parquet

.PHONY: help run etl verify scan test lint bench clean distclean

help:
	@echo "make run     build the data if needed and serve the dashboard on http://$(HOST):$(PORT)"
	@echo "make test    install dev dependencies and run every test"
	@echo "make etl     validate curated YAML and write datasets/parquet/"
	@echo "make verify  check every evidence quote against the texts in $(SEEDS)"
	@echo "make scan    report numeric mentions in the texts not covered by a fact"
	@echo "make lint    ruff"
	@echo "make bench   benchmarks → docs/benchmarks.md"
	@echo "make clean   remove built data, caches and dist/"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(PARQUET): $(VENV)/.installed $(CURATED) $(ETL_CODE)
	$(PY) -m etl build

etl: $(VENV)/.installed
	$(PY) -m etl build

verify: $(VENV)/.installed
	$(PY) -m etl verify --texts $(SEEDS)

scan: $(VENV)/.installed
	$(PY) -m etl scan --texts $(SEEDS)

run: $(PARQUET)
	$(PY) -m dashboard --host $(HOST) --port $(PORT)

test: lint
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(PY) -m ruff check etl dashboard tests bench

bench: $(PARQUET)
	$(PY) bench/etl_speed.py --output docs/benchmarks.md

clean:
	rm -rf datasets/parquet datasets/.parquet-* dist .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
