"""CSV and XLSX: one row per evidence, French headers, validation column, no formula injection."""

from __future__ import annotations

import csv
import io

import openpyxl

from contratvie.report import render, tables

HEADERS = ["critère", "titre", "niveau du critère", "libellé du niveau", "page", "page imprimée", "section",
           "type", "texte", "marqueurs", "qualificatifs", "compte", "niveau de la preuve", "termes",
           "validation"]


def csv_rows(audit) -> list[dict]:
    return list(csv.DictReader(io.StringIO(render(audit, "csv")), delimiter=";"))


def test_csv_one_row_per_evidence_plus_empty_criteria(audit):
    rows = csv_rows(audit)
    evidence = sum(len(c.evidence) for c in audit.criteria)
    assert len(rows) == evidence + 1  # VA07 has no evidence: one empty row keeps it in the sheet
    assert list(rows[0]) == HEADERS
    va07 = [r for r in rows if r["critère"] == "VA07"]
    assert va07 == [dict(va07[0], texte="", page="", compte="")]
    assert all(r["validation"] == "" for r in rows)


def test_csv_row_content_in_french(audit):
    rows = {r["texte"]: r for r in csv_rows(audit)}
    row = rows["Aucun financement spécifique n'est prévu pour les petites associations."]
    assert row["critère"] == "VA04" and row["niveau du critère"] == "2" and row["libellé du niveau"] == "décrit"
    assert (row["page"], row["page imprimée"], row["type"]) == ("24", "22", "texte")
    assert row["qualificatifs"] == "négation (« aucun »)" and row["compte"] == "non"
    fph = next(r for t, r in rows.items() if t.startswith("Fonds de participation"))
    assert fph["marqueurs"] == "pilote identifié, moyens chiffrés, calendrier"
    assert fph["type"] == "tableau" and fph["compte"] == "oui"


def test_csv_cells_cannot_become_formulas(audit):
    audit.criteria[7].evidence[1].text = "@SUM(1+1) au début"
    audit.criteria[7].evidence[0].text = "-2+3 cmd|' /C calc'!A0"
    audit.criteria[0].evidence[0].section = "+Axe"
    for row in csv_rows(audit):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    texts = [r["texte"] for r in csv_rows(audit)]
    assert "'=HYPERLINK(\"http://x\";\"CPO\") Des conventions pluriannuelles d'objectifs (CPO) sont proposées " \
           "| aux associations structurantes." in texts
    assert "'@SUM(1+1) au début" in texts


def test_emitted_csv_file_starts_with_a_bom_for_excel(audit, tmp_path):
    from contratvie.report import emit

    path = tmp_path / "preuves.csv"
    emit(audit, "csv", path, quiet=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("critère;titre;")


def test_xlsx_sheet_layout(audit, tmp_path):
    path = tmp_path / "preuves.xlsx"
    path.write_bytes(render(audit, "xlsx"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Preuves", "Critères"]
    sheet = book["Preuves"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + sum(len(c.evidence) for c in audit.criteria) + 1
    assert sheet.column_dimensions["I"].width >= 60  # texte
    validation = sheet.data_validations.dataValidation
    assert len(validation) == 1 and validation[0].formula1 == '"accepté,rejeté"'
    assert str(validation[0].sqref).startswith("O2:O")
    levels = {row[0].value: row[3].value for row in book["Critères"].iter_rows(min_row=2)}
    assert levels == {c.id: c.level for c in audit.criteria}


def test_xlsx_formulas_from_the_pdf_stay_text(audit, tmp_path):
    audit.criteria[0].evidence[0].text = "=1+1"
    audit.criteria[0].recommendation = "=cmd|'/C calc'!A0"
    path = tmp_path / "preuves.xlsx"
    path.write_bytes(tables.to_xlsx(audit))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    values = [c.value for row in book["Preuves"].iter_rows() for c in row]
    assert "=1+1" in values  # kept as written, as text


def test_xlsx_survives_control_characters_from_the_pdf(audit):
    audit.criteria[0].evidence[0].text = "Texte\x00 avec\x0b des\x1b caractères\x07 de contrôle"
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx(audit)))
    values = [c.value for row in book["Preuves"].iter_rows() for c in row]
    assert "Texte avec des caractères de contrôle" in values
