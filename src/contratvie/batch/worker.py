"""What runs inside a batch worker process: load the rules once, then audit file after file.

Each worker writes its contracts' reports itself (in parallel) and stores their audit in the
cache; the parent only receives a small row per contract.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

from contratvie.audit import Audit
from contratvie.batch.cache import AuditCache
from contratvie.batch.model import FAILED, ContractRow, fill_row
from contratvie.errors import ContratvieError, InputError
from contratvie.report.files import write_atomic

# TEST-ONLY hook: a worker asked to audit a file with this name sleeps instead, so that the
# tests can check that the batch kills a hung worker and goes on. Never set it otherwise.
HANG_HOOK = "CONTRATVIE_TEST_HANG_ON"

REPORTS_DIR = "rapports"


@dataclass
class Task:
    index: int
    path: str
    name: str
    cache_key: str | None


@dataclass
class Settings:
    outdir: Path
    rules_dir: Path | None
    select: list[str] | None
    ignore: list[str] | None
    password: str | None
    ocr: bool
    cache_dir: Path | None


_state: dict = {}


def init(settings: Settings) -> None:
    from contratvie import engine

    _state["settings"] = settings
    _state["ruleset"] = engine.load_rules(settings.rules_dir, select=settings.select, ignore=settings.ignore)
    warm_up(_state["ruleset"])


# Candidate words of every criterion, so that the engine loads all it loads lazily (spaCy).
WARM_UP_TEXT = (
    "La vie associative est soutenue : chaque conseil citoyen est accompagné par le centre social "
    "avec un budget de 5 000 € par an ; le fonds de participation des habitants finance des "
    "micro-projets ; les associations reçoivent une aide au montage des dossiers de subvention ; "
    "le PIVA et les têtes de réseau coordonnent les acteurs au comité de pilotage."
)


def warm_up(ruleset) -> None:
    """Audit one sentence at start-up: the model loads before the first file's clock starts,
    so a file's time limit measures the file, not the worker's start-up."""
    from contratvie import engine
    from contratvie.document import Block, Document, Page

    page = Page(number=1, blocks=[Block(text=WARM_UP_TEXT)])
    engine.evaluate(Document(path="démarrage", format="txt", sha256="", pages=[page]), ruleset)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def audit_task(task: Task) -> dict:
    """Audit one file; an error a user can act on becomes a failed row, not an exception."""
    from contratvie import engine, ingest

    settings: Settings = _state["settings"]
    started = time.perf_counter()
    row = ContractRow(path=task.path, name=task.name)
    if os.environ.get(HANG_HOOK) and Path(task.path).name == os.environ[HANG_HOOK]:
        time.sleep(24 * 3600)
    try:
        document = ingest.load(task.path, password=settings.password, ocr=settings.ocr)
        audit = engine.evaluate(document, _state["ruleset"])
        write_reports(audit, settings.outdir, task.name, settings.cache_dir, task.cache_key)
        fill_row(row, audit)
    except InputError as error:
        row.status, row.error = FAILED, error.problem
    except ContratvieError as error:
        row.status, row.error = FAILED, error.message
    row.seconds = time.perf_counter() - started
    return {"row": row, "peak_mb": peak_memory_mb()}


def write_reports(audit: Audit, outdir: Path, name: str, cache_dir: Path | None = None,
                  cache_key: str | None = None) -> None:
    """JSON and HTML report of one contract, written atomically; the audit goes to the cache."""
    from contratvie import report

    write_atomic(outdir / REPORTS_DIR / f"{name}.json", report.render(audit, "json"))
    write_atomic(outdir / REPORTS_DIR / f"{name}.html", report.render(audit, "html"))
    if cache_dir is not None and cache_key:
        AuditCache(cache_dir).put(cache_key, audit.model_dump_json())
