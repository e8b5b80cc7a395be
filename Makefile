# The front door. `make run` and `make test` work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
STAMP := $(VENV)/.installed

.PHONY: install run test unit integration lint airflow eval eval-dev eval-real bench bench-sizes profile lock clean

install: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "claimhouse needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --compile-bytecode -r requirements.lock -r requirements-dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

## run the pipeline DAG once on the sample corpus (CLAIMHOUSE_INPUT / CLAIMHOUSE_WAREHOUSE to change)
run: install
	$(BIN)/claimhouse run

## lint, then every test: fast unit tests and the integration tests (dbt, GX, Airflow end to end)
test: install lint
	$(BIN)/pytest -m "integration or not integration"

unit: install
	$(BIN)/pytest

integration: install
	$(BIN)/pytest -m integration

lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project --disable-progress-bar

## Airflow with its web UI on http://localhost:8080 for scheduled runs (login printed at start)
AIRFLOW_ENV := PATH=$(CURDIR)/$(BIN):$$PATH AIRFLOW_HOME=$${AIRFLOW_HOME:-$(CURDIR)/airflow_home} AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__LOAD_EXAMPLES=False GX_ANALYTICS_ENABLED=False
airflow: install
	$(AIRFLOW_ENV) $(BIN)/python -m claimhouse.deploy
	$(AIRFLOW_ENV) $(BIN)/airflow standalone

## score the published warehouse against shared/dev_gold
eval: install
	$(BIN)/claimhouse eval

## run the pipeline on our own dev corpus (eval/dev_corpus) into warehouse/dev/, and score it
DEV_WAREHOUSE := $(CURDIR)/warehouse/dev/claimhouse.duckdb
eval-dev: install
	CLAIMHOUSE_WAREHOUSE=$(DEV_WAREHOUSE) $(BIN)/claimhouse run --input eval/dev_corpus/articles
	CLAIMHOUSE_WAREHOUSE=$(DEV_WAREHOUSE) $(BIN)/claimhouse eval --gold eval/dev_corpus/gold.jsonl

## run the pipeline on the real-article corpus (eval/real_corpus/texts, fetched as its README says) into
## warehouse/real/, and score it against its gold
REAL_WAREHOUSE := $(CURDIR)/warehouse/real/claimhouse.duckdb
eval-real: install
	CLAIMHOUSE_WAREHOUSE=$(REAL_WAREHOUSE) $(BIN)/claimhouse run --input eval/real_corpus/texts
	CLAIMHOUSE_WAREHOUSE=$(REAL_WAREHOUSE) $(BIN)/claimhouse eval --gold eval/real_corpus/gold.jsonl

## the benchmark: bare spaCy against the whole pipeline on a generated corpus, in 1 and 2 processes (not a test)
ARTICLES ?= 2000
MEAN_WORDS ?= 1000
PROCESSES ?= 1,2
bench: install
	$(BIN)/python -m bench.run --articles $(ARTICLES) --mean-words $(MEAN_WORDS) --processes $(PROCESSES)

## where the time goes: ingest and extraction under cProfile, in one process (ARTICLES=, MEAN_WORDS=)
profile: install
	$(BIN)/python -m bench.profile --articles $(ARTICLES) --mean-words $(MEAN_WORDS)

## the pipeline's time per article and memory at 1,000, 10,000 and 100,000 short articles (about an hour)
bench-sizes: install
	$(BIN)/python -m bench.run --articles 1000,10000,100000 --mean-words 250 --processes 2 --no-bare-spacy \
		--out bench/results/sizes.json

## re-pin requirements*.lock from requirements*.in
lock: $(STAMP)
	$(BIN)/uv pip compile -q --python-version 3.11 --generate-hashes requirements.in -o requirements.lock
	$(BIN)/uv pip compile -q --python-version 3.11 --generate-hashes requirements-dev.in -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) warehouse airflow_home dbt_project/target dbt_project/logs .pytest_cache .ruff_cache
