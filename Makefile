# Two commands do all the set-up on a fresh machine:
#   make demo   create .venv, install readiness, validate a bundled example
#   make test   create .venv with the test extras, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test test-min lint docs bench fuzz clean browser catalogue catalogue-extract catalogue-update catalogue-compile
# pytest exits 5 when it collected no test: a run that tested nothing is a failure.
PYTEST = $(1)/python -m pytest -q -p no:cacheprovider $(2); status=$$?; \
	if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	@echo "== readiness validate examples/care-copilot-ready.yaml examples/churn-accuracy-only.yaml"
	-$(BIN)/readiness validate examples/care-copilot-ready.yaml examples/churn-accuracy-only.yaml
	@echo "(exit code 1: the churn initiative falls short of the bar, as a CI job would see)"

# The browser tests look at HTML reports in headless Chromium (Debian's chromium and
# chromium-driver). Installed here when missing and possible; the tests skip with the
# reason otherwise.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium and chromium-driver for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
		|| echo "could not install chromium: the browser tests will be skipped"; \
	else echo "chromium not installed and cannot be installed here: the browser tests will be skipped"; fi

# One pytest process per core (pytest-xdist): the suite is independent tests, and the
# terminal and browser tests wait on what they read, not on time, so they hold under load.
test: $(VENV)/.installed-test browser
	$(call PYTEST,$(BIN),-n auto)

# The suite on the oldest version of every dependency the package declares: the floors
# of pyproject.toml pinned exactly (.ci/floors.py), in a virtual environment of its own.
# Checked-in generated files (marker `generated`) follow the newest versions: not here.
MIN := .venv-min
test-min: browser
	rm -rf $(MIN)
	$(PYTHON) -m venv $(MIN)
	$(MIN)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) .ci/floors.py > $(MIN)/floors.txt
	@echo "== the floors:"; cat $(MIN)/floors.txt
	$(MIN)/bin/python -m pip install --quiet -c $(MIN)/floors.txt -e '.[test]'
	$(MIN)/bin/python -m pip check
	$(call PYTEST,$(MIN)/bin,-n auto -m "not generated")

lint: $(VENV)/.installed-test
	$(BIN)/ruff check readiness tests .ci
	$(BIN)/mypy --strict readiness tests

docs: $(VENV)/.installed
	$(BIN)/readiness rules --format md --output docs/rules.md
	$(BIN)/readiness cli-reference --output docs/cli.md
	$(BIN)/readiness cli-reference --readme README.md
	$(BIN)/readiness field-reference --doc docs/format.md
	$(BIN)/readiness schema --output docs/schemas/assessment-1.schema.json

# Translations (docs/cli.md, "Language"): `make catalogue` extracts every message into
# readiness/locale/readiness.pot, merges it into each language's .po (new messages come in
# untranslated, changed ones fuzzy: the suite fails until a translator settles them) and
# compiles the .mo files the package ships. The three steps also run one at a time.
LOCALES := readiness/locale
catalogue: catalogue-update catalogue-compile

catalogue-extract: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output --omit-header \
		-k _ -k ngettext:1,2 -k N_ -o $(LOCALES)/readiness.pot .

catalogue-update: catalogue-extract
	$(BIN)/pybabel -q update -D readiness -i $(LOCALES)/readiness.pot -d $(LOCALES) \
		--no-wrap --ignore-obsolete

catalogue-compile: $(VENV)/.installed
	$(BIN)/pybabel -q compile -D readiness -d $(LOCALES) --statistics

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# Coverage-guided fuzzing of the loader (opt-in: the suite replays fuzz/crashes/ and
# fuzz/corpus/ on every run; this looks for new crashes).
FUZZ_SECONDS ?= 60
fuzz: $(VENV)/.installed-test
	READINESS_FUZZ_SECONDS=$(FUZZ_SECONDS) $(call PYTEST,$(BIN),tests/test_fuzz_regressions.py)

clean:
	rm -rf $(VENV) $(MIN) build dist *.egg-info
