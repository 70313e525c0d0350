# Two commands do all the set-up on a fresh machine:
#   make demo   create .venv, install readiness, validate a bundled example
#   make test   create .venv with the test extras, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test lint docs bench fuzz clean

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

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -p no:cacheprovider; status=$$?; \
	if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check readiness tests
	$(BIN)/mypy readiness

docs: $(VENV)/.installed
	$(BIN)/readiness rules --format md --output docs/rules.md

clean:
	rm -rf $(VENV) build dist *.egg-info
