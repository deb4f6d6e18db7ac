"""CSV and XLSX reports: one row per piece of evidence, so that a consultant can accept or reject
each finding in a spreadsheet (the empty "validation" column).

PDF text is untrusted here too: a cell starting with = + - @ would become a formula when the file
is opened in a spreadsheet. CSV cells get the usual leading apostrophe; XLSX cells are stored as
text, which a spreadsheet never evaluates.
"""

from __future__ import annotations

import io

import pandas as pd

from contratvie.audit import Audit, CriterionResult, Evidence
from contratvie.report import common

COLUMNS = [
    "critère", "titre", "niveau du critère", "libellé du niveau", "page", "page imprimée", "section",
    "type", "texte", "marqueurs", "qualificatifs", "compte", "niveau de la preuve", "termes", "validation",
]
TEXT_COLUMNS = [c for c in COLUMNS if c not in ("niveau du critère", "page", "niveau de la preuve")]
VALIDATION_CHOICES = "accepté,rejeté"
CSV_SEPARATOR = ";"  # what Excel expects in French locales
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Spreadsheet column widths (characters), by header.
WIDTHS = {"titre": 40, "section": 32, "texte": 80, "marqueurs": 22, "qualificatifs": 26, "termes": 24,
          "libellé du niveau": 12, "validation": 14}


def evidence_row(criterion: CriterionResult, evidence: Evidence | None) -> dict:
    row = {
        "critère": criterion.id,
        "titre": common.clean(criterion.title),
        "niveau du critère": criterion.level,
        "libellé du niveau": criterion.level_label,
        "page": None, "page imprimée": "", "section": "", "type": "", "texte": "", "marqueurs": "",
        "qualificatifs": "", "compte": "", "niveau de la preuve": None, "termes": "", "validation": "",
    }
    if evidence is None:
        return row
    row.update({
        "page": evidence.page,
        "page imprimée": common.clean(evidence.page_label),
        "section": common.clean(evidence.section),
        "type": common.kind_label(evidence.kind),
        "texte": common.clean(evidence.text),
        "marqueurs": common.markers_text(evidence),
        "qualificatifs": common.qualifiers_text(evidence),
        "compte": "oui" if evidence.counts else "non",
        "niveau de la preuve": evidence.level,
        "termes": ", ".join(common.clean(t) for t in evidence.terms),
    })
    return row


def frame(audit: Audit) -> pd.DataFrame:
    """One row per evidence, strongest first within each criterion; a criterion without any
    evidence keeps one empty row, so that every criterion appears and can be validated."""
    rows = []
    for criterion in audit.criteria:
        evidence = common.ranked(criterion.evidence) or [None]
        rows += [evidence_row(criterion, ev) for ev in evidence]
    table = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("page", "niveau de la preuve"):
        table[column] = table[column].astype("Int64")
    return table


def defuse(value: object) -> object:
    """'=SUM(…)' -> "'=SUM(…)": shown as text by spreadsheets, not run (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(audit: Audit) -> str:
    table = frame(audit)
    for column in TEXT_COLUMNS:
        table[column] = table[column].map(defuse)
    return table.to_csv(index=False, sep=CSV_SEPARATOR, lineterminator="\r\n")


def criteria_frame(audit: Audit) -> pd.DataFrame:
    rows = [{
        "critère": c.id, "titre": common.clean(c.title), "poids": c.weight, "niveau": c.level,
        "libellé du niveau": c.level_label, "preuves retenues": common.counting(c),
        "preuves trouvées": len(c.evidence), "manque": common.missing_text(c),
        "recommandation": common.clean(c.recommendation), "proposition de rédaction": common.clean(c.model_clause),
    } for c in audit.criteria]
    return pd.DataFrame(rows)


def to_xlsx(audit: Audit) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame(audit).to_excel(writer, sheet_name="Preuves", index=False)
        criteria_frame(audit).to_excel(writer, sheet_name="Critères", index=False)
        for sheet in writer.sheets.values():
            format_sheet(sheet)
        add_validation_list(writer.sheets["Preuves"])
    return buffer.getvalue()


def format_sheet(sheet) -> None:
    """Bold frozen header, filters, useful widths, wrapped long text; every text cell is text."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, cell in enumerate(sheet[1], 1):
        cell.font = Font(bold=True)
        width = WIDTHS.get(cell.value, max(10, len(str(cell.value)) + 2))
        if cell.value in ("recommandation", "proposition de rédaction", "manque"):
            width = 50
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula: keep it text
                cell.data_type = "s"
                cell.quotePrefix = True
            cell.alignment = wrap if isinstance(cell.value, str) and len(cell.value) > 30 else top


def add_validation_list(sheet) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = [cell.value for cell in sheet[1]]
    column = headers.index("validation") + 1
    letter = sheet.cell(row=1, column=column).column_letter
    check = DataValidation(type="list", formula1=f'"{VALIDATION_CHOICES}"', allow_blank=True,
                           errorTitle="Validation", error="Choisissez « accepté » ou « rejeté ».")
    check.add(f"{letter}2:{letter}{max(sheet.max_row, 2)}")
    sheet.add_data_validation(check)
