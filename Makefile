# The README's commands. scripts/serve and scripts/test set up .venv themselves.
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check format bench lock clean schema messages cli-catalogs

serve:
	bash scripts/serve

build:
	bash scripts/build

test:
	bash scripts/test

check:
	bash scripts/setup dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy  # strict on grants/ and macros/ (pyproject.toml [tool.mypy])
	$(PY) -m grants validate

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

schema:  # after changing a declaration in grants/model.py: data/grants.schema.json, catalogs, data/*.schema.{kk,ru}.json
	$(PY) -m grants schema; status=$$?; $(MAKE) --no-print-directory messages && exit $$status

messages:  # after changing a validator message (N_ in grants/, a declaration's message=): grants/locale/{kk,ru}/LC_MESSAGES/validator.po
	pot=$$(mktemp --suffix=.pot) && trap 'rm -f "$$pot"' EXIT && \
	.venv/bin/pybabel extract -F grants/locale/validator.cfg -k N_ -k plural:1,2 -o "$$pot" . >/dev/null && \
	.venv/bin/pybabel update -D validator -i "$$pot" -d grants/locale --no-fuzzy-matching --ignore-pot-creation-date

cli-catalogs:  # after changing a --help text (H_ in grants/cli.py, grants/importers/cli.py) or Python: grants/locale/{kk,ru}/LC_MESSAGES/cli.po
	$(PY) -m grants.cli_i18n

lock:  # after changing requirements*.txt: write requirements*.lock (versions and hashes)
	bash scripts/lock

bench:
	$(PY) benchmarks/bench_data.py
	$(PY) benchmarks/bench_site.py

clean:
	rm -rf site .pytest_cache .ruff_cache
