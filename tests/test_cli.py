"""The command line speaks French, exits 2 on unusable input or options, never shows a traceback."""

import pytest
from cli_helpers import contratvie as run


def test_help_is_french():
    result = run("--help")
    assert result.returncode == 0
    assert "Utilisation : contratvie" in result.stdout
    assert "Afficher cette aide et quitter." in result.stdout
    assert "Show this message" not in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (("audit",), "argument manquant"),
        (("audit", "--bogus", "x.pdf"), "option inconnue : --bogus"),
        (("audit", "--fail-under", "abc", "x.pdf"), "un nombre est attendu"),
        (("nope",), "commande inconnue"),
    ],
)
def test_usage_errors_are_one_french_line_exit_2(args, expected):
    result = run(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "absent.pdf"
    result = run("extract", str(missing))
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert "introuvable" in result.stderr
    assert "Traceback" not in result.stderr


def test_unsupported_format_is_refused(tmp_path):
    sheet = tmp_path / "budget.ods"
    sheet.write_bytes(b"PK\x03\x04 not really")
    result = run("extract", str(sheet))
    assert result.returncode == 2
    assert "format non pris en charge" in result.stderr
