"""Benchmark of PDF ingestion on the generated contract (issue 2).

Measured in the same run, each in a fresh subprocess so that memory figures are clean:
- contratvie's PDF ingestion (`contratvie.ingest.load`) in pages per second, best of a few runs,
  on the 120-page contract; target at least 150 pages/s;
- raw pypdfium2 text extraction of the same file (page -> textpage -> text), and the ratio;
- peak memory (max RSS of the process) at 60 and 120 pages: target under 300 MB, and flat as the
  page count grows; the peak of Python allocations (tracemalloc) at both sizes shows the growth.

Usage: python benchmarks/bench_ingest.py [--pages 120] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_PAGES_PER_S = 150
TARGET_PEAK_MB = 300


def child(mode: str, path: str, runs: int) -> dict:
    """Runs inside the subprocess: time `mode` on `path`, report JSON on stdout."""
    if mode == "raw":
        import pypdfium2 as pdfium

        def work() -> int:
            pdf = pdfium.PdfDocument(path)
            count = len(pdf)
            for index in range(count):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            pdf.close()
            return count
    else:
        from contratvie.ingest import load

        def work() -> int:
            return load(path).page_count

    if mode == "memory":
        import tracemalloc

        tracemalloc.start()
        pages = work()
        _, peak = tracemalloc.get_traced_memory()
        return {"pages": pages, "python_peak_mb": peak / 2**20, "rss_mb": _max_rss_mb()}
    work()  # warm-up: imports, font caches
    timings = [_timed(work) for _ in range(runs)]
    return {"pages": work(), "seconds": min(t[0] for t in timings), "cpu_seconds": min(t[1] for t in timings),
            "rss_mb": _max_rss_mb()}


def _timed(work) -> tuple[float, float]:
    """Wall and CPU time: on a shared machine the CPU time says what the code costs."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def _max_rss_mb() -> float:
    """Peak RSS of this process. VmHWM, because ru_maxrss survives exec on Linux and would
    report the parent's peak (the PDF generator's) instead of ours."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure(mode: str, path: Path, runs: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(path), "--runs", str(runs)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"échec de la mesure {mode} : {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description="Vitesse et mémoire de la lecture des PDF.")
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.runs)))
        return 0

    from contract_pdf import make_contract_pdf  # not in the measured children: fpdf2 weighs on RSS

    half = max(args.pages // 2, 1)
    with tempfile.TemporaryDirectory() as tmp:
        big = make_contract_pdf(Path(tmp) / "contrat.pdf", pages=args.pages)
        small = make_contract_pdf(Path(tmp) / "contrat-moitie.pdf", pages=half)
        ours = measure("contratvie", big, args.runs)
        raw = measure("raw", big, args.runs)
        ours_small = measure("contratvie", small, args.runs)
        memory = measure("memory", big, 1)
        memory_small = measure("memory", small, 1)

    speed = ours["pages"] / ours["seconds"]
    raw_speed = raw["pages"] / raw["seconds"]
    cpu_speed = ours["pages"] / ours["cpu_seconds"]
    raw_cpu_speed = raw["pages"] / raw["cpu_seconds"]
    rows = [
        ("Lecture PDF, pages/s (contratvie)", f"{speed:.0f}", f">= {TARGET_PAGES_PER_S}", speed >= TARGET_PAGES_PER_S),
        ("Texte brut pypdfium2, pages/s", f"{raw_speed:.0f}", "", None),
        ("Rapport contratvie / brut", f"{speed / raw_speed:.2f}", "", None),
        ("Lecture PDF, pages/s de temps CPU", f"{cpu_speed:.0f}", "", None),
        ("Texte brut, pages/s de temps CPU", f"{raw_cpu_speed:.0f}", "", None),
        (f"Durée, {ours['pages']} pages", f"{ours['seconds']:.2f} s", "", None),
        (f"Durée, {ours_small['pages']} pages", f"{ours_small['seconds']:.2f} s", "", None),
        (f"Mémoire max (RSS), {ours['pages']} pages", f"{ours['rss_mb']:.0f} Mo", f"< {TARGET_PEAK_MB} Mo", ours["rss_mb"] < TARGET_PEAK_MB),
        (f"Mémoire max (RSS), {ours_small['pages']} pages", f"{ours_small['rss_mb']:.0f} Mo", "", None),
        ("Mémoire max (RSS), texte brut", f"{raw['rss_mb']:.0f} Mo", "", None),
        (f"Allocations Python max, {memory['pages']} pages", f"{memory['python_peak_mb']:.1f} Mo", "", None),
        (f"Allocations Python max, {memory_small['pages']} pages", f"{memory_small['python_peak_mb']:.1f} Mo", "", None),
    ]
    growth = ours["rss_mb"] - ours_small["rss_mb"]
    rows.append(("Croissance RSS pour 2x pages", f"{growth:+.0f} Mo", "plate (< 30 Mo)", growth < 30))
    width = max(len(r[0]) for r in rows) + 2
    print(f"Lecture des PDF — contrat généré de {args.pages} pages (meilleur de {args.runs} essais)")
    for label, value, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  HORS CIBLE")
        print(f"  {label:<{width}}{value:>10}  {target}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
