# Two commands for people: `make site` builds the bundled example into site/, `make test` runs
# every test. Each creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Silence Material's notice about MkDocs 2 in every command below (and the tests' subprocesses).
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/playbook build .

check: $(STAMP)
	$(BIN)/playbook check .

serve: $(STAMP)
	$(BIN)/playbook serve .

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site
