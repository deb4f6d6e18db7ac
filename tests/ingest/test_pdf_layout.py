"""Layout of generated PDFs: running lines, table of contents, columns, tables, labels, sections."""

from __future__ import annotations

from pdfgen import Doc, body_lines

from contratvie.ingest import load

HEADER = "Contrat de ville de Roubaix 2024-2030"


def kinds_of(doc, needle: str) -> set[str]:
    return {b.kind for b in doc.blocks() if needle in b.text}


def test_running_headers_and_footers_are_tagged_not_body(tmp_path):
    pdf = Doc(header=HEADER, footer=lambda n: f"Page {n} sur 5")
    for n in range(5):
        pdf.page()
        pdf.lines(20, 30, body_lines(12, seed=f"p{n}"))
    doc = load(pdf.save(tmp_path / "running.pdf"))

    assert kinds_of(doc, "Contrat de ville de Roubaix") == {"header"}
    assert kinds_of(doc, "sur 5") == {"footer"}
    assert all(b.kind in ("body", "list_item") for b in doc.blocks() if "Les associations" in b.text)
    for page in doc.pages:
        assert page.blocks[0].kind == "header"
        assert page.blocks[-1].kind == "footer"
        assert page.label == str(page.number)


def test_body_line_repeated_in_the_middle_of_pages_stays_body(tmp_path):
    pdf = Doc(header=HEADER)
    for n in range(4):
        pdf.page()
        pdf.lines(20, 120, ["Le conseil citoyen est associé à chaque étape."] + body_lines(3, seed=str(n)))
    doc = load(pdf.save(tmp_path / "repeat.pdf"))
    assert kinds_of(doc, "Le conseil citoyen est associé") == {"body"}


def test_table_of_contents_page_is_tagged(tmp_path):
    pdf = Doc(footer=lambda n: str(n))
    pdf.page().text(20, 30, "Cover", size=24, bold=True)
    pdf.page().text(20, 25, "Sommaire", size=16, bold=True)
    entries = [("1. Diagnostic partagé", 3), ("2. Soutien à la vie associative", 4), ("3. Gouvernance", 5), ("4. Évaluation", 6)]
    for i, (title, page) in enumerate(entries):
        pdf.text(20, 40 + 8 * i, f"{title} {'.' * 60}", size=10)
        pdf.text(175, 40 + 8 * i, str(page), size=10, width=15, align="R")
    for title, _ in entries:
        pdf.page().text(20, 25, title, size=16, bold=True)
        pdf.lines(20, 40, body_lines(6, seed=title))
    doc = load(pdf.save(tmp_path / "toc.pdf"))

    toc = [b for b in doc.pages[1].blocks if b.kind == "toc"]
    assert any(b.text.startswith("Sommaire") for b in toc)
    assert any("Soutien à la vie associative" in b.text and b.text.endswith("4") for b in toc)
    assert len(toc) == 5
    # The same titles on their own pages are headings, not table-of-contents lines.
    assert doc.pages[3].blocks[0].kind == "heading"
    assert doc.pages[3].blocks[0].text == "2. Soutien à la vie associative"


def test_two_column_page_is_read_column_by_column(tmp_path):
    left = [f"Gauche {i} : les associations animent le quartier" for i in range(1, 13)]
    right = [f"Droite {i} : le conseil citoyen suit le contrat" for i in range(1, 13)]
    pdf = Doc().page()
    pdf.text(20, 20, "Deux colonnes", size=16, bold=True)
    for i, (a, b) in enumerate(zip(left, right)):  # drawn line by line across both columns
        pdf.text(20, 35 + 4.5 * i, a, size=9)
        pdf.text(110, 35 + 4.5 * i, b, size=9)
    doc = load(pdf.save(tmp_path / "columns.pdf"))

    text = " ".join(b.text for b in doc.blocks())
    assert text.index("Gauche 12") < text.index("Droite 1 ")
    body = [b for b in doc.blocks() if b.kind != "heading"]
    assert body[0].text.startswith("Gauche 1 ") and body[0].text.endswith("Gauche 12 : les associations animent le quartier")
    assert body[1].text.startswith("Droite 1 ")


def test_action_table_rows_keep_their_cells_together(tmp_path):
    rows = [
        ["Action", "Pilote", "Partenaires", "Budget", "Indicateurs"],
        ["Formation des conseillers citoyens", "Centre social", "Ligue de l'enseignement, Ville", "12 000 €", "Nombre de sessions"],
        ["Fonds de participation des habitants", "Ville", "EPCI, État", "30 000 € par an", "Projets soutenus"],
    ]
    pdf = Doc().page()
    pdf.text(20, 20, "Plan d'actions", size=16, bold=True)
    y = pdf.table(35, rows)
    pdf.paragraph(20, y + 5, "Ce tableau est révisé chaque année en comité de pilotage.")
    doc = load(pdf.save(tmp_path / "table.pdf"))

    table = [b for b in doc.blocks() if b.kind == "table"]
    assert [b.cells for b in table] == rows
    assert table[1].text == " | ".join(rows[1])
    assert len({b.paragraph for b in table}) == 3  # one scope per row
    assert doc.pages[0].blocks[-1].text.startswith("Ce tableau est révisé")


def test_page_labels_read_from_footers(tmp_path):
    pdf = Doc(footer=lambda n: None if n == 1 else f"– {n - 1} –")
    for n in range(5):
        pdf.page()
        pdf.lines(20, 30, body_lines(5, seed=str(n)))
    doc = load(pdf.save(tmp_path / "labels.pdf"))
    assert [p.label for p in doc.pages] == [None, "1", "2", "3", "4"]
    assert all(b.page_label == doc.pages[b.page - 1].label for b in doc.blocks())


def test_section_paths_and_heading_levels(tmp_path):
    pdf = Doc()
    pdf.page().text(20, 20, "1. Diagnostic", size=18, bold=True)
    pdf.text(20, 32, "1.1 Constats", size=13, bold=True)
    pdf.lines(20, 42, body_lines(4, seed="a"))
    pdf.text(20, 70, "1.2 Enjeux", size=13, bold=True)
    pdf.lines(20, 80, body_lines(4, seed="b"))
    pdf.page().text(20, 20, "2. Soutien à la vie associative", size=18, bold=True)
    pdf.lines(20, 32, body_lines(4, seed="c"))
    doc = load(pdf.save(tmp_path / "sections.pdf"))

    headings = [(b.text, b.level) for b in doc.blocks() if b.kind == "heading"]
    assert headings == [("1. Diagnostic", 1), ("1.1 Constats", 2), ("1.2 Enjeux", 2), ("2. Soutien à la vie associative", 1)]
    sections = {b.text.split("(")[1].split()[0]: b.section for b in doc.blocks() if b.kind == "body"}
    assert sections["a"] == ("1. Diagnostic", "1.1 Constats")
    assert sections["b"] == ("1. Diagnostic", "1.2 Enjeux")
    assert sections["c"] == ("2. Soutien à la vie associative",)
    assert doc.title == "1. Diagnostic"


def test_paragraphs_and_lists_share_one_id(tmp_path):
    pdf = Doc().page()
    y = pdf.lines(20, 20, ["Les signataires s'engagent à :"])
    y = pdf.lines(25, y, ["• former les conseillers citoyens ;", "• doter chaque conseil d'un budget ;", "• évaluer la démarche chaque année."])
    y = pdf.lines(20, y + 6, ["Un second paragraphe commence ici, séparé du premier", "par un espace, et continue sur cette ligne."])
    doc = load(pdf.save(tmp_path / "lists.pdf"))

    blocks = doc.pages[0].blocks
    assert [b.kind for b in blocks] == ["body", "list_item", "list_item", "list_item", "body"]
    assert len({b.paragraph for b in blocks[:4]}) == 1
    assert blocks[4].paragraph != blocks[0].paragraph
    assert blocks[4].text == "Un second paragraphe commence ici, séparé du premier par un espace, et continue sur cette ligne."


def test_glossary_and_signature_pages(tmp_path):
    pdf = Doc()
    pdf.page().text(20, 20, "Liste des sigles", size=16, bold=True)
    pdf.lines(20, 35, ["CPO : convention pluriannuelle d'objectifs", "FPH : fonds de participation des habitants",
                       "PIVA : point d'information à la vie associative", "QPV : quartier prioritaire de la politique de la ville"])
    pdf.page().lines(20, 30, body_lines(6))
    pdf.lines(20, 200, ["Fait à Roubaix, le 12 mars 2024", "Pour l'État, le préfet", "Pour la Ville, le maire"])
    doc = load(pdf.save(tmp_path / "annexes.pdf"))

    assert kinds_of(doc, "FPH : fonds de participation") == {"glossary"}
    assert kinds_of(doc, "Fait à Roubaix") == {"signature"}
    assert kinds_of(doc, "Pour la Ville, le maire") == {"signature"}
    assert all(b.kind == "body" for b in doc.pages[1].blocks if "Les associations" in b.text)


def test_bullets_drawn_apart_from_their_text_make_one_list_item(tmp_path):
    pdf = Doc().page()
    pdf.lines(20, 20, ["La Ville s'engage à :"])
    for i, item in enumerate(["financer le fonds de participation des habitants ;", "réunir le comité chaque trimestre."]):
        pdf.text(25, 26 + 5 * i, "\u2022")
        pdf.text(31, 26 + 5 * i, item)
    doc = load(pdf.save(tmp_path / "puces.pdf"))

    blocks = doc.pages[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("body", "La Ville s'engage à :"),
        ("list_item", "\u2022 financer le fonds de participation des habitants ;"),
        ("list_item", "\u2022 réunir le comité chaque trimestre."),
    ]
    assert len({b.paragraph for b in blocks}) == 1


def test_three_columns_under_a_full_width_title(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "Programmation 2024 : une page en trois colonnes sous un titre qui couvre toute la largeur", size=9)
    for column, x in enumerate((20, 80, 140)):
        for i in range(10):
            pdf.text(x, 35 + 4.2 * i, f"Colonne {column + 1}, ligne {i + 1} du texte", size=8)
    doc = load(pdf.save(tmp_path / "trois.pdf"))

    blocks = [b.text for b in doc.pages[0].blocks]
    assert blocks[0].startswith("Programmation 2024")
    assert [b.split(",")[0] for b in blocks[1:]] == ["Colonne 1", "Colonne 2", "Colonne 3"]
    assert blocks[3].endswith("Colonne 3, ligne 10 du texte")
