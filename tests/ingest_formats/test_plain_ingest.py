""".txt and .md contracts read into the Document model."""

from __future__ import annotations

import pytest

from contratvie import ingest
from contratvie.errors import InputError

MARKDOWN = """---
title: Contrat de ville de Val-Fleuri
---
## Sommaire

- [La vie associative](#la-vie-associative)
- [Moyens](#moyens)

# La vie associative

Les **associations** sont des [partenaires](https://example.org) du contrat
et siègent au comité de pilotage.

## Les conseils citoyens

Les signataires s'engagent à :

1. former les membres des conseils citoyens ;
2. financer un local partagé
   dans chaque quartier.

| Action | Pilote | Budget |
|--------|:------:|-------:|
| Formation des bénévoles | Centre social | 5 000 € |

Moyens
======

Un fonds de participation des habitants est créé.
"""

TEXT = """CONTRAT DE VILLE DE VAL-FLEURI 2024-2030

SOMMAIRE
1 La vie associative ........ 3
1.1 Les conseils citoyens ..... 4

1 La vie associative

Les associations sont des partenaires du contrat
et siègent au comité de pilotage.

1.1 Les conseils citoyens
Le conseil citoyen est accompagné par le centre social, avec un budget annuel de 5 000 €.

Les signataires s'engagent à :
- former les membres des conseils citoyens ;
- financer un local partagé.

Action\tPilote\tBudget
Formation des bénévoles\tCentre social\t5 000 €

2. Moyens

Un fonds de participation des habitants est créé.
"""


def load(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return ingest.load(path)


def kinds(document):
    return [(b.kind, b.level, b.text) for b in document.blocks()]


def test_markdown_headings_lists_tables_and_toc(tmp_path):
    document = load(tmp_path, "contrat.md", MARKDOWN)
    assert document.format == "md"
    assert document.title == "Contrat de ville de Val-Fleuri"
    assert kinds(document) == [
        ("toc", None, "Sommaire"),
        ("toc", None, "La vie associative"),
        ("toc", None, "Moyens"),
        ("heading", 1, "La vie associative"),
        ("body", None, "Les associations sont des partenaires du contrat et siègent au comité de pilotage."),
        ("heading", 2, "Les conseils citoyens"),
        ("body", None, "Les signataires s'engagent à :"),
        ("list_item", None, "former les membres des conseils citoyens ;"),
        ("list_item", None, "financer un local partagé dans chaque quartier."),
        ("table", None, "Action | Pilote | Budget"),
        ("table", None, "Formation des bénévoles | Centre social | 5 000 €"),
        ("heading", 1, "Moyens"),
        ("body", None, "Un fonds de participation des habitants est créé."),
    ]
    blocks = list(document.blocks())
    assert blocks[10].cells == ["Formation des bénévoles", "Centre social", "5 000 €"]
    assert blocks[10].section == ("La vie associative", "Les conseils citoyens")
    assert blocks[7].paragraph == blocks[8].paragraph != blocks[6].paragraph
    assert blocks[-1].section == ("Moyens",)
    assert all(b.page == 1 and b.page_label is None for b in blocks)


def test_text_paragraphs_and_heading_heuristics(tmp_path):
    document = load(tmp_path, "contrat.txt", TEXT)
    assert document.format == "txt"
    assert document.title == "CONTRAT DE VILLE DE VAL-FLEURI 2024-2030"
    assert kinds(document) == [
        ("heading", 1, "CONTRAT DE VILLE DE VAL-FLEURI 2024-2030"),
        ("toc", None, "SOMMAIRE"),
        ("toc", None, "1 La vie associative ........ 3"),
        ("toc", None, "1.1 Les conseils citoyens ..... 4"),
        ("heading", 1, "1 La vie associative"),
        ("body", None, "Les associations sont des partenaires du contrat et siègent au comité de pilotage."),
        ("heading", 2, "1.1 Les conseils citoyens"),
        ("body", None, "Le conseil citoyen est accompagné par le centre social, avec un budget annuel de 5 000 €."),
        ("body", None, "Les signataires s'engagent à :"),
        ("list_item", None, "former les membres des conseils citoyens ;"),
        ("list_item", None, "financer un local partagé."),
        ("table", None, "Action | Pilote | Budget"),
        ("table", None, "Formation des bénévoles | Centre social | 5 000 €"),
        ("heading", 1, "2. Moyens"),
        ("body", None, "Un fonds de participation des habitants est créé."),
    ]
    accompanied = next(b for b in document.blocks() if "accompagné" in b.text)
    assert accompanied.section == ("1 La vie associative", "1.1 Les conseils citoyens")


def test_sentences_are_not_taken_for_headings(tmp_path):
    content = ("1. Les associations participent au comité.\n\nLe contrat est signé en 2024.\n\nVoir ci-dessous\n\n"
               "12 000 € pour les associations\n\n3 associations accompagnées\n")
    assert "heading" not in [b.kind for b in load(tmp_path, "notes.txt", content).blocks()]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_non_utf8_text_is_decoded(tmp_path, encoding):
    document = load(tmp_path, "ancien.txt", "Le conseil citoyen est accompagné par l'éducation populaire.\n", encoding)
    assert [b.text for b in document.blocks()] == ["Le conseil citoyen est accompagné par l'éducation populaire."]


def test_cp1252_specific_characters(tmp_path):
    # « œ » and the typographic apostrophe exist in cp1252, not in latin-1
    document = load(tmp_path, "windows.txt", "Le cœur du contrat : l’éducation populaire.\n", "cp1252")
    assert next(document.blocks()).text == "Le cœur du contrat : l’éducation populaire."


def test_utf8_with_a_few_damaged_bytes_stays_utf8(tmp_path):
    path = tmp_path / "abime.txt"
    path.write_bytes("Le conseil citoyen est accompagné par l'éducation populaire.\n".encode() * 20 + b"\xff\n")
    assert next(ingest.load(path).blocks()).text.startswith("Le conseil citoyen est accompagné par l'éducation")


def test_binary_or_blank_text_files_are_refused(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="contenu binaire"):
        ingest.load(binary)
    blank = tmp_path / "blanc.md"
    blank.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest.load(blank)
    assert str(blank) in caught.value.message and "aucun texte" in caught.value.message


def test_markdown_fiche_as_label_value_table(tmp_path):
    from contratvie import ingest

    path = tmp_path / "fiche.md"
    path.write_text("## Fiche action 2\n\n| Champ | Contenu |\n|---|---|\n| Pilote | Ville |\n| Budget | 5 000 € |\n| Échéance | juin 2026 |\n\n"
                    "Texte suivant.\n", encoding="utf-8")
    doc = ingest.load(path)
    fiche = [b for b in doc.blocks() if b.text.startswith(("Champ", "Pilote", "Budget", "Échéance"))]
    assert [b.text for b in fiche] == ["Champ : Contenu", "Pilote : Ville", "Budget : 5 000 €", "Échéance : juin 2026"]
    assert len({b.paragraph for b in fiche}) == 1
    assert doc.pages[0].blocks[-1].paragraph != fiche[0].paragraph
