# The README's commands. Each target builds its own virtualenv from the
# pinned requirements.lock on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.sqlite

.PHONY: venv demo test eval samples lint format clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## demo: import the sample plans into a fresh SQLite file and show what was found
demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/dhr import samples --db $(DEMO_DB)
	@echo
	$(BIN)/dhr documents --db $(DEMO_DB)
	@echo
	$(BIN)/dhr show northmoor-dhr-adult-a --db $(DEMO_DB)

## test: the test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## eval: score the dev corpus in ../shared (skipped when it is not there)
eval: $(STAMP)
	@if [ ! -d "$(SHARED)/corpus/dev" ]; then echo "eval: $(SHARED)/corpus/dev not found, skipping"; exit 0; fi; \
	tmp=$$(mktemp -d); \
	$(BIN)/dhr import -q "$(SHARED)"/corpus/dev/*.pdf --db "$$tmp/eval.sqlite" && \
	$(BIN)/dhr export --db "$$tmp/eval.sqlite" -o "$$tmp/export.jsonl" 2>/dev/null && \
	$(BIN)/python "$(SHARED)/eval/score.py" "$$tmp/export.jsonl" "$(SHARED)/corpus/dev"; \
	status=$$?; rm -rf "$$tmp"; exit $$status

## samples: rebuild samples/*.pdf and their expected records
samples: $(STAMP)
	$(BIN)/python samples/generate.py samples

lint: $(STAMP)
	$(BIN)/ruff check dhr_actions tests samples
	$(BIN)/ruff format --check dhr_actions tests samples
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix dhr_actions tests samples
	$(BIN)/ruff format dhr_actions tests samples

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache *.egg-info
