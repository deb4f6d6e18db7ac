"""Every command's error paths: one French line on stderr naming the file or option and the
problem, exit code 2, no traceback, nothing half done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run_main
from pdf_helpers import write_pdf

from contratvie.engine import loader

# What an untranslated library or OS message would leave in the line.
ENGLISH = ("Traceback", "No such", "Not a directory", "Permission denied", "File exists",
           "does not exist", "is a file", "Input should", "Invalid value", "Erreur inattendue")

PAGES = [("Contrat de ville de Valmont", ["Le conseil citoyen sera associé à la démarche."])]


def fails_cleanly(capsys, monkeypatch, *args, names=(), says=()) -> str:
    code, out, err = run_main(capsys, monkeypatch, *args)
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), err
    assert not any(word in err for word in ENGLISH), err
    for part in (*map(str, names), *says):
        assert part in err, err
    return err


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("contrat") / "contrat.pdf", PAGES)


def test_compare_missing_file(contract, tmp_path, capsys, monkeypatch):
    missing = tmp_path / "absent.pdf"
    fails_cleanly(capsys, monkeypatch, "compare", missing, contract, names=[missing], says=["introuvable"])


def test_compare_corrupt_file(contract, tmp_path, capsys, monkeypatch):
    corrupt = tmp_path / "abime.pdf"
    corrupt.write_bytes(contract.read_bytes()[:400])
    fails_cleanly(capsys, monkeypatch, "compare", contract, corrupt, names=[corrupt])


def test_compare_encrypted_file(contract, tmp_path, capsys, monkeypatch):
    locked = write_pdf(tmp_path / "protege.pdf", PAGES, password="secret")
    fails_cleanly(capsys, monkeypatch, "compare", locked, contract, names=[locked], says=["--password"])


def test_compare_json_that_is_not_an_audit(tmp_path, capsys, monkeypatch):
    other = tmp_path / "autre.json"
    other.write_text('{"contracts": []}', encoding="utf-8")
    fails_cleanly(capsys, monkeypatch, "compare", other, other, names=[other], says=["pas un audit"])


def test_batch_on_an_empty_folder(tmp_path, capsys, monkeypatch):
    (tmp_path / "vide").mkdir()
    fails_cleanly(capsys, monkeypatch, "batch", tmp_path / "vide", "-o", tmp_path / "out",
                  names=[tmp_path / "vide"], says=["aucun fichier à auditer"])
    assert not (tmp_path / "out").exists()


def test_batch_on_a_folder_without_supported_files(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "tableurs"
    folder.mkdir()
    (folder / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    fails_cleanly(capsys, monkeypatch, "batch", folder, "-o", tmp_path / "out",
                  names=[folder], says=["aucun fichier à auditer", ".pdf"])


def test_batch_output_folder_that_cannot_be_created(contract, tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    fails_cleanly(capsys, monkeypatch, "batch", contract, "-o", blocker / "sortie",
                  names=[blocker / "sortie"], says=["dossier de sortie"])


@pytest.mark.parametrize("command", [["explain"], ["rules", "show"]])
def test_unknown_criterion(command, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, *command, "VA99", names=["VA99"], says=["critère inconnu", "VA05"])


def test_rules_check_names_file_line_and_field(tmp_path, capsys, monkeypatch):
    shutil.copy(loader.shipped_rules_dir() / "VA05.yaml", tmp_path / "VA05.yaml")
    text = (tmp_path / "VA05.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("weight:"))
    lines[index] = "weight: beaucoup"
    (tmp_path / "VA05.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails_cleanly(capsys, monkeypatch, "rules", "check", tmp_path,
                  names=[tmp_path / "VA05.yaml"], says=[f"ligne {index + 1}", "« weight »"])


def test_rules_check_on_a_missing_folder(tmp_path, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "rules", "check", tmp_path / "absent",
                  names=[tmp_path / "absent"], says=["n'existe pas"])


def test_rules_option_pointing_to_a_file(contract, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "audit", contract, "--rules", contract,
                  names=["--rules", contract], says=["est un fichier, pas un dossier"])


def test_audit_output_in_a_missing_folder_is_refused_before_any_work(contract, tmp_path, capsys, monkeypatch):
    target = tmp_path / "absent" / "rapport.html"
    fails_cleanly(capsys, monkeypatch, "audit", contract, "-f", "html", "-o", target,
                  names=["-o", tmp_path / "absent"], says=["n'existe pas"])
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize("command", [["audit", "-f", "json"], ["extract"], ["compare"]])
def test_output_that_is_a_folder(command, contract, tmp_path, capsys, monkeypatch):
    args = [command[0], contract, *([contract] if command[0] == "compare" else []), *command[1:]]
    fails_cleanly(capsys, monkeypatch, *args, "-o", tmp_path, names=["-o", tmp_path], says=["c'est un dossier"])


def test_output_under_a_file(contract, tmp_path, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "extract", contract, "-o", contract / "blocs.txt",
                  names=[contract], says=["n'est pas un dossier"])


def test_extract_unknown_format(contract, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "extract", contract, "--format", "xml", says=["« xml »", "text, json"])


def test_jobs_below_one(contract, tmp_path, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "batch", contract, "-o", tmp_path / "out", "--jobs", "0",
                  names=["--jobs"], says=["au moins 1"])


def test_unknown_format_names_what_was_typed(contract, capsys, monkeypatch):
    fails_cleanly(capsys, monkeypatch, "extract", contract, "--format", "md", says=["« md »", "--format"])


def test_format_names_in_any_case(contract, capsys, monkeypatch):
    code, out, err = run_main(capsys, monkeypatch, "extract", contract, "--format", "TEXT")
    assert code == 0 and out.startswith("Document : "), err


@pytest.mark.parametrize("command", ["audit", "extract"])
def test_output_over_the_contract_is_refused(command, contract, tmp_path, capsys, monkeypatch):
    copy = shutil.copy(contract, tmp_path / "contrat.pdf")
    before = Path(copy).read_bytes()
    fails_cleanly(capsys, monkeypatch, command, copy, "-o", copy, says=["document à lire"])
    assert Path(copy).read_bytes() == before
