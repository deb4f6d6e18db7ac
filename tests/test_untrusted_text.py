"""Document text and file names are untrusted, in every command: terminal escape sequences never
reach the terminal, markup never reaches an HTML page, and a spreadsheet never refuses a cell."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import contratvie, run_main

ESC = "\x1b"
CLEAR = "\x1b[2J"
HOSTILE_MD = (
    f"# Contrat {CLEAR}de ville <img src=x onerror=alert(1)>\n\n"
    "## Vie associative\n\n"
    f"Le conseil citoyen \x1b[31msera accompagné\x1b[0m par le centre social <script>alert(1)</script>, "
    "avec un budget annuel de 5 000 €.\n\x07\x1b]0;titre volé\x07 Fin.\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A draft whose text and whose very name carry escape sequences and markup."""
    path = tmp_path_factory.mktemp("hostile") / f"projet{CLEAR}<iframe>.md"
    path.write_text(HOSTILE_MD, encoding="utf-8")
    return path


def tags_of(page: str) -> set[str]:
    found = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add(tag)

    Collect().feed(page)
    return found


@pytest.mark.parametrize("args", [["extract"], ["extract", "-f", "json"], ["audit"], ["audit", "-v"],
                                  ["audit", "-f", "markdown"], ["audit", "-f", "html"]])
def test_single_document_commands_print_no_escape_sequence(args, hostile, capsys, monkeypatch):
    code, out, err = run_main(capsys, monkeypatch, args[0], hostile, *args[1:])
    assert code == 0, err
    assert ESC not in out and "\x07" not in out and ESC not in err
    assert "accompagné" in out


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_compare_prints_no_escape_sequence(fmt, hostile, capsys, monkeypatch):
    code, out, err = run_main(capsys, monkeypatch, "compare", hostile, hostile, "-f", fmt)
    assert code == 0, err
    assert ESC not in out and ESC not in err
    assert "projet" in out


def test_compare_html_escapes_file_names_and_titles(hostile, tmp_path, capsys, monkeypatch):
    target = tmp_path / "comparaison.html"
    code, _, err = run_main(capsys, monkeypatch, "compare", hostile, hostile, "-f", "html", "-o", target)
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert not tags_of(page) & {"img", "iframe", "script"}
    assert "projet [2J&lt;iframe&gt;.md" in page


def test_error_naming_a_hostile_file_prints_no_escape_sequence(tmp_path, capsys, monkeypatch):
    code, _, err = run_main(capsys, monkeypatch, "extract", tmp_path / f"absent{CLEAR}.pdf")
    assert code == 2 and ESC not in err and "introuvable" in err


def test_batch_summary_and_synthesis_survive_hostile_names(hostile, tmp_path):
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / hostile.name).write_text(HOSTILE_MD, encoding="utf-8")
    (folder / f"vide{CLEAR}.pdf").write_bytes(b"")
    out = tmp_path / "sortie"
    result = contratvie("batch", folder, "-o", out, "--jobs", "1")
    assert result.returncode == 2, result.stderr  # the empty file failed, the rest was audited
    assert ESC not in result.stderr and "Erreur inattendue" not in result.stderr
    assert "vide [2J.pdf : le fichier est vide." in " ".join(result.stderr.split())
    sheet = openpyxl.load_workbook(out / "synthese.xlsx")["Synthèse"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert len(names) == 2 and not any(ESC in name for name in names)
    dashboard = (out / "synthese.html").read_text(encoding="utf-8")
    assert not tags_of(dashboard) & {"img", "iframe", "script"} and ESC not in dashboard
