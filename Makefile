# Kedja: `make demo` runs the product with demo data, `make test` runs the whole test suite.
# Both set up their own virtual environment from the pinned requirements.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: demo test lint bench translations messages clean

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' \
		|| (echo "Kedja needs Python 3.12 or newer (found: $$($(PYTHON) --version))"; exit 1)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# `make demo PORT=8080` serves on another port; e-mailed links follow it (KEDJA_BASE_URL).
PORT ?= 8000
DEMO_ENV := DEBUG=true KEDJA_BASE_URL=http://127.0.0.1:$(PORT)

demo: $(VENV)/.installed
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py load_reference
	$(DEMO_ENV) $(PY) manage.py load_risk_data
	$(DEMO_ENV) $(PY) manage.py load_demo
	$(DEMO_ENV) bash -c 'trap "kill 0" EXIT; $(PY) manage.py db_worker --interval 1 & $(PY) manage.py runserver 127.0.0.1:$(PORT)'

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m mypy

bench: $(VENV)/.installed
	$(PY) -m bench

translations: $(VENV)/.installed
	bash scripts/check_translations.sh

messages: $(VENV)/.installed
	for app in kedja/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l sv --no-obsolete && ../../$(PY) ../../manage.py compilemessages); fi; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
