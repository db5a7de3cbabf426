# Two commands matter: `make run` (demo on a laptop) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SCR := $(VENV)/bin/scr-monitor
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install install-test chromium axe readers bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test]'
	touch $(TEST_STAMP)

install: $(STAMP)
install-test: $(TEST_STAMP)

run: install
	$(SCR) demo
	$(SCR) serve

# Debian's Chromium drives the browser tests and kaleido's static export; never a downloaded Chrome.
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

# axe-core, from the npm registry, is injected into pages by the accessibility tests.
axe: tests/dashboard/vendor/axe.min.js
tests/dashboard/vendor/axe.min.js:
	mkdir -p tests/dashboard/vendor
	cd tests/dashboard/vendor && npm pack -q axe-core@4 >/dev/null && tar -xzf axe-core-*.tgz package/axe.min.js && mv package/axe.min.js . && rm -rf package axe-core-*.tgz

# LibreOffice and poppler/librsvg open the exported documents and figures as their readers' programs would;
# python3-uno lets the import tests drive Calc (merged cells, passwords, an edited status cell).
readers:
	@command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' 2>/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils librsvg2-bin qpdf >/dev/null)

test: install-test chromium axe readers
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n 2 -q tests
	$(PY) -m tests.benchmarks.national --small
	$(PY) -m tests.benchmarks.dashboard_overview --small

# The figures the issues name, at national scale (several minutes; PostgreSQL and Chromium needed).
bench: install-test chromium readers
	$(PY) -m tests.benchmarks.national
	$(PY) -m tests.benchmarks.dashboard_overview
	$(PY) -m tests.benchmarks.import_10k --csv
	$(PY) -m tests.benchmarks.import_10k --rows 50000 --formats xlsx
	$(PY) -m tests.benchmarks.export_pack
	$(PY) -m tests.benchmarks.service_load
	$(PY) -m tests.benchmarks.service_load --think 1
	$(PY) -m tests.benchmarks.backup_verify
	$(PY) -m tests.benchmarks.themes
	$(PY) -m tests.benchmarks.evidence
	$(PY) -m tests.benchmarks.impact_counts

clean:
	rm -rf $(VENV) data .pytest_cache artifacts
