"""compare in every format, from stored audit JSON files: French, escaped, exit codes as audit."""

import json

from cli_helpers import contratvie, piped_text_problems
from compare_helpers import ev, make_audit

from contratvie.compare import compare
from contratvie.report.comparison import render

HOSTILE = "Le conseil citoyen <script>alert(1)</script> sera accompagné <img src=x onerror=alert(1)> chaque année."


def audits():
    old = make_audit("v1.pdf", {"VA01": 2, "VA05": 1}, {"VA05": [ev("Les conseils citoyens seront associés.", page=8)]})
    new = make_audit("v2.pdf", {"VA01": 1, "VA05": 3},
                     {"VA05": [ev(HOSTILE, page=10, level=3)]})
    return old, new


def write(tmp_path, name, audit):
    path = tmp_path / name
    path.write_text(audit.model_dump_json(indent=2), encoding="utf-8")
    return path


def cli(*args):
    return contratvie("compare", *args)


def test_html_and_markdown_escape_quotes():
    comparison = compare(*audits())
    page = render(comparison, "html")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "://" not in page  # self-contained
    markdown = render(comparison, "markdown")
    assert "\\<script>alert(1)\\</script>" in markdown  # as the audit's Markdown report escapes
    assert "<script>" not in markdown.replace("\\<script>", "")
    assert "| VA05 Accompagnement des conseils citoyens | 1 mentionné | 3 engagé | ▲ progrès | 1 | 1 |" in markdown


def test_terminal_text_is_french_and_shows_levels_and_quotes():
    text = render(compare(*audits()), "terminal")
    assert "Score : " in text and "→" in text
    assert "VA05 Accompagnement des conseils citoyens : 1 mentionné → 3 engagé" in text
    assert "+ p. 10 « Le conseil citoyen <script>" in text  # plain text, shown as written
    assert "− p. 8 « Les conseils citoyens seront associés. »" in text
    assert "▼ recul" in text


def test_cli_compares_two_stored_audits_as_json(tmp_path):
    old, new = audits()
    result = cli(write(tmp_path, "ancien.json", old), write(tmp_path, "nouveau.json", new), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    va05 = next(c for c in data["criteria"] if c["id"] == "VA05")
    assert (va05["level_before"], va05["level_after"]) == (1, 3)
    assert data["score_delta"] == round(new.score - old.score, 1)
    assert data["before"]["document"]["path"] == "v1.pdf"


def test_cli_writes_html_and_applies_fail_under_to_the_new_score(tmp_path):
    old, new = audits()
    out = tmp_path / "evolution.html"
    a, b = write(tmp_path, "a.json", old), write(tmp_path, "b.json", new)
    result = cli(a, b, "--format", "html", "-o", out, "--fail-under", new.score + 1)
    assert result.returncode == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert cli(a, b, "--fail-under", new.score).returncode == 0


def test_cli_select_restricts_stored_audits(tmp_path):
    old, new = audits()
    result = cli(write(tmp_path, "a.json", old), write(tmp_path, "b.json", new), "-f", "json", "--select", "VA05")
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["criteria"]] == ["VA05"]
    assert data["after"]["score"] == 100.0


def test_cli_rejects_a_json_that_is_not_an_audit(tmp_path):
    bogus = tmp_path / "faux.json"
    bogus.write_text('{"bonjour": 1}', encoding="utf-8")
    old, _ = audits()
    result = cli(bogus, write(tmp_path, "a.json", old))
    assert result.returncode == 2
    assert "faux.json" in result.stderr and "n'est pas un audit contratvie" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_announced_on_stderr_in_one_french_line(tmp_path):
    target = tmp_path / "comparaison.md"
    old, new = audits()  # scores 46,7 and 73,3
    result = cli(write(tmp_path, "v1.json", old), write(tmp_path, "v2.json", new), "-f", "markdown", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and target.read_text(encoding="utf-8").startswith("# Comparaison des audits")
    assert result.stderr == f"Comparaison Markdown écrite dans {target} (score 46,7 → 73,3, +26,6).\n"


def test_piped_terminal_output_is_clean_and_wraps_under_the_quote(tmp_path):
    old, new = audits()
    result = cli(write(tmp_path, "v1.json", old), write(tmp_path, "v2.json", new))
    assert result.returncode == 0, result.stderr
    assert piped_text_problems(result.stdout) == []
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  + p. 10 « Le conseil citoyen"))
    assert lines[first + 1].startswith("    ") and lines[first + 1].strip()  # wrapped under the quote
