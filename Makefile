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

.PHONY: run test lint install bench clean helm

HELM := .tools/bin/helm

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/di-gateway serve --config $(CONFIG) --host $(HOST) --port $(PORT)

helm:
	@bash scripts/install-helm.sh >/dev/null

test: $(STAMP) helm
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) .tools .pytest_cache build *.egg-info
