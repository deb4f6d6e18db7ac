"""Benchmark of the rule engine on the 120-page generated contract.

Prints, measured in the same run:
- rule evaluation after start-up (document already ingested, rules loaded, model warm): target
  at most 1.5 s;
- the whole `contratvie audit FILE --format json` in a fresh process, start-up included (cold
  lemma cache excluded: the cache is warmed first, as after any first audit): target at most 3 s;
- a naive baseline: pdfplumber extract_text on every page, then the full fr_core_news_sm
  pipeline over every page.

Usage: python benchmarks/bench_audit.py [--pages 120] [--no-baseline]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from contract_pdf import make_contract_pdf  # noqa: E402

TARGET_EVAL = 1.5
TARGET_AUDIT = 3.0


def run_cli(pdf: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from contratvie.cli import main; main()", "audit", str(pdf),
                           "--format", "json", "-o", str(pdf.with_suffix(".json"))],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"audit failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def bench_evaluation(pdf: Path) -> tuple[float, float, object]:
    from contratvie import ingest
    from contratvie.engine import evaluate, load_rules
    from contratvie.engine.compiled import compile_ruleset
    from contratvie.engine.nlp import morphologizer

    start = time.perf_counter()
    ruleset = load_rules()
    compile_ruleset(ruleset)
    morphologizer()
    startup = time.perf_counter() - start
    document = ingest.load(pdf)
    best = float("inf")
    for _ in range(3):
        ruleset._compiled = compile_ruleset(ruleset)  # compiled once per process, as in a batch
        start = time.perf_counter()
        audit = evaluate(document, ruleset)
        best = min(best, time.perf_counter() - start)
    return startup, best, audit


def baseline(pdf: Path) -> float:
    import pdfplumber
    import spacy

    start = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    with pdfplumber.open(pdf) as handle:
        texts = []
        for page in handle.pages:
            texts.append(page.extract_text() or "")
            page.close()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_contract_pdf(Path(tmp) / "contrat.pdf", pages=args.pages)
        startup, evaluation, audit = bench_evaluation(pdf)
        run_cli(pdf)  # warms the lemma cache and the OS file cache
        whole = min(run_cli(pdf) for _ in range(2))
        naive = None if args.no_baseline else baseline(pdf)
    evidence = sum(len(c.evidence) for c in audit.criteria)
    levels = " ".join(f"{c.id}={c.level}" for c in audit.criteria)
    print(f"document : {args.pages} pages, score {audit.score}, {evidence} preuves ({levels})")
    print(f"démarrage du moteur (règles, modèle)   : {startup:6.2f} s")
    print(f"évaluation des règles                  : {evaluation:6.2f} s   (cible ≤ {TARGET_EVAL} s)"
          f"  {'OK' if evaluation <= TARGET_EVAL else 'TROP LENT'}")
    print(f"contratvie audit complet (processus)   : {whole:6.2f} s   (cible ≤ {TARGET_AUDIT} s)"
          f"  {'OK' if whole <= TARGET_AUDIT else 'TROP LENT'}")
    if naive is not None:
        print(f"référence naïve (pdfplumber + spaCy)   : {naive:6.2f} s   "
              f"(audit complet {naive / whole:.1f}× plus rapide)")


if __name__ == "__main__":
    main()
