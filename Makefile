# belarus-indicators — every target bootstraps what it needs; `make run` and `make test` work on a
# fresh clone. Python 3.11+ is the only prerequisite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# The texts anchor, verify and scan read: the shared seeds (the policy articles), the shared
# corpus (the news reports), and the texts propose saved, each only when it exists (evaluated
# when used, so a text proposed in the same run counts). Texts are matched by their SHA-256, so
# a report curated from the corpus is checked on a clone that never ran propose. With none, the
# commands report every document skipped and succeed.
SEEDS ?= ../shared/seeds
CORPUS ?= ../shared/corpus
PROPOSED_TEXTS ?= datasets/texts
TEXTS = $(foreach dir,$(SEEDS) $(CORPUS) $(PROPOSED_TEXTS),$(if $(wildcard $(dir)/.),--texts $(dir)))
CURATED := $(shell find datasets/curated -name '*.yaml' 2>/dev/null)
ETL_CODE := $(wildcard etl/*.py)
PARQUET := datasets/parquet/observations.parquet
CHROMIUM ?= /usr/bin/chromium
PLOTLY_BUNDLE := dashboard/assets/vendor/plotly-basic.min.js
# Pinned installs (docs/development.md): the runtime set (the app, the ETL, publishing) and the
# development set (that plus tests, lint, benchmarks), both compiled from pyproject.toml by
# `make lock`. A stamp is redone when its lock or pyproject.toml changes.
RUNTIME_LOCK := requirements/runtime.txt
DEV_LOCK := requirements/dev.txt
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: help calibrate run serve reload serve-proxy proxy-deps office-deps publish etl findings anchor verify scan propose review test lint bench mutation clean distclean browser-deps charts package

help:
	@echo "make run     build the data if needed and serve the dashboard on http://$(HOST):$(PORT) at once"
	@echo "make test    install dev dependencies and run every test"
	@echo "make serve   the app server (gunicorn, WORKERS=$(WORKERS)), loopback only"
	@echo "make serve-proxy  nginx on HOST:PORT in front of gunicorn: the production recipe"
	@echo "make reload  move the server on PORT to the data built now (after make etl, make publish)"
	@echo "make publish bake the downloads and default chart images into dist/site/ (run and serve do)"
	@echo "make etl     validate curated YAML and write datasets/parquet/"
	@echo "make findings rewrite docs/findings.md from the consistency checks"
	@echo "make anchor  locate every quote in its text (datasets/curated/anchors/): quote links, annotations"
	@echo "make verify  check every evidence quote against the texts in $(SEEDS), $(CORPUS) and $(PROPOSED_TEXTS)"
	@echo "make scan    report numeric mentions in the texts not covered by a fact"
	@echo "make propose DOC=path  draft the curated file of a new document (.txt, .html, .pdf; English, Russian, Ukrainian)"
	@echo "             [ID=source-id] [DATE=2018-12 or 2023-10/2024] [LANGUAGE=en|ru|uk]"
	@echo "make review ID=source  list a draft's proposals, least certain first (ACCEPT=marked|all to accept them)"
	@echo "make charts  every chart as PNG and SVG (social preset, scale 2) in dist/charts/"
	@echo "make package the dataset as a Frictionless data package: dist/belarus-indicators.zip"
	@echo "make lint    ruff"
	@echo "make lock    recompile requirements/*.txt from pyproject.toml, keeping the pinned versions"
	@echo "make lock-upgrade  the same, moving every package to the newest its range in pyproject allows"
	@echo "make bench   benchmarks → docs/benchmarks.md"
	@echo "make mutation  mutation testing of the rules against the fast tests → docs/benchmarks.md"
	@echo "make clean   remove built data, caches and dist/"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The lock carries every package's hashes, so pip installs exactly the files locked; the project
# itself goes in editable, without dependencies of its own choosing.
$(RUNTIME_STAMP): $(RUNTIME_LOCK) pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r $(RUNTIME_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): $(DEV_LOCK) $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet -r $(DEV_LOCK)
	touch $@

# uv compiles the locks, for CPython 3.11 on x86_64 Linux (glibc 2.28 or later) whatever machine
# runs it; pip alone installs them. Constraints in requirements/constraints.txt cap packages that
# no direct dependency bounds.
UV_VERSION := 0.13.9
LOCK_TOOLS := .venv-tools
LOCK_COMPILE := $(LOCK_TOOLS)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 \
  --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" \
  -c requirements/constraints.txt

$(LOCK_TOOLS)/.uv-$(UV_VERSION):
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	touch $@

.PHONY: lock lock-upgrade
lock: $(LOCK_TOOLS)/.uv-$(UV_VERSION)
	$(LOCK_COMPILE) $(UPGRADE) -o $(RUNTIME_LOCK) pyproject.toml
	$(LOCK_COMPILE) $(UPGRADE) --extra dev -c $(RUNTIME_LOCK) -o $(DEV_LOCK) pyproject.toml

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

$(PARQUET): $(RUNTIME_STAMP) $(CURATED) $(ETL_CODE)
	$(PY) -m etl build
	$(PY) -m dashboard.charts

etl: $(RUNTIME_STAMP)
	$(PY) -m etl build
	$(PY) -m dashboard.charts

findings: $(RUNTIME_STAMP)
	$(PY) -m etl findings --out docs/findings.md

# Where each quote sits in its text: the links that open the original at the quote and the W3C
# annotations. Rerun after adding or editing a document's quotes; `etl build` refuses stale ones.
anchor: $(RUNTIME_STAMP)
	$(PY) -m etl anchor $(TEXTS)

verify: $(RUNTIME_STAMP)
	$(PY) -m etl verify $(TEXTS)

scan: $(RUNTIME_STAMP)
	$(PY) -m etl scan $(TEXTS)

propose: $(RUNTIME_STAMP)
	@test -n "$(DOC)" || { echo "usage: make propose DOC=path/to/document [ID=source-id] [DATE=2023-10/2024] [LANGUAGE=en|ru|uk]"; exit 2; }
	$(PY) -m etl propose "$(DOC)" $(if $(ID),--id $(ID)) $(if $(DATE),--date $(DATE)) $(if $(LANGUAGE),--language $(LANGUAGE))

# What the intake's confidences mean, learned again from the curated documents (leave-one-out):
# run after changing the intake's rules; writes etl/intake/calibration.json.
calibrate: $(DEV_STAMP)
	$(PY) bench/calibrate.py

review: $(RUNTIME_STAMP)
	@test -n "$(ID)" || { echo "usage: make review ID=source-id [ACCEPT=marked|all]"; exit 2; }
	$(PY) -m etl review $(ID) $(if $(filter all,$(ACCEPT)),--accept-all,$(if $(ACCEPT),--accept))

# Everything a reader fetches by default, baked once per data and code version and served as
# files (publish/site.py); a no-op when the current version is already there.
publish: $(PARQUET) browser-deps
	$(PY) -m publish.site

# The dashboard as soon as the data is built: the same server as `make serve`, answering every
# file itself until the site is published in the background, then serving the published files.
run: $(PARQUET) $(PLOTLY_BUNDLE)
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(PY) -m dashboard.serving serve --publish-after

serve-proxy: $(PARQUET) $(PLOTLY_BUNDLE) publish proxy-deps
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(PY) deploy/serve_proxy.py

# nginx for serve-proxy, its test and the benchmarks (installed when missing and we are root).
proxy-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	  else echo "note: nginx missing; as root: apt-get install nginx-light (proxy tests will skip)"; fi; \
	fi

# LibreOffice for the test that opens the Excel workbook as a spreadsheet user would (installed
# when missing and we are root: about 280 MB, half a minute; elsewhere that test skips).
office-deps:
	@if ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui; \
	  else echo "note: soffice missing; as root: apt-get install libreoffice-calc-nogui (its test will skip)"; fi; \
	fi

serve: $(PARQUET) $(PLOTLY_BUNDLE) publish
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(PY) -m dashboard.serving serve

# A release while serving: `make etl && make publish && make reload` moves the server on PORT
# (make serve or make serve-proxy) to the new data without dropping a request; a broken build is
# refused and the server keeps what it serves (docs/deploy.md, "Releasing").
reload:
	PORT=$(PORT) $(PY) -m dashboard.serving reload

# The partial plotly.js bundle (scatter only) from npm, served from assets/ so dcc.Graph uses it
# instead of its own 4.6 MB bundle. Without npm the app falls back to that full bundle.
# regenerator-runtime (6 KB gzipped) replaces the 99 KB Babel polyfill Dash would load: the
# renderer needs only its regeneratorRuntime global (see dashboard/app.py).
$(PLOTLY_BUNDLE): node_modules/.package-lock.json
	@if [ -f node_modules/plotly.js-basic-dist-min/plotly-basic.min.js ]; then \
	  mkdir -p $(@D) && cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js $@ && \
	  cp node_modules/regenerator-runtime/runtime.js $(@D)/regenerator-runtime.js; \
	else echo "note: no partial plotly.js bundle (npm missing); the dashboard uses the full one"; fi

test: $(DEV_STAMP) lint $(PARQUET) $(PLOTLY_BUNDLE) browser-deps proxy-deps office-deps
	$(PY) -m pytest

# Browser tests need Debian chromium (installed when missing and we are root, as in CI; elsewhere
# they skip with a reason, and fail under CI=1) and the npm packages pinned by package-lock.json
# (axe-core; the partial plotly.js bundle). Never `playwright install`: it downloads a browser.
browser-deps: node_modules/.package-lock.json
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation; \
	  else echo "note: $(CHROMIUM) missing; as root: apt-get install chromium (browser tests will skip)"; fi; \
	fi

node_modules/.package-lock.json: package-lock.json
	@if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; fi
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "note: npm missing; accessibility scans will skip"; fi

charts: $(PARQUET) browser-deps
	$(PY) -m dashboard.exports.export_charts --out dist/charts

package: $(PARQUET)
	$(PY) -m publish.datapackage --out dist/belarus-indicators.zip

lint: $(DEV_STAMP)
	$(PY) -m ruff check etl dashboard publish deploy tests bench

# Benchmarks need wrk and nginx (Debian; installed here when missing and root), chromium and
# the npm tools; each writes its own section of docs/benchmarks.md. Loopback only, bounded.
bench: $(DEV_STAMP) $(PARQUET) $(PLOTLY_BUNDLE) browser-deps proxy-deps publish
	@for tool in wrk nginx; do if ! command -v $$tool >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$( [ $$tool = nginx ] && echo nginx-light || echo wrk ); fi; done
	$(PY) bench/etl_speed.py --output docs/benchmarks.md
	$(PY) bench/intake.py --output docs/benchmarks.md
	$(PY) bench/serve_speed.py --output docs/benchmarks.md
	$(PY) bench/page_speed.py --output docs/benchmarks.md
	$(PY) bench/time_to_citation.py --output docs/benchmarks.md
	$(PY) bench/load.py --output docs/benchmarks.md
	$(PY) bench/proxy_load.py --output docs/benchmarks.md
	$(PY) bench/release_safety.py --output docs/benchmarks.md
	$(PY) bench/slow_clients.py --output docs/benchmarks.md
	$(PY) bench/exports_speed.py --output docs/benchmarks.md
	$(PY) bench/code_size.py --output docs/benchmarks.md

# Mutation testing (mutmut 3): do the fast tests catch a wrong rule in the interval, derive and
# check modules? Runs in a temporary copy of the project (~10 min on 2 cores, stopped after 25);
# killed/total and every surviving mutant go to docs/benchmarks.md.
mutation: $(DEV_STAMP)
	$(PY) bench/mutation.py --output docs/benchmarks.md

clean:
	rm -rf datasets/parquet datasets/.parquet-* dist .pytest_cache .ruff_cache .hypothesis dashboard/assets/vendor
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(LOCK_TOOLS) *.egg-info node_modules
