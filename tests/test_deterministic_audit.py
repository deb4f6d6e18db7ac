"""The same contract always gives the same audit, whatever the process's string hashing: a
consultant comparing two runs, and the batch cache, rely on it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def audit_json(pdf: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "contratvie", "audit", str(pdf), "--format", "json"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("name", ["contrat-ville-exemple.pdf", "blind5-perr-2019-coeur-de-brevanne.pdf"])
def test_audit_does_not_depend_on_hash_seed(name):
    pdf = SAMPLES / name
    assert audit_json(pdf, "1") == audit_json(pdf, "2")
