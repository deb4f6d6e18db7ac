from pathlib import Path

import pytest

from contratvie.engine import load_rules

FIXTURE_RULES = Path(__file__).parent / "fixtures" / "rules"


@pytest.fixture(scope="session")
def ruleset():
    return load_rules(FIXTURE_RULES)
