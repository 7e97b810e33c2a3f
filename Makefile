# Everything is set up in .venv from python3 alone; nothing is compiled (wheels only) and nothing
# is downloaded at run time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_INSTALL := $(BIN)/python -m pip install --only-binary :all: --progress-bar on

.PHONY: run test test-ftm lint bench build clean

$(STAMP): pyproject.toml
	@echo "Installing filature and its dependencies into $(VENV) (2 to 3 minutes the first time, mostly spaCy and its French model; nothing is compiled)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP_INSTALL) -e '.[dev,dask]'
	@touch $(STAMP)
	@echo "Installed in $(VENV)."

run: $(STAMP)
	$(BIN)/filature

build: $(STAMP)
	$(BIN)/filature build

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The followthemoney library validates the ftm export; it needs PyICU, compiled against libicu
# (a C++ compiler, pkg-config and libicu-dev), so it is not part of the default install.
test-ftm: $(STAMP)
	$(BIN)/python -m pip install -e '.[dev,ftm]'
	$(BIN)/python -m pytest -q tests/test_export_ftm_library.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) db/*.db db/cache
