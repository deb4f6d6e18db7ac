"""The JSON report: the Audit exactly as shared/design/REPORT.md defines it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from contratvie.audit import Audit


def render(audit: Audit) -> str:
    """Indented, non-ASCII characters kept as they are (pydantic writes UTF-8)."""
    return audit.model_dump_json(indent=2) + "\n"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of the report (audit.schema.json, beside this module)."""
    text = resources.files("contratvie.report").joinpath("audit.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
