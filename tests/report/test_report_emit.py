"""Where reports go: stdout for text formats, files written atomically with -o."""

from __future__ import annotations

import json
import os
import stat

import pytest

from contratvie.errors import ContratvieError
from contratvie.report import FORMATS, emit, render


def test_terminal_report_on_piped_stdout_is_plain_text(audit, capsys):
    emit(audit, "terminal", None)
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert "Score" in out and "45,0 / 100" in out


def test_quiet_terminal_prints_one_line(audit, capsys):
    emit(audit, "terminal", None, quiet=True)
    captured = capsys.readouterr()
    assert captured.out.strip() == "Score global : 45,0 / 100 — samples/contrat <b>ville</b> & co.pdf"
    assert captured.err == ""


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "csv"])
def test_text_formats_go_to_stdout_without_output(audit, capsys, fmt):
    emit(audit, fmt, None)
    out = capsys.readouterr().out
    assert out.rstrip("\n") == render(audit, fmt).rstrip("\n")


def test_xlsx_needs_an_output_file(audit):
    with pytest.raises(ContratvieError, match="-o"):
        emit(audit, "xlsx", None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_file_and_says_so(audit, tmp_path, capsys, fmt):
    path = tmp_path / "sous-dossier" / f"rapport.{fmt}"
    emit(audit, fmt, path)
    assert path.stat().st_size > 500
    assert capsys.readouterr().err.startswith("Rapport ")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_terminal_format_to_a_file_is_plain_text(audit, tmp_path):
    path = tmp_path / "rapport.txt"
    emit(audit, "terminal", path, verbose=True)
    text = path.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "négation (« aucun »)" in text


def test_json_file_is_the_json_report(audit, tmp_path):
    path = tmp_path / "rapport.json"
    emit(audit, "json", path, quiet=True)
    assert json.loads(path.read_text(encoding="utf-8"))["score"] == 45.0


def test_interrupted_write_keeps_the_previous_report(audit, tmp_path, monkeypatch):
    path = tmp_path / "rapport.html"
    path.write_text("ancien rapport", encoding="utf-8")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        emit(audit, "html", path, quiet=True)
    assert path.read_text(encoding="utf-8") == "ancien rapport"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]


def test_unwritable_output_is_a_french_error(audit, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    with pytest.raises(ContratvieError, match="impossible d'écrire"):
        emit(audit, "json", blocker / "rapport.json", quiet=True)


def test_report_files_get_the_usual_permissions(audit, tmp_path):
    """Not the 0600 of a temporary file: a report is meant to be shared."""
    new, replaced = tmp_path / "rapport.json", tmp_path / "ancien.html"
    replaced.write_text("ancien rapport", encoding="utf-8")
    replaced.chmod(0o640)
    umask = os.umask(0o022)
    try:
        emit(audit, "json", new, quiet=True)
        emit(audit, "html", replaced, quiet=True)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o640
