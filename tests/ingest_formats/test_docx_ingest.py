"""Word drafts (.docx) read into the Document model: styles make headings, tables become rows."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from contratvie import ingest
from contratvie.errors import InputError

W = nsdecls("w")


def run_xml(inner: str):
    return parse_xml(f"<w:r {W}>{inner}</w:r>")


def add_toc_field(document, entries: list[str]) -> None:
    """A Word TOC field: begin + instruction in the first entry, end after the last one."""
    first = document.add_paragraph()
    first._p.append(run_xml('<w:fldChar w:fldCharType="begin"/>'))
    first._p.append(run_xml('<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>'))
    first._p.append(run_xml('<w:fldChar w:fldCharType="separate"/>'))
    first.add_run(entries[0])
    for entry in entries[1:]:
        document.add_paragraph(entry)
    document.paragraphs[-1]._p.append(run_xml('<w:fldChar w:fldCharType="end"/>'))


@pytest.fixture
def contract_docx(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Contrat de ville de Val-Fleuri 2024-2030"
    document.add_paragraph("Sommaire", style="TOC Heading")
    add_toc_field(document, ["1 La vie associative\t3", "1.1 Les conseils citoyens\t4"])
    document.add_heading("La vie associative", level=1)
    document.add_paragraph("Les associations sont des partenaires du contrat.")
    document.add_paragraph("Elles sont consultées chaque année.")
    document.add_heading("Les conseils citoyens", level=2)
    document.add_paragraph("Les signataires s'engagent à :")
    document.add_paragraph("former les membres des conseils citoyens ;", style="List Bullet")
    document.add_paragraph("financer un local partagé.", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    rows = [["Action", "Pilote", "Budget"], ["Formation des bénévoles", "Centre social", "5 000 €"]]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_heading("Moyens", level=1)
    document.add_paragraph("Un fonds de participation des habitants est créé.")
    path = tmp_path / "contrat.docx"
    document.save(path)
    return path


def blocks_of(path):
    return list(ingest.load(path).blocks())


def test_headings_from_styles_give_levels_and_section_paths(contract_docx):
    blocks = blocks_of(contract_docx)
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert headings == [("La vie associative", 1), ("Les conseils citoyens", 2), ("Moyens", 1)]
    row = next(b for b in blocks if b.kind == "table" and "Formation" in b.text)
    assert row.section == ("La vie associative", "Les conseils citoyens")
    last = blocks[-1]
    assert last.text == "Un fonds de participation des habitants est créé."
    assert last.section == ("Moyens",)


def test_no_pages_so_page_one_without_label(contract_docx):
    document = ingest.load(contract_docx)
    assert document.format == "docx"
    assert document.page_count == 1
    assert all(b.page == 1 and b.page_label is None for b in document.blocks())
    assert document.sha256 == hashlib.sha256(contract_docx.read_bytes()).hexdigest()
    assert document.unreadable_pages == []


def test_title_from_core_properties_else_first_heading(contract_docx, tmp_path):
    assert ingest.load(contract_docx).title == "Contrat de ville de Val-Fleuri 2024-2030"
    untitled = docx.Document()
    untitled.core_properties.title = ""
    untitled.add_paragraph("Préambule sans style.")
    untitled.add_heading("Contrat de ville de Bourg-Neuf", level=1)
    path = tmp_path / "sans-titre.docx"
    untitled.save(path)
    assert ingest.load(path).title == "Contrat de ville de Bourg-Neuf"


def test_table_rows_keep_their_cells(contract_docx):
    rows = [b for b in blocks_of(contract_docx) if b.kind == "table"]
    assert [r.cells for r in rows] == [["Action", "Pilote", "Budget"], ["Formation des bénévoles", "Centre social", "5 000 €"]]
    assert rows[1].text == "Formation des bénévoles | Centre social | 5 000 €"
    assert rows[0].paragraph != rows[1].paragraph  # a row is its own marker scope


def test_list_items_share_one_paragraph_id(contract_docx):
    blocks = blocks_of(contract_docx)
    items = [b for b in blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["former les membres des conseils citoyens ;", "financer un local partagé."]
    assert items[0].paragraph == items[1].paragraph
    bodies = [b for b in blocks if b.kind == "body"]
    assert len({b.paragraph for b in bodies}) == len(bodies)
    assert items[0].paragraph not in {b.paragraph for b in bodies}


def test_table_of_contents_field_and_heading_are_toc(contract_docx):
    blocks = blocks_of(contract_docx)
    toc = [b.text for b in blocks if b.kind == "toc"]
    assert toc == ["Sommaire", "1 La vie associative 3", "1.1 Les conseils citoyens 4"]
    # the TOC ends with its field: the first real heading is a heading again
    assert blocks[len(toc)].kind == "heading"


def test_french_style_names_outline_levels_and_toc_styles(tmp_path):
    document = docx.Document()
    for name in ("Titre 1", "Titre 2", "TM 1"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]
    document.add_paragraph("Pilier cohésion sociale", style="Titre 1")
    document.add_paragraph("Axe 3 : la participation", style="Titre 2")
    outlined = document.add_paragraph("Objectif opérationnel")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="2"/>'))
    document.add_paragraph("Texte de l'objectif.")
    document.add_paragraph("Pilier cohésion sociale\t2", style="TM 1")
    path = tmp_path / "styles-fr.docx"
    document.save(path)
    blocks = blocks_of(path)
    assert [(b.kind, b.level) for b in blocks] == [("heading", 1), ("heading", 2), ("heading", 3), ("body", None), ("toc", None)]
    assert blocks[3].section == ("Pilier cohésion sociale", "Axe 3 : la participation", "Objectif opérationnel")


def test_tracked_changes_read_as_accepted(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Le conseil citoyen est ")
    paragraph._p.append(parse_xml(
        f'<w:del {W} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>peut-être </w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {W} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>accompagné par le centre social.</w:t></w:r></w:ins>'))
    path = tmp_path / "revision.docx"
    document.save(path)
    assert [b.text for b in blocks_of(path)] == ["Le conseil citoyen est accompagné par le centre social."]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"Ceci n'est pas un document Word.", "corrompu"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ancien format"),
    ],
)
def test_unreadable_docx_gives_a_french_message_naming_the_file(tmp_path, content, expected):
    path = tmp_path / "projet.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        ingest.load(path)
    assert str(path) in caught.value.message
    assert expected in caught.value.message


def test_zip_without_document_part_or_truncated(tmp_path, contract_docx):
    empty = tmp_path / "vide.docx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("notes.txt", "rien")
    with pytest.raises(InputError, match="pas un document Word"):
        ingest.load(empty)
    truncated = tmp_path / "tronque.docx"
    truncated.write_bytes(contract_docx.read_bytes()[: contract_docx.stat().st_size // 2])
    with pytest.raises(InputError, match="tronque.docx"):
        ingest.load(truncated)


def test_zip_with_broken_document_xml(tmp_path, contract_docx):
    broken = tmp_path / "casse.docx"
    with zipfile.ZipFile(contract_docx) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError, match="n'est pas du XML valide"):
        ingest.load(broken)


def test_damaged_compressed_part(tmp_path, contract_docx):
    data = bytearray(contract_docx.read_bytes())
    with zipfile.ZipFile(contract_docx) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    damaged = tmp_path / "abime.docx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        ingest.load(damaged)
    assert "abime.docx" in caught.value.message and "document.xml" in caught.value.message


def test_fiche_action_as_label_value_table_is_one_marker_scope(tmp_path):
    document = docx.Document()
    document.add_heading("4. Fiches actions", level=1)
    fields = [("Pilote", "Centre social des Hauts-Vallons"), ("Budget", "12 000 € par an"), ("Calendrier", "2025-2030"),
              ("Indicateurs", "Nombre d'associations accompagnées")]
    for title in ("Fiche action n° 4 – Soutenir les petites associations", "Fiche action n° 5 – Former les bénévoles"):
        table = document.add_table(rows=len(fields) + 1, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = title
        for row, (label, value) in enumerate(fields, 1):
            table.cell(row, 0).text = label
            table.cell(row, 1).text = value
    document.add_table(rows=2, cols=2)  # an empty table changes nothing
    path = tmp_path / "fiches.docx"
    document.save(path)
    doc = ingest.load(path)

    blocks = [b for b in doc.blocks() if b.kind != "heading"]
    assert [b.text for b in blocks[:5]] == ["Fiche action n° 4 – Soutenir les petites associations", "Pilote : Centre social des Hauts-Vallons",
                                            "Budget : 12 000 € par an", "Calendrier : 2025-2030", "Indicateurs : Nombre d'associations accompagnées"]
    assert {b.kind for b in blocks} == {"body"}
    assert len({b.paragraph for b in blocks[:5]}) == 1
    assert len({b.paragraph for b in blocks[5:]}) == 1 and blocks[5].paragraph != blocks[0].paragraph
    assert all(b.section == ("4. Fiches actions",) for b in blocks)


def test_action_table_with_column_headers_stays_a_table(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Action", "Pilote"), ("Fonds de participation des habitants", "Ville"), ("Formation des bénévoles", "Centre social")]):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    path = tmp_path / "tableau.docx"
    document.save(path)
    doc = ingest.load(path)
    assert [(b.kind, b.cells) for b in doc.blocks()] == [("table", ["Action", "Pilote"]), ("table", ["Fonds de participation des habitants", "Ville"]),
                                                          ("table", ["Formation des bénévoles", "Centre social"])]
