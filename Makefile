# schedlib — two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs schedlib, runs real queries with cited answers
#   make test   installs the test tools, runs ruff, mypy --strict, the registry check and pytest
#   make test-all   also runs the tests on every other supported Python, and against the installed
#                   wheel built from the sdist (what CI runs; needs Python 3.12 and 3.13, see .ci/find-python)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: demo test test-all test-pythons test-wheel lint typecheck validate docs bench clean venv dev

$(BIN)/schedlib: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

venv: $(BIN)/schedlib

$(VENV)/.dev-installed: pyproject.toml $(BIN)/schedlib
	$(PY) -m pip install --quiet -e '.[dev,docs,chem]'
	@touch $@

dev: $(VENV)/.dev-installed

demo: venv
	@echo "== Is carfentanil controlled in China on 2017-02-28, and on 2017-03-01? =="
	$(BIN)/schedlib status carfentanil --in CN --on 2017-02-28
	$(BIN)/schedlib status 卡芬太尼 --in CN --on 2017-03-01
	@echo
	@echo "== Controlled in the US but not in China on 2018-06-01, and why =="
	$(BIN)/schedlib gap --controlled-in US --not-in CN --on 2018-06-01 --family fentanyl
	@echo
	@echo "== An answer the registry cannot give: China's 2021 cannabinoid class may cover MDMB-4en-PINACA =="
	$(BIN)/schedlib status MDMB-4en-PINACA --in CN --on 2022-01-01
	@echo
	@echo "== A gap in two groups: not controlled in China for certain, and unknown =="
	$(BIN)/schedlib gap --controlled-in US --not-in CN --on 2022-01-01 --family fentanyl-precursor
	@echo
	@echo "== When did the UN, US, China, Canada and Mexico first control NPP, 4-ANPP and 4-AP? =="
	$(BIN)/schedlib first NPP 4-ANPP 4-AP --in UN,US,CN,CA,MX
	@echo
	@echo "== The history of NPP, with the instrument behind each change =="
	$(BIN)/schedlib history NPP
	@echo
	@echo "== What changed in China between 2019-01-01 and 2019-06-01? =="
	$(BIN)/schedlib diff CN 2019-01-01 2019-06-01

lint: dev
	$(BIN)/ruff check src tests benchmarks docs/hooks

typecheck: dev
	$(BIN)/mypy --strict src/schedlib

validate: venv
	$(BIN)/schedlib validate registry

test: dev
	$(BIN)/ruff check src tests benchmarks docs/hooks
	$(BIN)/mypy --strict src/schedlib
	$(BIN)/schedlib validate registry
	$(BIN)/python -m pytest -p no:cacheprovider tests
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(VENV)/site 2>$(VENV)/mkdocs.log || { cat $(VENV)/mkdocs.log; exit 1; }; if grep -E '^(WARNING|ERROR)' $(VENV)/mkdocs.log; then echo 'docs: the build logged warnings (above)'; exit 1; fi

# Other Pythons than the main one: each in its own venv (.venv-3.X), schedlib installed editable.
OTHER_PYTHONS ?= 3.12 3.13
# The suite again from the unpacked sdist against the installed wheel built from it, on this Python.
WHEEL_PYTHON ?= 3.13

test-pythons:
	@for v in $(OTHER_PYTHONS); do .ci/test-python $$v || exit 1; done

test-wheel:
	.ci/test-python $(WHEEL_PYTHON) wheel

test-all: test test-pythons test-wheel

docs: dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

bench: dev
	$(PY) -m pip install --quiet duckdb || echo "duckdb not installed: the benchmark compares with SQLite only"
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) $(VENV)-3.* site build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
