"""contratvie compare on real documents: two generated versions, and a stored audit JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_helpers import contratvie

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "batch"))
from batch_contracts import INTRO, STRONG_VA05, WEAK_VA05, write_pdf  # noqa: E402


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versions")
    old = write_pdf(folder / "signe.pdf", "Contrat de ville de Valmont", [*INTRO, WEAK_VA05])
    new = write_pdf(folder / "projet.pdf", "Contrat de ville de Valmont (projet)",
                    [*INTRO, WEAK_VA05, STRONG_VA05])
    return old, new


def va05(data):
    return next(c for c in data["criteria"] if c["id"] == "VA05")


def test_stronger_va05_shows_level_change_and_appeared_evidence(versions):
    old, new = versions
    result = contratvie("compare", old, new, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    change = va05(data)
    assert change["level_after"] > change["level_before"]
    assert change["change"] == "up"
    assert any("centre social de Valmont" in e["text"] for e in change["appeared"])
    assert not any("centre social" in e["text"] for e in change["disappeared"])
    assert data["score_delta"] > 0


def test_terminal_output_in_french(versions):
    result = contratvie("compare", *versions)
    assert result.returncode == 0
    assert "Comparaison des audits" in result.stdout and "Score : " in result.stdout
    assert "▲ progrès" in result.stdout


def test_stored_audit_json_as_the_old_side(versions, tmp_path):
    old, new = versions
    stored = tmp_path / "audit-signe.json"
    made = contratvie("audit", old, "--format", "json", "-o", stored)
    assert made.returncode == 0, made.stderr
    from_json = json.loads(contratvie("compare", stored, new, "--format", "json").stdout)
    direct = json.loads(contratvie("compare", old, new, "--format", "json").stdout)
    assert va05(from_json)["level_before"] == va05(direct)["level_before"]
    assert from_json["score_delta"] == direct["score_delta"]
    assert len(va05(from_json)["appeared"]) == len(va05(direct)["appeared"])
