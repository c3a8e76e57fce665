# The README's commands. Each target builds its own virtualenv from the
# pinned requirements.lock on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.sqlite

.PHONY: venv system-deps demo demo-all test test-all eval eval-samples eval-scans bench samples lint format clean

# The stamp is the venv's own, so it installs into $(VENV)/bin even when BIN
# is pointed elsewhere on the command line.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.lock
	$(VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## system-deps: Debian packages: tesseract (OCR of scans), chromium (browser test), postgresql (store tests),
## LibreOffice (prints the Word and Excel samples to PDF)
system-deps:
	@missing=""; command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui libreoffice-calc-nogui"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	    || echo "warning: could not install$$missing"; \
	else echo "warning: not installed:$$missing (sudo apt-get install$$missing); scans fail to import, browser and PostgreSQL tests are skipped"; fi

# The demo's share of samples/: every plan as written (Word, Excel,
# OpenDocument) and as printed to PDF, and one scan and one photocopy for
# OCR; the other photocopies (OCR, some seconds a page) are left to demo-all.
DEMO_SCANS := samples/westvale-dhr-mrs-b--scan.pdf samples/westvale-dhr-mrs-b--photocopy.pdf
DEMO_FILES := $(filter-out %.py %.jsonl %--photocopy.pdf %--scan.pdf,$(wildcard samples/*.*)) $(DEMO_SCANS)

## demo: import a representative share of the sample plans (every kind of file, one scan, one photocopy)
## into a fresh SQLite file and show what was found; demo-all imports every sample
demo: $(STAMP) system-deps
	rm -f $(DEMO_DB)
	@echo "Importing $(words $(DEMO_FILES)) of the samples: every plan and print, one scan and one photocopy (make demo-all: all of them)"
	$(BIN)/dhr import $(DEMO_FILES) --db $(DEMO_DB)
	@echo
	$(BIN)/dhr documents --db $(DEMO_DB)
	@echo
	$(BIN)/dhr show northmoor-dhr-adult-a --db $(DEMO_DB)

demo-all: $(STAMP) system-deps
	rm -f $(DEMO_DB)
	$(BIN)/dhr import samples --db $(DEMO_DB)
	@echo
	$(BIN)/dhr documents --db $(DEMO_DB)

## test: the test suite
test: $(STAMP) system-deps
	$(BIN)/python -m pytest $(if $(CI),,-m "not slow")

## test-all: the test suite with its slow tests (rebuilding the samples, OCR of whole photocopies), as CI runs it
test-all: $(STAMP) system-deps
	$(BIN)/python -m pytest

## eval: score the dev corpus and the producers' copies in ../shared (a score per kind of copy), and check its
## non-plans give no records (skipped when absent)
eval: $(STAMP)
	@if [ ! -d "$(SHARED)/corpus/dev" ]; then echo "eval: $(SHARED)/corpus/dev not found, skipping"; exit 0; fi; \
	tmp=$$(mktemp -d); \
	$(BIN)/dhr import -q "$(SHARED)"/corpus/dev/*.pdf --db "$$tmp/eval.sqlite" && \
	$(BIN)/dhr export --db "$$tmp/eval.sqlite" -o "$$tmp/export.jsonl" 2>/dev/null && \
	$(BIN)/python "$(SHARED)/eval/score.py" "$$tmp/export.jsonl" "$(SHARED)/corpus/dev"; \
	status=$$?; \
	if [ -d "$(SHARED)/corpus/producers" ]; then \
	  echo; echo "producers: plans nobody on the team wrote, by kind of copy"; \
	  $(BIN)/dhr import -q "$(SHARED)"/corpus/producers --db "$$tmp/producers.sqlite" >/dev/null 2>&1; \
	  $(BIN)/dhr export --db "$$tmp/producers.sqlite" -o "$$tmp/producers.jsonl" 2>/dev/null && \
	  $(BIN)/python "$(SHARED)/eval/score.py" "$$tmp/producers.jsonl" "$(SHARED)/corpus/producers" | sed -n '/^by kind of copy/,$$p' || status=1; \
	fi; \
	if [ -d "$(SHARED)/corpus/nonplans" ]; then \
	  $(BIN)/dhr import -q "$(SHARED)"/corpus/nonplans/*.pdf --db "$$tmp/nonplans.sqlite" >/dev/null 2>&1; \
	  n=$$($(BIN)/dhr export --db "$$tmp/nonplans.sqlite" 2>/dev/null | wc -l); \
	  echo "nonplans: $$n records from $$(ls "$(SHARED)"/corpus/nonplans/*.pdf | wc -l) documents that hold no plan (want 0)"; \
	  [ "$$n" -eq 0 ] || status=1; \
	fi; \
	rm -rf "$$tmp"; exit $$status

## eval-samples: score the samples (PDFs, their prints, scans and photocopies, and the Word, Excel and
## OpenDocument files) with ../shared's scorer, one score per kind of copy
eval-samples: $(STAMP) system-deps
	$(BIN)/python bench/score_samples.py --scorer "$(SHARED)/eval/score.py"

## eval-scans: the same, each of the photocopies' degradations alone (skew, speckle, JPEG, ...), every
## file alone, and photocopies of the dev corpus's plans (unseen: the samples are the project's own)
eval-scans: $(STAMP) system-deps
	$(BIN)/python bench/score_samples.py --scorer "$(SHARED)/eval/score.py" --steps --each --unseen "$(SHARED)/corpus/dev"

## bench: import of 200 generated reviews (~3,000 pages) vs raw pdfplumber, 1 and 2 jobs, peak memory;
## OCR clean-up per page; a no-change nightly scrape; queries on 100k records; theme tags on the labelled sets. BENCH_ARGS="--plans 40 --profile" for a quick run.
BENCH_ARGS ?=
bench: $(STAMP) system-deps
	$(BIN)/python bench/bench.py $(BENCH_ARGS)
	$(BIN)/python bench/ocr_bench.py
	$(BIN)/python bench/scrape_bench.py
	$(BIN)/python bench/research_bench.py
	$(BIN)/python bench/theme_bench.py

## samples: rebuild samples/*.pdf and their expected records (the Office ones need LibreOffice)
samples: $(STAMP) system-deps
	$(BIN)/python samples/generate.py samples
	$(BIN)/python samples/office.py samples

lint: $(STAMP)
	$(BIN)/ruff check dhr_actions tests samples bench
	$(BIN)/ruff format --check dhr_actions tests samples bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix dhr_actions tests samples bench
	$(BIN)/ruff format dhr_actions tests samples bench

clean:
	rm -rf $(VENV) $(DEMO_DB) .bench .pytest_cache .mypy_cache .ruff_cache *.egg-info
