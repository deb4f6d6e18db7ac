"""`contratvie extract` end to end, as a user runs it (subprocess)."""

from __future__ import annotations

import json

import pytest
from cli_helpers import contratvie as run
from pdfgen import Doc, body_lines


@pytest.fixture
def contract(tmp_path):
    pdf = Doc(header="Contrat de ville de Lens 2024-2030", footer=lambda n: f"Page {n}")
    pdf.page().text(20, 25, "1. Soutien à la vie associative", size=16, bold=True)
    pdf.lines(20, 40, body_lines(6))
    pdf.table(90, [["Action", "Pilote", "Partenaires", "Budget", "Indicateurs"],
                   ["Fonds de participation des habitants", "Ville", "EPCI", "30 000 €", "Projets soutenus"]])
    pdf.page().lines(20, 30, body_lines(6, seed="suite"))
    return pdf.save(tmp_path / "contrat.pdf")


def test_extract_text(contract):
    result = run("extract", contract)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "=== Page 1, page imprimée 1" in out
    assert "[en-tête] Contrat de ville de Lens 2024-2030" in out
    assert "[titre 1] 1. Soutien à la vie associative" in out
    assert "[tableau] Fonds de participation des habitants | Ville | EPCI | 30 000 € | Projets soutenus" in out
    assert "[pied de page] Page 2" in out


def test_extract_json(contract, tmp_path):
    target = tmp_path / "blocs.json"
    result = run("extract", contract, "--format", "json", "-o", target)
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["unreadable_pages"] == []
    assert [p["page_label"] for p in data["pages"]] == ["1", "2"]
    assert all(p["quality"] > 0.9 for p in data["pages"])
    row = next(b for b in data["blocks"] if b["kind"] == "table" and "Fonds" in b["text"])
    assert row["cells"] == ["Fonds de participation des habitants", "Ville", "EPCI", "30 000 €", "Projets soutenus"]
    assert row["page"] == 1 and row["page_label"] == "1"
    assert row["section"] == "1. Soutien à la vie associative"
    heading = next(b for b in data["blocks"] if b["kind"] == "heading")
    assert heading["level"] == 1


def assert_clean_failure(result: subprocess.CompletedProcess, name: str, words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and words in lines[0]


def test_extract_bad_inputs(tmp_path, contract):
    text = tmp_path / "faux.pdf"
    text.write_text("pas un pdf\n", encoding="utf-8")
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    truncated = tmp_path / "tronque.pdf"
    truncated.write_bytes(contract.read_bytes()[:40])
    locked = Doc().encrypt("secret")
    locked.page().lines(20, 30, ["Texte protégé."])
    locked = locked.save(tmp_path / "protege.pdf")

    assert_clean_failure(run("extract", text), "faux.pdf", "pas un PDF")
    assert_clean_failure(run("extract", empty), "vide.pdf", "vide")
    assert_clean_failure(run("extract", truncated), "tronque.pdf", "PDF")
    assert_clean_failure(run("extract", locked), "protege.pdf", "--password")
    assert_clean_failure(run("extract", locked, "--password", "non"), "protege.pdf", "incorrect")
    assert_clean_failure(run("extract", tmp_path / "absent.pdf"), "absent.pdf", "introuvable")
    ok = run("extract", locked, "--password", "secret")
    assert ok.returncode == 0 and "Texte protégé." in ok.stdout


def test_extract_image_only_pdf_lists_unreadable_pages(tmp_path):
    from PIL import Image

    png = tmp_path / "scan.png"
    Image.new("L", (300, 400), 200).save(png)
    pdf = Doc()
    pdf.page().image(10, 10, 190, 270, png)
    path = pdf.save(tmp_path / "scan.pdf")
    result = run("extract", path)
    assert result.returncode == 0, result.stderr
    assert "Pages illisibles : 1" in result.stdout
    assert "relancez avec --ocr" in result.stdout


def test_extract_text_shows_the_section_of_every_block(tmp_path, contract):
    import docx

    markdown = tmp_path / "projet.md"
    markdown.write_text("# Contrat de ville\n\n## 1. Diagnostic\n\nLes associations sont nombreuses.\n\n"
                        "## 2. Vie associative\n\nLe fonds est doté de 5 000 €.\n\n- un comité le suit\n", encoding="utf-8")
    word = docx.Document()
    word.add_heading("2. Vie associative", level=1)
    word.add_heading("2.1 Le fonds de participation", level=2)
    word.add_paragraph("Le fonds est doté de 5 000 € par an.")
    word.save(tmp_path / "projet.docx")

    out = run("extract", markdown).stdout
    assert "Pages : aucune" in out and "=== Page" not in out
    lines = out.splitlines()
    body = lines.index("[texte] Le fonds est doté de 5 000 €.")
    assert lines[body - 1] == "  § Section : Contrat de ville > 2. Vie associative"
    assert lines[body + 1] == "[liste] un comité le suit"  # same section: not repeated

    out = run("extract", tmp_path / "projet.docx").stdout
    assert "  § Section : 2. Vie associative > 2.1 Le fonds de participation\n[texte] Le fonds est doté" in out

    out = run("extract", contract).stdout
    assert "  § Section : 1. Soutien à la vie associative\n[texte] Les associations du quartier" in out


def test_output_file_is_announced_on_stderr_in_one_french_line(contract, tmp_path):
    target = tmp_path / "blocs.txt"
    result = run("extract", contract, "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and "=== Page 1" in target.read_text(encoding="utf-8")
    assert result.stderr == f"Extraction texte écrite dans {target} (2 pages).\n"
