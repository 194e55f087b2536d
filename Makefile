# Two commands for people: `make site` builds the bundled example into site/, `make test` runs
# every test. Each installs the exact versions in requirements/*.txt (with hashes) into .venv on
# first use, so a dependency's new release cannot change what they run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
COMPILE := $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --quiet
LOCK := $(COMPILE) pyproject.toml
PYTEST := $(BIN)/python -m pytest
# Silence Material's notice about MkDocs 2 in every command below (and the tests' subprocesses).
export NO_MKDOCS_2_WARNING := 1
# Let Python keep compiled modules (__pycache__): the suite starts about a hundred Python
# processes, and with PYTHONDONTWRITEBYTECODE set (as on this project's CI machines) each one
# compiled the generator from source again, and each worker rewrote every test module.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site test test-fast test-min test-latest lint format check serve bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The lock files pin every package with its hashes, the build backend included; the project
# itself then goes in editable, with that backend and nothing else.
INSTALL_SELF = $(PIP) install --quiet --no-deps --no-build-isolation -e .

$(VENV)/.site: requirements/site.txt requirements/build.txt | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/build.txt -r requirements/site.txt
	$(INSTALL_SELF)
	touch $@

$(VENV)/.test: requirements/test.txt requirements/build.txt | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/build.txt -r requirements/test.txt
	$(INSTALL_SELF)
	touch $(VENV)/.site $@

site: $(VENV)/.site
	$(BIN)/playbook build .

check: $(VENV)/.site
	$(BIN)/playbook check .

serve: $(VENV)/.site
	$(BIN)/playbook serve .

# The whole suite on both cores, browser tests included (CI's command).
test: $(VENV)/.test
	$(PYTEST) -q -n 2

# Everything but the real-browser and slow tests: the quick loop while editing. As in make test,
# whole modules go to a worker (tests/conftest.py), so each module's fixtures are built once.
test-fast: $(VENV)/.test
	$(PYTEST) -q -n 2 -m "not browser and not slow" --hypothesis-profile quick

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the lock files after changing dependencies in pyproject.toml (or to take new releases
# on purpose): review the diff, then run `make test`.
lock: $(VENV)/.test
	$(LOCK) -o requirements/site.txt
	$(LOCK) --extra test --extra dev -o requirements/test.txt
	echo "hatchling>=1.27" | $(COMPILE) - --no-header -o requirements/build.txt

# The suite on the lowest versions pyproject.toml allows, and on the newest releases: the floors
# stay honest and the next release's breakage shows before the lock is refreshed.
# test-min requires the browser tests to run, not skip: the hostile-content browser test on the
# lowest Material release allowed (9.6.7) is what shows that the floor does not turn escaped
# names back into markup (tests/browser/test_hostile_content.py).
test-min: $(VENV)/.test
	$(LOCK) --extra test --resolution lowest-direct -o $(VENV)-min.txt
	rm -rf $(VENV)-min && $(PYTHON) -m venv $(VENV)-min
	$(VENV)-min/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/build.txt -r $(VENV)-min.txt
	$(VENV)-min/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	PLAYBOOK_REQUIRE_BROWSER=1 $(VENV)-min/bin/python -m pytest -q -n 2 -p no:cacheprovider

test-latest: $(VENV)/.test
	$(LOCK) --extra test --upgrade -o $(VENV)-latest.txt
	rm -rf $(VENV)-latest && $(PYTHON) -m venv $(VENV)-latest
	$(VENV)-latest/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/build.txt -r $(VENV)-latest.txt
	$(VENV)-latest/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(VENV)-latest/bin/python -m pytest -q -n 2 -p no:cacheprovider

bench: $(VENV)/.test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(VENV)-min $(VENV)-latest $(VENV)-min.txt $(VENV)-latest.txt site
