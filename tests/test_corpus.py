"""Every file of the shared PDF robustness corpus gives a clean outcome: a Document or a clean error.

The corpus lives beside the repository (../shared/pdf-corpus, see its README); the tests are
skipped where it is absent.
"""

from __future__ import annotations

import csv
import re
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from contratvie.document import Document
from contratvie.errors import InputError, PasswordRequired
from contratvie.ingest import load

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "pdf-corpus"
TIME_LIMIT_S = 60
# Categories whose files have a text layer that a reader must get something out of.
MUST_HAVE_TEXT = {
    "multi-column", "rotated", "table", "many-pages", "government-report", "filters", "cjk", "non-latin",
    "scanned-ocr-layer", "duplicate-chars", "forms-annotations",
}


def manifest_rows() -> list[dict]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with open(manifest, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = manifest_rows()
pytestmark = pytest.mark.skipif(not ROWS, reason=f"corpus PDF absent ({CORPUS})")


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging (SIGALRM: main thread on Unix; no limit elsewhere)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"plus de {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def category(row: dict) -> str:
    return row["what_it_tests"].split(":", 1)[0].strip()


def password_of(row: dict) -> str:
    text = row["what_it_tests"]
    match = re.search(r'user password "([^"]+)"', text) or re.search(r'password "([^"]+)" opens', text)
    assert match, f"no password in the manifest for {row['file']}"
    return match.group(1)


def text_of(doc: Document) -> str:
    return " ".join(block.text for block in doc.blocks())


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_file_gives_a_clean_outcome(row):
    path = CORPUS / "files" / row["file"]
    kind = category(row)
    with time_limit(TIME_LIMIT_S):
        if kind == "encrypted-user-password":
            with pytest.raises(PasswordRequired):
                load(path)
            doc = load(path, password=password_of(row))
            assert text_of(doc).strip()
            return
        if kind == "not-a-pdf":
            with pytest.raises(InputError) as raised:
                load(path)
            assert row["file"] in raised.value.message
            return
        try:
            doc = load(path)
        except InputError as error:
            assert kind in ("malformed", "truncated"), f"{kind}: {error.message}"
            assert row["file"] in error.message
            return
    assert isinstance(doc, Document) and doc.page_count >= 1
    for page in doc.pages:
        assert 0.0 <= page.quality <= 1.0
        assert page.readable or page.problem
    if kind == "scanned-image-only":
        assert doc.unreadable_pages and not text_of(doc).strip()
        assert all("--ocr" in doc.pages[n - 1].problem for n in doc.unreadable_pages)
    if kind in MUST_HAVE_TEXT:
        assert text_of(doc).strip()
    if "gibberish" in row["what_it_tests"] or "shifted garbage" in row["what_it_tests"]:
        assert doc.unreadable_pages, "nonsense text must make the page unreadable"


BAD_FILES = ["made__plain-text.pdf", "made__truncated-half_federal-register-2020-17221.pdf", "pdfplumber__password-example.pdf"]


@pytest.mark.parametrize("name", BAD_FILES)
def test_corpus_bad_files_through_the_cli(name):
    path = CORPUS / "files" / name
    if not path.exists():
        pytest.skip(f"{name} absent from the corpus")
    result = subprocess.run(
        [sys.executable, "-c", "from contratvie.cli import main; main()", "extract", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0]
