# CivicSkills: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test lint check install migrate demo serve bench clean messages chromium

run: install migrate demo
	@echo "Serving CivicSkills on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@echo "Course packages (SCORM, H5P) run on http://localhost:$(PORT)/, an origin of their own"
	@$(PY) manage.py db_worker --queue-name "*" >var/worker.log 2>&1 & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# --ignore-scripts: the asset packages need no build step, and one of them
# (scorm-again) runs a pnpm-only guard on install.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

demo: migrate
	$(PY) manage.py load_demo

# Browser tests drive Debian's Chromium: install it where we may (root with
# apt-get, as CI runs), otherwise stop with the one command to run. The suite
# never skips them silently.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium. Run:  sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

test: install chromium
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
	DJANGO_SETTINGS_MODULE=lms.settings.test $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

check: install
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(PY) manage.py makemessages -d djangojs -l fr --ignore=.venv --ignore=node_modules --ignore=staticfiles

bench: install
	$(PY) bench/people_import.py

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles var
