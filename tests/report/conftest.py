"""Fixtures of the report tests: see report_fixtures.py."""

from __future__ import annotations

import pytest

from contratvie.audit import Audit
from report_fixtures import CRITERIA, make_audit


@pytest.fixture
def audit() -> Audit:
    return make_audit()


@pytest.fixture
def clean_audit() -> Audit:
    """Every criterion engaged, every page readable: no gap, no warning."""
    return make_audit(levels={c[0]: 3 for c in CRITERIA}, unreadable_pages=[])
