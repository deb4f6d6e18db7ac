"""Text repairs and the quality figure on generated PDFs."""

from __future__ import annotations

import random

import pytest
from pdfgen import Doc, body_lines

from contratvie.ingest import load
from contratvie.text import normalize


def all_text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks())


def test_line_end_hyphenation_joined_and_real_compounds_kept(tmp_path):
    lines = [
        "Le contrat prévoit la mobili-",
        "sation des habitants autour des micro-",
        "projets portés dans les Hauts-de-",
        "France, grâce à la co-",
        "construction avec les associations, c'est-à-",
        "dire un travail commun pour l'accompa-",
        "gnement des conseils citoyens de 2024-",
        "2030 et leur dynamique de cohé-",
        "sion sociale autour de la cohésion.",
    ]
    pdf = Doc().page()
    pdf.lines(20, 30, lines)
    doc = load(pdf.save(tmp_path / "hyphens.pdf"))

    [block] = doc.pages[0].blocks
    assert block.text == (
        "Le contrat prévoit la mobilisation des habitants autour des micro-projets portés dans les "
        "Hauts-de-France, grâce à la co-construction avec les associations, c'est-à-dire un travail "
        "commun pour l'accompagnement des conseils citoyens de 2024-2030 et leur dynamique de "
        "cohésion sociale autour de la cohésion."
    )


def test_ligatures_odd_spaces_and_quotes_normalised_for_matching_original_kept(tmp_path):
    pdf = Doc().page()
    pdf.lines(20, 30, [
        "Le ﬁnancement des ﬂux, l’eﬀort eﬃcace de l’association :",
        "« conseil citoyen » doté de 5\u00a0000\u202f€ par an\u2009; c’est “clair”.",
    ])
    doc = load(pdf.save(tmp_path / "ligatures.pdf"))

    [block] = doc.pages[0].blocks
    matched = normalize(block.text)
    for word in ("financement", "flux", "l'effort efficace", "l'association", '" conseil citoyen "', "5 000 € par an ;", '"clair"'):
        assert word in matched
    # The original typography stays in the quoted text.
    assert "l’association" in block.text and "« conseil citoyen »" in block.text
    assert "\u00a0" in block.text or "\u202f" in block.text


def test_fake_bold_doubled_characters_undone(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "CCOONNTTRRAATT DDEE VVIILLLLEE", size=20, bold=True)  # emitted doubled
    pdf.text(20, 40, "Pilier cohésion sociale", size=16, bold=True)  # overprinted, 0.3 pt apart
    pdf.text(20.1, 40, "Pilier cohésion sociale", size=16, bold=True)
    pdf.lines(20, 60, ["Les associations du quartier appellent à la programmation.", "Elles sont accompagnées chaque année."])
    doc = load(pdf.save(tmp_path / "bold.pdf"))

    texts = [b.text for b in doc.pages[0].blocks]
    assert texts[0] == "CONTRAT DE VILLE"
    assert texts[1] == "Pilier cohésion sociale"
    assert "appellent" in texts[2] and "accompagnées" in texts[2]
    assert doc.title == "CONTRAT DE VILLE"


def garbage_line(rng: random.Random) -> str:
    words = ["".join(rng.choice("Aabgm") for _ in range(rng.randint(3, 9))) for _ in range(8)]
    return ": ".join([" ".join(words[:3]), " ".join(words[3:])])


def test_quality_low_for_text_that_is_not_language(tmp_path):
    rng = random.Random(4)
    pdf = Doc()
    pdf.page().lines(20, 30, body_lines(20))
    pdf.page().lines(20, 30, [garbage_line(rng) for _ in range(20)])
    doc = load(pdf.save(tmp_path / "garbage.pdf"))

    good, bad = doc.pages
    assert good.quality >= 0.9 and good.readable and good.problem is None
    assert bad.quality < 0.5 and not bad.readable
    assert "mal décodé" in bad.problem
    assert doc.unreadable_pages == [2]


def test_quality_low_for_undecoded_glyphs():
    from contratvie.ingest.quality import page_quality

    clean = "Le conseil citoyen est accompagné par le centre social du quartier. " * 5
    assert page_quality(clean) > 0.95
    assert page_quality("(cid:12)(cid:45)(cid:3) (cid:77)(cid:8) " * 20 + clean[:40]) < 0.5
    assert page_quality("\ufffd\ufffd\ufffd \ufffd\ufffd " * 30) < 0.5
    assert page_quality("3HQČåQtSURVWĜHGN\\QD~þWHFK WĜHGN\\QD~þ") < 0.5


@pytest.fixture
def scan_pdf(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill=0)
    png = tmp_path / "scan.png"
    image.save(png)
    pdf = Doc()
    pdf.page().lines(20, 30, body_lines(8))
    pdf.page().image(10, 10, 190, 270, png)
    return pdf.save(tmp_path / "scan.pdf")


def test_image_only_page_is_unreadable_not_an_error(scan_pdf):
    doc = load(scan_pdf)
    text_page, scan = doc.pages
    assert text_page.readable
    assert not scan.has_text_layer and not scan.readable and scan.blocks == []
    assert scan.problem == "pas de couche texte (document scanné ?) : relancez avec --ocr"
    assert doc.unreadable_pages == [2]


def test_ocr_text_becomes_blocks_on_pages_without_text(scan_pdf, monkeypatch):
    from contratvie.ingest import ocr

    calls = []
    monkeypatch.setattr(ocr, "check_available", lambda: calls.append("check"))
    monkeypatch.setattr(ocr, "ocr_page", lambda page, number: calls.append(number) or
                        "Article 2 Engagements\n\nLe conseil citoyen sera accompa-\ngné par le centre social.")
    progress = []
    doc = load(scan_pdf, ocr=True, progress=lambda done, total: progress.append((done, total)))

    assert calls == ["check", 2]  # Tesseract checked once, only the page without text is OCRed
    assert progress == [(1, 2), (2, 2)]
    scan = doc.pages[1]
    assert scan.readable and scan.problem is None
    assert [(b.kind, b.text) for b in scan.blocks] == [
        ("heading", "Article 2 Engagements"),
        ("body", "Le conseil citoyen sera accompagné par le centre social."),
    ]
    assert scan.blocks[1].section == ("Article 2 Engagements",)


def test_text_pdf_with_ocr_flag_does_not_need_tesseract(tmp_path, monkeypatch):
    from contratvie.ingest import ocr

    def missing():
        raise AssertionError("check_available must not run when no page lacks text")

    monkeypatch.setattr(ocr, "check_available", missing)
    pdf = Doc()
    pdf.page().lines(20, 30, body_lines(4))
    doc = load(pdf.save(tmp_path / "text.pdf"), ocr=True)
    assert doc.unreadable_pages == []
