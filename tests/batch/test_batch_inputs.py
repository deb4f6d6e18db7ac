"""Which files a batch takes, and report names that never collide."""

from pathlib import Path

import pytest

from contratvie.batch.inputs import collect_inputs, report_names
from contratvie.errors import InputError


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


def test_folders_are_walked_recursively_for_supported_files(tmp_path):
    a = touch(tmp_path / "lot" / "a.pdf")
    b = touch(tmp_path / "lot" / "sous" / "b.DOCX")
    touch(tmp_path / "lot" / "notes.xls")
    touch(tmp_path / "lot" / ".cache" / "c.pdf")
    touch(tmp_path / "lot" / "resultats" / "d.md")
    found = collect_inputs([tmp_path / "lot"], skip=tmp_path / "lot" / "resultats")
    assert found == [a, b]


def test_explicit_files_are_kept_once_whatever_their_extension(tmp_path):
    odd = touch(tmp_path / "contrat.xyz")
    pdf = touch(tmp_path / "c.pdf")
    assert collect_inputs([odd, pdf, tmp_path / "." / "c.pdf"]) == [odd, pdf]


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="introuvable"):
        collect_inputs([tmp_path / "absent"])


def test_report_names_are_unique_and_readable():
    files = [Path("nord/lille/contrat.pdf"), Path("sud/lille/contrat.pdf"), Path("Contrat de Ville é.pdf"),
             Path("x/contrat.docx"), Path("x/contrat.pdf")]
    names = report_names(files)
    assert len(set(names)) == len(names)
    assert names[0] == "nord-lille-contrat" and names[1] == "sud-lille-contrat"
    assert names[2] == "contrat-de-ville-e"
    assert all(n.replace("-", "").isalnum() for n in names)


def test_report_names_survive_identical_folders():
    names = report_names([Path("a/contrat.pdf"), Path("a/contrat.pdf "), Path("contrat.pdf")])
    assert len(set(names)) == 3
