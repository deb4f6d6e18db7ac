"""The synthesis of a batch: tables and a self-contained, escaped dashboard."""

import io
import re

import pandas as pd

from contratvie.batch import BatchResult
from contratvie.batch.model import AUDITED, FAILED, ContractRow, CriterionInfo
from contratvie.report import synthese

CRITERIA = [CriterionInfo("VA01", "Stratégie vie associative", 2),
            CriterionInfo("VA02", "Opérateurs <b>identifiés</b>", 3)]


def result(tmp_path) -> BatchResult:
    rows = [
        ContractRow("lot/a.pdf", "a", AUDITED, title="Contrat <script>alert(1)</script>", pages=40,
                    score=55.0, levels={"VA01": 3, "VA02": 0}),
        ContractRow("lot/b.pdf", "b", AUDITED, title="=HYPERLINK(\"http://x\")", pages=12, score=100.0,
                    levels={"VA01": 3, "VA02": 3}, cached=True),
        ContractRow("lot/<img src=x onerror=alert(1)>.pdf", "c", FAILED, error="le fichier est vide."),
    ]
    return BatchResult(outdir=tmp_path, rows=rows, criteria=CRITERIA, audited=1, cached=1)


def test_tables_have_one_row_per_contract_with_levels_and_status(tmp_path):
    synthese.write_all(result(tmp_path))
    csv = pd.read_csv(tmp_path / "synthese.csv", sep=";", encoding="utf-8-sig")
    assert list(csv.columns[:6]) == ["fichier", "titre", "pages", "score", "VA01", "VA02"]
    assert {"statut", "erreur"} <= set(csv.columns)
    assert csv["statut"].tolist() == ["audité", "audité", "échec"]
    assert csv.loc[2, "erreur"] == "le fichier est vide."
    assert csv.loc[0, "VA02"] == 0 and pd.isna(csv.loc[2, "VA01"])
    assert csv.loc[1, "titre"].startswith("'=")  # never a formula in a spreadsheet
    xlsx = pd.read_excel(tmp_path / "synthese.xlsx", sheet_name="Synthèse")
    assert xlsx["score"].tolist()[:2] == [55.0, 100.0]
    assert xlsx.loc[1, "titre"].startswith("=HYPERLINK")  # stored as text, shown as written
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "synthese.xlsx")["Synthèse"]["B3"]
    assert cell.data_type == "s"


def test_dashboard_is_self_contained_escaped_and_links_reports(tmp_path):
    synthese.write_all(result(tmp_path))
    page = (tmp_path / "synthese.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>identifiés" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page)  # nothing fetched from the network
    assert 'href="rapports/a.html"' in page and 'href="rapports/c.html"' not in page
    assert page.count("<svg") == 2  # missing criteria, score distribution
    assert "Critères les plus souvent absents" in page and "le fichier est vide." in page


def test_missing_criteria_are_ranked_by_absence():
    rows = result(".").rows
    counts = synthese.missing_counts(rows, CRITERIA)
    assert [c["criterion"].id for c in counts] == ["VA02", "VA01"]
    assert counts[0]["absent"] == 1 and counts[0]["below"] == 1 and counts[0]["total"] == 2


def test_score_bins_put_100_in_the_last_bin():
    assert synthese.score_bins([0, 9.9, 10, 55, 100]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]


def test_summary_json_counts_what_was_audited_and_cached(tmp_path):
    import json

    synthese.write_all(result(tmp_path))
    data = json.loads((tmp_path / "synthese.json").read_text(encoding="utf-8"))
    assert data["summary"]["audited"] == 1 and data["summary"]["cached"] == 1
    assert data["summary"]["failed"] == 1 and data["summary"]["mean_score"] == 77.5
