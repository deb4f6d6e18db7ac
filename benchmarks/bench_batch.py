"""Benchmark of `contratvie batch`: 40 generated contracts of about 100 pages each.

Targets on a 2-core machine: the batch in at most 90 s, the cached rerun in at most 5 s, peak
memory per worker under 500 MB. Prints pages per second and the speed-up of --jobs 2 over
--jobs 1, both measured in this run (on a subset, see SPEEDUP_FILES, to keep the run short).

The PDFs are generated once into benchmarks/_work/batch/ (ignored by git) and reused.
Usage: .venv/bin/python benchmarks/bench_batch.py [--files 40] [--pages 100]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.contract_pdf import make_contract_pdf  # noqa: E402

WORK = ROOT / "benchmarks" / "_work" / "batch"
CONTRATVIE = [sys.executable, "-m", "contratvie"]
TARGET_BATCH_S, TARGET_CACHED_S, TARGET_WORKER_MB = 90.0, 5.0, 500.0
SPEEDUP_FILES = 20


def _make(args: tuple[str, int, int]) -> str:
    path, pages, seed = args
    make_contract_pdf(path, pages=pages, seed=seed)
    return path


def corpus(files: int, pages: int) -> Path:
    """The generated contracts, made once (in parallel) and reused by later runs."""
    # Keyed by the generator's source: a changed generator makes a new set.
    digest = hashlib.sha256((ROOT / "benchmarks" / "contract_pdf.py").read_bytes()).hexdigest()[:8]
    folder = WORK / f"contrats-{files}x{pages}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    todo = [(str(folder / f"contrat-{i:02d}.pdf"), pages, i) for i in range(files)
            if not (folder / f"contrat-{i:02d}.pdf").exists()]
    if todo:
        started = time.perf_counter()
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(_make, todo))
        print(f"génération de {len(todo)} PDF : {time.perf_counter() - started:.1f} s")
    return folder


def run_batch(inputs: list[Path], outdir: Path, *extra: str) -> tuple[float, dict]:
    """Wall time of one `contratvie batch` command, and its synthese.json summary."""
    started = time.perf_counter()
    done = subprocess.run([*CONTRATVIE, "batch", *map(str, inputs), "-o", str(outdir), *extra],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 2):
        sys.exit(f"contratvie batch a échoué (code {done.returncode}) :\n{done.stderr[-2000:]}")
    summary = json.loads((outdir / "synthese.json").read_text(encoding="utf-8"))["summary"]
    return wall, summary


def verdict(ok: bool) -> str:
    return "OK" if ok else "HORS CIBLE"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    folder = corpus(args.files, args.pages)
    # Other work on the machine skews every figure, the jobs speed-up first: say how busy it was.
    print(f"charge de la machine au départ : {os.getloadavg()[0]:.1f} ({os.cpu_count()} cœurs)")
    out = WORK / "sortie"
    shutil.rmtree(out, ignore_errors=True)

    wall, first = run_batch([folder], out, "--jobs", str(args.jobs))
    pages = first["pages_read"]
    print(f"batch de {first['files']} contrats ({pages} pages), --jobs {args.jobs} : {wall:.1f} s, "
          f"{pages / wall:.1f} pages/s, {first['failed']} échec(s)  "
          f"[cible ≤ {TARGET_BATCH_S:g} s : {verdict(wall <= TARGET_BATCH_S)}]")
    print(f"mémoire maximale d'un processus d'audit : {first['worker_peak_mb']:.0f} Mo  "
          f"[cible < {TARGET_WORKER_MB:g} Mo : {verdict(first['worker_peak_mb'] < TARGET_WORKER_MB)}]")

    wall_cached, cached = run_batch([folder], out, "--jobs", str(args.jobs))
    print(f"relance en cache : {wall_cached:.1f} s ({cached['cached']} repris du cache, "
          f"{cached['audited']} réaudité(s))  [cible ≤ {TARGET_CACHED_S:g} s : "
          f"{verdict(wall_cached <= TARGET_CACHED_S and cached['audited'] == 0)}]")

    subset = sorted(folder.glob("*.pdf"))[:SPEEDUP_FILES]
    timings = {}
    for jobs in (1, 2):
        target = WORK / f"sortie-jobs{jobs}"
        shutil.rmtree(target, ignore_errors=True)
        timings[jobs], summary = run_batch(subset, target, "--jobs", str(jobs), "--no-cache")
        print(f"--jobs {jobs} sur {len(subset)} contrats ({summary['pages_read']} pages) : "
              f"{timings[jobs]:.1f} s, {summary['pages_read'] / timings[jobs]:.1f} pages/s")
    print(f"charge de la machine à la fin : {os.getloadavg()[0]:.1f}")
    print(f"accélération --jobs 2 / --jobs 1 (sous-ensemble de {len(subset)} contrats, "
          f"même exécution) : × {timings[1] / timings[2]:.2f}")


if __name__ == "__main__":
    main()
