# surveyapp: `make demo` serves a demo, `make test` runs every test. Both start from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export SURVEYAPP_BASE_URL ?= http://127.0.0.1:$(PORT)
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard surveyapp/translations/*/LC_MESSAGES/messages.po))

.PHONY: demo test lint bench translations extract-messages clean fonts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

%.mo: %.po
	$(BIN)/pybabel compile -i $< -o $@

translations: $(CATALOGUES)

instance/secret_key:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@
	chmod 600 $@

demo: export SURVEYAPP_ORGANISER_FILE ?= examples/organiser.demo.yaml
# The PDF reports are set in DejaVu Sans (Debian's fonts-dejavu-core): never fetched at
# render time, so it must be installed on the machine.
fonts:
	@fc-list 2>/dev/null | grep -qi "DejaVu Sans" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-dejavu-core; \
	  else echo "The PDF reports need DejaVu Sans: sudo apt-get install fonts-dejavu-core" >&2; exit 1; fi; }

demo: $(STAMP) translations instance/secret_key fonts
	$(BIN)/surveyapp db upgrade
	$(BIN)/surveyapp demo --allow-published-password
	@echo ""
	@echo "Serving on http://127.0.0.1:$(PORT)  (Ctrl+C stops)"
	SESSION_COOKIE_SECURE=0 $(BIN)/surveyapp run --host 127.0.0.1 --port $(PORT)

test: $(DEVSTAMP) translations fonts
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEVSTAMP)
	$(BIN)/ruff check surveyapp tests benchmarks wsgi.py gunicorn.conf.py
	$(BIN)/ruff format --check surveyapp tests benchmarks wsgi.py gunicorn.conf.py

bench: $(DEVSTAMP) translations
	$(BIN)/python -m benchmarks

extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --ignore-dirs='.venv .* _*' -o surveyapp/translations/messages.pot .
	$(BIN)/pybabel update -i surveyapp/translations/messages.pot -d surveyapp/translations

clean:
	rm -rf $(VENV) instance .pytest_cache
