"""Output read by another program: a pipe closed early (`| head -3`) ends the command quietly with
141 (128 + SIGPIPE, as a shell shows for `cat` or `grep`), never 1 ("below --fail-under") nor a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_helpers import write_pdf

CLOSED_PIPE = 141
PAGES = [("Contrat de ville de Valmont",
          ["Le conseil citoyen est accompagné par le centre social, avec un budget de 5 000 € par an."]
          + [f"Article {n}. Le comité de pilotage se réunit chaque trimestre." for n in range(40)])]


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("pipe") / "contrat.pdf", PAGES)


def with_closed_stdout(*args) -> tuple[int, str]:
    """Run contratvie with stdout a pipe whose reading end is closed before anything is written."""
    child = subprocess.Popen([sys.executable, "-m", "contratvie", *map(str, args)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    child.stdout.close()
    err = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    return child.wait(timeout=300), err


@pytest.mark.parametrize("args", [
    ("audit", "{contract}"),  # rich console
    ("audit", "{contract}", "--format", "json", "--fail-under", "100"),  # plain write
    ("extract", "{contract}"),
    ("compare", "{contract}", "{contract}"),
    ("--help",),  # typer's own output
], ids=["audit", "audit-json-fail-under", "extract", "compare", "help"])
def test_closed_pipe_exits_141_without_a_word(contract, args):
    code, err = with_closed_stdout(*(a.format(contract=contract) for a in args))
    assert code == CLOSED_PIPE, err
    assert err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux only")
def test_full_disk_on_stdout_is_one_french_line(contract):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "contratvie", "audit", str(contract)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr == "Erreur : plus de place sur le disque.\n"
