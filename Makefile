# Présence — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 2

.PHONY: run test lint format demo messages install install-test check-deploy clean bench

$(BIN)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	@touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test node_modules/axe-core/axe.min.js

## make run: install, migrate SQLite, load the shipped content, serve on http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_content
	@# Maintenance facts of the tools, when the awesome-selfhosted data is next to the project.
	@if [ -d "$${AWESOME_SELFHOSTED_DATA:-../shared/data/awesome-selfhosted-data}/software" ]; then \
		$(BIN)/python manage.py import_awesome_selfhosted; fi
	$(BIN)/python manage.py search_rebuild
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Présence is served on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@echo "  Create an admin account:  $(BIN)/python manage.py createsuperuser"
	@echo "  Emails (sign-up confirmations…) are printed below unless EMAIL_HOST is set."
	@echo ""
	@# The worker (outbox emails, digests, periodic tasks) runs beside the web server and stops with it.
	$(BIN)/python manage.py run_worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s' --log-level warning

## make test: the whole suite (set DATABASE_URL to run it on PostgreSQL)
test: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make demo: clearly fictitious members and data for trying the platform (never loaded by run)
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

## make messages: extract strings, apply locale/fr_translations.py, compile the catalog
messages: install-test
	$(BIN)/python scripts/messages.py

## make bench: a large site served as in production, loaded with wrk, weighed, compared with
## nginx and django-wiki (bench/README.md). Run as root it may apt-get install nginx wrk.
# Playwright (requirements-test) weighs the pages; axe-core and npm are not needed here.
bench: $(BIN)/.installed-test
	$(BIN)/python -m bench.run $(BENCH_ARGS)

check-deploy: install
	SECRET_KEY=$${SECRET_KEY:-check-only-$$(date +%s)-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx} DEBUG=false HTTPS=true \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-presence.example.org} $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules var/static
