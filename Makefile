# Two commands for everyone: `make serve` (the site, live) and `make test` (the whole suite).
# Authors also have `make check EXERCISE=<chapter>/<name>` (everything about one exercise).
# Everything else here is what those need; each step reruns only when its inputs change.

PYTHON ?= python3.11
# Where the two environments live: pyproject.toml, [tool.course] (the tests read it there too).
course_setting = $(shell $(PYTHON) -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["tool"]["course"]["$(1)"])')
SITE_VENV := $(call course_setting,site-venv)
EXERCISE_VENV := $(call course_setting,exercise-venv)
ifeq ($(SITE_VENV)$(EXERCISE_VENV),)
$(error could not read [tool.course] from pyproject.toml with $(PYTHON): Python 3.11 is required, e.g. make PYTHON=/path/to/python3.11)
endif
# PMT records each project id it builds; keep that record in the project, not in $HOME.
export PMT_PROJECT_IDS_LOCAL_FILE := $(CURDIR)/build/pmt-project-ids.json

.PHONY: serve test check mutation build site-env exercise-env browser-mirror clean lock-site

serve: site-env exercise-env
	$(SITE_VENV)/bin/python -m courseware.serve

# One pytest worker per core, at most 4: the browser tests spend most of their time waiting
# on Chromium. TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto

test: site-env exercise-env browser-mirror
	$(SITE_VENV)/bin/python -m pytest --numprocesses $(TEST_WORKERS) --maxprocesses 4 --dist loadgroup --cov

# Everything about one exercise: its format, its checks and wrong answers, the examples of its
# statement, its embed in a page, and the page in Chromium. A report, and a non-zero exit on any problem.
check: site-env exercise-env browser-mirror
	@test -n "$(EXERCISE)" || { echo "usage: make check EXERCISE=<chapter>/<name>   (e.g. routing/flask_bookshelf)"; exit 2; }
	@status=0; \
	$(EXERCISE_VENV)/bin/python -m courseware.run_check $(EXERCISE) || status=1; \
	$(SITE_VENV)/bin/python -m pytest --exercise $(EXERCISE) --no-cov -p no:xdist -v --tb=short --no-header || status=1; \
	exit $$status

# How strong each exercise's checks are: mutants of every solution, and which survive the checks
# (courseware/mutation.py). EXERCISE=<chapter>/<name> for one; JOBS=n processes (default 2).
mutation: exercise-env
	$(EXERCISE_VENV)/bin/python -m courseware.mutation $(EXERCISE) --jobs $(or $(JOBS),2)

build: site-env
	$(SITE_VENV)/bin/mkdocs build --strict

site-env: $(SITE_VENV)/.installed node_modules/.installed

exercise-env: $(EXERCISE_VENV)/.installed

# The site, the samples and the test tools (requirements/site.txt pins them all).
$(SITE_VENV)/.installed: requirements/site.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (the browser runs 3.11): make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/site.txt
	touch $@

# Pyodide's own files (its lock says which package versions the browser has).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The exercises run under the browser's package versions: Pyodide's lock, and the pins of
# course_helpers/packages.py for what micropip installs. The requirements are what the
# exercises import; the constraints hold everything else they pull in to the same versions.
# Regenerated on every run; the environment is only rebuilt when they change.
build/exercise-%.txt: $(SITE_VENV)/.installed node_modules/.installed FORCE
	@mkdir -p build
	@$(SITE_VENV)/bin/python -m courseware.browser_runtime $* > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(EXERCISE_VENV)/.installed: build/exercise-requirements.txt build/exercise-constraints.txt
	rm -rf $(EXERCISE_VENV)
	$(PYTHON) -m venv $(EXERCISE_VENV)
	$(EXERCISE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r build/exercise-requirements.txt -c build/exercise-constraints.txt
	touch $@

# The wheels the browser tests serve in place of the CDN and PyPI (tests/support/mirror/);
# it downloads only what is not there yet.
browser-mirror: site-env
	@$(SITE_VENV)/bin/python -m tests.support.mirror

# Re-resolve requirements/site.txt from requirements/site.in (after changing a version there).
lock-site:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet -r requirements/site.in
	{ sed -n '1,2p' requirements/site.txt; build/lock-venv/bin/python -m pip freeze; } > requirements/site.txt.new
	mv requirements/site.txt.new requirements/site.txt

clean:
	rm -rf $(SITE_VENV) $(EXERCISE_VENV) node_modules build site

FORCE:
