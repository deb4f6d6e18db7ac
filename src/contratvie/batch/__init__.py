"""Batch audits: every contract of a territory at once, in parallel, isolated, cached.

`run_batch` audits the files and folders given, in worker processes that each load the rules
once (pool.py kills and replaces a worker past its time limit), writes one JSON and one HTML
report per contract into OUTDIR/rapports/, and the synthesis (synthese.csv, .xlsx, .html,
.json) into OUTDIR, even when some files failed or the user pressed Ctrl-C.
"""

from __future__ import annotations

import os
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from contratvie.batch.cache import AuditCache, cache_key, rules_fingerprint
from contratvie.batch.inputs import collect_inputs, report_names
from contratvie.batch.model import AUDITED, FAILED, NOT_DONE, ContractRow, CriterionInfo, fill_row
from contratvie.batch.pool import IsolatedPool, Outcome
from contratvie.batch.progress import BatchProgress
from contratvie.batch.worker import REPORTS_DIR, Settings, Task, audit_task, init, write_reports
from contratvie.errors import ContratvieError, os_reason
from contratvie.ingest import SUPPORTED, file_sha256
from contratvie.text import strip_controls

CACHE_DIR = ".cache"
INTERRUPTED = "interrompu avant d'être audité"
NBSP = "\u00a0"


@dataclass
class BatchResult:
    outdir: Path
    rows: list[ContractRow]
    criteria: list[CriterionInfo]
    audited: int = 0  # audited in this run
    cached: int = 0  # read from the cache
    seconds: float = 0.0
    worker_peak_mb: float = 0.0
    interrupted: bool = False
    jobs: int = 1
    timeout: float = 120.0
    outputs: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[ContractRow]:
        return [r for r in self.rows if r.status != AUDITED]

    @property
    def pages(self) -> int:
        return sum(r.pages or 0 for r in self.rows if r.status == AUDITED and not r.cached)

    def below(self, threshold: float) -> list[ContractRow]:
        return [r for r in self.rows if r.score is not None and r.score < threshold]


def run_batch(paths: list[Path], outdir: Path, *, jobs: int | None = None, timeout: float = 120.0,
              rules_dir: Path | None = None, select: list[str] | None = None,
              ignore: list[str] | None = None, password: str | None = None, ocr: bool = False,
              use_cache: bool = True, console: Console | None = None) -> BatchResult:
    """Audit every file; never stops on one file's failure. Ctrl-C ends early, keeping results."""
    from contratvie import engine

    if timeout <= 0:
        raise ContratvieError("--timeout doit être un nombre de secondes positif.")
    outdir = Path(outdir)
    ruleset = engine.load_rules(rules_dir, select=select, ignore=ignore)  # bad rules: exit 2 now
    files = collect_inputs(list(paths), skip=outdir)
    if not files:
        raise ContratvieError(
            f"aucun fichier à auditer dans {', '.join(map(str, paths))} "
            f"(formats acceptés : {', '.join(SUPPORTED)})."
        )
    if ocr and any(f.suffix.lower() == ".pdf" for f in files):
        from contratvie.ingest.ocr import check_available

        check_available()  # a missing Tesseract: one error now, not one failure per scanned PDF
    _prepare_outdir(outdir)
    started = time.perf_counter()
    rows = [ContractRow(path=str(f), name=n) for f, n in zip(files, report_names(files))]
    result = BatchResult(outdir=outdir, rows=rows, criteria=_criteria_of(ruleset),
                         jobs=max(1, jobs or os.cpu_count() or 1), timeout=timeout)
    # --no-cache skips reading the cache; what is audited still refreshes it.
    cache_dir = outdir / CACHE_DIR / "audits"
    fingerprint = rules_fingerprint(ruleset)
    settings = Settings(outdir, rules_dir, select, ignore, password, ocr, cache_dir)
    fatal = None
    with BatchProgress(console, total=len(rows)) as progress:
        try:
            tasks = _read_cache(result, fingerprint, ocr, cache_dir if use_cache else None, progress)
            _run_tasks(tasks, result, settings, progress)
        except KeyboardInterrupt:
            result.interrupted = True
        except ContratvieError as error:  # e.g. no worker could start: keep what is finished
            fatal = error
    _settle_unfinished(rows, outdir)
    result.seconds = time.perf_counter() - started
    from contratvie.report import synthese

    result.outputs = synthese.write_all(result)
    if fatal is not None:
        raise fatal
    return result


def _settle_unfinished(rows: list[ContractRow], outdir: Path) -> None:
    """Say why a row was never audited; remove the reports an earlier run left for a failed one
    (they would contradict its row)."""
    for row in rows:
        if row.status == NOT_DONE:
            row.error = INTERRUPTED
        elif row.status == FAILED:
            _drop_reports(outdir, row.name)


def _drop_reports(outdir: Path, name: str) -> None:
    for suffix in (".json", ".html"):
        (outdir / REPORTS_DIR / f"{name}{suffix}").unlink(missing_ok=True)


def _read_cache(result: BatchResult, fingerprint: str, ocr: bool, cache_dir: Path | None,
                progress) -> list[Task]:
    """Fill the rows the cache knows; return the tasks left for the workers."""
    tasks = []
    for index, row in enumerate(result.rows):
        key = _key_of(row, fingerprint, ocr)
        if key is None:
            progress.advance(row)
        elif cache_dir is not None and _from_cache(row, key, cache_dir, result.outdir):
            result.cached += 1
            progress.advance(row)
        else:
            tasks.append(Task(index, row.path, row.name, key))
    return tasks


def _run_tasks(tasks: list[Task], result: BatchResult, settings: Settings, progress) -> None:
    if not tasks:
        return
    jobs = min(result.jobs, len(tasks))
    with IsolatedPool(audit_task, jobs, result.timeout, initializer=init, initargs=(settings,)) as pool:
        try:
            for outcome in pool.run(tasks):
                progress.advance(_apply(outcome, result))
        except KeyboardInterrupt:
            for outcome in pool.drain():
                progress.advance(_apply(outcome, result))
            raise


def _apply(outcome: Outcome, result: BatchResult) -> ContractRow:
    task: Task = outcome.task
    if outcome.ok:
        row: ContractRow = outcome.value["row"]
        result.rows[task.index] = row
        result.worker_peak_mb = max(result.worker_peak_mb, outcome.value["peak_mb"])
        if row.status == AUDITED:
            result.audited += 1
        return row
    row = result.rows[task.index]
    row.status, row.error, row.seconds = FAILED, outcome.reason, outcome.seconds
    return row


def _key_of(row: ContractRow, fingerprint: str, ocr: bool) -> str | None:
    """The cache key of the file's bytes; None (and a failed row) when it cannot be read."""
    try:
        return cache_key(file_sha256(Path(row.path)), fingerprint, ocr)
    except IsADirectoryError:
        row.status, row.error = FAILED, "c'est un dossier, pas un fichier."
    except OSError as error:
        row.status, row.error = FAILED, f"fichier illisible ({os_reason(error)})."
    return None


def _from_cache(row: ContractRow, key: str, cache_dir: Path, outdir: Path) -> bool:
    """Fill the row from a cached audit; rewrite its reports only when they are out of date."""
    audit = AuditCache(cache_dir).get(key)
    if audit is None:
        return False
    audit.document.path = row.path  # the same bytes may have been audited under another name
    json_report = outdir / REPORTS_DIR / f"{row.name}.json"
    html_report = json_report.with_suffix(".html")
    from contratvie import report

    fresh = report.render(audit, "json")
    try:
        current = json_report.read_text(encoding="utf-8")
    except OSError:
        current = None
    if current != fresh or not html_report.exists():
        write_reports(audit, outdir, row.name)
    fill_row(row, audit)
    row.cached = True
    return True


def _criteria_of(ruleset) -> list[CriterionInfo]:
    infos = [CriterionInfo(r.id, r.title, r.weight) for r in ruleset.rules]
    return sorted(infos, key=lambda c: c.id)


def _prepare_outdir(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise ContratvieError(f"{outdir} : ce n'est pas un dossier ; indiquez un dossier de sortie avec -o.")
    try:
        (outdir / REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ContratvieError(f"{outdir} : impossible de créer le dossier de sortie ({os_reason(error)}).") from None


def print_summary(result: BatchResult, console: Console, fail_under: float | None = None) -> None:
    """The French summary on stderr: counts, speed, where the synthesis is, every failure. Piped
    (a log), plain text at 80 columns without trailing spaces, as the audit report."""
    from rich.text import Text

    from contratvie.report.common import number
    from contratvie.report.terminal import print_parts

    parts = []

    def say(text: str, style: str = "", whole: str = "") -> None:
        """Wrapped at the console's width, the next lines indented. `whole` (a label and a file
        path) starts the first line and is never cut, to be copied or searched for. No escape
        sequences; no line starts with a colon (no-break spaces hold the parts during the wrap)."""
        text = (strip_controls(whole).replace(" ", NBSP) + " " if whole else "") + strip_controls(text)
        lines = textwrap.wrap(text.replace(" :", NBSP + ":"), width=console.width, subsequent_indent="  ",
                              break_long_words=False, break_on_hyphens=False)
        parts.extend(Text(line.replace(NBSP, " "), style=style) for line in lines)

    total, failed = len(result.rows), result.failed
    say(f"{total} contrat(s) : {result.audited} audité(s), {result.cached} repris du cache, "
        f"{len(failed)} en échec ou non traité(s).")
    if result.pages and result.seconds > 0:
        say(f"{result.pages} pages lues en {number(result.seconds)} s "
            f"({number(result.pages / result.seconds)} pages/s, {result.jobs} processus).")
    say("(et synthese.csv, synthese.xlsx).", whole=f"Synthèse : {result.outdir / 'synthese.html'}")
    if result.interrupted:
        say("Interrompu : la synthèse ne contient que les contrats terminés.", "yellow")
    for row in failed:
        if row.status != NOT_DONE:
            say(row.error, "red", whole=f"Échec : {row.path} :")
    not_done = sum(1 for row in failed if row.status == NOT_DONE)
    if not_done:
        say(f"{not_done} fichier(s) non traité(s) : relancez la même commande pour les auditer "
            f"(les contrats déjà audités seront repris du cache).", "yellow")
    if fail_under is not None:
        for row in result.below(fail_under):
            say(f"score {number(row.score)}", "yellow", whole=f"Sous le seuil ({fail_under:g}) : {row.path} :")
    print_parts(parts, console, soft_wrap=True)  # already wrapped
