# DI Gateway — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
CONFIG ?= config.yaml
PORT   ?= 4000
HOST   ?= 127.0.0.1

export LITELLM_LOCAL_MODEL_COST_MAP=True

.PHONY: run test lint install bench bench-overhead bench-classify bench-prefix bench-real clean helm

HELM := .tools/bin/helm

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m standin.devserve --config $(CONFIG) --host $(HOST) --port $(PORT)

helm:
	@bash scripts/install-helm.sh >/dev/null

test: $(STAMP) helm
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: bench-classify bench-overhead bench-prefix   # not part of `make test`

bench-classify: $(STAMP)   # classification time per request (~30 s)
	$(PY) bench/classify.py

bench-overhead: $(STAMP)   # CPU and latency over vanilla LiteLLM and the direct floor, both paths, 200-chunk streams (~11 min)
	$(PY) bench/overhead.py

bench-prefix: $(STAMP)     # prefix-cache routing on queueing stand-in replicas, two scenarios (~10-15 min)
	$(PY) -m bench.prefix_cache.simulated

bench-real: $(STAMP)       # opt-in: builds llama-server once into .tools/llama (10-20 min), then ~20 min of llama.cpp replicas
	VENV=$(VENV) bash bench/prefix_cache/setup_real.sh
	$(PY) -m bench.prefix_cache.real_engine

clean:
	rm -rf $(VENV) .tools .pytest_cache build *.egg-info
