"""The JSON report follows the contract of shared/design/REPORT.md, checked by its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from contratvie.report import json_report, render


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(json_report.schema()).validate(data)


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(json_report.schema())


def test_report_validates_and_round_trips(audit):
    text = render(audit, "json")
    data = json.loads(text)
    validate(data)
    assert data["schema_version"] == "1"
    assert data["score"] == audit.score
    assert [c["id"] for c in data["criteria"]] == [f"VA0{i}" for i in range(1, 9)]
    assert [g["id"] for g in data["gaps"]] == ["VA02", "VA07", "VA05", "VA08", "VA04", "VA01"]
    assert data["document"]["unreadable_pages"] == [12, 13, 14, 80]


def test_non_ascii_kept_and_indented(audit):
    text = render(audit, "json")
    assert "Opérateurs associatifs" in text and "\\u00e9" not in text
    assert text.startswith('{\n  "schema_version": "1",')


def test_document_text_is_kept_verbatim_in_json(audit):
    data = json.loads(render(audit, "json"))
    texts = [e["text"] for c in data["criteria"] for e in c["evidence"]]
    assert any("<script>alert(1)</script>" in t for t in texts)


@pytest.mark.parametrize("path, value", [
    (("criteria", 0, "level_label"), "engagé"),  # does not match level 2
    (("criteria", 0, "level"), 4),
    (("criteria", 0, "evidence", 0, "kind"), "paragraph"),
    (("criteria", 0, "evidence", 0, "qualifiers"), ["négation"]),
    (("criteria", 0, "evidence", 0, "markers"), ["budget"]),
    (("document", "sha256"), "xyz"),
    (("score", ), 101),
    (("gaps", 0, "level"), 3),
])
def test_schema_rejects_what_breaks_the_contract(audit, path, value):
    data = json.loads(render(audit, "json"))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_schema_rejects_a_renamed_field(audit):
    data = json.loads(render(audit, "json"))
    data["criteria"][0]["evidence"][0]["quote"] = data["criteria"][0]["evidence"][0].pop("text")
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_schema_accepts_added_fields(audit):
    data = json.loads(render(audit, "json"))
    data["criteria"][0]["note"] = "ajout"
    validate(data)
