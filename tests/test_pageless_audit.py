"""A draft without pages (.md, .docx, .odt) is located by its section path, never by a fake "p. 1"."""

import json
import subprocess
import sys

DRAFT = """# Contrat de ville 2024-2030

## Pilier cohésion sociale

### Axe 3 : conseils citoyens

Chaque conseil citoyen est accompagné par le centre social du quartier, avec une dotation
annuelle de 5 000 euros et une formation de ses membres chaque année.
"""


def audit(path, fmt):
    return subprocess.run(
        [sys.executable, "-m", "contratvie", "audit", str(path), "--format", fmt, "--select", "VA05"],
        capture_output=True, text=True, timeout=300,
    )


def test_markdown_draft_evidence_has_a_section_and_no_page(tmp_path):
    draft = tmp_path / "projet.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = audit(draft, "json")
    assert result.returncode == 0, result.stderr
    criterion = json.loads(result.stdout)["criteria"][0]
    assert criterion["level"] >= 2
    best = criterion["evidence"][0]
    assert best["page"] is None
    assert "Axe 3 : conseils citoyens" in best["section"]

    terminal = audit(draft, "terminal")
    assert "section « " in terminal.stdout
    assert "p. 1" not in terminal.stdout
