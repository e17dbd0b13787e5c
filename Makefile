# Two commands set up a fresh clone:  `make site` (build every language) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
# A branded build for one clinic: `make site CLINIC=clinics/example.yml` (see CLINICS.md).
CLINIC   ?=
SITE_DIR ?= site

.PHONY: site serve test test-fast lint check status readability bench bench-weight publish compare-engines clean

# The environment is rebuilt only when the pins change.
$(VENV)/.site-installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# axe-core and Lighthouse, pinned in package-lock.json; --ignore-scripts: nothing downloads a browser.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## site: build every language with every check, strict (fails on any finding);
##       CLINIC=clinics/x.yml builds the clinic's branded site instead, SITE_DIR=... elsewhere
site: $(VENV)/.site-installed
	scripts/ensure-fonts.sh
	PE_CLINIC="$(CLINIC)" $(MKDOCS) build --strict --site-dir "$(SITE_DIR)"

## serve: live preview on http://127.0.0.1:8000/
serve: $(VENV)/.site-installed
	scripts/ensure-fonts.sh
	PE_CLINIC="$(CLINIC)" $(MKDOCS) serve --dev-addr 127.0.0.1:8000

## test: lint, then the whole test suite (installs the test pins, npm's audit tools, Debian's chromium and nginx
##       when missing, and unpacks Debian's copy of the XLIFF 1.2 schema into .cache/)
test: $(VENV)/.test-installed node_modules/.installed lint
	scripts/ensure-fonts.sh
	scripts/ensure-browser.sh
	scripts/ensure-nginx.sh
	scripts/ensure-xliff-schema.sh
	$(BIN)/python -m pytest

## test-fast: the unit tests only (no build, no browser, no nginx, no root): under a minute
test-fast: $(VENV)/.test-installed
	scripts/ensure-xliff-schema.sh
	$(BIN)/python -m pytest -m unit -q

## lint: ruff (rules and format) on the package, the hooks, the scripts and the tests; mypy on the package
lint: $(VENV)/.test-installed
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/mypy

## publish: check and build strictly, then push to a branch or write a folder (and .tar.gz):
##   make publish REMOTE=<git url> BRANCH=<branch>     (BRANCH defaults to gh-pages)
##   make publish DEST=<folder>
##   CLINIC=clinics/x.yml publishes that clinic's copy (its languages, at its site_url; CLINICS.md)
##   ALLOW_OVERDUE=1 publishes pages past their review date (refused otherwise)
##   BUILD="zensical build --site-dir {site}" SITE_URL=https://...  builds with another engine (ZENSICAL.md)
# The command is not echoed: REMOTE may carry a token (publish.py prints it with the token hidden).
publish: $(VENV)/.site-installed
	@scripts/ensure-fonts.sh
	@$(BIN)/python scripts/publish.py $(if $(ALLOW_OVERDUE),--allow-overdue) $(if $(BUILD),--build-command "$(BUILD)") $(if $(CLINIC),--clinic "$(CLINIC)") $(if $(DEST),--dest "$(DEST)") $(if $(REMOTE),--remote "$(REMOTE)" --branch "$(or $(BRANCH),gh-pages)")

## check: the translation checks for every language, without a site build
check: $(VENV)/.site-installed
	$(BIN)/translations check

## status: translation status per language and page
status: $(VENV)/.site-installed
	$(BIN)/translations status

## readability: reading level per page and language (fails when a page is over budget)
readability: $(VENV)/.site-installed
	$(BIN)/translations readability

# ProperDocs (the maintained fork of MkDocs 1.6) in an environment of its own, with the package
# installed as a normal (non-editable) install.
$(VENV)-properdocs/.installed: requirements-properdocs.txt requirements.txt pyproject.toml
	test -x $(VENV)-properdocs/bin/python || $(PYTHON) -m venv $(VENV)-properdocs
	$(VENV)-properdocs/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $@

## compare-engines: build with MkDocs and with ProperDocs, and report what differs (ZENSICAL.md)
compare-engines: $(VENV)/.site-installed $(VENV)-properdocs/.installed
	$(VENV)-properdocs/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
	$(BIN)/python scripts/compare_engines.py --mkdocs $(BIN)/mkdocs --properdocs $(VENV)-properdocs/bin/properdocs

## bench: print the performance figures (check time, hook overhead, scaling, embed weight, handouts, publishing)
bench: $(VENV)/.test-installed
	$(BIN)/python scripts/bench_checks.py
	$(BIN)/python scripts/bench_exchange.py
	$(BIN)/python scripts/bench_embed.py
	$(BIN)/python scripts/bench_handouts.py
	$(BIN)/python scripts/bench_publish.py

## bench-weight: first-visit weight and requests per page, Lighthouse scores, full build time
bench-weight: $(VENV)/.test-installed node_modules/.installed
	scripts/ensure-browser.sh
	$(BIN)/python -m scripts.bench_weight

clean:
	rm -rf site $(VENV) $(VENV)-properdocs .pytest_cache .cache node_modules build
