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


def piped_text_problems(text: str, width: int = 80) -> list[str]:
    """What keeps `text` from reading well in a pipe or a file: ANSI codes, trailing spaces,
    lines wider than `width`. Empty when clean."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if "\x1b" in line:
            problems.append(f"ligne {number} : code ANSI")
        if line != line.rstrip():
            problems.append(f"ligne {number} : espaces en fin de ligne")
        if len(line) > width:
            problems.append(f"ligne {number} : {len(line)} colonnes")
    return problems
