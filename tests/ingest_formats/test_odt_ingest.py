"""LibreOffice drafts (.odt) read into the Document model."""

from __future__ import annotations

import zipfile

import pytest
from odf import dc, table, text
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import Style

from contratvie import ingest
from contratvie.errors import InputError


def paragraph(content: str, **kwargs):
    return text.P(text=content, **kwargs)


def table_of(rows: list[list[str]], repeat_last_empty: int = 0):
    grid = table.Table(name="Actions")
    grid.addElement(table.TableColumn(numbercolumnsrepeated=len(rows[0]) + repeat_last_empty))
    for values in rows:
        row = table.TableRow()
        for value in values:
            cell = table.TableCell()
            cell.addElement(paragraph(value))
            row.addElement(cell)
        if repeat_last_empty:
            row.addElement(table.TableCell(numbercolumnsrepeated=repeat_last_empty))
        grid.addElement(row)
    return grid


@pytest.fixture
def contract_odt(tmp_path):
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text="Contrat de ville de Val-Fleuri"))
    document.styles.addElement(Style(name="Contents 1", family="paragraph"))
    toc = text.TableOfContent(name="Sommaire")
    body = text.IndexBody()
    index_title = text.IndexTitle(name="Sommaire_titre")
    index_title.addElement(paragraph("Table des matières"))
    body.addElement(index_title)
    body.addElement(paragraph("1 La vie associative\t3", stylename="Contents 1"))
    toc.addElement(body)
    document.text.addElement(toc)
    document.text.addElement(text.H(outlinelevel=1, text="La vie associative"))
    intro = paragraph("Les associations")
    intro.addElement(text.S(c=1))
    intro.addElement(text.Span(text="sont des partenaires du contrat."))
    document.text.addElement(intro)
    document.text.addElement(text.H(outlinelevel=2, text="Les conseils citoyens"))
    items = text.List()
    for value in ("former les membres ;", "financer un local partagé."):
        item = text.ListItem()
        item.addElement(paragraph(value))
        items.addElement(item)
    document.text.addElement(items)
    document.text.addElement(table_of([["Action", "Pilote"], ["Formation des bénévoles", "Centre social"]], repeat_last_empty=1000))
    document.text.addElement(text.H(outlinelevel=1, text="Moyens"))
    document.text.addElement(paragraph("Un fonds de participation des habitants est créé."))
    path = tmp_path / "contrat.odt"
    document.save(str(path))
    return path


def test_headings_sections_lists_tables_and_toc(contract_odt):
    document = ingest.load(contract_odt)
    assert document.format == "odt"
    assert document.title == "Contrat de ville de Val-Fleuri"
    blocks = list(document.blocks())
    assert [(b.kind, b.text) for b in blocks] == [
        ("toc", "Table des matières"),
        ("toc", "1 La vie associative 3"),
        ("heading", "La vie associative"),
        ("body", "Les associations sont des partenaires du contrat."),
        ("heading", "Les conseils citoyens"),
        ("list_item", "former les membres ;"),
        ("list_item", "financer un local partagé."),
        ("table", "Action | Pilote"),
        ("table", "Formation des bénévoles | Centre social"),
        ("heading", "Moyens"),
        ("body", "Un fonds de participation des habitants est créé."),
    ]
    assert [b.level for b in blocks if b.kind == "heading"] == [1, 2, 1]
    assert blocks[8].cells == ["Formation des bénévoles", "Centre social"]
    assert blocks[8].section == ("La vie associative", "Les conseils citoyens")
    assert blocks[-1].section == ("Moyens",)
    assert blocks[5].paragraph == blocks[6].paragraph != blocks[3].paragraph
    assert all(b.page == 1 and b.page_label is None for b in blocks)


def test_heading_styles_on_plain_paragraphs(tmp_path):
    document = OpenDocumentText()
    document.styles.addElement(Style(name="Heading_20_2", displayname="Heading 2", family="paragraph"))
    document.automaticstyles.addElement(Style(name="P1", family="paragraph", parentstylename="Heading_20_2"))
    document.text.addElement(paragraph("Axe 3 : la participation", stylename="P1"))
    document.text.addElement(paragraph("Texte."))
    path = tmp_path / "styles.odt"
    document.save(str(path))
    blocks = list(ingest.load(path).blocks())
    assert (blocks[0].kind, blocks[0].level) == ("heading", 2)
    assert blocks[1].section == ("Axe 3 : la participation",)
    assert ingest.load(path).title == "Axe 3 : la participation"  # no metadata title: first heading


def test_not_a_zip_or_missing_content_or_a_spreadsheet(tmp_path, contract_odt):
    junk = tmp_path / "faux.odt"
    junk.write_text("pas un document", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest.load(junk)
    assert str(junk) in caught.value.message and "corrompu" in caught.value.message

    no_content = tmp_path / "sans-contenu.odt"
    with zipfile.ZipFile(contract_odt) as source, zipfile.ZipFile(no_content, "w") as target:
        for item in source.infolist():
            if item.filename != "content.xml":
                target.writestr(item, source.read(item.filename))
    with pytest.raises(InputError, match="content.xml"):
        ingest.load(no_content)

    sheet = tmp_path / "tableur.odt"
    OpenDocumentSpreadsheet().save(str(sheet))
    with pytest.raises(InputError, match="pas un texte OpenDocument"):
        ingest.load(sheet)
