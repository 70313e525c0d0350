# Two commands do all the set-up on a fresh machine:
#   make demo   create .venv, install readiness, validate a bundled example
#   make test   create .venv with the test extras, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test lint docs bench fuzz clean browser

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

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q -p no:cacheprovider; status=$$?; \
	if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check readiness tests
	$(BIN)/mypy readiness

docs: $(VENV)/.installed
	$(BIN)/readiness rules --format md --output docs/rules.md
	$(BIN)/readiness cli-reference --output docs/cli.md
	$(BIN)/readiness cli-reference --readme README.md
	$(BIN)/readiness field-reference --doc docs/format.md

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

fuzz: $(VENV)/.installed-test
	$(BIN)/python fuzz/fuzz_loader.py -max_total_time=60

clean:
	rm -rf $(VENV) build dist *.egg-info
