# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_SAMPLE ?= samples/contrat-ville-exemple.pdf

.PHONY: install system-deps demo test bench clean

install: $(STAMP)

# Reinstall only when the project's metadata changes: a second `make install` is instant.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Tesseract (French) for --ocr; installed when missing and when we can (root with apt-get).
system-deps:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>&1 | grep -q '^fra$$' \
	  || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	         apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fra >/dev/null; \
	       else echo "Tesseract (fra) absent : les tests OCR seront ignorés."; fi; }

demo: install
	$(VENV)/bin/contratvie audit $(DEMO_SAMPLE)

test: install system-deps
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache build dist
