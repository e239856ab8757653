# The README's commands. Each target creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1

.PHONY: run test test-fast browser index eval bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch is installed first and pinned: the CPU build on this machine's disk
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests (never `playwright install`)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

run: $(VENV)/.installed-run
	$(BIN)/elac build --if-needed
	$(BIN)/python app.py

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q

# the fast tier: no real model, no server, no browser (under a minute)
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "not slow and not browser"

eval: $(VENV)/.installed-run
	$(BIN)/elac eval --retriever all --report eval/report

bench: $(VENV)/.installed-run
	$(BIN)/python -m bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check assistant tests app.py scripts bench

clean:
	rm -rf $(VENV) index/minilm index/e5 index/*-*
