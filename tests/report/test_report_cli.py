"""End to end: `contratvie audit` on a generated PDF, in every format, with its exit codes."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from cli_helpers import run_main as run
from pdf_helpers import write_pdf

from contratvie.report import json_report

PAGES = [
    ("Contrat de ville 2024-2030 de l'agglomération du Val-Fleuri", [
        "Le présent contrat est signé par l'État, l'agglomération et les communes du Val-Fleuri.",
    ]),
    ("Axe 4 : soutenir la vie associative", [
        "La Ville et l'EPCI s'engagent à mettre en œuvre un plan de soutien à la vie associative "
        "doté de 60 000 € par an, évalué chaque année en comité de pilotage.",
        "Un fonds d'initiatives habitants sera créé pour soutenir les projets portés par des "
        "collectifs d'habitants <script>alert(1)</script> non constitués en association.",
        "Les associations sont accompagnées dans le montage de leurs dossiers <img src=x onerror=alert(1)> "
        "lors de sessions d'information sur l'appel à projets.",
    ]),
    ("Gouvernance", [
        "Le conseil citoyen sera accompagné par le centre social, avec un budget annuel de 5 000 €.",
        "Aucun financement spécifique n'est prévu pour les petites associations.",
    ]),
]


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("contrat") / "contrat-val-fleuri.pdf", PAGES)


def test_terminal_report(contract, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "audit", str(contract))
    assert code == 0, err
    assert "\x1b[" not in out
    assert "contrat-val-fleuri.pdf" in out and "Score" in out and "/ 100" in out
    assert "VA01" in out and "Manques" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_quiet_and_verbose(contract, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "-q")
    assert code == 0 and len(out.strip().splitlines()) == 1 and out.startswith("Score global : ")
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "-v")
    assert code == 0 and "négation" in out and "Toutes les preuves" in out


def test_json_report_validates(contract, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, json_report.schema())
    assert data["document"]["pages"] == 3
    assert len(data["criteria"]) == 8


def test_html_report_escapes_the_pdf_text(contract, tmp_path, capsys, monkeypatch):
    path = tmp_path / "rapport.html"
    code, _, err = run(capsys, monkeypatch, "audit", str(contract), "-f", "html", "-o", str(path))
    assert code == 0 and "rapport.html" in err
    page = path.read_text(encoding="utf-8")
    tags = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Collect().feed(page)
    assert not {t for t, _ in tags} & {"script", "img"}
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_text_formats_on_stdout(contract, capsys, monkeypatch, fmt):
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "--format", fmt)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
        assert {r["critère"] for r in rows} == {f"VA0{i}" for i in range(1, 9)}
    else:
        assert out.startswith("# Audit vie associative")


def test_xlsx_needs_o_then_writes_a_workbook(contract, tmp_path, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "audit", str(contract), "--format", "xlsx")
    assert code == 2 and "-o" in err and out == ""
    path = tmp_path / "preuves.xlsx"
    code, _, _ = run(capsys, monkeypatch, "audit", str(contract), "-f", "xlsx", "-o", str(path), "-q")
    assert code == 0
    assert openpyxl.load_workbook(path).sheetnames == ["Preuves", "Critères"]


def test_select_and_ignore(contract, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "-f", "json", "--select", "VA01,VA05")
    assert code == 0 and [c["id"] for c in json.loads(out)["criteria"]] == ["VA01", "VA05"]
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "-f", "json", "--ignore", "VA08")
    assert code == 0 and "VA08" not in [c["id"] for c in json.loads(out)["criteria"]]


def test_exit_codes(contract, tmp_path, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "audit", str(contract), "-f", "json")
    score = json.loads(out)["score"]
    assert run(capsys, monkeypatch, "audit", str(contract), "-q", "--fail-under", str(score))[0] == 0
    assert run(capsys, monkeypatch, "audit", str(contract), "-q", "--fail-under", str(score + 0.1))[0] == 1
    code, _, err = run(capsys, monkeypatch, "audit", str(contract), "--format", "docx")
    assert code == 2 and "format inconnu" in err
    code, _, err = run(capsys, monkeypatch, "audit", str(tmp_path / "absent.pdf"))
    assert code == 2 and "absent.pdf" in err and "Traceback" not in err
    code, _, err = run(capsys, monkeypatch, "audit", str(contract), "--select", "VA99")
    assert code == 2 and "VA99" in err
