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
# The DejaVu fonts are what the tests and samples/build.py write PDFs with.
system-deps:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>&1 | grep -q '^fra$$' \
	  && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	  || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	         apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fra fonts-dejavu-core >/dev/null; \
	       else echo "Tesseract (fra) ou les polices DejaVu absents : installez tesseract-ocr, tesseract-ocr-fra et fonts-dejavu-core."; fi; }

demo: install
	$(VENV)/bin/contratvie audit $(DEMO_SAMPLE)

test: install system-deps
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache build dist
