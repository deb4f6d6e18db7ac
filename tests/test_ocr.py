"""Scanned contracts: French OCR of pages without a text layer (--ocr), and clear errors without it.

The test page is French contract text rendered with fpdf2 + DejaVu, then rasterised into an
image-only PDF (no text layer at all), as a scanner would produce it.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from cli_helpers import contratvie as run_cli
from fpdf import FPDF

import contratvie.ingest.ocr as ocr
from contratvie.errors import ContratvieError
from contratvie.text import fold

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PARAGRAPHS = [
    "Article 4 - Les conseils citoyens",
    "Le conseil citoyen est accompagné par le centre social « Les Tilleuls », structure "
    "d'éducation populaire, avec un budget annuel de 5 000 € inscrit au contrat de ville. "
    "Cet accompagnement comprend la formation des membres et l'animation des réunions mensuelles.",
    "La mobilisation des associations du quartier fait l'objet d'un bilan annuel présenté au "
    "comité de pilotage.",
]

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract absent (paquets tesseract-ocr et tesseract-ocr-fra : `make system-deps` en root)",
)


def text_pdf(path: Path, paragraphs: list[str]) -> Path:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.output(str(path))
    return path


def scanned_pdf(tmp_path: Path, paragraphs: list[str] = PARAGRAPHS, dpi: int = 200) -> Path:
    """Render the text PDF to an image, save the image as a PDF: a scan without any text layer."""
    source = pdfium.PdfDocument(text_pdf(tmp_path / "source.pdf", paragraphs))
    image = source[0].render(scale=dpi / 72, grayscale=True).to_pil()
    source.close()
    path = tmp_path / "scan.pdf"
    image.save(path, resolution=dpi)
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    return scanned_pdf(tmp_path_factory.mktemp("scan"))


def test_generated_scan_has_no_text_layer(scan):
    document = pdfium.PdfDocument(scan)
    assert document[0].get_textpage().get_text_range().strip() == ""


@needs_tesseract
def test_ocr_page_reads_french_with_accents(scan):
    document = pdfium.PdfDocument(scan)
    text = ocr.ocr_page(document[0], 1)
    for words in ("conseil citoyen est accompagné", "centre social", "éducation populaire", "5 000 €",
                  "formation des membres", "comité de pilotage"):
        assert fold(words) in fold(text), words


@needs_tesseract
def test_ocr_paragraphs_are_separated_by_blank_lines_and_not_cut(scan):
    paragraphs = ocr.ocr_page(pdfium.PdfDocument(scan)[0], 1).split("\n\n")
    assert len(paragraphs) == 3
    # the long paragraph stays whole: its first and last words are in the same paragraph
    assert "citoyen" in paragraphs[1] and "mensuelles" in paragraphs[1]
    assert "mobilisation" in paragraphs[2]


@needs_tesseract
def test_check_available_passes_with_french_data():
    ocr.check_available()


def test_missing_tesseract_is_a_french_error(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(ContratvieError) as caught:
        ocr.check_available()
    assert "Tesseract est introuvable" in caught.value.message
    assert "tesseract-ocr-fra" in caught.value.message


def test_tesseract_without_french_is_a_french_error(monkeypatch, tmp_path):
    import pytesseract

    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(fake))
    with pytest.raises(ContratvieError, match="sans les données du français"):
        ocr.check_available()


def test_paragraphs_rebuilt_from_word_boxes():
    """Tesseract cuts a paragraph after a full line (new par_num): joined back when the gap is normal."""
    rows = [  # (block, par, line, left, top, width, height, text)
        (1, 1, 1, 100, 100, 800, 40, "Le conseil citoyen est accompagné par le"),
        (1, 1, 2, 100, 160, 800, 40, "centre social. Cet"),
        (1, 2, 1, 100, 220, 800, 40, "accompagnement est annuel."),
        (1, 3, 1, 100, 400, 800, 40, "Nouveau paragraphe."),
    ]
    data = {key: [] for key in ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")}
    for block, par, line, left, top, width, height, text in rows:
        for i, word in enumerate(text.split()):
            for key, value in zip(data, (block, par, line, left + 60 * i, top, 50, height, 90, word)):
                data[key].append(value)
    assert ocr.words_to_text(data) == (
        "Le conseil citoyen est accompagné par le\ncentre social. Cet\naccompagnement est annuel."
        "\n\nNouveau paragraphe."
    )


# ---- through the PDF reader and the command line ---------------------------------------------

def test_without_ocr_the_page_is_unreadable_and_the_message_says_how(scan):
    from contratvie import ingest

    document = ingest.load(scan)
    assert document.unreadable_pages == [1]
    assert "--ocr" in document.pages[0].problem
    result = run_cli("extract", str(scan))
    assert result.returncode == 0, result.stderr
    assert "--ocr" in result.stdout + result.stderr
    assert "accompagn" not in result.stdout


@needs_tesseract
def test_with_ocr_the_text_is_found(scan):
    from contratvie import ingest

    pages_done = []
    document = ingest.load(scan, ocr=True, progress=lambda done, total: pages_done.append((done, total)))
    assert document.unreadable_pages == []
    assert pages_done[-1] == (1, 1)
    text = fold(" ".join(block.text for block in document.blocks()))
    assert fold("conseil citoyen est accompagné par le centre social") in text

    result = run_cli("extract", str(scan), "--ocr")
    assert result.returncode == 0, result.stderr
    folded = fold(result.stdout)
    for words in ("conseil citoyen est accompagné", "éducation populaire", "comité de pilotage"):
        assert fold(words) in folded, words


def test_ocr_option_without_tesseract_exits_2_with_a_french_message(scan, tmp_path):
    # An empty PATH (plus the interpreter's own folder) hides any installed tesseract.
    result = run_cli("extract", str(scan), "--ocr", env={"PATH": str(tmp_path)})
    assert result.returncode == 2
    assert "Tesseract est introuvable" in result.stderr
    assert "Traceback" not in result.stderr


@needs_tesseract
def test_audit_with_ocr_finds_va05_evidence_on_the_scanned_page(scan):
    result = run_cli("audit", str(scan), "--ocr", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["unreadable_pages"] == []
    va05 = next(c for c in report["criteria"] if c["id"] == "VA05")
    assert va05["level"] >= 2
    assert any(e["page"] == 1 and e["counts"] and "accompagn" in e["text"] for e in va05["evidence"])


def test_batch_ocr_without_tesseract_is_one_error_before_any_work(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        scanned_pdf(tmp_path / name).rename(folder / f"{name}.pdf")
    out = tmp_path / "resultats"
    result = run_cli("batch", str(folder), "-o", str(out), "--ocr", env={"PATH": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : --ocr : Tesseract est introuvable"), result.stderr
    assert not out.exists()


def test_audit_of_a_scan_without_ocr_says_levels_are_unknown_not_absent(scan, tmp_path):
    """A consultant must not read « absent » for a contract that was not read at all."""
    from cli_helpers import piped_text_problems

    result = run_cli("audit", str(scan))
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Aucune page lisible" in text and "Relancez avec --ocr" in text
    assert "non significatif, aucune page lue" in text
    assert "Niveaux inconnus" in text and "absent" not in text.replace("« absent »", "")
    assert "gravité" not in text  # no gap list of eight « absent » criteria
    assert piped_text_problems(result.stdout) == []

    markdown = run_cli("audit", str(scan), "--format", "markdown").stdout
    assert "Niveaux inconnus" in markdown and "0 – absent" not in markdown and "gravité" not in markdown
    page = tmp_path / "rapport.html"
    assert run_cli("audit", str(scan), "--format", "html", "-o", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert "Niveaux inconnus" in html and "0 · absent" not in html and "gravité" not in html


def test_json_of_a_scan_stays_as_report_md_says(scan):
    import jsonschema

    from contratvie.report.json_report import schema

    result = run_cli("audit", str(scan), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema())
    assert report["document"]["unreadable_pages"] == [1] and report["document"]["pages"] == 1
