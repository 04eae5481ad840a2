# Two entry points: `make demo` (the embedded model on the starter suites, HTML + JSON in reports/)
# and `make test` (lint, type-check and the whole test suite). Both build .venv from scratch.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
TORCH  ?= torch==2.13.0

.PHONY: demo test lint typecheck venv install-demo install-dev browser clean judge-model

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(PY)

# torch goes in first, pinned, so that nothing later pulls a multi-GB CUDA build.
install-dev: $(PY)
	$(PIP) install --quiet "$(TORCH)"
	$(PIP) install --quiet -e ".[dev]"

install-demo: $(PY)
	$(PIP) install --quiet -e ".[llamacpp,progress]"

# Debian's Chromium drives the HTML report tests; skipped (tests skip) where apt is unavailable.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	    echo "chromium not installed: browser tests will skip"; }

# contexts=2: two single-threaded llama.cpp contexts use both cores of a 2-CPU machine (1.7x, docs/performance.md).
DEMO_CONTEXTS ?= 2

demo: install-demo
	mkdir -p reports
	$(PY) -m pytest suites/ -p no:cacheprovider \
	  --overrefusal-model-option contexts=$(DEMO_CONTEXTS) \
	  --overrefusal-thresholds=suites/thresholds.yaml \
	  --overrefusal-json=reports/demo.json \
	  --overrefusal-html=reports/demo.html \
	  --overrefusal-report-only
	@echo "demo results: reports/demo.json, reports/demo.html"

lint: install-dev
	$(VENV)/bin/ruff check pytest_overrefusal tests benchmarks
	$(VENV)/bin/ruff format --check pytest_overrefusal

typecheck: install-dev
	$(VENV)/bin/mypy

test: install-dev browser lint typecheck
	$(PY) -m pytest -q -ra

# The shipped classifier judge: trained on the repository's corpus and ../shared's judge-dev files
# (hashed features only: nothing of their text ships). tests/test_judge_classifier.py retrains it.
SHARED ?= ../shared
judge-model: install-dev
	$(VENV)/bin/overrefusal judge-train judge-corpus/*.csv $(SHARED)/data/judge-dev/*.csv \
		-o pytest_overrefusal/judges/data/classifier.npz

clean:
	rm -rf $(VENV) reports .overrefusal-cache .pytest_cache .mypy_cache .ruff_cache
