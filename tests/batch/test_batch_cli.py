"""contratvie batch end to end: mixed sets, broken and hung files, cache, outputs, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from batch_contracts import INTRO, STRONG_VA04, STRONG_VA05, WEAK_VA05, write_md, write_pdf
from cli_helpers import contratvie

HOSTILE_TITLE = "Contrat <script>alert(1)</script> de Valmont"


def batch(*args, env_extra=None, timeout=300):
    return contratvie("batch", *args, env=env_extra, timeout=timeout)


def summary(outdir):
    return json.loads((outdir / "synthese.json").read_text(encoding="utf-8"))


@pytest.fixture
def mixed_set(tmp_path):
    folder = tmp_path / "contrats"
    write_pdf(folder / "valmont.pdf", HOSTILE_TITLE, [*INTRO, STRONG_VA05, STRONG_VA04])
    write_md(folder / "nord" / "contrat.md", "Contrat de ville de Nordville", [*INTRO, WEAK_VA05])
    write_md(folder / "sud" / "contrat.md", "Contrat de ville de Sudville", INTRO)
    (folder / "casse.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage, no xref")
    (folder / "notes.xls").write_text("pas un contrat")  # not a supported input: ignored in folders
    return folder


def test_mixed_set_with_a_broken_file(mixed_set, tmp_path):
    out = tmp_path / "resultats"
    result = batch(mixed_set, "-o", out, "--jobs", "2")
    assert result.returncode == 2, result.stderr
    assert "Échec : " in result.stderr and "casse.pdf" in result.stderr
    assert "Traceback" not in result.stderr

    table = pd.read_csv(out / "synthese.csv", sep=";", encoding="utf-8-sig")
    assert len(table) == 4
    broken = table[table["fichier"].str.endswith("casse.pdf")].iloc[0]
    assert broken["statut"] == "échec" and isinstance(broken["erreur"], str) and broken["erreur"]
    audited = table[table["statut"] == "audité"]
    assert len(audited) == 3
    assert {f"VA0{i}" for i in range(1, 9)} <= set(table.columns)
    assert audited["score"].notna().all()
    valmont = table[table["fichier"].str.endswith("valmont.pdf")].iloc[0]
    assert valmont["VA05"] >= 2

    reports = sorted(p.name for p in (out / "rapports").iterdir())
    assert reports == ["nord-contrat.html", "nord-contrat.json", "sud-contrat.html", "sud-contrat.json",
                       "valmont.html", "valmont.json"]
    report = json.loads((out / "rapports" / "valmont.json").read_text(encoding="utf-8"))
    assert report["document"]["path"].endswith("valmont.pdf") and len(report["criteria"]) == 8
    assert (out / "synthese.xlsx").stat().st_size > 0

    dashboard = (out / "synthese.html").read_text(encoding="utf-8")
    assert "<script>alert" not in dashboard and "&lt;script&gt;" in dashboard
    assert 'href="rapports/valmont.html"' in dashboard
    valmont_report = (out / "rapports" / "valmont.html").read_text(encoding="utf-8")
    assert "<script>alert" not in valmont_report


def test_rerun_reads_the_cache_and_no_cache_audits_again(tmp_path):
    folder = tmp_path / "lot"
    write_md(folder / "a.md", "Contrat A", [*INTRO, STRONG_VA05])
    write_md(folder / "b.md", "Contrat B", [*INTRO, WEAK_VA05])
    out = tmp_path / "out"
    first = batch(folder, "-o", out, "--jobs", "1")
    assert first.returncode == 0, first.stderr
    assert summary(out)["summary"]["audited"] == 2 and summary(out)["summary"]["cached"] == 0
    assert first.stderr.startswith("2 contrat(s) : 2 audité(s)")  # no progress bar in a pipe
    before = (out / "rapports" / "a.json").read_text(encoding="utf-8")

    again = batch(folder, "-o", out, "--jobs", "1")
    assert again.returncode == 0
    assert summary(out)["summary"]["audited"] == 0 and summary(out)["summary"]["cached"] == 2
    assert "0 audité(s), 2 repris du cache" in again.stderr
    assert (out / "rapports" / "a.json").read_text(encoding="utf-8") == before

    write_md(folder / "b.md", "Contrat B modifié", [*INTRO, STRONG_VA04])  # one file changes
    changed = batch(folder, "-o", out, "--jobs", "1")
    assert summary(out)["summary"]["audited"] == 1 and summary(out)["summary"]["cached"] == 1
    assert changed.returncode == 0

    forced = batch(folder, "-o", out, "--jobs", "1", "--no-cache")
    assert summary(out)["summary"]["audited"] == 2 and forced.returncode == 0


def test_a_hung_file_is_killed_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "lot"
    for name in ("a", "lent", "b"):
        write_md(folder / f"{name}.md", f"Contrat {name}", [*INTRO, WEAK_VA05])
    out = tmp_path / "out"
    result = batch(folder, "-o", out, "--jobs", "1", "--timeout", "8",
                   env_extra={"CONTRATVIE_TEST_HANG_ON": "lent.md"})
    assert result.returncode == 2
    assert "lent.md : délai dépassé (8 s)" in " ".join(result.stderr.split())  # wrapped at 80 columns
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in summary(out)["contracts"]}
    assert rows["lent.md"]["status"] == "échec" and rows["lent.md"]["error"] == "délai dépassé (8 s)"
    assert rows["a.md"]["status"] == rows["b.md"]["status"] == "audité"


def test_fail_under_exits_1_when_a_contract_is_below(tmp_path):
    folder = tmp_path / "lot"
    write_md(folder / "faible.md", "Contrat faible", INTRO)
    write_md(folder / "fort.md", "Contrat fort", [*INTRO, STRONG_VA05, STRONG_VA04])
    out = tmp_path / "out"
    result = batch(folder, "-o", out, "--fail-under", "99")
    assert result.returncode == 1
    assert "Sous le seuil (99) : " in result.stderr and "faible.md" in result.stderr
    assert batch(folder, "-o", out, "--fail-under", "0").returncode == 0


def test_nothing_to_audit_is_a_clear_error(tmp_path):
    (tmp_path / "vide").mkdir()
    result = batch(tmp_path / "vide", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "aucun fichier à auditer" in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_stops_cleanly_and_keeps_what_is_finished(tmp_path):
    import signal
    import time

    folder = tmp_path / "lot"
    for name in ("a", "b-lent", "c"):
        write_md(folder / f"{name}.md", f"Contrat {name}", [*INTRO, WEAK_VA05])
    out = tmp_path / "out"
    env = {**os.environ, "CONTRATVIE_TEST_HANG_ON": "b-lent.md"}
    process = subprocess.Popen([sys.executable, "-m", "contratvie", "batch", str(folder), "-o", str(out),
                                "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 240
        while not (out / "rapports" / "a.json").exists():  # a is done; the worker now hangs on b
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(2)  # let the parent read a's result (it is not lost either way: see pool.drain)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Interrompu" in stderr and "Traceback" not in stderr
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in summary(out)["contracts"]}
    assert rows["a.md"]["status"] == "audité"
    assert rows["b-lent.md"]["status"] == rows["c.md"]["status"] == "non traité"
    assert summary(out)["summary"]["interrupted"] is True
    assert (out / "synthese.csv").exists() and (out / "synthese.html").exists()
