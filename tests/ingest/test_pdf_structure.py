"""Contract structures on generated PDFs: tables of contents, glossaries, signature pages,
fiches actions, the document title."""

from __future__ import annotations

import pytest
from pdfgen import Doc, body_lines

from contratvie.ingest import load

ENTRIES = [("Introduction", 3), ("1. Diagnostic partagé", 4), ("1.1 Les quartiers", 4), ("2. Soutien à la vie associative", 6),
           ("2.1 Le fonds de participation des habitants", 7), ("3. Gouvernance", 9)]


def page_kinds(doc, number: int) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.pages[number - 1].blocks if b.kind not in ("header", "footer")]


def chapters(pdf: Doc) -> None:
    for title, _ in ENTRIES:
        pdf.page().text(20, 25, title, size=16, bold=True)
        pdf.lines(20, 40, body_lines(6, seed=title))


def test_toc_with_spaced_leaders_and_page_numbers_drawn_apart(tmp_path):
    # As word processors print it: the title, then ". . . ." as its own text object, then the
    # page number as a third one at the right margin.
    pdf = Doc(header="Contrat de ville 2024-2030", footer=lambda n: str(n))
    pdf.page().text(20, 60, "Contrat de ville", size=24, bold=True)
    pdf.page().text(20, 25, "Sommaire", size=16, bold=True)
    for i, (title, page) in enumerate(ENTRIES):
        indent = 6 if "." in title[:3] and title[1] != "." else 0
        pdf.text(20 + indent, 40 + 7 * i, title, size=10, bold=not indent)
        pdf.text(95, 40 + 7 * i, " ." * 40, size=10)
        pdf.text(178, 40 + 7 * i, str(page), size=10, width=12, align="R")
    chapters(pdf)
    doc = load(pdf.save(tmp_path / "toc-spaced.pdf"))

    blocks = page_kinds(doc, 2)
    assert {kind for kind, _ in blocks} == {"toc"}
    assert len(blocks) == len(ENTRIES) + 1
    assert blocks[0][1] == "Sommaire"
    for (title, page), (_, text) in zip(ENTRIES, blocks[1:]):
        assert text.startswith(title) and text.endswith(f". {page}")
    # The chapters themselves are headings and body text.
    assert page_kinds(doc, 4)[0] == ("heading", "1. Diagnostic partagé")


def test_toc_without_leaders_under_a_title(tmp_path):
    pdf = Doc(footer=lambda n: f"Page {n}")
    pdf.page().text(20, 60, "Contrat de ville", size=24, bold=True)
    pdf.page().text(20, 25, "Table des matières", size=16, bold=True)
    for i, (title, page) in enumerate(ENTRIES):
        pdf.text(20, 40 + 7 * i, title, size=10)
        pdf.text(178, 40 + 7 * i, str(page), size=10, width=12, align="R")
    chapters(pdf)
    doc = load(pdf.save(tmp_path / "toc-plain.pdf"))

    blocks = page_kinds(doc, 2)
    assert [kind for kind, _ in blocks] == ["toc"] * (len(ENTRIES) + 1)
    assert blocks[4][1] == "2. Soutien à la vie associative 6"
    assert not any(b.kind == "toc" for b in doc.blocks() if b.page > 2)


def test_numbers_at_line_ends_without_a_toc_title_stay_body(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "Moyens du contrat", size=16, bold=True)
    rows = ["Fonds de participation des habitants 15", "Postes d'adultes-relais 4", "Associations soutenues 32", "Conseils citoyens 3"]
    pdf.lines(20, 35, rows)
    doc = load(pdf.save(tmp_path / "nombres.pdf"))
    assert not any(b.kind == "toc" for b in doc.blocks())


GLOSSARY = [("CPO", "Convention pluriannuelle d'objectifs"), ("DRAJES", "Délégation régionale académique à la jeunesse, à l'engagement et aux sports, service de l'État en région"),
            ("FPH", "Fonds de participation des habitants"), ("PIVA", "Point d'information à la vie associative"),
            ("QPV", "Quartier prioritaire de la politique de la ville")]


def glossary_page(pdf: Doc, title: str, end: bool = True) -> None:
    """Acronyms in bold at body size in a left column, definitions beside them (wrapped)."""
    pdf.page().text(20, 20, "Annexes", size=16, bold=True)
    pdf.text(20, 32, title, size=13, bold=True)
    y = 45.0
    for acronym, definition in GLOSSARY:
        pdf.text(20, y, acronym, size=10, bold=True)
        bottom = pdf.paragraph(55, y - 1, definition, width=100, size=10)
        y = max(bottom, y + 5) + 3
    if not end:
        return
    pdf.text(20, y + 8, "Annexe 2 – Liste des quartiers prioritaires", size=13, bold=True)
    pdf.lines(20, y + 20, ["Le quartier des Hauts-Vallons compte 4 200 habitants et trois associations."])


@pytest.mark.parametrize("title", ["Annexe 1 – Glossaire des sigles", "Liste des abréviations", "Sigles et acronymes", "Lexique"])
def test_glossary_under_an_annex_title_with_bold_acronyms(tmp_path, title):
    pdf = Doc()
    glossary_page(pdf, title)
    doc = load(pdf.save(tmp_path / "glossaire.pdf"))

    blocks = page_kinds(doc, 1)
    entries = [text for kind, text in blocks if kind == "glossary"]
    assert entries == [f"{a} : {d}" for a, d in GLOSSARY]
    headings = [text for kind, text in blocks if kind == "heading"]
    assert headings == ["Annexes", title, "Annexe 2 – Liste des quartiers prioritaires"]
    # The glossary ends at the next annex: its text is body again, in its own section.
    last = doc.pages[0].blocks[-1]
    assert last.kind == "body" and last.section[-1] == "Annexe 2 – Liste des quartiers prioritaires"
    assert all(b.section[-1] == title for b in doc.blocks() if b.kind == "glossary")


def test_glossary_goes_on_to_the_next_page_until_the_next_title(tmp_path):
    pdf = Doc()
    glossary_page(pdf, "Glossaire", end=False)
    pdf.page()
    more = [("SDJES", "Service départemental à la jeunesse"), ("ORVA", "Observatoire régional de la vie associative")]
    for i, (acronym, definition) in enumerate(more):
        pdf.text(20, 20 + 7 * i, acronym, size=10, bold=True)
        pdf.text(55, 20 + 7 * i, definition, size=10)
    pdf.text(20, 40, "Annexe 2 – Liste des quartiers prioritaires", size=13, bold=True)
    pdf.lines(20, 50, body_lines(3))
    doc = load(pdf.save(tmp_path / "glossaire-suite.pdf"))

    blocks = page_kinds(doc, 2)
    assert blocks[:2] == [("glossary", f"{a} : {d}") for a, d in more]
    assert blocks[2] == ("heading", "Annexe 2 – Liste des quartiers prioritaires")
    assert {kind for kind, _ in blocks[3:]} == {"body"}


def test_signature_page_with_many_signatories_side_by_side(tmp_path, logo):
    signatories = [("Pour l'État", "Le Préfet de la région", "Jean-Marc Delorme"), ("Pour la Ville de Bréancourt", "Le Maire", "Thierry Lefranc"),
                   ("Pour la Communauté d'agglomération", "Le Président", "Alain Vasseur"), ("Pour le Département", "La Présidente", "Martine Caron"),
                   ("Pour la Caisse d'allocations familiales", "Le Directeur", "Olivier Ménard"), ("Pour Orve Habitat", "La Directrice générale", "Sophie Dumont"),
                   ("Pour la Région", "Le Vice-Président", "Paul Garnier"), ("Pour France Travail", "La Directrice territoriale", "Inès Roussel")]
    pdf = Doc(footer=lambda n: f"Page {n}")
    pdf.page().lines(20, 30, body_lines(10))
    pdf.page().text(20, 20, "Les partenaires signataires", size=16, bold=True)
    for i, lines in enumerate(signatories):
        x, y = 20 + 90 * (i % 2), 35 + 58 * (i // 2)
        pdf.image(x, y, 20, 12, logo)
        pdf.text(x, y + 15, lines[0], size=9, bold=True)
        pdf.text(x, y + 24, lines[1], size=9)
        pdf.text(x, y + 42, lines[2], size=9)
    doc = load(pdf.save(tmp_path / "signataires.pdf"))

    blocks = page_kinds(doc, 2)
    assert blocks[0] == ("heading", "Les partenaires signataires")
    signed = [text for kind, text in blocks[1:]]
    assert {kind for kind, _ in blocks[1:]} == {"signature"}
    assert sorted(signed) == sorted(" ".join(lines) for lines in signatories)
    assert all(b.kind in ("body", "footer") for b in doc.pages[0].blocks)


@pytest.fixture
def logo(tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (40, 24), (20, 60, 120)).save(path)
    return path


FICHE = [["Fiche action n° 4 – Soutenir les petites associations"], ["Objectif", "Accompagner les associations de proximité dans leurs demandes de subvention"],
         ["Pilote", "Centre social des Hauts-Vallons"], ["Partenaires", "Ville, DDVA, Ligue de l'enseignement"],
         ["Budget", "12 000 € par an"], ["Calendrier", "Chaque année de 2025 à 2030"], ["Indicateurs", "Nombre d'associations accompagnées"]]


def test_fiche_action_as_a_two_column_grid_is_one_marker_scope(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "4. Fiches actions", size=16, bold=True)
    y = 30.0
    for fiche in (FICHE, [["Fiche action n° 5 – Former les bénévoles"], ["Pilote", "Maison des associations"], ["Budget", "5 000 €"]]):
        pdf.pdf.set_font("DejaVu", "", 9)
        pdf.pdf.set_y(y)
        with pdf.pdf.table(col_widths=(40, 130), line_height=4.5, first_row_as_headings=False) as table:
            for row in fiche:
                cells = table.row()
                if len(row) == 1:
                    cells.cell(row[0], colspan=2)
                else:
                    for text in row:
                        cells.cell(text)
        y = pdf.pdf.get_y() + 10
    doc = load(pdf.save(tmp_path / "fiche.pdf"))

    blocks = [b for b in doc.pages[0].blocks if b.kind != "heading"]
    assert [b.text for b in blocks[:7]] == [FICHE[0][0]] + [f"{label} : {value}" for label, value in FICHE[1:]]
    assert {b.kind for b in blocks} == {"body"}
    assert len({b.paragraph for b in blocks[:7]}) == 1  # pilot, budget, calendar, indicators together
    assert blocks[7].paragraph != blocks[0].paragraph  # the next fiche is another scope
    assert [b.text for b in blocks[7:]] == ["Fiche action n° 5 – Former les bénévoles", "Pilote : Maison des associations", "Budget : 5 000 €"]


def test_fiche_action_as_labels_beside_values_without_rules(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "Fiche action n° 4 – Soutenir les petites associations", size=13, bold=True)
    y = 32.0
    for label, value in FICHE[1:]:
        pdf.text(20, y, f"{label} :", size=10, bold=True)
        end = pdf.paragraph(60, y - 1, value, width=80, size=10)
        y = max(end, y + 5) + 2
    pdf.paragraph(20, y + 10, "Les associations sont par ailleurs invitées aux réunions publiques du contrat de ville.")
    doc = load(pdf.save(tmp_path / "fiche-libre.pdf"))

    blocks = doc.pages[0].blocks
    assert blocks[0].kind == "heading"
    fields = blocks[1:7]
    assert [b.text for b in fields] == [f"{label} : {value}" for label, value in FICHE[1:]]
    assert {b.kind for b in fields} == {"body"}
    assert len({b.paragraph for b in fields}) == 1
    assert blocks[7].paragraph != fields[0].paragraph


def test_title_from_meaningful_metadata(tmp_path):
    pdf = Doc()
    pdf.pdf.set_title("Contrat de ville de la Vallée de l'Orve 2024-2030")
    pdf.page().text(20, 30, "Préfecture de l'Aisne · Communauté d'agglomération", size=11)
    pdf.text(20, 60, "Engagements Quartiers 2030", size=24, bold=True)
    doc = load(pdf.save(tmp_path / "meta.pdf"))
    assert doc.title == "Contrat de ville de la Vallée de l'Orve 2024-2030"


@pytest.mark.parametrize("metadata", [None, "Microsoft Word - doc1.docx", "contrat_ville_v3", "Document1", "   "])
def test_title_from_the_biggest_cover_text_when_metadata_says_nothing(tmp_path, metadata):
    pdf = Doc()
    if metadata is not None:
        pdf.pdf.set_title(metadata)
    pdf.page().text(20, 30, "Préfecture de l'Aisne-Orientale · Communauté d'agglomération de la Vallée de l'Orve", size=12)
    pdf.text(20, 60, "Contrat de ville 2024-2030", size=22, bold=True)
    pdf.text(20, 71, "« Engagements Quartiers 2030 »", size=22, bold=True)
    pdf.text(20, 90, "Quartiers prioritaires : les Hauts-Vallons, le Moulin", size=14)
    chapters(pdf)  # the cover's styles are its own: the kicker ranks as high as the title
    doc = load(pdf.save(tmp_path / "couverture.pdf"))
    assert doc.title == "Contrat de ville 2024-2030 « Engagements Quartiers 2030 »"


def test_contributions_per_partner_are_not_a_signature_page(tmp_path):
    pdf = Doc().page()
    pdf.text(20, 20, "Financement du fonds de participation", size=16, bold=True)
    pdf.lines(20, 35, ["Pour l'État : 20 000 € par an", "Pour la Ville : 10 000 € par an", "Pour la CAF : 5 000 € par an",
                       "Pour le Département : 5 000 € par an"])
    doc = load(pdf.save(tmp_path / "financement.pdf"))
    assert not any(b.kind == "signature" for b in doc.blocks())


def test_a_field_name_inside_a_sentence_does_not_cut_the_paragraph(tmp_path):
    pdf = Doc().page()
    pdf.lines(20, 30, ["Les actions retenues visent en priorité un", "public : les jeunes de 16 à 25 ans sortis du", "système scolaire sans qualification."])
    doc = load(pdf.save(tmp_path / "phrase.pdf"))
    assert [b.text for b in doc.blocks()] == ["Les actions retenues visent en priorité un public : les jeunes de 16 à 25 ans "
                                              "sortis du système scolaire sans qualification."]
