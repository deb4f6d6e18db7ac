"""Audits already made, keyed by what decides their content: the file's bytes, the rules and
the options. Rerunning a batch on an unchanged set reads them instead of auditing again.

The password is not part of the key: it only unlocks the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from contratvie import __version__
from contratvie.audit import SCHEMA_VERSION, Audit
from contratvie.report.files import write_atomic


def rules_fingerprint(ruleset) -> str:
    """The rules version plus the loaded rules themselves: a user's edited rule file changes it."""
    digest = hashlib.sha256(ruleset.version.encode())
    for rule in ruleset.rules:
        digest.update(rule.model_dump_json().encode())
    return digest.hexdigest()


def cache_key(file_sha256: str, rules_print: str, ocr: bool) -> str:
    parts = {"file": file_sha256, "rules": rules_print, "ocr": ocr,
             "tool": __version__, "schema": SCHEMA_VERSION}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class AuditCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Audit | None:
        path = self._path(key)
        try:
            return Audit.model_validate_json(path.read_bytes())
        except (OSError, ValueError, ValidationError):  # absent or damaged: audit again
            return None

    def put(self, key: str, audit_json: str) -> None:
        write_atomic(self._path(key), audit_json)
