# folkvald: `make demo` runs the app with demo data; `make test` runs every test, lint and type check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres test-browser lint typecheck bench clean messages

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	DEBUG=true $(BIN)/folkvald demo
	DEBUG=true $(BIN)/folkvald serve --workers 2

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not browser and not postgres_only" -q -p no:cacheprovider

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  $(BIN)/python -m pytest -m "not browser" -q -p no:cacheprovider --ignore=tests/seatmath

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The English catalogue: extract, merge, compile, and say how much is left to translate (docs/i18n.md).
messages: $(STAMP)
	cd folkvald && DEBUG=true ../$(BIN)/folkvald makemessages -l en --no-obsolete && DEBUG=true ../$(BIN)/folkvald compilemessages
	msgfmt --statistics -o /dev/null folkvald/locale/en/LC_MESSAGES/django.po

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) staticfiles folkvald.sqlite3*
