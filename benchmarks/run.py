"""Run every benchmarks/bench_*.py in order, then accuracy.py, each in its own process (`make bench`).

Usage: python benchmarks/run.py [NAME ...]   e.g. `run.py ingest audit` runs bench_ingest.py and
bench_audit.py only; `run.py accuracy` measures the grades against the samples' gold annotations.
Exits non-zero when a benchmark fails to run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def name_of(script: Path) -> str:
    return script.stem.removeprefix("bench_")


def selected(names: list[str]) -> list[Path]:
    scripts = sorted(HERE.glob("bench_*.py")) + [HERE / "accuracy.py"]
    if not names:
        return scripts
    wanted = {n.removeprefix("bench_").removesuffix(".py") for n in names}
    unknown = wanted - {name_of(s) for s in scripts}
    if unknown:
        known = ", ".join(name_of(s) for s in scripts)
        raise SystemExit(f"benchmark inconnu : {', '.join(sorted(unknown))} (disponibles : {known})")
    return [s for s in scripts if name_of(s) in wanted]


def main(argv: list[str]) -> int:
    failures = []
    for script in selected(argv):
        print(f"\n### {script.name}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"### {script.name} : {time.perf_counter() - start:.1f} s, code {done.returncode}", flush=True)
        if done.returncode != 0:
            failures.append(script.name)
    if failures:
        print(f"\nÉchecs : {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
