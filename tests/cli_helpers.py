"""Running contratvie as a user does: a child process, its exit code, stdout and stderr."""

from __future__ import annotations

import os
import subprocess
import sys


def contratvie(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`contratvie ARGS...` in a child process; `env` adds to the current environment."""
    return subprocess.run(
        [sys.executable, "-m", "contratvie", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )


def run_main(capsys, monkeypatch, *args) -> tuple[int, str, str]:
    """The real entry point in this process (faster: the spaCy model loads once per test file).
    Returns the exit code, stdout and stderr."""
    from contratvie import cli

    monkeypatch.setattr(sys, "argv", ["contratvie", *map(str, args)])
    code = 0
    try:
        cli.main()
    except SystemExit as exit:
        code = exit.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err
