"""The command line speaks French, exits 2 on unusable input or options, never shows a traceback."""

import re

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


def test_version_names_the_tool_and_the_rules():
    from contratvie import __version__, engine

    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"contratvie {__version__} (règles {engine.load_rules(None).version})\n"
    assert "--version" in run("--help").stdout


ENGLISH_HELP = re.compile(r"<path>|<str>|<float>|<int|<dir>|list\[Path\]|\bCOMMAND\b|\[ARGS\]|\{|x>=")


@pytest.mark.parametrize("command", [(), ("extract",), ("audit",), ("explain",), ("batch",), ("compare",),
                                     ("rules",), ("rules", "list"), ("rules", "show"), ("rules", "check")])
def test_every_help_names_its_values_in_french(command, capsys, monkeypatch):
    from cli_helpers import run_main

    code, out, err = run_main(capsys, monkeypatch, *command, "--help")
    assert code == 0, err
    assert not ENGLISH_HELP.findall(out), out
    if "Commandes:" in out:
        assert "..." not in out.split("Commandes:")[1]  # whole summaries, not cut by click
    assert out.startswith(f"Utilisation : contratvie {' '.join(command)}".rstrip())


def test_help_values_and_defaults(capsys, monkeypatch):
    from cli_helpers import run_main

    out = run_main(capsys, monkeypatch, "batch", "--help")[1]
    assert "Utilisation : contratvie batch [OPTIONS] CHEMINS..." in out
    for option in ("-o, --output DOSSIER", "-j, --jobs NOMBRE", "--timeout SECONDES", "--rules DOSSIER",
                   "--select CRITÈRES", "--fail-under SCORE", "--password MOT_DE_PASSE"):
        assert option in out
    assert "[défaut\u00a0:\u00a0120]" in out and "[≥ 1]" in out
    out = run_main(capsys, monkeypatch, "audit", "--help")[1]
    assert "Utilisation : contratvie audit [OPTIONS] FICHIER" in out
    assert "-o, --output FICHIER" in out and "-f, --format FORMAT" in out
