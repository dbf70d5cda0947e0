# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

.PHONY: run test install migrate demo clean

# The embedded demo: without SECRET_KEY in the environment, settings keep a
# random key in .secret_key (mode 0600, git-ignored). DEBUG stays off unless
# given (`make run DEBUG=1`); a server sets SECRET_KEY and runs no make target.
migrate demo run: export CADRE_EMBEDDED = 1

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

# Loads the demo data only when the database has no officials yet, and
# prints the demo users every time.
demo: migrate
	$(PY) manage.py generate_demo --if-empty

run: demo
	$(PY) manage.py runserver $(HOST)

test: $(STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
