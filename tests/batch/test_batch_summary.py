"""The batch summary on stderr, as a log or a pipe receives it: French, plain, 80 columns."""

import io
from pathlib import Path

from cli_helpers import piped_text_problems
from rich.console import Console

from contratvie.batch import BatchResult, print_summary
from contratvie.batch.model import AUDITED, FAILED, ContractRow, CriterionInfo

LONG_PATH = "territoires/communauté-d-agglomération-du-val-d-orbe/contrats/contrat-de-ville-2015-2020-signé.pdf"
LONG_REASON = ("le PDF est protégé par un mot de passe : relancez avec --password MOT_DE_PASSE, ou demandez "
               "une version sans protection au service politique de la ville.")


def summary_text(result: BatchResult, fail_under: float | None = None) -> str:
    buffer = io.StringIO()
    print_summary(result, Console(file=buffer, width=80, force_terminal=False), fail_under)
    return buffer.getvalue()


def test_piped_summary_is_plain_keeps_paths_whole_and_indents_reasons():
    rows = [ContractRow("lot/a.pdf", "a", AUDITED, pages=40, score=54.8),
            ContractRow(LONG_PATH, "b", FAILED, error=LONG_REASON)]
    result = BatchResult(outdir=Path("resultats"), rows=rows, criteria=[CriterionInfo("VA01", "Stratégie")],
                         audited=1, seconds=2.5, jobs=2)
    text = summary_text(result, fail_under=60)
    lines = text.splitlines()
    assert "40 pages lues en 2,5 s (16,0 pages/s, 2 processus)." in lines
    assert "Synthèse : resultats/synthese.html (et synthese.csv, synthese.xlsx)." in lines
    assert "Sous le seuil (60) : lot/a.pdf : score 54,8" in lines
    start = lines.index(f"Échec : {LONG_PATH} :")
    # The path whole after its label, though wider than 80 columns (to copy or search for it);
    # the reason wrapped under it; no line starts with a colon.
    assert lines[start + 1].startswith("  le PDF est protégé") and lines[start + 2].startswith("  ")
    assert " ".join(text.split()).count(f"Échec : {LONG_PATH} : {LONG_REASON}") == 1
    assert piped_text_problems(text) == [f"ligne {start + 1} : {len(LONG_PATH) + 10} colonnes"]
