# Two entry points: `make demo` (the embedded model on the starter suites, HTML + JSON in reports/)
# and `make test` (lint, type-check and the whole test suite). Both build .venv from scratch.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
TORCH  ?= torch==2.13.0

.PHONY: demo demo-full test lint typecheck package-check llama-check venv install-demo install-dev browser clean judge-model

ifeq ($(shell uname -m),x86_64)
# ggml builds with -march=native, which turns on AMX tile instructions wherever cpuid reports AMX; some
# virtual machines (Firecracker among them) report AMX yet fault on it (SIGILL on the first matmul).
# The AVX-512/AVX2 kernels stay; only AMX is left out. `make LLAMA_CFLAGS= ...` builds as upstream does.
LLAMA_CFLAGS ?= -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
endif
LLAMA_ENV := CFLAGS="$(LLAMA_CFLAGS)" CXXFLAGS="$(LLAMA_CFLAGS)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(PY)

# torch goes in first, pinned, so that nothing later pulls a multi-GB CUDA build.
install-dev: $(PY)
	$(PIP) install --quiet "$(TORCH)"
	$(LLAMA_ENV) $(PIP) install --quiet -e ".[dev]"
	@$(MAKE) --no-print-directory llama-check

install-demo: $(PY)
	$(LLAMA_ENV) $(PIP) install --quiet -e ".[llamacpp,progress]"
	@$(MAKE) --no-print-directory llama-check

# A llama.cpp build that cannot run on this CPU (a wheel in pip's cache built with other flags or on
# another CPU, or one with AMX on a VM without it) is dropped from pip's cache and rebuilt once from
# source with the flags above; the new wheel is cached, so later installs on this machine are fast.
llama-check:
	@$(PY) scripts/llama_smoke.py || { \
	  version=$$($(PY) -c 'import importlib.metadata as m; print(m.version("llama-cpp-python"))'); \
	  echo "rebuilding llama-cpp-python $$version from source (about 10 minutes)"; \
	  $(PIP) cache remove llama_cpp_python >/dev/null 2>&1; \
	  $(LLAMA_ENV) $(PIP) install --quiet --no-deps --force-reinstall "llama-cpp-python==$$version" && \
	  $(PY) scripts/llama_smoke.py; }

# Debian's Chromium drives the HTML report tests; skipped (tests skip) where apt is unavailable.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	    echo "chromium not installed: browser tests will skip"; }

DEMO_SAMPLE ?= 96

# A baseline run and a "release candidate" run (a cautious system prompt) on a stratified sample of the
# starter suites, compared: reports/demo.html shows the regressions the gate caught (examples/demo/run_demo.py).
demo: install-demo
	$(PY) examples/demo/run_demo.py --sample $(DEMO_SAMPLE)

# The same story on every starter prompt.
demo-full: install-demo
	$(PY) examples/demo/run_demo.py --full --max-new-tokens 96

lint: install-dev
	$(VENV)/bin/ruff check pytest_overrefusal tests benchmarks examples scripts
	$(VENV)/bin/ruff format --check pytest_overrefusal

typecheck: install-dev
	$(VENV)/bin/mypy

# The sdist and wheel install into a fresh virtualenv outside the repository and run a suite there.
package-check: install-dev
	PYTHON=$(abspath $(PY)) bash scripts/check_package.sh

test: install-dev browser lint typecheck package-check
	$(PY) -m pytest -q -ra

# The shipped classifier judge: trained on the repository's corpus and ../shared's judge-dev files
# (hashed features only: nothing of their text ships). tests/test_judge_classifier.py retrains it.
SHARED ?= ../shared
judge-model: install-dev
	$(VENV)/bin/overrefusal judge-train judge-corpus/*.csv judge-corpus/sources/*.csv $(SHARED)/data/judge-dev/*.csv \
		-o pytest_overrefusal/judges/data/classifier.npz

clean:
	rm -rf $(VENV) reports .overrefusal-cache .pytest_cache .mypy_cache .ruff_cache
